import AssetScoreCore
import TerminalUI
import XCTest

@testable import AssetScoreConsole

/// Big campaigns load on a background thread: keys keep working, the ranking shows when it is
/// ready, and a load the operator has moved on from is dropped.
final class ConsoleBackgroundCampaignTests: XCTestCase {
    /// Ticks (as the idle loop does) until nothing is loading, or fails after ten seconds.
    func settle(_ c: ConsoleController, file: StaticString = #filePath, line: UInt = #line) {
        let deadline = Date().addingTimeInterval(10)
        while c.state.simulator.loadingCampaign != nil && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.005)
            c.tick()
        }
        XCTAssertNil(c.state.simulator.loadingCampaign, "the campaign never finished loading", file: file, line: line)
    }

    func testABackgroundLoadShowsTheSameRankingAsALoadInPlace() throws {
        let path = try ConsoleFixture.database()
        let inPlace = try ConsoleFixture.controller(path)
        try ConsoleFixture.keys(inPlace, "3")
        XCTAssertNil(inPlace.state.simulator.loadingCampaign)
        let expected = try XCTUnwrap(inPlace.state.simulator.decision)

        let c = try ConsoleFixture.controller(path)
        c.backgroundCampaignThreshold = 0
        try ConsoleFixture.keys(c, "3")
        XCTAssertEqual(c.state.simulator.loadingCampaign, inPlace.state.simulator.campaign)
        XCTAssertNil(c.state.simulator.decision)
        XCTAssertTrue(ConsoleFixture.screen(c).contains("loading \(inPlace.state.simulator.campaign ?? "?")"), ConsoleFixture.screen(c))
        // Keys still work while it loads: the profile edit is kept and counts once it shows.
        c.handle(.character("-"))
        settle(c)
        inPlace.handle(.character("-"))
        let shown = try XCTUnwrap(c.state.simulator.decision)
        let now = try XCTUnwrap(inPlace.state.simulator.decision)
        XCTAssertEqual(shown.ranking, now.ranking)
        XCTAssertEqual(shown.winner, now.winner)
        XCTAssertEqual(c.state.simulator.personaWinners.map(\.asset), inPlace.state.simulator.personaWinners.map(\.asset))
        XCTAssertNotEqual(expected.ranking.count, 0)
        XCTAssertLessThanOrEqual(shown.ranking.count, c.state.height)
    }

    func testALoadTheOperatorMovedOnFromIsDropped() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        c.backgroundCampaignThreshold = 0
        try ConsoleFixture.keys(c, "3 ] ]")
        settle(c)
        let campaign = try XCTUnwrap(c.state.simulator.campaign)
        XCTAssertEqual(c.state.simulator.decision?.campaign, campaign)
        XCTAssertEqual(c.state.simulator.loadedCampaign, campaign)
        // Another campaign, then back to the one shown before: that one comes from memory, at once.
        c.handle(.character("]"))
        settle(c)
        c.handle(.character("["))
        XCTAssertEqual(c.state.simulator.campaign, campaign)
        XCTAssertNil(c.state.simulator.loadingCampaign)
        XCTAssertEqual(c.state.simulator.decision?.campaign, c.state.simulator.campaign)
    }
}
