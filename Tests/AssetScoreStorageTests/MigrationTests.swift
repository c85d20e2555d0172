import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

final class MigrationTests: StoreTestCase {
    func testMigratesEmptyFileAndReopensIdempotently() throws {
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        do {
            let store = try SQLiteStore(path: path)
            XCTAssertEqual(try store.schemaVersion(), SQLiteStore.supportedSchemaVersion)
        }
        let db = try rawConnection()
        let tables = Set(try db.query("SELECT name FROM sqlite_master WHERE type = 'table'") { $0.text(0) })
        for table in [
            "schema_migrations", "facets", "entries", "entry_aliases", "campaigns", "assets", "analyses", "asset_tags",
            "review_items", "users", "user_attributes", "personas", "persona_attributes", "audit_log", "decisions",
        ] {
            XCTAssertTrue(tables.contains(table), "missing table \(table)")
        }
        let indexes = Set(try db.query("SELECT name FROM sqlite_master WHERE type = 'index'") { $0.text(0) })
        XCTAssertTrue(indexes.contains("assets_by_campaign_path"))
        let applied = try db.query("SELECT version, applied_at FROM schema_migrations ORDER BY version") {
            ($0.int(0), $0.text(1))
        }
        XCTAssertEqual(applied.map(\.0), Array(1...SQLiteStore.supportedSchemaVersion))

        // Reopening applies nothing again and keeps data.
        do {
            let store = try SQLiteStore(path: path)
            try store.upsertCampaign(Campaign(id: "kept"))
        }
        let reopened = try SQLiteStore(path: path)
        XCTAssertEqual(try reopened.campaign("kept")?.id, "kept")
        let again = try db.query("SELECT version, applied_at FROM schema_migrations ORDER BY version") {
            ($0.int(0), $0.text(1))
        }
        XCTAssertEqual(again.map(\.0), applied.map(\.0))
        XCTAssertEqual(again.map(\.1), applied.map(\.1))
    }

    func testRefusesDatabaseNewerThanTheCode() throws {
        do { _ = try SQLiteStore(path: path) }
        let newer = SQLiteStore.supportedSchemaVersion + 5
        try rawConnection().run(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', ?)", newer,
            StoredDate.text(Date()))
        XCTAssertThrowsError(try SQLiteStore(path: path)) { error in
            XCTAssertEqual(
                error as? StorageError,
                .schemaTooNew(path: self.path, found: newer, supported: SQLiteStore.supportedSchemaVersion))
            let text = "\(error)"
            XCTAssertTrue(text.contains("schema version \(newer)") && text.contains("upgrade AssetScore"), text)
        }
        XCTAssertEqual(try rawConnection().scalarInt("SELECT MAX(version) FROM schema_migrations"), Int64(newer))
    }

    func testMigrationFailureLeavesTheFileAtTheLastGoodVersion() throws {
        let db = try rawConnection()
        let good = SchemaMigration(version: 1, name: "one", sql: "CREATE TABLE one (x INTEGER)")
        let bad = SchemaMigration(version: 2, name: "two", sql: "CREATE TABLE two (x INTEGER); INSERT INTO nowhere VALUES (1);")
        XCTAssertThrowsError(try db.migrate([good, bad])) { error in
            XCTAssertTrue("\(error)".contains("no such table: nowhere"), "\(error)")
        }
        XCTAssertEqual(try db.schemaVersion(), 1)
        XCTAssertNil(try db.scalarText("SELECT name FROM sqlite_master WHERE name = 'two'"))
        let fixed = SchemaMigration(version: 2, name: "two", sql: "CREATE TABLE two (x INTEGER)")
        try db.migrate([good, fixed])
        XCTAssertEqual(try db.schemaVersion(), 2)
    }

    func testRunsWithWALForeignKeysAndBusyTimeout() throws {
        let store = try SQLiteStore(path: path)
        let settings = try store.settings()
        XCTAssertEqual(settings.journalMode, "wal")
        XCTAssertTrue(settings.foreignKeys)
        XCTAssertEqual(settings.busyTimeoutMS, 5000)
        XCTAssertEqual(settings.synchronous, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + "-wal"))
        // Foreign keys are enforced by SQLite itself, not only by the store's own checks.
        XCTAssertThrowsError(
            try rawConnection().execute(
                script: """
                    PRAGMA foreign_keys = ON;
                    INSERT INTO assets (campaign, path, content_hash, size, media_type, status, created_at, updated_at)
                    VALUES ('no-such-campaign', 'a.png', 'h', 1, 'image/png', 'ready', 'x', 'x');
                    """)
        ) { error in
            XCTAssertEqual((error as? StorageError)?.code, 787, "\(error)")  // SQLITE_CONSTRAINT_FOREIGNKEY
        }
    }
}
