import Foundation

extension AttributeValueParser {
    /// Attributes of a JSON user or persona, in either form:
    /// `[{"facet": "tone", "value": "warm", "weight": 0.8}]` or
    /// `{"tone": ["warm"], "theme": "travel", "color": {"value": "red", "weight": 0.5}}`.
    ///
    /// Facets that `canonical` rejects are returned separately (by name as written) so the
    /// caller can count them; every other problem throws with its path below `path`.
    static func attributes(
        _ json: JSONValue, path: String, canonical: (String) -> String?
    ) throws -> (attributes: [UserAttribute], unknownFacets: [String]) {
        var out: [UserAttribute] = []
        var unknown: [String] = []
        switch json {
        case .array(let items):
            for (i, item) in items.enumerated() {
                let itemPath = "\(path)[\(i)]"
                guard let members = item.members else {
                    throw Problem(path: itemPath, message: "expected an object, found \(item.kindName)")
                }
                if let bad = members.first(where: { !["facet", "value", "weight"].contains($0.0) }) {
                    throw Problem(path: "\(itemPath).\(bad.0)", message: "unknown key (allowed: facet, value, weight)")
                }
                guard case .string(let facetName)? = item["facet"], !facetName.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw Problem(path: "\(itemPath).facet", message: "is required and must be a non-empty string")
                }
                guard case .string(let rawValue)? = item["value"], !rawValue.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw Problem(path: "\(itemPath).value", message: "is required and must be a non-empty string")
                }
                var weight = 1.0
                switch item["weight"] {
                case nil, .null?: break
                case .number(let w)?:
                    if let message = checkWeight(w) { throw Problem(path: "\(itemPath).weight", message: message) }
                    weight = w
                case let other?:
                    throw Problem(path: "\(itemPath).weight", message: "expected a number, found \(other.kindName)")
                }
                guard let facet = canonical(facetName) else {
                    unknown.append(facetName)
                    continue
                }
                out.append(UserAttribute(facet: facet, value: rawValue.trimmingCharacters(in: .whitespaces), weight: weight))
            }
        case .object(let members):
            for (facetName, spec) in members {
                let facetPath = "\(path).\(facetName)"
                let values: [(value: String, weight: Double)]?
                do {
                    values = try self.values(from: spec)
                } catch let problem as Problem {
                    throw Problem(path: facetPath + problem.path, message: problem.message)
                }
                guard let values else {
                    throw Problem(
                        path: facetPath,
                        message: "expected a string, an array of strings or {\"value\": ..., \"weight\": ...}, found \(spec.kindName)")
                }
                if values.contains(where: { $0.value.isEmpty }) {
                    throw Problem(path: facetPath, message: "empty value")
                }
                guard let facet = canonical(facetName) else {
                    unknown.append(contentsOf: Array(repeating: facetName, count: values.count))
                    continue
                }
                out += values.map { UserAttribute(facet: facet, value: $0.value, weight: $0.weight) }
            }
        default:
            throw Problem(path: path, message: "expected an array or an object, found \(json.kindName)")
        }
        return (out, unknown)
    }
}
