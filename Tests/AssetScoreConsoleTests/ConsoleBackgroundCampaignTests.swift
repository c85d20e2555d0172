import AssetScoreCore
import AssetScoreStorage
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

    /// The fixture with users who like what the personas like (a few each, so shares differ).
    func databaseWithUsers() throws -> String {
        let path = try ConsoleFixture.database()
        let store = try SQLiteStore(path: path)
        var users: [UserProfile] = []
        for (n, persona) in try store.personas().enumerated() {
            for copy in 0...n { users.append(UserProfile(id: "u-\(n)-\(copy)", attributes: persona.attributes, source: "test")) }
        }
        try store.saveUsers(users, actor: "test")
        return path
    }

    /// Many users: the share chart is counted off the loop and says so until it arrives; the
    /// result is the one counted in place, and a recount for the same campaign keeps the bars.
    func testUsersSharesCountedInTheBackgroundMatchTheOnesCountedInPlace() throws {
        let path = try databaseWithUsers()
        let inPlace = try ConsoleFixture.controller(path)
        try ConsoleFixture.keys(inPlace, "3")
        let expected = inPlace.state.simulator.userShares
        XCTAssertFalse(expected.isEmpty, "the fixture has users")

        let c = try ConsoleFixture.controller(path)
        c.backgroundShareThreshold = 0
        try ConsoleFixture.keys(c, "3")
        // Nothing takes the result but a tick: the key leaves the chart counting.
        XCTAssertTrue(c.state.simulator.countingShares)
        XCTAssertTrue(ConsoleFixture.screen(c).contains("counting…"), ConsoleFixture.screen(c))
        _ = c.finishBackgroundWork()
        XCTAssertFalse(c.state.simulator.countingShares)
        XCTAssertEqual(c.state.simulator.usersCounted, inPlace.state.simulator.usersCounted)
        XCTAssertEqual(c.state.simulator.userShares.map(\.asset), expected.map(\.asset))
        XCTAssertEqual(c.state.simulator.userShares.map(\.share), expected.map(\.share))
        XCTAssertTrue(ConsoleFixture.screen(c).contains("Share won among \(inPlace.state.simulator.usersCounted) users"))

        // Another campaign: its own shares, never the previous campaign's bars under its name.
        c.handle(.character("]"))
        inPlace.handle(.character("]"))
        XCTAssertTrue(c.state.simulator.countingShares)
        XCTAssertEqual(c.state.simulator.userShares.count, 0, "the previous campaign's bars are gone")
        _ = c.finishBackgroundWork()
        XCTAssertFalse(c.state.simulator.countingShares)
        XCTAssertEqual(c.state.simulator.userShares.map(\.asset), inPlace.state.simulator.userShares.map(\.asset))
    }

    /// A count finished for a campaign the operator has left is not shown under the new one.
    func testSharesForACampaignLeftBehindAreDropped() throws {
        let c = try ConsoleFixture.controller(try databaseWithUsers())
        c.backgroundShareThreshold = 0
        try ConsoleFixture.keys(c, "3")
        let first = try XCTUnwrap(c.decider)
        c.shareCounter.waitUntilIdle()
        let stale = try XCTUnwrap(c.shareCounter.take())
        c.handle(.character("]"))
        XCTAssertNotEqual(c.decider?.campaign.id, first.campaign.id)
        c.applyShares(stale)
        XCTAssertTrue(c.state.simulator.countingShares, "the stale count must not end the new one")
        _ = c.finishBackgroundWork()
        XCTAssertFalse(c.state.simulator.countingShares)
    }

    /// A campaign that fails to load shows nothing of the one before it: no ranking, no
    /// persona winners, no shares, and no count left running.
    func testAFailedLoadShowsNothingOfThePreviousCampaign() throws {
        let path = try databaseWithUsers()
        let c = try ConsoleFixture.controller(path)
        c.backgroundShareThreshold = 0
        try ConsoleFixture.keys(c, "3")
        _ = c.finishBackgroundWork()
        XCTAssertFalse(c.state.simulator.userShares.isEmpty)
        // A count of this campaign's shares is in flight when the operator moves on.
        c.summariseUsers()
        XCTAssertTrue(c.state.simulator.countingShares)
        // The next campaign's variants vanish under the console (another process broke the file).
        let next = c.state.simulator.campaigns[(c.state.simulator.campaignIndex + 1) % c.state.simulator.campaigns.count]
        try SQLiteConnection(path: path).execute(script: "DROP TABLE asset_tags;")
        c.handle(.character("]"))
        XCTAssertEqual(c.state.simulator.campaign, next)
        XCTAssertTrue(c.state.messageIsError, c.state.message ?? "")
        XCTAssertNil(c.state.simulator.decision)
        XCTAssertTrue(c.state.simulator.personaWinners.isEmpty)
        XCTAssertTrue(c.state.simulator.userShares.isEmpty)
        XCTAssertFalse(c.state.simulator.countingShares)
        _ = c.finishBackgroundWork()
        XCTAssertTrue(c.state.simulator.userShares.isEmpty, "a late count for the old campaign is not shown")
    }

    /// The same failure on a background load: reported when it arrives, nothing of the previous
    /// campaign shown meanwhile or after.
    func testAFailedBackgroundLoadShowsNothingOfThePreviousCampaign() throws {
        let path = try ConsoleFixture.database()
        let c = try ConsoleFixture.controller(path)
        try ConsoleFixture.keys(c, "3")
        XCTAssertNotNil(c.state.simulator.decision)
        c.backgroundCampaignThreshold = 0
        try SQLiteConnection(path: path).execute(script: "DROP TABLE asset_tags;")
        c.handle(.character("]"))
        XCTAssertNil(c.state.simulator.decision)
        settle(c)
        XCTAssertNil(c.state.simulator.decision)
        XCTAssertNil(c.decider)
        XCTAssertTrue(c.state.simulator.personaWinners.isEmpty)
        // The broken file is reported (by the load or by the reload the change itself causes).
        XCTAssertTrue(c.state.messageIsError, c.state.message ?? "")
    }

    /// A change lands while a campaign loads with the simulator hidden: the load, read before
    /// the change, is dropped rather than cached; the simulator loads the campaign afresh.
    func testALoadReadBeforeAChangeIsNotKept() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        c.backgroundCampaignThreshold = 0
        try ConsoleFixture.keys(c, "3")
        XCTAssertNotNil(c.state.simulator.loadingCampaign)
        try ConsoleFixture.keys(c, "tab")
        XCTAssertFalse(c.isVisible(.simulator), "80 columns show one pane")
        try c.reloadChanged()
        // Long enough for the old load to finish and be offered to the loop.
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            c.tick()
        }
        XCTAssertTrue(c.deciders.isEmpty, "a campaign read before the change came back into the cache")
        XCTAssertNil(c.decider)
        try ConsoleFixture.keys(c, "shift-tab")
        XCTAssertEqual(c.state.focus, .simulator)
        settle(c)
        XCTAssertNotNil(c.state.simulator.decision)
        XCTAssertEqual(c.deciders.count, 1)
    }

    /// The share counter maps each unmapped text once for all users holding it: the profiles it
    /// makes are exactly those `resolve` makes user by user (each keeping its own weight).
    func testProfilesMappedOnceAreTheOnesResolveMakes() throws {
        let path = try ConsoleFixture.database()
        let store = try SQLiteStore(path: path)
        let texts = [("theme", "beaches"), ("theme", "Beach"), ("tone", "warmish"), ("color", "turquise"), ("theme", "zzqx")]
        var users: [UserProfile] = []
        for n in 0..<40 {
            let picked = texts.enumerated().filter { ($0.offset + n) % 2 == 0 }.map(\.element)
            users.append(
                UserProfile(
                    id: "u\(n)", attributes: picked.map { UserAttribute(facet: $0.0, value: $0.1, weight: Double(n % 9 + 1) / 10) },
                    source: "test"))
        }
        try store.saveUsers(users, actor: "test")
        let c = try ConsoleFixture.controller(path)
        try ConsoleFixture.keys(c, "3")
        let decider = try XCTUnwrap(c.decider)
        let stored = try store.users(limit: 1000, offset: 0)
        XCTAssertTrue(stored.flatMap(\.attributes).contains { $0.entry == nil }, "some texts are left for the mapper")
        XCTAssertEqual(try ShareCounter.profiles(store, decider: decider), stored.map { decider.resolve($0.attributes) })
    }
}
