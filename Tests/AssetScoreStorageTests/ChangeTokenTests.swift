import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

/// `changeToken` is what a console polls to know when to reload: it must move on every commit
/// (its own or another connection's) and stay put otherwise.
final class ChangeTokenTests: StoreTestCase {
    private struct Abort: Error {}

    func testReadsLeaveTheTokenAlone() throws {
        let store = try makeStore()
        try store.saveIngest(record(path: "a.png", hash: "a", tags: [unmapped("odd", hint: "theme")]))
        let token = try store.changeToken()
        _ = try store.assets(campaign: nil, status: nil)
        _ = try store.reviewItems(status: nil)
        _ = try store.loadDictionary()
        XCTAssertEqual(try store.changeToken(), token)
        XCTAssertEqual(try store.changeToken(), token, "polling itself is not a change")
    }

    func testOwnCommitsChangeTheToken() throws {
        let store = try makeStore()
        let start = try store.changeToken()
        try store.upsertCampaign(Campaign(id: "one"))
        let afterOne = try store.changeToken()
        XCTAssertNotEqual(afterOne, start)
        try store.saveIngest(record(path: "a.png", hash: "a", tags: [unmapped("odd", hint: "theme")]))
        XCTAssertNotEqual(try store.changeToken(), afterOne)
    }

    func testARolledBackTransactionIsNoChange() throws {
        let store = try makeStore()
        let token = try store.changeToken()
        XCTAssertThrowsError(
            try store.atomically {
                try store.upsertCampaign(Campaign(id: "never"))
                throw Abort()
            })
        XCTAssertNil(try store.campaign("never"))
        XCTAssertEqual(try store.changeToken(), token)
    }

    func testAnotherConnectionsCommitChangesTheToken() throws {
        let first = try makeStore()
        let second = try SQLiteStore(path: path)
        let firstToken = try first.changeToken()
        let secondToken = try second.changeToken()

        try second.saveIngest(record(path: "a.png", hash: "a", tags: [unmapped("odd", hint: "theme")]))
        let seen = try first.changeToken()
        XCTAssertNotEqual(seen, firstToken, "the first store must notice the second one's commit")
        XCTAssertEqual(try first.changeToken(), seen, "and then stay put")

        let item = try XCTUnwrap(try first.reviewItems(status: .pending).first)
        let beforeDecision = try second.changeToken()
        XCTAssertNotEqual(beforeDecision, secondToken, "its own commit moved the second store's token")
        try first.decide(itemID: item.id, decision: .reject, actor: "first")
        XCTAssertNotEqual(try second.changeToken(), beforeDecision, "a decision in one shows in the other")
        XCTAssertEqual(try second.reviewItem(id: item.id)?.decidedBy, "first")
    }

    func testTokensDoNotMoveForAnotherConnectionsReads() throws {
        let first = try makeStore()
        let second = try SQLiteStore(path: path)
        let token = try first.changeToken()
        _ = try second.reviewItems(status: nil)
        _ = try second.assets(campaign: nil, status: nil)
        XCTAssertEqual(try first.changeToken(), token)
    }

    /// Entry usage and the review ranking are kept per token: they must follow every commit,
    /// and a transaction's own uncommitted writes.
    func testCachedReadsFollowCommitsAndOpenTransactions() throws {
        let first = try makeStore()
        let second = try SQLiteStore(path: path)
        try first.saveIngest(record(path: "a.png", hash: "a", tags: [mapped("red", entry: "red", facet: "color")]))
        XCTAssertEqual(try first.entryUsage()["red"], 1)
        XCTAssertEqual(try first.reviewPage(status: .pending, facet: nil, search: nil, limit: 5, offset: 0), [])

        try second.saveIngest(
            record(path: "b.png", hash: "b", tags: [mapped("red", entry: "red", facet: "color"), unmapped("odd", hint: "theme")]))
        XCTAssertEqual(try first.entryUsage()["red"], 2, "another connection's commit is seen")
        XCTAssertEqual(try first.reviewPage(status: .pending, facet: nil, search: nil, limit: 5, offset: 0).map(\.normalized), ["odd"])

        try first.atomically {
            try first.saveIngest(record(path: "c.png", hash: "c", tags: [mapped("red", entry: "red", facet: "color")]))
            XCTAssertEqual(try first.entryUsage()["red"], 3, "the open transaction's own write is seen")
        }
        XCTAssertEqual(try first.entryUsage()["red"], 3)
        XCTAssertEqual(try second.entryUsage()["red"], 3)
    }
}
