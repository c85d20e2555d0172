import AssetScoreCore
import Foundation
import XCTest

@testable import AssetScoreStorage

/// The hot reads of the console must walk indexes, never a whole table: checked on SQLite's
/// own query plan for the exact statements the store runs.
final class QueryPlanTests: StoreTestCase {
    private var store: SQLiteStore!

    override func setUpWithError() throws {
        try super.setUpWithError()
        store = try makeStore()
        let mapper = Mapper(dictionary: try store.loadDictionary(), normalizer: Normalizer())
        let data = try SyntheticDatabase(
            options: SyntheticOptions(assets: 600, reviewItems: 60, campaigns: 5, users: 40, seed: 3),
            dictionary: try store.loadDictionary(), map: { facet, text in mapper.map(text, facet: facet) })
        try store.generate(data, actor: "test")
    }

    override func tearDownWithError() throws {
        store = nil
        try super.tearDownWithError()
    }

    private func plan(_ statement: (sql: String, values: [SQLiteValue])) throws -> String {
        try store.db.queryPlan(statement.sql, values: statement.values).joined(separator: "\n")
    }

    /// Tables and the aliases the store's statements give them.
    private static let tables = [
        "assets", "asset_tags", "analyses", "review_items", "user_attributes", "persona_attributes", "users", "audit_log", "a", "r",
        "s", "t", "u",
    ]

    /// Fails when the plan reads any table from start to end (scans of the statement's own
    /// materialised subqueries are fine).
    private func assertNoFullScan(_ plan: String, file: StaticString = #filePath, line: UInt = #line) {
        for step in plan.split(separator: "\n") {
            let words = step.trimmingCharacters(in: .whitespaces).split(separator: " ")
            guard words.count >= 2, words[0] == "SCAN" else { continue }
            XCTAssertFalse(Self.tables.contains(String(words[1])), "full scan (\(step)) in:\n\(plan)", file: file, line: line)
        }
    }

    func testAssetPagesWalkACreatedAtIndexForEveryFilter() throws {
        let cases: [(String?, AssetStatus?, String)] = [
            (nil, nil, "assets_by_created"),
            ("spring-sale-001", nil, "assets_by_campaign_created (campaign=?)"),
            (nil, .needsReview, "assets_by_status_created (status=?)"),
            ("spring-sale-001", .ready, "assets_by_campaign_status_created (campaign=? AND status=?)"),
        ]
        for (campaign, status, index) in cases {
            let text = try plan(store.assetPageStatement(campaign: campaign, status: status, search: nil, limit: 50, offset: 0))
            XCTAssertTrue(text.contains("USING INDEX \(index)"), "campaign \(campaign ?? "-"), status \(status?.rawValue ?? "-"):\n\(text)")
            XCTAssertFalse(text.contains("TEMP B-TREE"), "the index order is the list order, no sort:\n\(text)")
            // Unfiltered, the whole list is the index in order: walking it until LIMIT is the plan.
            if campaign != nil || status != nil { assertNoFullScan(text) }
        }
        // A search still starts from the campaign's index; only the name test is a filter.
        let searched = try plan(store.assetPageStatement(campaign: "spring-sale-001", status: nil, search: "beach", limit: 50, offset: 0))
        XCTAssertTrue(searched.contains("assets_by_campaign_created (campaign=?)"), searched)
    }

    func testCountsReadTheCountTableNotTheAssets() throws {
        let text = try store.db.queryPlan(SQLiteStore.assetCountsSQL).joined(separator: "\n")
        XCTAssertTrue(text.contains("SEARCH n USING PRIMARY KEY (campaign=?)"), text)
        XCTAssertFalse(text.contains("assets"), text)
    }

    func testReviewRankingCountsImpactFromCoveringLinkIndexes() throws {
        let text = try plan(store.reviewRankingStatement(status: .pending, facet: nil, search: nil))
        XCTAssertTrue(text.contains("COVERING INDEX asset_tags_waiting_on (review_item_id>?)"), text)
        XCTAssertTrue(text.contains("COVERING INDEX asset_tags_settled_by (resolved_by_item>?)"), text)
        XCTAssertTrue(text.contains("COVERING INDEX persona_attributes_waiting_on (review_item_id>?)"), text)
        XCTAssertTrue(text.contains("COVERING INDEX persona_attributes_settled_by (resolved_by_item>?)"), text)
        XCTAssertTrue(text.contains("COVERING INDEX assets_by_latest_analysis (latest_analysis_id=?)"), text)
        XCTAssertTrue(text.contains("review_items_by_status_facet (status=?)"), text)
        assertNoFullScan(text)
    }

    func testReviewPageRowsReadOnlyTheirOwnNewestLinks() throws {
        let text = try plan(store.reviewDetailsStatement(ids: [1, 2, 3], assetIDLimit: 20))
        XCTAssertTrue(text.contains("SEARCH r USING INTEGER PRIMARY KEY (rowid=?)"), text)
        XCTAssertTrue(text.contains("COVERING INDEX asset_tags_waiting_on (review_item_id=?)"), text)
        XCTAssertTrue(text.contains("COVERING INDEX asset_tags_settled_by (resolved_by_item=? AND review_item_id=?)"), text)
        XCTAssertFalse(text.contains("TEMP B-TREE FOR ORDER BY"), "newest analyses come in index order, LIMIT stops early:\n\(text)")
        assertNoFullScan(text)
    }

    func testOneReviewItemReadsOnlyItsOwnLinks() throws {
        let text = try store.db.queryPlan(SQLiteStore.reviewItemSQL, values: [.integer(-1), .integer(1)]).joined(separator: "\n")
        XCTAssertTrue(text.contains("asset_tags_waiting_on (review_item_id=?)"), text)
        XCTAssertTrue(text.contains("asset_tags_settled_by (resolved_by_item=? AND review_item_id=?)"), text)
        XCTAssertTrue(text.contains("user_attributes_waiting_on (review_item_id=?)"), text)
        XCTAssertTrue(text.contains("user_attributes_settled_by (resolved_by_item=? AND review_item_id=?)"), text)
        XCTAssertTrue(text.contains("persona_attributes_waiting_on (review_item_id=?)"), text)
        XCTAssertTrue(text.contains("persona_attributes_settled_by (resolved_by_item=? AND review_item_id=?)"), text)
        XCTAssertFalse(text.contains("GROUP BY"), "nothing is aggregated over all items:\n\(text)")
        XCTAssertFalse(text.contains("MATERIALIZE"), "no link is read beyond this item's:\n\(text)")
        XCTAssertFalse(text.contains("review_item_id>?") || text.contains("resolved_by_item>?"), text)
        assertNoFullScan(text)
    }

    func testEntryUsageCountsFromCoveringIndexes() throws {
        let text = try store.db.queryPlan(SQLiteStore.entryUsageSQL).joined(separator: "\n")
        XCTAssertTrue(text.contains("COVERING INDEX asset_tags_by_entry_analysis (entry=?)"), text)
        XCTAssertTrue(text.contains("COVERING INDEX assets_by_latest_analysis (latest_analysis_id=?)"), text)
        XCTAssertFalse(text.contains("analyses"), "no MAX(version) per tag:\n\(text)")
    }

    func testUserPrefixSearchIsAnIndexRange() throws {
        let text = try plan(store.usersPageStatement(search: "user-00", limit: 20, offset: 0))
        XCTAssertTrue(text.contains("sqlite_autoindex_users_1 (id>? AND id<?)"), text)
        XCTAssertTrue(text.contains("user_attributes_by_user (user_id=?)"), text)
        assertNoFullScan(text)
    }
}
