import AssetScoreConsole
import AssetScoreCore
import TerminalUI
import XCTest

final class ConsoleTests: XCTestCase {
    func testActionTableHasNoConflicts() {
        XCTAssertEqual(ActionSpec.problems(in: ConsoleActions.table), [])
        for spec in ConsoleActions.table { XCTAssertFalse(spec.keys.isEmpty, spec.name) }
    }

    func testStartsOnTheQueueAndRendersAt80x24() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        let screen = ConsoleFixture.screen(c)
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 24)
        XCTAssertTrue(screen.contains("1 Ingestion queue"), screen)
        XCTAssertTrue(screen.contains("beach-sunset"), screen)
        XCTAssertTrue(screen.contains("[1 Queue]"), screen)
        XCTAssertTrue(screen.contains("12 assets"), screen)
        for line in lines { XCTAssertLessThanOrEqual(line.count, 80) }
    }

    func testTooSmallShowsANotice() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        c.resize(width: 40, height: 12)
        XCTAssertTrue(ConsoleFixture.screen(c).contains("Terminal too small"))
        c.resize(width: 60, height: 15)
        XCTAssertFalse(ConsoleFixture.screen(c).contains("Terminal too small"))
    }

    func testReviewSearchMapsAndUndoRestores() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        try ConsoleFixture.keys(c, "2")
        XCTAssertEqual(c.state.focus, .review)
        let index = try XCTUnwrap(c.state.review.items.firstIndex { $0.sampleText.lowercased() == "staycation" })
        let before = c.state.review.pendingTotal
        for _ in 0..<index { c.handle(.down) }
        c.handle(.character("/"))
        ConsoleFixture.type(c, "beach")
        XCTAssertTrue(ConsoleFixture.screen(c).contains("→ Beach"), ConsoleFixture.screen(c))
        c.handle(.enter)
        XCTAssertNil(c.state.overlay)
        c.finishBackgroundWork()
        XCTAssertEqual(c.state.review.pendingTotal, before - 1, c.state.message ?? "")
        XCTAssertFalse(c.state.review.items.contains { $0.sampleText.lowercased() == "staycation" })
        c.handle(.character("u"))
        c.finishBackgroundWork()
        XCTAssertEqual(c.state.review.pendingTotal, before)
    }

    func testSimulatorWinnerChangesWithTheProfile() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        try ConsoleFixture.keys(c, "3")
        while c.state.simulator.campaign != "summer-sale" { c.handle(.character("]")) }
        while c.state.simulator.subject?.id != "sun-seeker" { c.handle(.character(">")) }
        let winner = try XCTUnwrap(c.state.simulator.decision?.winner)
        XCTAssertTrue(winner.path.hasSuffix("beach-sunset-header.jpg"))
        XCTAssertTrue(ConsoleFixture.screen(c).contains("★"))
        // A deal hunter's taste added strongly turns the ranking to the sale banner.
        c.handle(.character("a"))
        ConsoleFixture.type(c, "theme=sale:1")
        c.handle(.enter)
        c.handle(.character("a"))
        ConsoleFixture.type(c, "format=text heavy:1")
        c.handle(.enter)
        // Remove the sun-seeker's own attributes one by one until only the added two remain.
        c.handle(.home)
        while c.state.simulator.profile.count > 2 { c.handle(.character("x")) }
        let after = try XCTUnwrap(c.state.simulator.decision?.winner)
        XCTAssertNotEqual(after.assetID, winner.assetID, "the winner changes as the profile changes")
        // Facet weights: + and - change the selected facet's weight by 0.1.
        c.handle(.character("w"))
        XCTAssertTrue(c.state.simulator.editingWeights)
        let facet = c.state.simulator.facetOrder[c.state.simulator.selectedFacet]
        let w = c.state.simulator.facetWeights[facet] ?? 0
        c.handle(.character("+"))
        XCTAssertEqual(c.state.simulator.facetWeights[facet] ?? 0, w + 0.1, accuracy: 1e-9)
    }

    func testTwoOperatorsNeverLoseADecisionInSilence() throws {
        let path = try ConsoleFixture.database()
        let a = try ConsoleFixture.controller(path, actor: "alice")
        let b = try ConsoleFixture.controller(path, actor: "bob")
        try ConsoleFixture.keys(a, "2")
        try ConsoleFixture.keys(b, "2")
        let item = try XCTUnwrap(a.state.review.items.first { !$0.candidates.isEmpty })
        let ia = try XCTUnwrap(a.state.review.items.firstIndex(of: item))
        let ib = try XCTUnwrap(b.state.review.items.firstIndex { $0.id == item.id })
        for _ in 0..<ia { a.handle(.down) }
        for _ in 0..<ib { b.handle(.down) }
        a.handle(.character("a"))
        a.finishBackgroundWork()
        XCTAssertFalse(a.state.messageIsError, a.state.message ?? "")
        // Bob has not refreshed yet and accepts the same item: he is told who decided it.
        b.handle(.character("a"))
        b.finishBackgroundWork()
        XCTAssertTrue(b.state.messageIsError)
        XCTAssertTrue((b.state.message ?? "").contains("alice"), b.state.message ?? "")
        // Bob's next tick shows Alice's decision.
        b.tick()
        XCTAssertFalse(b.state.review.items.contains { $0.id == item.id })
    }

    func testHostileTextNeverReachesTheScreenRaw() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        try ConsoleFixture.keys(c, "3")
        c.handle(.character("a"))
        ConsoleFixture.type(c, "theme=\u{1B}[31mred" + String(repeating: "x", count: 300))
        c.handle(.enter)
        let screen = ConsoleFixture.screen(c)
        XCTAssertFalse(screen.contains("\u{1B}"))
        for line in screen.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 80) }
    }

    func testAPromptStaysTiedToTheItemItWasOpenedOn() throws {
        let path = try ConsoleFixture.database()
        let a = try ConsoleFixture.controller(path, actor: "alice")
        let b = try ConsoleFixture.controller(path, actor: "bob")
        try ConsoleFixture.keys(a, "2")
        try ConsoleFixture.keys(b, "2")
        let item = try XCTUnwrap(a.state.review.items.first)
        a.handle(.character("/"))
        ConsoleFixture.type(a, "travel")
        // Bob decides Alice's item meanwhile; her console reloads and the selection moves on.
        b.handle(.character("x"))
        b.finishBackgroundWork()
        a.tick()
        let other = a.state.review.items.first?.id
        a.handle(.enter)
        a.finishBackgroundWork()
        XCTAssertTrue(a.state.messageIsError, a.state.message ?? "")
        XCTAssertTrue((a.state.message ?? "").contains("bob"), a.state.message ?? "")
        XCTAssertEqual(a.state.review.items.first?.id, other, "the item now selected was not decided by mistake")
        _ = item
    }

    func testSimulatorEditsSurviveAReload() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        try ConsoleFixture.keys(c, "3 w")
        let facet = c.state.simulator.facetOrder[c.state.simulator.selectedFacet]
        c.handle(.character("+"))
        let edited = c.state.simulator.facetWeights[facet]
        try ConsoleFixture.keys(c, "ctrl-r")
        c.tick()
        XCTAssertEqual(c.state.simulator.facetWeights[facet], edited)
    }

    func testProfileEditsOfAnotherPersonaSurviveAReload() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        try ConsoleFixture.keys(c, "3 >")
        let subject = c.state.simulator.subject?.id
        c.handle(.character("-"))
        let edited = c.state.simulator.profile
        XCTAssertNotEqual(edited, c.state.simulator.subject?.attributes)
        try ConsoleFixture.keys(c, "ctrl-r")
        c.tick()
        XCTAssertEqual(c.state.simulator.subject?.id, subject)
        XCTAssertEqual(c.state.simulator.profile, edited, "the edit is kept, not replaced by the stored persona")
    }

    func testKeysDoNothingWhileTheTerminalIsTooSmall() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        try ConsoleFixture.keys(c, "2")
        let before = c.state.review.pendingTotal
        c.resize(width: 40, height: 10)
        c.handle(.character("x"))
        XCTAssertEqual(c.state.review.pendingTotal, before)
        XCTAssertFalse(c.handle(.character("q")))
    }

    func testMergingAnEntryMovesItsNamesAndDeprecatesIt() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        try ConsoleFixture.keys(c, "4")
        let index = try XCTUnwrap(c.state.dictionary.visible.firstIndex { $0.id == "cosy" })
        for _ in 0..<index { c.handle(.down) }
        c.handle(.character("M"))
        ConsoleFixture.type(c, "calm")
        c.handle(.enter)
        XCTAssertFalse(c.state.messageIsError, c.state.message ?? "")
        let cosy = try XCTUnwrap(c.state.dictionary.entries.first { $0.id == "cosy" })
        let calm = try XCTUnwrap(c.state.dictionary.entries.first { $0.id == "calm" })
        XCTAssertEqual(cosy.status, .deprecated)
        XCTAssertEqual(cosy.replacedBy, "calm")
        XCTAssertTrue(calm.aliases.contains(cosy.label), "\(calm.aliases)")
    }

    func testAddingAnAttributeSuggestsDictionaryEntries() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        try ConsoleFixture.keys(c, "3")
        c.handle(.character("a"))
        ConsoleFixture.type(c, "theme=bea")
        guard case .prompt(let p) = c.state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(p.suggestions.first, "Beach")
        XCTAssertTrue(ConsoleFixture.screen(c).contains("→ Beach"))
        ConsoleFixture.type(c, ":0.5")
        c.handle(.enter)
        let added = try XCTUnwrap(c.state.simulator.profile.last)
        XCTAssertEqual(added.value, "Beach")
        XCTAssertEqual(added.weight, 0.5)
        XCTAssertEqual(added.entry, "beach")
    }

    func testArrowsChooseAmongTheSearchMatches() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        try ConsoleFixture.keys(c, "2")
        let item = try XCTUnwrap(c.state.review.items.first)
        c.handle(.character("/"))
        ConsoleFixture.type(c, "winter")
        c.handle(.down)
        guard case .prompt(let p) = c.state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(p.choice, 1)
        let expected = DictionarySearch.matches("winter", in: c.state.dictionary.entries)[1]
        c.handle(.enter)
        c.finishBackgroundWork()
        XCTAssertFalse(c.state.messageIsError, c.state.message ?? "")
        XCTAssertTrue((c.state.message ?? "").contains(expected.id), "\(c.state.message ?? "") vs \(expected.id)")
        _ = item
    }
}
