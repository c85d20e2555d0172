import AssetScoreCore
import AssetScoreServer
import AssetScoreStorage
import Foundation
import XCTest

/// A real database with a small dictionary, one campaign of three variants and a few users,
/// and the service running on it in-process on a free loopback port.
class ServerTestCase: XCTestCase {
    var directory: URL!
    var path: String { directory.appendingPathComponent("server.db").path }
    var service: APIService!
    var http: RawHTTP!
    /// Asset ids: beach (theme beach, tone warm), red (colour red), blue (colour blue, the fallback).
    var beach: Int64 = 0
    var red: Int64 = 0
    var blue: Int64 = 0

    /// Tests may change the configuration before `setUp` starts the service.
    func configure(_ c: inout ServerConfiguration) {}

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("assetscore-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try seed(try SQLiteStore(path: path))
        var c = ServerConfiguration()
        c.port = 0
        c.threads = 2
        c.apiTokens = ["test-token", "second-token"]
        c.decisionFlushInterval = 0.05
        c.changePollInterval = 0
        c.connectionTimeout = 2
        c.maxBodyBytes = 64 * 1024
        c.shutdownGrace = 3
        c.assetBaseURL = "https://cdn.example.com/creatives"
        c.assetRoot = "/srv/assets"
        c.webhookSecret = "hook-secret"
        c.inbox = directory.appendingPathComponent("inbox").path
        c.allowPrivateDownloads = true
        c.downloadTimeout = 5
        configure(&c)
        let dbPath = path
        service = try APIService(configuration: c, normalizer: Normalizer()) { try SQLiteStore(path: dbPath) }
        try service.start()
        http = RawHTTP(port: service.port)
    }

    override func tearDownWithError() throws {
        service?.shutdown()
        service = nil
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    func seed(_ store: SQLiteStore) throws {
        _ = try store.importDictionary(
            facets: [
                Facet(id: "color", label: "Colour", weight: 1), Facet(id: "tone", label: "Tone", weight: 0.8),
                Facet(id: "theme", label: "Theme", weight: 1.2),
            ],
            entries: [
                DictionaryEntry(id: "red", facet: "color", label: "Red", aliases: ["crimson"]),
                DictionaryEntry(id: "blue", facet: "color", label: "Blue"),
                DictionaryEntry(id: "warm", facet: "tone", label: "Warm"),
                DictionaryEntry(id: "summer", facet: "theme", label: "Summer"),
                DictionaryEntry(id: "beach", facet: "theme", label: "Beach", broader: "summer"),
            ], source: "test", actor: "setup")
        try store.upsertCampaign(Campaign(id: "spring"))
        try store.upsertCampaign(Campaign(id: "empty"))
        beach = try store.saveIngest(record("/srv/assets/spring/beach day.png", [("beach", "theme"), ("warm", "tone")])).id
        red = try store.saveIngest(record("/srv/assets/spring/red.png", [("red", "color")])).id
        blue = try store.saveIngest(record("/srv/assets/spring/blue.png", [("blue", "color")])).id
        try store.upsertCampaign(Campaign(id: "spring", fallbackAssetID: blue))
        try store.saveUsers(
            [
                user("u-beach", [("theme", "beach", 1)]), user("u-red", [("color", "red", 0.9)]),
                user("u-dislikes", [("color", "red", -1)]),
            ], actor: "setup")
    }

    func record(_ path: String, _ tags: [(String, String)]) -> IngestRecord {
        IngestRecord(
            asset: Asset(
                campaign: "spring", path: path, contentHash: UUID().uuidString, size: 1000, mediaType: "image/png", width: 600,
                height: 300, altText: "Alt for \((path as NSString).lastPathComponent)"),
            analysis: Analysis(
                analyser: "embedded", analyserVersion: "test", rawOutput: "{}",
                fields: AnalysisFields(width: 600, height: 300, orientation: "landscape", formatClass: "email header")),
            tags: tags.map { entry, facet in
                AssetTag(
                    raw: RawTag(text: entry, facetHint: facet, confidence: 0.9, source: .embedded, evidence: "test"), facet: facet,
                    normalized: entry, entry: entry, method: .exact, mappingConfidence: 1)
            })
    }

    func user(_ id: String, _ attributes: [(String, String, Double)]) -> UserProfile {
        UserProfile(
            id: id,
            attributes: attributes.map { UserAttribute(facet: $0.0, value: $0.1, weight: $0.2, entry: $0.1, method: .exact) },
            source: "test")
    }

    /// A second connection, as another process (the CLI) would have.
    func otherStore() throws -> SQLiteStore { try SQLiteStore(path: path) }
}
