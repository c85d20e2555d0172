import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

@testable import AssetScoreIngest

/// A clock whose sleep moves time forward at once, so backoff and rate limits cost no real time.
final class ManualClock: QueueClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private(set) var slept: [TimeInterval] = []

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }
    func now() -> Date { lock.withLock { current } }
    func sleep(_ seconds: TimeInterval) {
        lock.withLock {
            slept.append(seconds)
            current += max(0, seconds)
        }
    }
    func advance(to date: Date) { lock.withLock { current = max(current, date) } }
}

/// A model provider that plays a script: each call takes the next step (the last repeats).
final class ScriptedProvider: AnalysisProvider, @unchecked Sendable {
    enum Step {
        case answer(tags: [String], textDensity: Double?, tokens: (Int, Int), cost: Double?)
        case fail(ProviderFailure)
        /// A failure after an answer that was billed (a refusal, a truncated answer).
        case failBilled(ProviderFailure, tokens: (Int, Int), cost: Double?)
    }

    let name: String
    let model: String? = "test-model"
    let version = "prompt-test-1"
    private var script: [Step]
    private let lock = NSLock()
    private(set) var calls = 0
    private(set) var lastFailureUsage: ProviderUsage?

    init(name: String, _ script: [Step]) {
        self.name = name
        self.script = script
    }

    func analyse(_ request: AnalysisRequest) throws -> ProviderAnalysis {
        let step: Step = lock.withLock {
            calls += 1
            return script.count > 1 ? script.removeFirst() : script[0]
        }
        lastFailureUsage = nil
        switch step {
        case .fail(let failure): throw failure
        case .failBilled(let failure, let tokens, let cost):
            lastFailureUsage = ProviderUsage(inputTokens: tokens.0, outputTokens: tokens.1, costUSD: cost)
            throw failure
        case .answer(let tags, let density, let tokens, let cost):
            var fields = AnalysisFields(width: 64, height: 64, orientation: "square", formatClass: "square")
            fields.textDensity = density
            return ProviderAnalysis(
                provider: name, model: model, version: version, fields: fields,
                rawTags: tags.map { RawTag(text: $0, facetHint: "theme", confidence: 0.7, source: .model, evidence: "model said so") },
                rawOutput: "{\"tags\":\(tags)}", mediaType: "image/png",
                usage: ProviderUsage(inputTokens: tokens.0, outputTokens: tokens.1, costUSD: cost))
        }
    }
}

/// Stands in for the embedded analyser: measured fields and a colour tag, without decoding
/// (the test files are a few bytes), or the decoder's error for a file named "broken*".
final class FakeEmbedded: AnalysisProvider {
    let name = "embedded"
    let model: String? = nil
    let version = "fake-embedded-1"

    func analyse(_ request: AnalysisRequest) throws -> ProviderAnalysis {
        if request.file.lastPathComponent.hasPrefix("broken") {
            throw AnalyserError(.decodeFailed, file: request.file.path, reason: "not an image")
        }
        var fields = AnalysisFields(width: 64, height: 64, orientation: "square", formatClass: "square")
        fields.textDensity = 0.01
        return ProviderAnalysis(
            provider: name, version: version, fields: fields,
            rawTags: [RawTag(text: "Red", facetHint: "color", confidence: 0.8, source: .color, evidence: "60% of the area")],
            rawOutput: "{\"embedded\":true}", mediaType: "image/png")
    }
}

/// A temporary folder with a database holding a small dictionary, and files to ingest.
class QueueTestCase: XCTestCase {
    var directory: URL!
    var clock: ManualClock!
    var providers: [String: ScriptedProvider] = [:]
    var disagreements: [AnalysisDisagreement] = []
    var dbPath: String { directory.appendingPathComponent("queue.db").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("assetscore-queue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        clock = ManualClock()
        let store = try SQLiteStore(path: dbPath)
        _ = try store.importDictionary(
            facets: [Facet(id: "color", label: "Colour"), Facet(id: "theme", label: "Theme")],
            entries: [
                DictionaryEntry(id: "red", facet: "color", label: "Red", hex: "#d62828"),
                DictionaryEntry(id: "beach", facet: "theme", label: "Beach"),
            ], source: "test", actor: "test")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A file in `folder` (the campaign) with `content` as its bytes.
    @discardableResult
    func file(_ name: String, in folder: String = "spring", content: String? = nil) throws -> URL {
        let dir = directory.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data((content ?? "bytes of \(folder)/\(name)").utf8).write(to: url)
        return url
    }

    func store() throws -> SQLiteStore { try SQLiteStore(path: dbPath) }

    func environment() throws -> WorkerEnvironment {
        let dictionary = try store().loadDictionary()
        let mapper = Mapper(dictionary: dictionary, normalizer: Normalizer())
        let path = dbPath
        let providers = self.providers
        let disagreements = self.disagreements
        return WorkerEnvironment(
            openStore: { try SQLiteStore(path: path) }, dictionary: dictionary, map: { facet, text in mapper.map(text, facet: facet) },
            makeEmbedded: { FakeEmbedded() },
            makeProvider: { name, _ in
                guard let p = providers[name] else { throw ProviderFailure.misconfigured(message: "no \(name) in this test") }
                return p
            },
            crossCheck: { model, _ in
                disagreements.map {
                    var d = $0; d.provider = model.provider; return d
                }
            }, clock: clock)
    }

    /// Jitter fixed at `random` so waits are exact.
    func configuration(maxTries: Int = 3, random: Double = 0, concurrency: Int = 1, rpm: [String: Double] = [:]) -> WorkerConfiguration {
        WorkerConfiguration(
            concurrency: concurrency, retry: RetryPolicy(maxTries: maxTries, baseDelay: 2, maxDelay: 60, random: { random }),
            lease: 300, heartbeat: 30, pollInterval: 1, requestsPerMinute: rpm, owner: "test-owner", isOwnerAlive: { _ in true })
    }

    func runner(_ configuration: WorkerConfiguration? = nil) throws -> JobRunner {
        let c = configuration ?? self.configuration()
        return try JobRunner(environment: try environment(), configuration: c, limiter: RateLimiter(perMinute: c.requestsPerMinute))
    }

    func enqueue(_ url: URL, providers: [String], maxTries: Int? = nil) throws -> Int64 {
        try store().enqueueJob(JobRequest(source: url.path, providers: providers, maxTries: maxTries), at: clock.now()).job.id
    }

    /// Processes jobs, moving the clock to each retry's time, until none is left to do.
    func drain(_ runner: JobRunner, limit: Int = 50) throws {
        for _ in 0..<limit {
            if try runner.processNext(onEvent: { _ in }) { continue }
            guard let next = try runner.store.nextJobDue(after: clock.now()) else { return }
            clock.advance(to: next)
        }
        XCTFail("the queue did not drain in \(limit) steps")
    }
}
