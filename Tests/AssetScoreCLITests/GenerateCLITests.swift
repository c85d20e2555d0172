import Foundation
import XCTest

/// `assetscore generate` through the real binary, checked with the commands a user would run.
final class GenerateCLITests: CLITestCase {
    func testGeneratesASmallDatabaseTheOtherCommandsSee() throws {
        let summary = try XCTUnwrap(
            try ok(["generate", "--assets", "2000", "--review-items", "300", "--users", "40", "--campaigns", "6", "--seed", "7", "--json"])
                .json() as? [String: Any])
        XCTAssertEqual(summary["assets"] as? Int, 2000)
        XCTAssertEqual(summary["review_items"] as? Int, 300)
        XCTAssertEqual(summary["users"] as? Int, 40)
        XCTAssertEqual(summary["campaigns"] as? Int, 6)

        let assets = try XCTUnwrap(try ok(["assets", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(assets.count, 2000)
        XCTAssertEqual(Set(assets.compactMap { $0["campaign"] as? String }).count, 6)
        let failed = assets.filter { $0["status"] as? String == "failed" }
        XCTAssertEqual(failed.count, summary["failed_assets"] as? Int)
        XCTAssertTrue(failed.allSatisfy { ($0["failure_reason"] as? String)?.isEmpty == false }, "failures say why")
        XCTAssertTrue(assets.contains { $0["status"] as? String == "needs_review" })

        let items = try XCTUnwrap(try ok(["review", "list", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(items.count, 300)
        let occurrences = items.compactMap { $0["occurrences"] as? Int }
        XCTAssertEqual(occurrences, occurrences.sorted(by: >), "the queue comes by impact")
        XCTAssertGreaterThan(occurrences[0], 20, "the top text is everywhere")
        XCTAssertEqual(occurrences.last, 1, "the tail is seen once")

        let users = try XCTUnwrap(try ok(["users", "list", "--limit", "100", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(users.count, 40)
        // The default dictionary was loaded for tagging, as 'init' would.
        let entries = try XCTUnwrap(try ok(["dict", "list", "--json"]).json() as? [Any])
        XCTAssertFalse(entries.isEmpty)
    }

    func testTheSameSeedGivesTheSameAssetsAndIsRefusedTwiceInOneDatabase() throws {
        try ok(["generate", "--assets", "150", "--review-items", "20", "--users", "0", "--seed", "3"])
        let first = try XCTUnwrap(try ok(["assets", "--json"]).json() as? [[String: Any]])
        let again = try run(["generate", "--assets", "150", "--review-items", "20", "--seed", "3"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("seed 3"), again.stderr)

        let other = workDir.appendingPathComponent("other.db").path
        let second = try run(
            ["--db", other, "generate", "--assets", "150", "--review-items", "20", "--users", "0", "--seed", "3"], db: false)
        XCTAssertEqual(second.status, 0, second.stderr)
        let copy = try XCTUnwrap(try run(["--db", other, "assets", "--json"], db: false).json() as? [[String: Any]])
        func key(_ asset: [String: Any]) -> String {
            ["id", "campaign", "path", "content_hash", "status", "created_at"].map { "\(asset[$0] ?? "-")" }.joined(separator: " ")
        }
        XCTAssertEqual(first.map(key), copy.map(key))
    }

    func testBadOptionsAreUsageErrors() throws {
        for (args, word) in [
            (["generate"], "--assets"),
            (["generate", "--assets", "-5"], "assets"),
            (["generate", "--assets", "ten"], "whole number"),
            (["generate", "--assets", "10", "--seed", "-1"], "--seed"),
            (["generate", "--assets", "0", "--review-items", "5"], "at least one asset"),
            (["generate", "--assets", "10", "--campaigns", "0"], "campaign"),
        ] {
            let r = try run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(word), "\(args): \(r.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dbPath), "a usage error touches no database")
    }
}
