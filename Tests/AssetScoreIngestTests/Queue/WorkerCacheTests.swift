import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

@testable import AssetScoreIngest

/// The model answer cache, merging with the embedded measurements, cross-check flags, and the
/// threaded run loop.
final class WorkerCacheTests: QueueTestCase {
    func testTheSameBytesNeverPayTwice() throws {
        providers["openai"] = ScriptedProvider(
            name: "openai", [.answer(tags: ["beach"], textDensity: nil, tokens: (500, 40), cost: 0.01)])
        let first = try enqueue(try file("a.png", in: "spring", content: "same bytes"), providers: ["openai"])
        let second = try enqueue(try file("a.png", in: "summer", content: "same bytes"), providers: ["openai"])
        try drain(try runner())
        XCTAssertEqual(providers["openai"]?.calls, 1)
        let paid = try XCTUnwrap(try store().job(id: first))
        let free = try XCTUnwrap(try store().job(id: second))
        XCTAssertEqual(paid.tokensIn, 500)
        XCTAssertFalse(paid.cached)
        XCTAssertTrue(free.cached)
        XCTAssertEqual(free.tokensIn, 0)
        XCTAssertNil(free.costUSD)
        XCTAssertEqual(free.provider, "openai")
        let costs = try store().jobCosts()
        XCTAssertEqual(costs.map(\.campaign), ["spring", "summer"])
        XCTAssertEqual(costs.map(\.costUSD), [0.01, 0])
        XCTAssertEqual(costs.map(\.cachedJobs), [0, 1])
    }

    func testTheModelsTagsJoinTheMeasurementsAndADisagreementFlagsTheAsset() throws {
        providers["openai"] = ScriptedProvider(
            name: "openai", [.answer(tags: ["Beach", "Red", "volcano"], textDensity: 0.4, tokens: (10, 5), cost: nil)])
        disagreements = [AnalysisDisagreement(field: "text_density", modelClaim: "0.40", provider: "", measured: "0.01")]
        let id = try enqueue(try file("a.png"), providers: ["openai"])
        try drain(try runner())
        let store = try store()
        let job = try XCTUnwrap(try store.job(id: id))
        XCTAssertEqual(job.status, .needsReview)
        let assetID = try XCTUnwrap(job.assetID)
        let analysis = try XCTUnwrap(try store.latestAnalysis(assetID: assetID))
        XCTAssertEqual(analysis.analyser, "openai")
        XCTAssertEqual(analysis.model, "test-model")
        XCTAssertEqual(analysis.analyserVersion, "prompt-test-1 + embedded fake-embedded-1")
        XCTAssertEqual(analysis.fields.textDensity, 0.01, "fields stay measured")
        XCTAssertTrue(analysis.rawOutput.contains("\"model_output\""))
        XCTAssertEqual(
            try store.disagreements(analysisID: analysis.id),
            [AnalysisDisagreement(field: "text_density", modelClaim: "0.40", provider: "openai", measured: "0.01")])
        let tags = try store.tags(assetID: assetID).map { "\($0.raw.source.rawValue):\($0.raw.text)=\($0.entry ?? "-")" }
        // The model filed "Red" under theme, where it names nothing: kept and unmapped, not merged
        // with the measured colour (same text, other facet).
        XCTAssertEqual(tags, ["color:Red=red", "model:Beach=beach", "model:Red=-", "model:volcano=-"])
        // Ingesting again with the same chain adds nothing and calls nobody.
        let again = try enqueue(try file("a.png"), providers: ["openai"])
        try drain(try runner())
        XCTAssertEqual(try store.job(id: again)?.assetID, assetID)
        XCTAssertEqual(try store.analyses(assetID: assetID).count, 1)
        XCTAssertEqual(providers["openai"]?.calls, 1)
    }

    func testTheRunLoopFinishesEveryJobOnSeveralThreadsWithOneAssetEach() throws {
        var enqueued: Set<Int64> = []
        for i in 0..<12 { enqueued.insert(try enqueue(try file("f\(i).png", in: "c\(i % 3)"), providers: ["embedded"])) }
        let ids = enqueued
        let worker = Worker(configuration: configuration(concurrency: 3), environment: try environment())
        let finished = Counter()
        try worker.run(
            until: { store in try ids.allSatisfy { try store.job(id: $0)?.status.isFinished ?? false } },
            onEvent: { if case .finished = $0 { finished.add() } })
        XCTAssertEqual(finished.value, 12)
        let store = try store()
        XCTAssertEqual(try store.jobCounts(), [.ready: 12])
        XCTAssertEqual(Set(try ids.map { try XCTUnwrap(store.job(id: $0)?.assetID) }).count, 12)
        XCTAssertEqual(try store.assetCounts().total, 12)
    }

    func testFolderWatcherReportsAFileOnceItHasSettled() throws {
        let dir = directory.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let watcher = FolderWatcher(directory: dir, settle: 0)
        let url = dir.appendingPathComponent("hero.png")
        try Data("part one".utf8).write(to: url)
        try Data("partial".utf8).write(to: dir.appendingPathComponent("next.png.part"))
        try Data("hidden".utf8).write(to: dir.appendingPathComponent(".hero.png"))
        XCTAssertEqual(try watcher.poll(), [], "seen once: maybe still being written")
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(" and two".utf8))
        try handle.close()
        XCTAssertEqual(try watcher.poll(), [], "it grew since the last look")
        XCTAssertEqual(try watcher.poll().map(\.lastPathComponent), ["hero.png"])
        XCTAssertEqual(try watcher.poll(), [], "reported once")
    }

    func testFolderWatcherWaitsForAQuietPeriodAfterTheLastWrite() throws {
        let dir = directory.appendingPathComponent("slow")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("banner.png")
        try Data("half of it".utf8).write(to: url)
        let written = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
        var clock = written
        let watcher = FolderWatcher(directory: dir, settle: 2, now: { clock })
        XCTAssertEqual(try watcher.poll(), [])
        clock = written.addingTimeInterval(1)
        XCTAssertEqual(try watcher.poll(), [], "same size twice, but written a second ago: the writer may only be pausing")
        clock = written.addingTimeInterval(2.5)
        XCTAssertEqual(try watcher.poll().map(\.lastPathComponent), ["banner.png"])
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}
