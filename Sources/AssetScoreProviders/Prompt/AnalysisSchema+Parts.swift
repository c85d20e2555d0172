import AssetScoreCore
import AssetScoreIngest
import Foundation

extension AnalysisSchema {
    static func object(_ properties: [(String, JSONValue)]) -> JSONValue {
        .object([
            ("type", .string("object")), ("properties", .object(properties)),
            ("required", .array(properties.map { .string($0.0) })), ("additionalProperties", .bool(false)),
        ])
    }

    static func string(enum values: [String]? = nil) -> JSONValue {
        guard let values else { return .object([("type", .string("string"))]) }
        return .object([("type", .string("string")), ("enum", .array(values.map { .string($0) }))])
    }

    static let number: JSONValue = .object([("type", .string("number"))])

    static func array(_ items: JSONValue) -> JSONValue { .object([("type", .string("array")), ("items", items)]) }

    /// One claim about the image: a label, how sure, why, and where.
    static func claim(labels: [String]?) -> JSONValue {
        object([
            ("label", string(enum: labels)), ("confidence", number), ("evidence", string()), ("region", string(enum: regions)),
        ])
    }

    static func root(facetProperties: [(String, JSONValue)], colorEnum: [String]?) -> JSONValue {
        object([
            ("description", string()),
            (
                "dominant_colors",
                array(object([("hex", string()), ("share", number), ("name", string(enum: colorEnum)), ("confidence", number)]))
            ),
            (
                "text_density",
                object([
                    ("value", string(enum: textDensities)), ("coverage", number), ("words_read", array(string())), ("confidence", number),
                ])
            ),
            ("format", object([("value", string(enum: LayoutClass.allTagTexts)), ("confidence", number)])),
            ("sentiment", object([("value", string(enum: sentiments)), ("confidence", number), ("evidence", string())])),
            ("facets", object(facetProperties)),
            ("new_tags", array(object([("facet", string()), ("text", string()), ("confidence", number), ("evidence", string())]))),
        ])
    }
}
