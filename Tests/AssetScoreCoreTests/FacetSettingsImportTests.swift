import Foundation
import XCTest

@testable import AssetScoreCore

/// A JSON facet changes only the settings it states; the rest keep their stored values.
final class FacetSettingsImportTests: XCTestCase {
    private let tuned = Facet(
        id: "theme", label: "Themes", description: "What the creative is about", weight: 1.5,
        thresholds: MappingThresholds(fuzzyAccept: 0.93, candidateMinimum: 0.5, fuzzyMinimumLength: 4))

    private func json(_ facet: String) -> Data {
        Data(
            """
            {"format": "assetscore-dictionary", "version": 1, "facets": [\(facet)]}
            """.utf8)
    }

    func testAFacetWithOnlyEntriesKeepsEveryStoredSetting() throws {
        let existing = AttributeDictionary(facets: [tuned])
        let doc = try DictionaryDocument.decodeJSON(
            json(#"{"id": "theme", "entries": [{"id": "beach", "label": "Beach"}]}"#), name: "t.json", existing: existing)
        XCTAssertEqual(doc.facets, [tuned])
        XCTAssertEqual(try doc.prepared(against: existing).facets, [tuned])
        // Null says "not given" just as absence does.
        let nulls = try DictionaryDocument.decodeJSON(
            json(#"{"id": "theme", "label": null, "weight": null, "thresholds": null}"#), name: "n.json", existing: existing)
        XCTAssertEqual(nulls.facets, [tuned])
    }

    func testOnlyTheGivenSettingsChange() throws {
        let existing = AttributeDictionary(facets: [tuned])
        let doc = try DictionaryDocument.decodeJSON(
            json(#"{"id": "theme", "weight": 2, "description": "", "thresholds": {"fuzzy_accept": 0.95}}"#),
            name: "t.json", existing: existing)
        var expected = tuned
        expected.weight = 2
        expected.description = nil
        expected.thresholds.fuzzyAccept = 0.95
        XCTAssertEqual(doc.facets, [expected])
    }

    func testANewFacetGetsTheDefaults() throws {
        let doc = try DictionaryDocument.decodeJSON(
            json(#"{"id": "season"}"#), name: "s.json", existing: AttributeDictionary(facets: [tuned]))
        XCTAssertEqual(doc.facets, [Facet(id: "season", label: "season")])
    }

    func testMergedSettingsAreValidatedTogether() {
        // candidate_minimum 0.96 alone is fine, but not above the stored fuzzy_accept 0.93.
        let existing = AttributeDictionary(facets: [tuned])
        XCTAssertThrowsError(
            try DictionaryDocument.decodeJSON(
                json(#"{"id": "theme", "thresholds": {"candidate_minimum": 0.96}}"#), name: "t.json", existing: existing)
        ) {
            XCTAssertEqual(
                ($0 as? ImportErrorList)?.errors.map(\.description),
                ["t.json: facets[0].thresholds: candidate_minimum (0.96) is above fuzzy_accept (0.93)"])
        }
    }
}
