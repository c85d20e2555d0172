import Foundation

/// Parses attribute values and weights as they appear in user and persona files.
enum AttributeValueParser {
    /// A problem at a path relative to the value being parsed ("" for the value itself).
    struct Problem: Error {
        var path: String
        var message: String
    }

    /// The weights an attribute may have: -1 (strong dislike) ... 0 (indifferent) ... 1 (strong
    /// liking), the same range `decide --attr` and the console's simulator take.
    static let weightRange: ClosedRange<Double> = -1...1

    static func checkWeight(_ w: Double) -> String? {
        guard w.isFinite else { return "weight must be a number between -1 and 1" }
        return weightRange.contains(w) ? nil : "weight \(JSONValue.numberText(w)) is outside -1...1"
    }

    /// A weight written in a text cell; empty means 1.
    static func weight(text: String) -> Result<Double, Problem> {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .success(1) }
        guard let w = Double(t) else {
            return .failure(Problem(path: "", message: "weight \"\(t)\" is not a number"))
        }
        if let message = checkWeight(w) { return .failure(Problem(path: "", message: message)) }
        return .success(w)
    }

    /// Splits a wide-CSV cell: items separated by `|`, each `value` or `value:weight`.
    ///
    /// The part after the last `:` is a weight only when it is a number, so values such as
    /// "tone:warm" stay whole.
    static func cellItems(_ cell: String) -> Result<[(value: String, weight: Double)], Problem> {
        var out: [(String, Double)] = []
        for raw in cell.split(separator: "|", omittingEmptySubsequences: false) {
            var item = raw.trimmingCharacters(in: .whitespaces)
            if item.isEmpty { continue }
            var w = 1.0
            if let colon = item.lastIndex(of: ":"),
                let parsed = Double(item[item.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            {
                if let message = checkWeight(parsed) {
                    return .failure(Problem(path: "", message: "\"\(item)\": \(message)"))
                }
                w = parsed
                item = item[..<colon].trimmingCharacters(in: .whitespaces)
                if item.isEmpty { return .failure(Problem(path: "", message: "\"\(raw)\" has a weight but no value")) }
            }
            out.append((item, w))
        }
        return .success(out)
    }

    /// The values of one facet in JSON: `"warm"`, `["warm", "cosy"]`, `{"value": "warm",
    /// "weight": 0.8}` or an array mixing strings and such objects.
    ///
    /// Returns nil for any other shape (the caller decides whether that is an error or a skip);
    /// throws `Problem` for a supported shape holding a bad weight.
    static func values(from json: JSONValue) throws -> [(value: String, weight: Double)]? {
        switch json {
        case .string(let s):
            return [(s.trimmingCharacters(in: .whitespaces), 1)]
        case .object:
            return try weightedValue(json, path: "").map { [$0] }
        case .array(let items):
            var out: [(String, Double)] = []
            for (i, item) in items.enumerated() {
                switch item {
                case .string(let s): out.append((s.trimmingCharacters(in: .whitespaces), 1))
                case .object:
                    guard let v = try weightedValue(item, path: "[\(i)]") else { return nil }
                    out.append(v)
                default: return nil
                }
            }
            return out
        default:
            return nil
        }
    }

    private static func weightedValue(_ json: JSONValue, path: String) throws -> (String, Double)? {
        guard let members = json.members, members.allSatisfy({ $0.0 == "value" || $0.0 == "weight" }),
            case .string(let value)? = json["value"]
        else { return nil }
        switch json["weight"] {
        case nil, .null?:
            return (value.trimmingCharacters(in: .whitespaces), 1)
        case .number(let w)?:
            if let message = checkWeight(w) { throw Problem(path: path + ".weight", message: message) }
            return (value.trimmingCharacters(in: .whitespaces), w)
        case let other?:
            throw Problem(path: path + ".weight", message: "expected a number, found \(other.kindName)")
        }
    }

    /// A user or persona id: a non-empty string, or a whole number (CRMs often use numeric ids).
    static func identifier(_ json: JSONValue?) -> String? {
        switch json {
        case .string(let s)?:
            let t = s.trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? nil : t
        case .number(let n)? where n == n.rounded() && abs(n) < 1e15:
            return String(Int64(n))
        default:
            return nil
        }
    }
}
