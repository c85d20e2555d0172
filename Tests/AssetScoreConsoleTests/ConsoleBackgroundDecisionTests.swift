import AssetScoreCore
import AssetScoreStorage
import TerminalUI
import XCTest

@testable import AssetScoreConsole

/// Review decisions save on a background queue: the key returns at once with the item marked
/// "saving…", keys keep working, decisions and undos run in the order given, and the state once
/// they are applied is what a decision made in place gives.
final class ConsoleBackgroundDecisionTests: XCTestCase {
    func testADecisionShowsSavingThenTheSameStateAsInPlace() throws {
        let path = try ConsoleFixture.database()
        let c = try ConsoleFixture.controller(path)
        try ConsoleFixture.keys(c, "2")
        let index = try XCTUnwrap(c.state.review.items.firstIndex { !$0.candidates.isEmpty })
        let item = c.state.review.items[index]
        for _ in 0..<index { c.handle(.down) }
        let before = c.state.review.pendingTotal
        c.handle(.character("a"))
        // Nothing is applied until the loop takes the outcome: the row says so meanwhile.
        XCTAssertTrue(c.state.review.saving.contains(item.id))
        XCTAssertTrue(ConsoleFixture.screen(c).contains("saving…"), ConsoleFixture.screen(c))
        XCTAssertEqual(c.state.review.pendingTotal, before)
        // Keys keep answering; pressing the same decision again is refused, not doubled.
        c.handle(.character("a"))
        XCTAssertEqual(c.state.message, "'\(item.sampleText)' is still saving")
        try ConsoleFixture.keys(c, "3 2")
        XCTAssertEqual(c.state.focus, .review)
        c.finishBackgroundWork()
        XCTAssertFalse(c.state.messageIsError, c.state.message ?? "")
        XCTAssertTrue(c.state.review.saving.isEmpty)
        XCTAssertEqual(c.state.review.undoStack, [item.id])

        // The same state as reading everything afresh on the loop's own connection.
        let fresh = try ConsoleFixture.controller(path)
        try ConsoleFixture.keys(fresh, "2")
        XCTAssertEqual(c.state.review.items, fresh.state.review.items)
        XCTAssertEqual(c.state.review.pendingTotal, before - 1)
        XCTAssertEqual(c.state.queue.rows, fresh.state.queue.rows)
        XCTAssertEqual(c.state.queue.counts, fresh.state.queue.counts)
        XCTAssertEqual(c.state.dictionary.entries, fresh.state.dictionary.entries)
        XCTAssertFalse(ConsoleFixture.screen(c).contains("saving…"))
    }

    func testAnUndoPressedBeforeTheDecisionSavedRunsAfterIt() throws {
        let path = try ConsoleFixture.database()
        let c = try ConsoleFixture.controller(path)
        try ConsoleFixture.keys(c, "2")
        let before = c.state.review.items
        let total = c.state.review.pendingTotal
        // Reject two items, then undo both, all before anything is applied.
        c.handle(.character("x"))
        c.handle(.down)
        c.handle(.character("x"))
        c.handle(.character("u"))
        c.handle(.character("u"))
        c.handle(.character("u"))
        XCTAssertEqual(c.state.message, "nothing to undo in this session", "two decisions, two undos: no more")
        c.finishBackgroundWork()
        XCTAssertEqual(c.state.review.pendingTotal, total, c.state.message ?? "")
        XCTAssertEqual(c.state.review.items.map(\.id), before.map(\.id))
        XCTAssertTrue(c.state.review.undoStack.isEmpty)
        let store = try SQLiteStore(path: path)
        let actions = try store.auditLog(limit: 10).map(\.action)
        XCTAssertEqual(actions.filter { $0.hasPrefix("review.") }.count, 4, "\(actions)")
    }

    func testAFailedDecisionTakesItsUndoBackAndTheUndoBehindItIsSkipped() throws {
        let path = try ConsoleFixture.database()
        let a = try ConsoleFixture.controller(path, actor: "alice")
        let b = try ConsoleFixture.controller(path, actor: "bob")
        try ConsoleFixture.keys(a, "2")
        try ConsoleFixture.keys(b, "2")
        let item = try XCTUnwrap(a.state.review.items.first)
        XCTAssertEqual(b.state.review.items.first?.id, item.id)
        b.handle(.character("x"))
        b.finishBackgroundWork()
        // Alice has not seen Bob's decision: hers fails, and the undo she pressed must not undo Bob's.
        a.handle(.character("x"))
        a.handle(.character("u"))
        a.finishBackgroundWork()
        XCTAssertTrue(a.state.messageIsError)
        XCTAssertTrue(a.state.review.undoStack.isEmpty)
        let stored = try XCTUnwrap(try SQLiteStore(path: path).reviewItem(id: item.id))
        XCTAssertEqual(stored.status, .rejected)
        XCTAssertEqual(stored.decidedBy, "bob")
    }

    func testQuittingWaitsForADecisionStillSaving() throws {
        let path = try ConsoleFixture.database()
        let c = try ConsoleFixture.controller(path)
        try ConsoleFixture.keys(c, "2")
        let item = try XCTUnwrap(c.state.review.items.first)
        let terminal = ScriptedTerminal(width: 80, height: 24, steps: [.character("x"), .character("q")])
        ConsoleLoop.run(c, on: terminal)
        XCTAssertEqual(try SQLiteStore(path: path).reviewItem(id: item.id)?.status, .rejected)
        XCTAssertTrue(terminal.screen.text().contains("rejected"), terminal.screen.text())
    }

    /// Another operator's decision landing while ours saves is not taken for ours: it shows
    /// without any further change (the worker's lists were read before it).
    func testAnotherOperatorsDecisionDuringOurSaveStillShows() throws {
        let path = try ConsoleFixture.database()
        let a = try ConsoleFixture.controller(path, actor: "alice")
        let b = try ConsoleFixture.controller(path, actor: "bob")
        try ConsoleFixture.keys(a, "2")
        try ConsoleFixture.keys(b, "2")
        XCTAssertGreaterThanOrEqual(a.state.review.items.count, 2)
        let mine = a.state.review.items[0]
        let theirs = a.state.review.items[1]
        a.handle(.character("x"))
        a.reviewWorker.waitUntilIdle()  // saved and its lists read; not applied yet
        b.handle(.down)
        XCTAssertEqual(b.state.review.items[b.state.review.selected].id, theirs.id)
        b.handle(.character("x"))
        b.finishBackgroundWork()
        for _ in 0..<5 {
            a.tick()
            a.reviewWorker.waitUntilIdle()
        }
        let ids = a.state.review.items.map(\.id)
        XCTAssertFalse(ids.contains(mine.id))
        XCTAssertFalse(ids.contains(theirs.id), "Bob's rejection shows in Alice's console")
    }
}
