import AssetScoreCore
import AssetScoreIngest
import Foundation

/// The model's answer after it passed the schema, with the checks a schema cannot express:
/// numbers within 0...1, hex colours that are colours, tag texts of sane length.
struct ModelAnswer: Sendable {
    struct Claim: Sendable {
        var facet: String
        var label: String
        var confidence: Double
        var evidence: String
        var region: String
    }

    struct Colour: Sendable {
        var hex: String
        var share: Double
        var name: String
        var confidence: Double
    }

    var description: String
    var colours: [Colour] = []
    var textDensity: String
    var textCoverage: Double
    var textConfidence: Double
    var wordsRead: [String]
    var format: String
    var formatConfidence: Double
    var sentiment: String
    var sentimentConfidence: Double
    var sentimentEvidence: String
    var claims: [Claim] = []
    var newTags: [Claim] = []

    static let maxTagLength = 100

    /// Validates `value` against `schema`, then reads it; throws `.invalidOutput` naming the field.
    init(_ value: JSONValue, schema: AnalysisSchema) throws(ProviderFailure) {
        try SchemaValidator.validate(value, against: schema.json)
        let reader = AnswerReader()
        description = reader.string(value["description"])
        for (i, colour) in (value["dominant_colors"]?.arrayValue ?? []).enumerated() {
            let path = "dominant_colors[\(i)]"
            let hexText = reader.string(colour["hex"])
            guard let hex = ColorMetrics.normalisedHex(hexText) else {
                throw .invalidOutput(field: "\(path).hex", message: "\(SchemaValidator.describe(.string(hexText))) is not a #rrggbb colour")
            }
            colours.append(
                Colour(
                    hex: hex, share: try reader.unit(colour["share"], "\(path).share"), name: reader.string(colour["name"]),
                    confidence: try reader.unit(colour["confidence"], "\(path).confidence")))
        }
        let text = value["text_density"]
        textDensity = reader.string(text?["value"])
        textCoverage = try reader.unit(text?["coverage"], "text_density.coverage")
        textConfidence = try reader.unit(text?["confidence"], "text_density.confidence")
        wordsRead = (text?["words_read"]?.arrayValue ?? []).map { reader.string($0) }
        format = reader.string(value["format"]?["value"])
        formatConfidence = try reader.unit(value["format"]?["confidence"], "format.confidence")
        sentiment = reader.string(value["sentiment"]?["value"])
        sentimentConfidence = try reader.unit(value["sentiment"]?["confidence"], "sentiment.confidence")
        sentimentEvidence = reader.string(value["sentiment"]?["evidence"])
        for (facet, list) in value["facets"]?.members ?? [] {
            for (i, item) in (list.arrayValue ?? []).enumerated() {
                let path = "facets.\(facet)[\(i)]"
                claims.append(
                    Claim(
                        facet: facet, label: try reader.tag(item["label"], "\(path).label"),
                        confidence: try reader.unit(item["confidence"], "\(path).confidence"), evidence: reader.string(item["evidence"]),
                        region: reader.string(item["region"])))
            }
        }
        for (i, item) in (value["new_tags"]?.arrayValue ?? []).enumerated() {
            let path = "new_tags[\(i)]"
            newTags.append(
                Claim(
                    facet: reader.string(item["facet"]).trimmingCharacters(in: .whitespaces).lowercased(),
                    label: try reader.tag(item["text"], "\(path).text"), confidence: try reader.unit(item["confidence"], "\(path).confidence"),
                    evidence: reader.string(item["evidence"]), region: ""))
        }
    }
}

/// Reads values the schema already typed; adds the range and length checks.
private struct AnswerReader {
    func string(_ value: JSONValue?) -> String {
        value?.stringValue ?? ""
    }

    func unit(_ value: JSONValue?, _ path: String) throws(ProviderFailure) -> Double {
        guard let number = value?.numberValue, number.isFinite, (0...1).contains(number) else {
            throw .invalidOutput(field: path, message: "expected a number from 0 to 1, got \(value.map(SchemaValidator.describe) ?? "nothing")")
        }
        return number
    }

    func tag(_ value: JSONValue?, _ path: String) throws(ProviderFailure) -> String {
        let text = SafeText.display(string(value)).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= ModelAnswer.maxTagLength else {
            throw .invalidOutput(field: path, message: "a tag must have 1 to \(ModelAnswer.maxTagLength) characters (got \(text.count))")
        }
        return text
    }
}
