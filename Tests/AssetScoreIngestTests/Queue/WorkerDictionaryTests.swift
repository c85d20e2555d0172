import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

@testable import AssetScoreIngest

/// A long-running worker (as `serve` runs one) maps with the dictionary as it is when a job
/// starts, reloading it only when it changed.
final class WorkerDictionaryTests: QueueTestCase {
    /// Answers "Lagoon" under theme and keeps the vocabulary each request offered.
    final class VocabularyRecorder: AnalysisProvider, @unchecked Sendable {
        let name = "recorder"
        let model: String? = "test-model"
        let version = "prompt-test-1"
        private let lock = NSLock()
        private var seen: [[String: [String]]] = []
        var vocabularies: [[String: [String]]] { lock.withLock { seen } }

        func analyse(_ request: AnalysisRequest) throws -> ProviderAnalysis {
            lock.withLock { seen.append(request.vocabulary) }
            return ProviderAnalysis(
                provider: name, model: model, version: version,
                fields: AnalysisFields(width: 64, height: 64, orientation: "square", formatClass: "square"),
                rawTags: [RawTag(text: "Lagoon", facetHint: "theme", confidence: 0.7, source: .model, evidence: "model said so")],
                rawOutput: "{}", mediaType: "image/png")
        }
    }

    final class Count: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.withLock { n += 1 } }
        var value: Int { lock.withLock { n } }
    }

    func testAnEntryAddedWhileTheWorkerRunsReachesTheNextJobsMappingAndSchema() throws {
        let recorder = VocabularyRecorder()
        let loads = Count()
        let version = try store().dictionaryVersion()
        var environment = try environment()
        environment.makeProvider = { _, _ in recorder }
        environment.dictionaryVersion = version
        environment.loadMapping = { store in
            loads.add()
            let dictionary = try store.loadDictionary()
            let mapper = Mapper(dictionary: dictionary, normalizer: Normalizer(), rejections: try store.rejections())
            return WorkerMapping(dictionary: dictionary, map: { facet, text in mapper.map(text, facet: facet) })
        }
        let c = configuration()
        let runner = try JobRunner(environment: environment, configuration: c, limiter: RateLimiter(perMinute: c.requestsPerMinute))
        func ingest(_ name: String) throws -> (tags: [String], vocabulary: [String]) {
            let id = try enqueue(try file(name, content: "bytes of \(name)"), providers: ["recorder"])
            try drain(runner)
            let assetID = try XCTUnwrap(try store().job(id: id)?.assetID, name)
            let tags = try store().tags(assetID: assetID).filter { $0.raw.source == .model }.map { "\($0.raw.text)=\($0.entry ?? "-")" }
            return (tags, recorder.vocabularies.last?["theme"] ?? [])
        }

        let before = try ingest("a.png")
        XCTAssertEqual(before.tags, ["Lagoon=-"])
        XCTAssertEqual(before.vocabulary, ["Beach"])
        XCTAssertEqual(loads.value, 0, "the dictionary it was given is current")

        // Others commit, but not to the dictionary: nothing is reloaded.
        try store().upsertCampaign(Campaign(id: "autumn"))
        try store().saveUsers([UserProfile(id: "u1", attributes: [], source: "crm")], actor: "crm")
        XCTAssertEqual(try ingest("b.png").tags, ["Lagoon=-"])
        XCTAssertEqual(loads.value, 0)

        // The console (another connection) adds the entry while the worker keeps running.
        _ = try store().importDictionary(
            facets: [], entries: [DictionaryEntry(id: "lagoon", facet: "theme", label: "Lagoon")], source: "console", actor: "alice")
        let after = try ingest("c.png")
        XCTAssertEqual(after.tags, ["Lagoon=lagoon"])
        XCTAssertEqual(after.vocabulary, ["Beach", "Lagoon"], "the model's schema offers the new entry")
        XCTAssertEqual(loads.value, 1)
        _ = try ingest("d.png")
        XCTAssertEqual(loads.value, 1, "loaded once per change")

        // Deprecating is a change too: the entry leaves the schema.
        _ = try store().importDictionary(
            facets: [], entries: [DictionaryEntry(id: "lagoon", facet: "theme", label: "Lagoon", status: .deprecated)],
            source: "console", actor: "alice")
        XCTAssertEqual(try ingest("e.png").vocabulary, ["Beach"], "a deprecated entry leaves the schema")
        XCTAssertEqual(loads.value, 2)
    }

    func testWithoutLoadMappingTheWorkerKeepsTheDictionaryItWasGiven() throws {
        let recorder = VocabularyRecorder()
        var environment = try environment()
        environment.makeProvider = { _, _ in recorder }
        let c = configuration()
        let runner = try JobRunner(environment: environment, configuration: c, limiter: RateLimiter(perMinute: c.requestsPerMinute))
        _ = try store().importDictionary(
            facets: [], entries: [DictionaryEntry(id: "lagoon", facet: "theme", label: "Lagoon")], source: "console", actor: "alice")
        let id = try enqueue(try file("a.png"), providers: ["recorder"])
        try drain(runner)
        let assetID = try XCTUnwrap(try store().job(id: id)?.assetID)
        XCTAssertEqual(try store().tags(assetID: assetID).filter { $0.raw.source == .model }.map(\.entry), [nil])
        XCTAssertEqual(recorder.vocabularies.last?["theme"], ["Beach"])
    }
}
