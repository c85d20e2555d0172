import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

/// Base for store tests: a fresh temporary directory per test (removed afterwards), a real
/// database file in it, and a small dictionary and tag builders.
class StoreTestCase: XCTestCase {
    var directory: URL!
    var path: String { directory.appendingPathComponent("assetscore.db").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("assetscore-storage-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// A store with the test dictionary imported.
    func makeStore() throws -> SQLiteStore {
        let store = try SQLiteStore(path: path)
        _ = try store.importDictionary(facets: Self.facets, entries: Self.entries, source: "test-dictionary", actor: "setup")
        return store
    }

    /// A second connection to the same file, for looking at raw rows.
    func rawConnection() throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path)
        try connection.setBusyTimeout(milliseconds: 5000)
        return connection
    }

    func count(_ table: String) throws -> Int {
        Int(try rawConnection().scalarInt("SELECT COUNT(*) FROM \(table)") ?? -1)
    }

    static let facets = [
        Facet(id: "color", label: "Colour", weight: 1),
        Facet(id: "tone", label: "Tone", weight: 0.8),
        Facet(id: "theme", label: "Theme", weight: 1.2),
    ]

    static let entries = [
        DictionaryEntry(id: "red", facet: "color", label: "Red", aliases: ["crimson"], hiddenLabels: ["rd"], hex: "#d62828"),
        DictionaryEntry(id: "blue", facet: "color", label: "Blue", hex: "#1d4ed8"),
        DictionaryEntry(id: "warm", facet: "tone", label: "Warm"),
        DictionaryEntry(id: "summer", facet: "theme", label: "Summer", aliases: ["summertime"]),
        DictionaryEntry(id: "beach", facet: "theme", label: "Beach", broader: "summer"),
    ]

    /// A mapped tag (facet of its entry).
    func mapped(_ text: String, entry: String, facet: String, source: TagSource = .embedded) -> AssetTag {
        AssetTag(
            raw: RawTag(text: text, facetHint: facet, confidence: 0.9, source: source, evidence: "test"),
            facet: facet, normalized: text.lowercased(), entry: entry, method: .exact, mappingConfidence: 1)
    }

    /// A tag the mapper could not map (facet is the hint, or "" for none).
    func unmapped(
        _ text: String, hint: String?, source: TagSource = .embedded, candidates: [MappingCandidate] = []
    ) -> AssetTag {
        AssetTag(
            raw: RawTag(text: text, facetHint: hint, confidence: 0.8, source: source, evidence: "test"),
            facet: hint ?? "", normalized: text.lowercased().trimmingCharacters(in: .whitespaces), entry: nil,
            method: .unmapped, mappingConfidence: 0, candidates: candidates)
    }

    func record(
        id: Int64 = 0, campaign: String = "spring", path: String, hash: String, tags: [AssetTag]
    ) -> IngestRecord {
        var fields = AnalysisFields(width: 600, height: 300, orientation: "landscape", formatClass: "email-header")
        fields.keywords = tags.map(\.raw.text)
        return IngestRecord(
            asset: Asset(
                id: id, campaign: campaign, path: path, contentHash: hash, size: 1234, mediaType: "image/png", width: 600,
                height: 300),
            analysis: Analysis(analyser: "embedded", analyserVersion: "test-1", rawOutput: "{\"ok\":true}", fields: fields),
            tags: tags)
    }

    func item(_ store: SQLiteStore, facet: String, normalized: String, file: StaticString = #filePath, line: UInt = #line)
        throws -> ReviewItem
    {
        let found = try store.reviewItems(status: nil).first { $0.facet == facet && $0.normalized == normalized }
        return try XCTUnwrap(found, "no review item for (\(facet), \(normalized))", file: file, line: line)
    }

    func status(_ store: SQLiteStore, _ id: Int64, file: StaticString = #filePath, line: UInt = #line) throws -> AssetStatus? {
        try store.asset(id: id)?.status
    }
}
