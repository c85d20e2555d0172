import Foundation
import XCTest

@testable import AssetScoreCore

/// The dictionary `assetscore init` ships passes validation and maps the reviewer's cases.
final class DefaultDictionaryTests: XCTestCase {
    /// Sources/AssetScoreCLI/Resources/default-dictionary.json, found from this file's path.
    static func load(filePath: String = #filePath) throws -> AttributeDictionary {
        let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.appendingPathComponent("Sources/AssetScoreCLI/Resources/default-dictionary.json")
        let doc = try DictionaryDocument.decodeJSON(Data(contentsOf: url), name: "default-dictionary.json")
        return AttributeDictionary(facets: doc.facets, entries: doc.entries)
    }

    func testItPassesValidationAndReimportsOntoItself() throws {
        let dictionary = try Self.load()
        XCTAssertEqual(dictionary.facets.map(\.id), Facet.defaultIDs)
        // Importing it again over itself is no collision.
        try DictionaryDocument(dictionary: dictionary).validate(against: dictionary)
    }

    func testTyposMapAndNearWordsGoToReview() throws {
        let mapper = Mapper(dictionary: try Self.load(), normalizer: Normalizer())
        let mapped: [(String, String, MappingMethod)] = [
            ("sumer", "summer", .hiddenLabel),
            ("vibrnt", "vibrant", .fuzzy),
            ("turquise", "turquoise", .fuzzy),
            ("turquoyse", "turquoise", .fuzzy),
            ("wintter sports", "winter-sports", .fuzzy),
            ("Mountians", "mountains", .hiddenLabel),
            ("purpel", "purple", .fuzzy),
            ("beach", "beach", .normalized),
        ]
        for (text, entry, method) in mapped {
            let result = mapper.map(text, facet: nil)
            XCTAssertEqual(result.entry, entry, "\(text): \(result.explanation)")
            XCTAssertEqual(result.method, method, "\(text): \(result.explanation)")
        }
        let reviewed: [(String, String)] = [("bluish", "pink"), ("bleach", "beach"), ("tourist", "travel")]
        for (text, candidate) in reviewed {
            let result = mapper.map(text, facet: nil)
            XCTAssertNil(result.entry, "\(text): \(result.explanation)")
            XCTAssertEqual(result.candidates.first?.entry, candidate, "\(text): \(result.explanation)")
        }
    }
}
