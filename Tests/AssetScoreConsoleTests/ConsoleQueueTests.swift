import AssetScoreConsole
import AssetScoreCore
import AssetScoreStorage
import Foundation
import TerminalUI
import XCTest

/// The queue pane over the persistent queue: an ingest started in the console becomes jobs
/// the worker runs in the background, the pane lists them, and a failed one can be retried.
final class ConsoleQueueTests: XCTestCase {
    /// Ticks until the background ingest reports it finished (real threads; bounded wait).
    func waitForIngest(_ c: ConsoleController, file: StaticString = #filePath, line: UInt = #line) {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            c.tick()
            if let job = c.state.queue.jobs.first, job.finished { return }
            usleep(20_000)
        }
        XCTFail("the background ingest did not finish", file: file, line: line)
    }

    func testAConsoleIngestRunsThroughTheQueueAndAFailedJobCanBeRetried() throws {
        let path = try ConsoleFixture.database()
        let drop = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        let broken = drop.appendingPathComponent("broken.png")
        try Data("not a png".utf8).write(to: broken)
        let good = drop.appendingPathComponent("hero.jpg")
        try FileManager.default.copyItem(at: ConsoleFixture.samples.appendingPathComponent("summer-sale/beach-sunset-header.jpg"), to: good)

        let c = try ConsoleFixture.controller(path)
        XCTAssertEqual(c.state.queue.showingJobs, false, "no jobs yet: the assets show")
        c.handle(.character("i"))
        ConsoleFixture.type(c, drop.path)
        c.handle(.enter)
        waitForIngest(c)
        XCTAssertTrue(c.state.queue.jobs.first?.summary.hasSuffix(", 1 failed") == true, c.state.queue.jobs.first?.summary ?? "")
        c.handle(.character("v"))
        XCTAssertEqual(c.state.queue.showingJobs, true)
        XCTAssertEqual(c.state.queue.queueJobs.map { URL(fileURLWithPath: $0.source).lastPathComponent }, ["hero.jpg", "broken.png"])
        c.resize(width: 120, height: 30)
        let screen = ConsoleFixture.screen(c)
        c.resize(width: 80, height: 24)
        XCTAssertTrue(screen.contains("2 jobs: 0 waiting, "), screen)
        XCTAssertTrue(screen.contains("embedded"), screen)
        XCTAssertTrue(screen.contains("failed"), screen)

        // Fix the file, then retry the failed job from the pane.
        try FileManager.default.removeItem(at: broken)
        try FileManager.default.copyItem(
            at: ConsoleFixture.samples.appendingPathComponent("winter-getaway/ski-mountain-banner.png"), to: broken)
        c.handle(.down)
        XCTAssertEqual(c.state.queue.queueJobs[c.state.queue.selected].status, .failed)
        c.handle(.character("r"))
        waitForIngest(c)
        XCTAssertFalse(c.state.queue.jobs.first?.summary.contains("failed") ?? true, c.state.queue.jobs.first?.summary ?? "")
        let store = try SQLiteStore(path: path)
        let counts = try store.jobCounts()
        XCTAssertNil(counts[.failed])
        XCTAssertEqual((counts[.ready] ?? 0) + (counts[.needsReview] ?? 0), 2)
    }
}

/// The jobs table sizes campaign, analyser and cost to what the listed jobs show, so a model
/// job's tokens and cost are readable at 120 columns and nothing spills at 80.
final class ConsoleQueueLayoutTests: XCTestCase {
    func testModelJobsShowTheirCostAt120ColumnsAndStayInsideTheFrameAt80() throws {
        let path = try ConsoleFixture.database()
        let store = try SQLiteStore(path: path)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let finished: [(String, String?, String?, Int, Int, Double?, JobStatus, String?)] = [
            ("hero-wide.png", "openai", "gpt-4o-mini", 1234, 321, 0.0021, .ready, nil),
            ("banner.jpg", "embedded", nil, 800, 12, nil, .needsReview, "answered by embedded after openai: the model refused: no"),
            ("broken.png", nil, nil, 0, 0, nil, .failed, "broken.png: not an image (VipsJpeg: premature end of file)"),
        ]
        for (name, provider, model, tokensIn, tokensOut, cost, status, error) in finished {
            _ = try store.enqueueJob(
                JobRequest(source: "/drop/\(name)", campaign: "summer-sale", providers: ["openai", "embedded"]), at: now)
            let job = try XCTUnwrap(try store.claimJob(owner: "w", lease: 60, at: now))
            try store.completeJob(
                id: job.id, owner: "w",
                JobCompletion(
                    status: status, campaign: "summer-sale", provider: provider, model: model, tokensIn: tokensIn, tokensOut: tokensOut,
                    costUSD: cost, durationMS: 840, error: error),
                at: now)
        }
        let c = try ConsoleFixture.controller(path)
        XCTAssertEqual(c.state.queue.showingJobs, true, "with jobs in the queue the pane opens on them")

        c.resize(width: 120, height: 30)
        let wide = ConsoleFixture.screen(c)
        XCTAssertTrue(wide.contains("tokens/cost"), wide)
        XCTAssertTrue(wide.contains("1234+321 $0.0021"), wide)
        XCTAssertTrue(wide.contains("openai gpt-4o-mini"), wide)
        XCTAssertTrue(wide.contains("800+12"), "tokens billed for a refusal show beside the fallback: \(wide)")
        XCTAssertTrue(wide.contains("summer-sale "), "the campaign is not cut: \(wide)")
        XCTAssertTrue(wide.contains("answered by embedded"), wide)

        c.resize(width: 80, height: 24)
        let narrow = ConsoleFixture.screen(c)
        for line in narrow.split(separator: "\n") {
            XCTAssertLessThanOrEqual(ScreenBuffer.width(of: String(line)), 80, String(line))
        }
        let row = try XCTUnwrap(narrow.split(separator: "\n").first { $0.contains("hero-wide") }, narrow)
        XCTAssertTrue(row.hasSuffix("┃"), "the row stays inside the frame: \(row)")
        XCTAssertFalse(row.contains("gpt-4o-mini"), "analyser and cost give way at 80 columns: \(row)")
        let failed = try XCTUnwrap(narrow.split(separator: "\n").first { $0.contains("broken.png") }, narrow)
        XCTAssertTrue(failed.contains("not an image"), "the failure reason keeps its room: \(failed)")
    }
}
