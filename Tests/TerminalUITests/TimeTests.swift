import TerminalUI
import XCTest

final class TimeTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func testRelativeTime() {
        let clock: any Clock = FixedClock(now)
        XCTAssertEqual(RelativeTime.describe(now.addingTimeInterval(-3), now: clock.now()), "just now")
        XCTAssertEqual(RelativeTime.describe(now.addingTimeInterval(-42), now: clock.now()), "42 s ago")
        XCTAssertEqual(RelativeTime.describe(now.addingTimeInterval(-180), now: clock.now()), "3 min ago")
        XCTAssertEqual(RelativeTime.describe(now.addingTimeInterval(-7200), now: clock.now()), "2 h ago")
        XCTAssertEqual(RelativeTime.describe(now.addingTimeInterval(-5 * 86_400), now: clock.now()), "5 d ago")
        XCTAssertEqual(RelativeTime.describe(now.addingTimeInterval(-90 * 86_400), now: clock.now()), "2026-10-17")
        XCTAssertEqual(RelativeTime.describe(now.addingTimeInterval(3600), now: clock.now()), "in the future")
    }

    func testDurations() {
        XCTAssertEqual(RelativeTime.duration(0.42), "0.4 s")
        XCTAssertEqual(RelativeTime.duration(12.9), "12 s")
        XCTAssertEqual(RelativeTime.duration(185), "3 min 05 s")
        XCTAssertEqual(RelativeTime.duration(3720), "1 h 02 min")
    }

    func testSpinnerFramesFollowTheClock() {
        let spinner = Spinner(started: now, interval: 0.1)
        XCTAssertEqual(spinner.frame(at: now), "|")
        XCTAssertEqual(spinner.frame(at: now.addingTimeInterval(0.15)), "/")
        XCTAssertEqual(spinner.frame(at: now.addingTimeInterval(0.45)), "|")
        XCTAssertEqual(spinner.frame(at: now.addingTimeInterval(-5)), "|")
    }

    /// Background threads run below the input loop's priority; other threads keep theirs.
    func testBackgroundPriorityLowersOnlyTheCallingThread() throws {
        #if !os(Linux)
            throw XCTSkip("per-thread nice values are a Linux feature; elsewhere the call does nothing")
        #endif
        guard let mine = BackgroundPriority.currentNice else { throw XCTSkip("thread priorities cannot be read here") }
        let done = expectation(description: "background thread")
        nonisolated(unsafe) var seen: (before: Int32?, after: Int32?) = (nil, nil)
        nonisolated(unsafe) var again: Int32?
        Thread.detachNewThread {
            seen.before = BackgroundPriority.currentNice
            BackgroundPriority.lowerCurrentThread()
            seen.after = BackgroundPriority.currentNice
            // A pooled thread lowers itself before every block: the second time changes nothing.
            BackgroundPriority.lowerCurrentThread()
            again = BackgroundPriority.currentNice
            done.fulfill()
        }
        wait(for: [done], timeout: 10)
        let before = try XCTUnwrap(seen.before)
        XCTAssertEqual(before, mine, "a new thread starts at the process's priority")
        XCTAssertEqual(seen.after, min(19, mine + BackgroundPriority.niceIncrement))
        XCTAssertEqual(again, seen.after)
        XCTAssertEqual(BackgroundPriority.currentNice, mine, "the calling test thread is untouched")
    }
}
