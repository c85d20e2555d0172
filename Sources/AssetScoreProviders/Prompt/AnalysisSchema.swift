import AssetScoreCore
import AssetScoreIngest
import Foundation

/// Builds the JSON schema of the model's answer from the dictionary's active labels.
///
/// It stays inside what OpenAI's strict mode accepts: every object lists all of its properties
/// as required and forbids others, and no numeric or length keywords are used (ranges are
/// checked by `ModelAnswer` instead). Facets become properties whose labels are enums, so a
/// model prefers the dictionary's words; strict mode caps the total number and size of enum
/// values, so a vocabulary past the budget leaves the remaining facets as free text.
public struct AnalysisSchema: Sendable {
    /// The schema as sent (and as validated against).
    public let json: JSONValue
    /// Facets offered, in order.
    public let facets: [String]
    /// Facets whose labels did not fit the enum budget and are free text.
    public let unlistedFacets: [String]

    public static let sentiments = ["positive", "neutral", "negative"]
    public static let textDensities = ["text heavy", "some text", "no text"]
    public static let regions = [
        "whole image", "top", "bottom", "left", "right", "center", "top left", "top right", "bottom left", "bottom right",
    ]
    /// Facets with their own fields: colour names go with dominant colours; format and sentiment
    /// are fixed vocabularies the analyser shares.
    static let dedicatedFacets: Set<String> = ["color", "format", "sentiment"]

    /// OpenAI strict mode allows 1000 enum values and 15,000 characters of names and values in
    /// all; these budgets leave room for the fixed parts of the schema.
    static let enumValueBudget = 800
    static let enumCharacterBudget = 11_000

    public init(vocabulary: [String: [String]]) {
        var valuesLeft = Self.enumValueBudget - Self.sentiments.count - Self.textDensities.count - Self.regions.count
            - LayoutClass.allTagTexts.count
        var charactersLeft = Self.enumCharacterBudget
        func fits(_ labels: [String]) -> Bool {
            let characters = labels.reduce(0) { $0 + $1.count }
            guard labels.count <= valuesLeft, characters <= charactersLeft else { return false }
            valuesLeft -= labels.count
            charactersLeft -= characters
            return true
        }
        let colorLabels = Self.clean(vocabulary["color"] ?? [])
        let colorEnum = fits(colorLabels) && !colorLabels.isEmpty ? colorLabels + [""] : nil

        var facetProperties: [(String, JSONValue)] = []
        var unlisted: [String] = []
        let facetNames = vocabulary.keys.filter { !Self.dedicatedFacets.contains($0) && !$0.isEmpty }.sorted()
        for facet in facetNames {
            let labels = Self.clean(vocabulary[facet] ?? [])
            let listed = !labels.isEmpty && fits(labels)
            if !listed { unlisted.append(facet) }
            facetProperties.append((facet, .object([("type", .string("array")), ("items", Self.claim(labels: listed ? labels : nil))])))
        }
        facets = facetNames
        unlistedFacets = unlisted
        json = Self.root(facetProperties: facetProperties, colorEnum: colorEnum)
    }

    /// Unique, non-empty, sorted labels (the same vocabulary always gives the same schema).
    static func clean(_ labels: [String]) -> [String] {
        Array(Set(labels.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty })).sorted()
    }
}
