import AssetScoreStorage
import Foundation
import XCTest

/// /healthz and /metrics.
final class OperationsTests: ServerTestCase {
    func testHealthzSaysTheDatabaseIsReachableWithoutAToken() throws {
        let r = try http.get("/healthz", token: nil)
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(try r.json()["status"] as? String, "ok")
    }

    func testHealthzFailsWhenTheDatabaseCannotBeRead() throws {
        let raw = try SQLiteConnection(path: path)
        try raw.execute(script: "PRAGMA foreign_keys = OFF; ALTER TABLE campaigns RENAME TO campaigns_gone;")
        let r = try http.get("/healthz", token: nil)
        XCTAssertEqual(r.status, 503)
        XCTAssertEqual(r.errorCode, "unavailable")
        XCTAssertTrue(r.errorMessage.contains("no such table: campaigns"), r.errorMessage)
        try raw.execute(script: "ALTER TABLE campaigns_gone RENAME TO campaigns;")
        XCTAssertEqual(try http.get("/healthz", token: nil).status, 200, "healthy again once readable")
    }

    func testMetricsCountRequestsLatenciesAndDecisionsByVariant() throws {
        _ = try http.get("/v1/decide?campaign=spring&user_id=u-beach")
        _ = try http.get("/v1/decide?campaign=spring&user_id=u-beach")
        _ = try http.get("/v1/decide?campaign=spring&user_id=stranger")
        _ = try http.get("/v1/decide?campaign=spring", token: "bad")
        _ = try http.get("/no/such/path")
        let r = try http.get("/metrics", token: nil)
        XCTAssertEqual(r.status, 200)
        XCTAssertTrue(r.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = r.text
        XCTAssertTrue(text.contains(#"assetscore_http_requests_total{route="/v1/decide",method="GET",status="200"} 3"#), text)
        XCTAssertTrue(text.contains(#"assetscore_http_requests_total{route="/v1/decide",method="GET",status="403"} 1"#))
        XCTAssertTrue(text.contains(#"assetscore_http_requests_total{route="unmatched",method="GET",status="404"} 1"#))
        XCTAssertTrue(
            text.contains(#"assetscore_http_request_duration_seconds_bucket{route="/v1/decide",method="GET",status="200",le="+Inf"} 3"#))
        XCTAssertTrue(text.contains(#"assetscore_decisions_total{campaign="spring",variant="\#(beach)",fallback="false"} 2"#), text)
        XCTAssertTrue(text.contains(#"assetscore_decisions_total{campaign="spring",variant="\#(blue)",fallback="true"} 1"#), text)
        XCTAssertTrue(text.contains(#"assetscore_decision_cache_total{result="hit"} 1"#), text)
        XCTAssertTrue(text.contains(#"assetscore_queue_jobs{status="queued"} 0"#), text)
        XCTAssertTrue(text.contains("assetscore_ingest_failures 0"), text)
        // Every sample line is "name{labels} number".
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            XCTAssertNotNil(line.range(of: #"^[a-z_]+(\{[^}]*\})? [0-9.e+-]+$"#, options: .regularExpression), "bad line: \(line)")
        }
    }
}
