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
        let screen = ConsoleFixture.screen(c)
        XCTAssertTrue(screen.contains("2 jobs: 0 waiting, "), screen)
        XCTAssertTrue(screen.contains("embedded"), screen)
        XCTAssertTrue(screen.contains("failed"), screen)

        // Fix the file, then retry the failed job from the pane.
        try FileManager.default.removeItem(at: broken)
        try FileManager.default.copyItem(at: ConsoleFixture.samples.appendingPathComponent("winter-getaway/ski-mountain-banner.png"), to: broken)
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
