import AssetScoreCore
import Foundation
import XCTest

@testable import AssetScoreStorage

/// Migration 5: a job keeps the base URL and API key file it was enqueued with, so a job left
/// by a killed run is analysed with its own settings rather than the next process's.
final class JobSettingsMigrationTests: StoreTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func testBaseURLAndKeyFileRoundTripThroughEnqueueClaimAndRequeue() throws {
        let store = try makeStore()
        let request = JobRequest(
            source: "/in/a.png", providers: ["openai-compatible", "embedded"], model: "m",
            baseURL: "openai-compatible=http://127.0.0.1:9/v1,openai=https://gw.corp/v1", apiKeyFile: "/keys/compat.key")
        let queued = try store.enqueueJob(request, at: t0).job
        XCTAssertEqual(queued.baseURL, request.baseURL)
        XCTAssertEqual(queued.apiKeyFile, "/keys/compat.key")
        let claimed = try XCTUnwrap(try store.claimJob(owner: "w1", lease: 60, at: t0))
        XCTAssertEqual(claimed.id, queued.id)
        XCTAssertEqual(claimed.baseURL, request.baseURL)
        XCTAssertEqual(claimed.apiKeyFile, "/keys/compat.key")
        try store.failJob(id: claimed.id, owner: "w1", reason: "a.png: no", at: t0)
        let again = try store.requeueJob(id: claimed.id, force: false, at: t0)
        XCTAssertEqual(again.baseURL, request.baseURL, "a retried job keeps its own settings")
        XCTAssertEqual(again.apiKeyFile, "/keys/compat.key")

        let plain = try store.enqueueJob(JobRequest(source: "/in/b.png"), at: t0).job
        XCTAssertNil(plain.baseURL)
        XCTAssertNil(plain.apiKeyFile)
        let listed = try store.jobs(status: nil, limit: 10, offset: 0)
        XCTAssertEqual(listed.first { $0.id == queued.id }?.apiKeyFile, "/keys/compat.key")
    }

    func testVersion4DatabaseGainsTheColumnsAndKeepsItsJobs() throws {
        let now = StoredDate.text(t0)
        do {
            let db = try rawConnection()
            try db.execute(script: "PRAGMA foreign_keys = ON")
            try db.migrate(Array(StoreSchema.migrations.prefix(4)))
            XCTAssertEqual(try db.schemaVersion(), 4)
            try db.run(
                """
                INSERT INTO jobs (source, providers, model, status, created_at, updated_at)
                VALUES ('/old/a.png', 'openai,embedded', 'gpt', 'queued', ?, ?)
                """, now, now)
        }
        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try store.schemaVersion(), SQLiteStore.supportedSchemaVersion)
        XCTAssertGreaterThanOrEqual(SQLiteStore.supportedSchemaVersion, 5)
        let old = try XCTUnwrap(try store.jobs(status: nil, limit: 10, offset: 0).first)
        XCTAssertEqual(old.source, "/old/a.png")
        XCTAssertEqual(old.providers, ["openai", "embedded"])
        XCTAssertEqual(old.model, "gpt")
        XCTAssertNil(old.baseURL, "a job from before migration 5 takes the worker's settings")
        XCTAssertNil(old.apiKeyFile)
        let columns = Set(try rawConnection().query("SELECT name FROM pragma_table_info('jobs')") { $0.text(0) })
        XCTAssertTrue(columns.isSuperset(of: ["base_url", "api_key_file"]), "\(columns)")
    }
}
