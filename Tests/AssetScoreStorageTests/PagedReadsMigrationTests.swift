import AssetScoreCore
import Foundation
import XCTest

@testable import AssetScoreStorage

/// Migration 2 on a file written by version 1: the latest-analysis column is filled from the
/// rows already there and then kept by its triggers.
final class PagedReadsMigrationTests: StoreTestCase {
    private func insertAnalysis(_ db: SQLiteConnection, asset: Int64, version: Int) throws -> Int64 {
        let fields = String(
            decoding: try JSONEncoder().encode(AnalysisFields(width: 10, height: 10, orientation: "square", formatClass: "square")),
            as: UTF8.self)
        try db.run(
            """
            INSERT INTO analyses (asset_id, version, analyser, analyser_version, raw_output, fields, duration_ms, created_at)
            VALUES (?, ?, 'embedded', 'v1', '{}', ?, 5, ?)
            """, asset, version, fields, StoredDate.text(Date()))
        return db.lastInsertRowID
    }

    private func insertWaitingTag(_ db: SQLiteConnection, analysis: Int64, item: Int64) throws {
        try db.run(
            """
            INSERT INTO asset_tags (analysis_id, raw_text, source, confidence, evidence, facet, normalized, method,
                mapping_confidence, review_item_id)
            VALUES (?, 'odd', 'embedded', 0.9, 'test', 'theme', 'odd', 'unmapped', 0, ?)
            """, analysis, item)
    }

    func testVersion2FillsTheLatestAnalysisAndKeepsItCurrent() throws {
        let now = StoredDate.text(Date())
        do {
            let db = try rawConnection()
            try db.execute(script: "PRAGMA foreign_keys = ON")
            try db.migrate(Array(StoreSchema.migrations.prefix(1)))
            XCTAssertEqual(try db.schemaVersion(), 1)
            try db.run("INSERT INTO campaigns (id, name) VALUES ('spring', 'Spring')")
            for (n, status) in ["needs_review", "needs_review", "failed"].enumerated() {
                try db.run(
                    """
                    INSERT INTO assets (campaign, path, content_hash, size, media_type, status, created_at, updated_at)
                    VALUES ('spring', ?, ?, 1, 'image/png', ?, ?, ?)
                    """, "\(n).png", "hash\(n)", status, now, now)
            }
            try db.run(
                """
                INSERT INTO review_items (facet, normalized, sample_text, status, created_at)
                VALUES ('theme', 'odd', 'odd', 'pending', ?)
                """, now)
            // Asset 1 has two analyses, each with the waiting tag; asset 2 one; asset 3 none.
            let old = try insertAnalysis(db, asset: 1, version: 1)
            let newer = try insertAnalysis(db, asset: 1, version: 2)
            let only = try insertAnalysis(db, asset: 2, version: 1)
            for analysis in [old, newer, only] { try insertWaitingTag(db, analysis: analysis, item: 1) }
        }

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try store.schemaVersion(), SQLiteStore.supportedSchemaVersion, "opened and brought up to date")
        let db = try rawConnection()
        let latest = try db.query("SELECT id, latest_analysis_id FROM assets ORDER BY id") { ($0.int64(0), $0.optionalInt64(1)) }
        XCTAssertEqual(latest.map(\.1), [2, 3, nil])
        XCTAssertEqual(try store.assetCounts().byCampaign["spring"], [.needsReview: 2, .failed: 1], "counts filled from the rows")
        let item = try XCTUnwrap(try store.reviewItem(id: 1))
        XCTAssertEqual(item.occurrences, 2, "the old analysis of asset 1 no longer counts")
        XCTAssertEqual(item.assetIDs, [1, 2])
        XCTAssertEqual(try store.reviewPage(status: .pending, facet: nil, search: nil, limit: 5, offset: 0), [item])

        // A new version through the store moves the column; its tags are what counts now.
        _ = try store.importDictionary(facets: Self.facets, entries: Self.entries, source: "test", actor: "setup")
        try store.saveIngest(record(id: 2, path: "1.png", hash: "hash1-v2", tags: [mapped("red", entry: "red", facet: "color")]))
        XCTAssertEqual(
            try db.scalarInt("SELECT latest_analysis_id FROM assets WHERE id = 2"), try db.scalarInt("SELECT MAX(id) FROM analyses"))
        XCTAssertEqual(try store.reviewItem(id: 1)?.occurrences, 1)
        let fresh = try store.saveIngest(record(path: "new.png", hash: "new", tags: [unmapped("odd", hint: "theme")]))
        XCTAssertEqual(try store.reviewItem(id: 1)?.assetIDs, [1, fresh.id])
        XCTAssertEqual(try store.assetCounts().byCampaign["spring"], [.needsReview: 2, .ready: 1, .failed: 1], "and kept by the triggers")

        let indexes = Set(try db.query("SELECT name FROM sqlite_master WHERE type = 'index'") { $0.text(0) })
        for gone in ["assets_by_status", "asset_tags_waiting", "asset_tags_resolved", "user_attributes_waiting", "review_items_by_status"] {
            XCTAssertFalse(indexes.contains(gone), "\(gone) was replaced")
        }
        for added in ["assets_by_campaign_created", "asset_tags_waiting_on", "assets_by_latest_analysis"] {
            XCTAssertTrue(indexes.contains(added), "\(added) is missing")
        }
    }

    func testDeletingTheNewestAnalysisFallsBackToThePreviousOne() throws {
        let store = try makeStore()
        let first = try store.saveIngest(record(path: "a.png", hash: "a", tags: [unmapped("odd", hint: "theme")]))
        try store.saveIngest(record(id: first.id, path: "a.png", hash: "a2", tags: []))
        let db = try rawConnection()
        let versions = try db.query("SELECT id FROM analyses WHERE asset_id = ? ORDER BY version", first.id) { $0.int64(0) }
        XCTAssertEqual(try db.scalarInt("SELECT latest_analysis_id FROM assets WHERE id = ?", first.id), versions.last)
        XCTAssertEqual(try store.reviewItems(status: .pending).first?.occurrences, 0)
        try db.run("DELETE FROM analyses WHERE id = ?", versions[1])
        XCTAssertEqual(try db.scalarInt("SELECT latest_analysis_id FROM assets WHERE id = ?", first.id), versions[0])
        XCTAssertEqual(try store.reviewItems(status: .pending).first?.occurrences, 1)
    }
}
