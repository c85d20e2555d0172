import AssetScoreCore
import AssetScoreIngest
import Foundation

/// Checks a JSON value against the subset of JSON Schema that `AnalysisSchema` uses: `type`
/// (one or a list), `properties` with `required` and `additionalProperties: false`, `items`
/// and `enum`.
///
/// A provider's strict mode is not trusted: OpenAI-compatible servers and Ollama may ignore
/// the schema, and any server may be replaced by something else. The first violation is
/// reported with its JSON path, e.g. `facets.theme[2].confidence`.
enum SchemaValidator {
    static func validate(_ value: JSONValue, against schema: JSONValue, path: String = "") throws(ProviderFailure) {
        let here = path.isEmpty ? "(root)" : path
        if let type = schema["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            guard allowed.contains(where: { matches(value, type: $0) }) else {
                throw .invalidOutput(field: here, message: "expected \(allowed.joined(separator: " or ")), got \(value.kindName)")
            }
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) {
            throw .invalidOutput(field: here, message: "\(describe(value)) is not one of the offered values")
        }
        if case .object(let members) = value {
            let properties = schema["properties"]?.members ?? []
            let known = Set(properties.map(\.0))
            if schema["additionalProperties"] == .bool(false), let extra = members.first(where: { !known.contains($0.0) }) {
                throw .invalidOutput(field: join(path, extra.0), message: "unexpected key")
            }
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where !members.contains(where: { $0.0 == name }) {
                throw .invalidOutput(field: join(path, name), message: "required key is missing")
            }
            for (name, propertySchema) in properties {
                if let member = members.first(where: { $0.0 == name }) {
                    try validate(member.1, against: propertySchema, path: join(path, name))
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() {
                try validate(item, against: itemSchema, path: "\(path)[\(index)]")
            }
        }
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null): true
        case ("number", .number(let n)): n.isFinite
        case ("integer", .number(let n)): n.isFinite && n == n.rounded()
        default: false
        }
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// A short, terminal-safe rendering of a value for messages.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): "\"\(SafeText.display(s, limit: 60))\""
        default: SafeText.display(value.compact, limit: 60)
        }
    }
}
