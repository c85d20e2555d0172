import AssetScoreCore
import Foundation
import XCTest

@testable import AssetScoreStorage

/// Migration 6: jobs keep a digest of their webhook delivery, so a delivery id reused for other
/// content can be refused; jobs from before it keep answering as redeliveries.
final class DeliveryDigestMigrationTests: StoreTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func testVersion5DatabaseGainsTheColumnAndKeepsItsDeliveries() throws {
        let now = StoredDate.text(t0)
        do {
            let db = try rawConnection()
            try db.execute(script: "PRAGMA foreign_keys = ON")
            try db.migrate(Array(StoreSchema.migrations.prefix(5)))
            XCTAssertEqual(try db.schemaVersion(), 5)
            try db.run(
                """
                INSERT INTO jobs (source, providers, status, delivery_key, base_url, created_at, updated_at)
                VALUES ('/inbox/old.png', 'embedded', 'queued', 'dlv-old', 'http://gw/v1', ?, ?)
                """, now, now)
        }
        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try store.schemaVersion(), SQLiteStore.supportedSchemaVersion)
        XCTAssertGreaterThanOrEqual(SQLiteStore.supportedSchemaVersion, 6)
        let old = try XCTUnwrap(try store.job(deliveryKey: "dlv-old"))
        XCTAssertEqual(old.source, "/inbox/old.png")
        XCTAssertEqual(old.baseURL, "http://gw/v1")
        XCTAssertNil(old.deliveryDigest, "a job from before migration 6 has no digest")
        let again = try store.enqueueJob(JobRequest(source: "/inbox/new.png", deliveryKey: "dlv-old", deliveryDigest: "abc"), at: t0)
        XCTAssertFalse(again.created)
        XCTAssertEqual(again.job.id, old.id, "without a stored digest the id answers as a redelivery")
        let columns = Set(try rawConnection().query("SELECT name FROM pragma_table_info('jobs')") { $0.text(0) })
        XCTAssertTrue(columns.contains("delivery_digest"), "\(columns)")
        let applied = try rawConnection().scalarText("SELECT name FROM schema_migrations WHERE version = 6")
        XCTAssertEqual(applied, "jobs keep a digest of their webhook delivery")
    }
}
