import AssetScoreConsole
import AssetScoreCore
import AssetScoreIngest
import AssetScoreStorage
import AssetScoreText
import Foundation
import TerminalUI
import XCTest

/// A real database with the default dictionary, the sample personas and two sample campaigns,
/// built once per test run and copied for each test.
enum ConsoleFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = packageRoot.appendingPathComponent("sample-assets")

    nonisolated(unsafe) private static var template: URL?
    private static let lock = NSLock()

    static let normalizer: Normalizer = Normalizer(stemmer: try! SnowballStemmer())

    static func makeMapper(_ store: any AssetStore) throws -> Mapper {
        Mapper(dictionary: try store.loadDictionary(), normalizer: normalizer, rejections: try store.rejections())
    }

    /// A fresh copy of the template database in its own folder.
    static func database() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if template == nil { template = try buildTemplate() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("console-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let copy = dir.appendingPathComponent("console.db")
        try FileManager.default.copyItem(at: template!, to: copy)
        return copy.path
    }

    private static func buildTemplate() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("console-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("template.db")
        try populate(url)
        return url
    }

    /// The store is closed when this returns, so SQLite folds its WAL into the file we copy.
    private static func populate(_ url: URL) throws {
        let store = try SQLiteStore(path: url.path)
        let dictionaryURL = packageRoot.appendingPathComponent("Sources/AssetScoreCLI/Resources/default-dictionary.json")
        let doc = try DictionaryDocument.read(url: dictionaryURL)
        _ = try store.importDictionary(facets: doc.facets, entries: doc.entries, source: "default", actor: "fixture")
        var mapper = try makeMapper(store)
        for var p in try PersonaFile.read(url: samples.appendingPathComponent("personas.json")) {
            p.attributes = p.attributes.map { a in
                var m = a
                let r = mapper.map(a.value, facet: a.facet)
                m.entry = r.entry
                m.method = r.method
                m.normalized = r.normalized
                return m
            }
            try store.savePersona(p, actor: "fixture")
        }
        mapper = try makeMapper(store)
        let pipeline = IngestPipeline(
            store: store, analyser: try EmbeddedAnalyser(), dictionary: mapper.dictionary, map: { [mapper] f, t in mapper.map(t, facet: f) }
        )
        _ = try pipeline.ingest(
            paths: [samples.appendingPathComponent("summer-sale").path, samples.appendingPathComponent("winter-getaway").path],
            campaign: nil)
    }

    static func controller(_ path: String, actor: String = "tester") throws -> ConsoleController {
        let env = ConsoleEnvironment(
            openStore: { try SQLiteStore(path: path) }, makeMapper: { try makeMapper($0) }, makeAnalyser: { try EmbeddedAnalyser() },
            actor: actor, clock: FixedClock(Date(timeIntervalSince1970: 1_800_000_000)))
        let c = try ConsoleController(environment: env)
        c.resize(width: 80, height: 24)
        return c
    }

    static func screen(_ c: ConsoleController) -> String {
        ConsoleRenderer.render(c.state, keyMap: c.keyMap, clock: FixedClock(Date(timeIntervalSince1970: 1_800_000_000))).text()
    }

    static func keys(_ c: ConsoleController, _ names: String) throws {
        for name in names.split(separator: " ") { c.handle(try Key(name: String(name))) }
    }

    static func type(_ c: ConsoleController, _ text: String) {
        for ch in text { c.handle(.character(ch)) }
    }
}
