import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

/// `reviewPage` and `reviewCount` against the full `reviewItems` list they page through.
final class ReviewPageTests: StoreTestCase {
    /// "popular" waits in 25 assets over three campaigns (more than a page lists), "odd_one"
    /// in 3, "weird" in 2 plus two users, "Scarlet" (color) in 1, and six singletons.
    private func seeded() throws -> SQLiteStore {
        let store = try makeStore()
        let campaigns = ["spring", "summer", "autumn"]
        for n in 0..<25 {
            var tags = [unmapped("popular", hint: "theme")]
            if n < 3 { tags.append(unmapped("odd_one", hint: nil)) }
            if n < 2 { tags.append(unmapped("weird", hint: "theme")) }
            if n == 0 { tags.append(unmapped("Scarlet", hint: "color")) }
            if n < 6 { tags.append(unmapped("single\(n)", hint: "tone")) }
            try store.saveIngest(record(campaign: campaigns[n % 3], path: "\(n).png", hash: "h\(n)", tags: tags))
        }
        try store.saveUsers(
            [
                UserProfile(id: "u1", attributes: [UserAttribute(facet: "theme", value: "weird", normalized: "weird")], source: "crm"),
                UserProfile(id: "u2", attributes: [UserAttribute(facet: "theme", value: "Weird", normalized: "weird")], source: "crm"),
            ], actor: "test")
        return store
    }

    /// What a page shows of `items`: assets were analysed in id order here, so the most
    /// recently analysed ones are the highest ids.
    private func capped(_ items: [ReviewItem]) -> [ReviewItem] {
        items.map { item in
            var item = item
            item.assetIDs = Array(item.assetIDs.suffix(StorePaging.reviewAssetIDLimit))
            return item
        }
    }

    func testPagesFollowTheImpactOrderWithCappedAssetLists() throws {
        let store = try seeded()
        let all = try store.reviewItems(status: .pending)
        XCTAssertEqual(all.map(\.normalized).prefix(4), ["popular", "weird", "odd_one", "scarlet"])
        XCTAssertEqual(all.count, 10)
        XCTAssertEqual(all[0].assetIDs.count, 25, "the full list keeps every asset")
        XCTAssertEqual(all[0].campaigns, ["autumn", "spring", "summer"])
        XCTAssertEqual(all[1].occurrences, 4, "two tags and two user attributes")
        XCTAssertEqual(all[1].userCount, 2)

        var paged: [ReviewItem] = []
        for offset in stride(from: 0, to: 12, by: 3) {
            paged += try store.reviewPage(status: .pending, facet: nil, search: nil, limit: 3, offset: offset)
        }
        XCTAssertEqual(paged, capped(all))
        XCTAssertEqual(paged[0].assetIDs.count, StorePaging.reviewAssetIDLimit)
        XCTAssertEqual(
            paged[0].assetIDs, Array(all[0].assetIDs.sorted().suffix(StorePaging.reviewAssetIDLimit)), "the newest analyses")
        XCTAssertEqual(try store.reviewItem(id: all[0].id), all[0], "a single item keeps every asset")
        XCTAssertEqual(try store.reviewCount(status: .pending), 10)
        XCTAssertEqual(try store.reviewCount(status: nil), 10)
        XCTAssertEqual(try store.reviewPage(status: .pending, facet: nil, search: nil, limit: 0, offset: 0), [])
        XCTAssertEqual(try store.reviewPage(status: .pending, facet: nil, search: nil, limit: 5, offset: 50), [])
    }

    func testFiltersByStatusFacetAndSearch() throws {
        let store = try seeded()
        let all = try store.reviewItems(status: nil)
        func page(_ status: ReviewStatus?, _ facet: String?, _ search: String?) throws -> [String] {
            let items = try store.reviewPage(status: status, facet: facet, search: search, limit: 100, offset: 0)
            XCTAssertEqual(try store.reviewCount(status: status, facet: facet, search: search), items.count)
            return items.map(\.normalized)
        }
        XCTAssertEqual(try page(.pending, "theme", nil), ["popular", "weird"])
        XCTAssertEqual(try page(nil, "", nil), ["odd_one"], "\"\" is the facet of items without a hint")
        XCTAssertEqual(try page(nil, "tone", nil), (0..<6).map { "single\($0)" })
        XCTAssertEqual(try page(nil, nil, "SCAR"), ["scarlet"], "search ignores case")
        XCTAssertEqual(try page(nil, nil, "d_o"), ["odd_one"], "_ is a character, not a wildcard")
        XCTAssertEqual(try page(nil, nil, "r_d"), [])
        XCTAssertEqual(try page(nil, "color", "arl"), ["scarlet"])
        XCTAssertEqual(try page(nil, nil, "").count, all.count)

        let weird = try item(store, facet: "theme", normalized: "weird")
        try store.decide(itemID: weird.id, decision: .map(entry: "summer"), actor: "ann")
        XCTAssertEqual(try page(.pending, "theme", nil), ["popular"])
        XCTAssertEqual(try page(.mapped, nil, nil), ["weird"])
        let decided = try XCTUnwrap(try store.reviewPage(status: .mapped, facet: nil, search: nil, limit: 1, offset: 0).first)
        XCTAssertEqual(decided.occurrences, 4, "a decided item counts what it settled")
        XCTAssertEqual(decided.userCount, 2)
        XCTAssertEqual(decided.decidedBy, "ann")
        XCTAssertEqual(try store.reviewCount(status: .pending), 9)
        XCTAssertEqual(
            capped(try store.reviewItems(status: nil)), try store.reviewPage(status: nil, facet: nil, search: nil, limit: 99, offset: 0))
    }

    func testOnlyTheLatestAnalysisCounts() throws {
        let store = try seeded()
        let popular = try item(store, facet: "theme", normalized: "popular")
        let first = try XCTUnwrap(try store.asset(campaign: "spring", path: "0.png"))
        // New bytes at the same path: version 2 of asset 0 has no review tags at all.
        try store.saveIngest(
            record(id: first.id, campaign: "spring", path: "0.png", hash: "h0-v2", tags: [mapped("red", entry: "red", facet: "color")]))
        XCTAssertEqual(try store.latestAnalysis(assetID: first.id)?.version, 2)
        let after = try XCTUnwrap(try store.reviewItem(id: popular.id))
        XCTAssertEqual(after.occurrences, 24)
        XCTAssertFalse(after.assetIDs.contains(first.id))
        let scarlet = try store.reviewPage(status: .pending, facet: "color", search: nil, limit: 5, offset: 0)
        XCTAssertEqual(scarlet.map(\.occurrences), [0], "the item stays, with nothing waiting on it")
        XCTAssertEqual(try store.reviewPage(status: .pending, facet: "theme", search: "popular", limit: 1, offset: 0), capped([after]))
    }

    func testAPageAfterAnotherConnectionsDecisionShowsIt() throws {
        let store = try seeded()
        let first = try store.reviewPage(status: .pending, facet: nil, search: nil, limit: 3, offset: 0)
        XCTAssertEqual(first.map(\.normalized), ["popular", "weird", "odd_one"])
        XCTAssertEqual(try store.reviewPage(status: .pending, facet: nil, search: nil, limit: 3, offset: 0), first, "same data, same page")

        let other = try SQLiteStore(path: path)
        try other.decide(itemID: first[1].id, decision: .reject, actor: "bob")
        XCTAssertEqual(
            try store.reviewPage(status: .pending, facet: nil, search: nil, limit: 3, offset: 0).map(\.normalized),
            ["popular", "odd_one", "scarlet"])
        try other.saveIngest(record(campaign: "winter", path: "late.png", hash: "late", tags: [unmapped("Scarlet", hint: "color")]))
        let scarlet = try XCTUnwrap(try store.reviewPage(status: .pending, facet: "color", search: nil, limit: 1, offset: 0).first)
        XCTAssertEqual(scarlet.occurrences, 2)
        XCTAssertEqual(scarlet.campaigns, ["spring", "winter"])
    }

    func testAPageInsideATransactionSeesItsOwnUncommittedWrites() throws {
        let store = try seeded()
        _ = try store.reviewPage(status: .pending, facet: "color", search: nil, limit: 5, offset: 0)
        try store.atomically {
            try store.saveIngest(record(campaign: "winter", path: "late.png", hash: "late", tags: [unmapped("Scarlet", hint: "color")]))
            XCTAssertEqual(try store.reviewPage(status: .pending, facet: "color", search: nil, limit: 5, offset: 0).first?.occurrences, 2)
        }
        XCTAssertEqual(try store.reviewPage(status: .pending, facet: "color", search: nil, limit: 5, offset: 0).first?.occurrences, 2)
    }
}

/// Statuses after a decision, for many assets at once.
final class StatusRefreshTests: StoreTestCase {
    func testADecisionMovesOnlyScorableAssetsAndOnlyWhenTheirStatusChanges() throws {
        let store = try makeStore()
        var waiting: [Asset] = []
        for n in 0..<30 {
            var tags = [unmapped("popular", hint: "theme")]
            if n % 10 == 0 { tags.append(unmapped("other\(n)", hint: "theme")) }
            waiting.append(try store.saveIngest(record(path: "\(n).png", hash: "h\(n)", tags: tags)))
        }
        // Asset 1 failed on a later read; its tags still wait on the item, but it must stay failed.
        var broken = waiting[1]
        broken.failureReason = "unreadable"
        try store.saveFailure(broken)
        let untouched = try store.saveIngest(record(path: "ready.png", hash: "ready", tags: [mapped("red", entry: "red", facet: "color")]))

        let popular = try item(store, facet: "theme", normalized: "popular")
        try store.decide(itemID: popular.id, decision: .map(entry: "summer"), actor: "ann")
        for (n, asset) in waiting.enumerated() {
            let expected: AssetStatus = n == 1 ? .failed : n % 10 == 0 ? .needsReview : .ready
            XCTAssertEqual(try store.asset(id: asset.id)?.status, expected, "asset \(n)")
        }
        XCTAssertEqual(
            try store.asset(id: waiting[0].id)?.updatedAt, waiting[0].updatedAt,
            "asset 0 still waits (on another text): its row is not rewritten")
        XCTAssertEqual(try store.asset(id: untouched.id), untouched)
        XCTAssertEqual(try store.assetCounts().count(status: .ready), 27)

        try store.undoDecision(itemID: popular.id, actor: "ann")
        for (n, asset) in waiting.enumerated() {
            XCTAssertEqual(try store.asset(id: asset.id)?.status, n == 1 ? .failed : .needsReview, "asset \(n) after undo")
        }
        XCTAssertEqual(try store.assetCounts().count(status: .needsReview), 29)
    }
}
