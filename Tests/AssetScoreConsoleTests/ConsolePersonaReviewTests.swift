import AssetScoreCore
import AssetScoreStorage
import Foundation
import TerminalUI
import XCTest

@testable import AssetScoreConsole

/// The sample night-owl gamer's "vintage cars" is not in the dictionary: it waits in the review
/// queue, and whatever answers it (a decision here, a bulk accept, another process) counts in the
/// simulator at once, and stops counting after an undo.
final class ConsolePersonaReviewTests: XCTestCase {
    /// The simulator on summer-sale for the night-owl gamer. Panes are switched with F3 / F4:
    /// in the review pane the digits pick candidates.
    private func simulatorOnGamer(_ c: ConsoleController) throws {
        try ConsoleFixture.keys(c, "f4")
        while c.state.simulator.campaign != "summer-sale" { c.handle(.character("]")) }
        while c.state.simulator.subject?.id != "night-owl-gamer" { c.handle(.character(">")) }
    }

    private func cars(_ c: ConsoleController, file: StaticString = #filePath, line: UInt = #line) throws -> UserAttribute {
        try XCTUnwrap(c.state.simulator.profile.first { $0.value == "vintage cars" }, file: file, line: line)
    }

    /// Profile entries that score in some variant of the current ranking.
    private func scoringEntries(_ c: ConsoleController) -> Set<String> {
        Set((c.state.simulator.decision?.ranking ?? []).flatMap(\.contributions).map(\.userEntry))
    }

    private func selectItem(_ c: ConsoleController, _ text: String) throws -> ReviewItem {
        try ConsoleFixture.keys(c, "f3")
        let index = try XCTUnwrap(c.state.review.items.firstIndex { $0.sampleText == text }, "\(c.state.review.items.map(\.sampleText))")
        while c.state.review.selected < index { c.handle(.down) }
        return c.state.review.items[index]
    }

    func testADecisionHereCountsInTheSimulatorAndUndoTakesItBack() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        try simulatorOnGamer(c)
        XCTAssertNil(try cars(c).entry)
        let itemID = try XCTUnwrap(try cars(c).reviewItemID, "the persona's attribute waits for review")
        XCTAssertFalse(scoringEntries(c).contains("beach"))

        let item = try selectItem(c, "vintage cars")
        XCTAssertEqual(item.id, itemID)
        XCTAssertEqual(item.personaCount, 1)
        XCTAssertTrue(ConsoleFixture.screen(c).contains("1 persona(s)"), ConsoleFixture.screen(c))
        c.handle(.character("/"))
        ConsoleFixture.type(c, "beach")
        c.handle(.enter)
        c.finishBackgroundWork()
        XCTAssertFalse(c.state.messageIsError, c.state.message ?? "")

        try ConsoleFixture.keys(c, "f4")
        XCTAssertEqual(try cars(c).entry, "beach", "the unedited profile shows the stored decision")
        XCTAssertTrue(scoringEntries(c).contains("beach"), "the decided attribute scores without a restart")

        try ConsoleFixture.keys(c, "f3 u")
        c.finishBackgroundWork()
        try ConsoleFixture.keys(c, "f4")
        XCTAssertNil(try cars(c).entry)
        XCTAssertEqual(try cars(c).reviewItemID, itemID)
        XCTAssertFalse(scoringEntries(c).contains("beach"), "after the undo it waits again and does not count")
    }

    func testAnEditedProfileIsKeptAndStillScoresTheDecision() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        try simulatorOnGamer(c)
        c.handle(.character("-"))
        let edited = c.state.simulator.profile
        XCTAssertNotEqual(edited, c.state.simulator.subject?.attributes)

        _ = try selectItem(c, "vintage cars")
        c.handle(.character("/"))
        ConsoleFixture.type(c, "beach")
        c.handle(.enter)
        c.finishBackgroundWork()
        try ConsoleFixture.keys(c, "f4")
        XCTAssertEqual(c.state.simulator.profile, edited, "the operator's edit survives the reload")
        XCTAssertEqual(c.state.simulator.subject?.attributes.first { $0.value == "vintage cars" }?.entry, "beach")
        XCTAssertTrue(scoringEntries(c).contains("beach"), "the edited profile's text maps through the decision's alias")
    }

    func testAnotherProcesssDecisionReachesTheSimulatorOnScreen() throws {
        let path = try ConsoleFixture.database()
        let c = try ConsoleFixture.controller(path)
        try simulatorOnGamer(c)
        let itemID = try XCTUnwrap(try cars(c).reviewItemID)

        let other = try SQLiteStore(path: path)
        try other.decide(itemID: itemID, decision: .map(entry: "beach"), actor: "cli")
        c.tick()
        XCTAssertEqual(try cars(c).entry, "beach")
        XCTAssertTrue(scoringEntries(c).contains("beach"))
    }

    func testBulkAcceptMapsThePersonaWaitingOnAnAcceptedItem() throws {
        let path = try ConsoleFixture.database()
        // A tag of the same text with a strong candidate: its item is the persona's.
        let store = try SQLiteStore(path: path)
        let tag = AssetTag(
            raw: RawTag(text: "Vintage cars", facetHint: "theme", confidence: 0.8, source: .embedded, evidence: "test"),
            facet: "theme", normalized: "vintage cars", entry: nil, method: .unmapped, mappingConfidence: 0,
            candidates: [MappingCandidate(entry: "beach", facet: "theme", label: "Beach", score: 0.97)])
        try store.saveIngest(
            IngestRecord(
                asset: Asset(
                    id: 0, campaign: "bulk-test", path: "cars.png", contentHash: "cars", size: 10, mediaType: "image/png", width: 10,
                    height: 10),
                analysis: Analysis(
                    analyser: "embedded", analyserVersion: "test", rawOutput: "{}",
                    fields: AnalysisFields(width: 10, height: 10, orientation: "square", formatClass: "square")),
                tags: [tag]))

        let c = try ConsoleFixture.controller(path)
        try simulatorOnGamer(c)
        let itemID = try XCTUnwrap(try cars(c).reviewItemID)
        try ConsoleFixture.keys(c, "f3 B")
        for _ in 0..<4 { c.handle(.backspace) }
        ConsoleFixture.type(c, "0.95")
        c.handle(.enter)
        c.handle(.character("y"))
        c.finishBackgroundWork()
        XCTAssertFalse(c.state.messageIsError, c.state.message ?? "")
        XCTAssertEqual(try store.reviewItem(id: itemID)?.status, .mapped)
        XCTAssertEqual(try store.persona(id: "night-owl-gamer")?.attributes.first { $0.value == "vintage cars" }?.entry, "beach")
        try ConsoleFixture.keys(c, "f4")
        XCTAssertEqual(try cars(c).entry, "beach")
        XCTAssertTrue(scoringEntries(c).contains("beach"))
    }
}
