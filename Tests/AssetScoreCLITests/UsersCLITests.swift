import Foundation
import XCTest

final class UsersCLITests: CLITestCase {
    func testCSVWithBOMCRLFQuotedNewlinesAndSemicolons() throws {
        try ok(["init"])
        let text =
            "\u{FEFF}user_id;facet;value;weight\r\nu1;theme;\"Beaches\";0.9\r\nu1;tone;\"co\nzy\";0.5\r\nu2;theme;Winter-Sports;1\r\nu2;theme;zorbing;0.4\r\n"
        let file = try write("users.csv", text)
        try ok(["users", "import", file.path])
        let u1 = try XCTUnwrap(try ok(["users", "show", "u1", "--json"]).json() as? [String: Any])
        let attrs = try XCTUnwrap(u1["attributes"] as? [[String: Any]])
        XCTAssertEqual(attrs.count, 2)
        XCTAssertTrue(attrs.contains { $0["entry"] as? String == "beach" })
        // An unknown CRM value is flagged for review, never dropped.
        let items = try XCTUnwrap(try ok(["review", "list", "--json"]).json() as? [[String: Any]])
        XCTAssertTrue(items.contains { ($0["sample_text"] as? String) == "zorbing" && ($0["user_count"] as? Int) == 1 })
    }

    func testNonUTF8AndBrokenFilesAreRefusedWholeWithTheirName() throws {
        try ok(["init"])
        let good = try write("good.csv", "user_id,facet,value\nu1,theme,beach\n")
        try ok(["users", "import", good.path])
        var bytes = Data("user_id,facet,value\nu2,theme,beach\nu3,theme,".utf8)
        bytes.append(contentsOf: [0xC3, 0x28, 0x0A])
        let bad = workDir.appendingPathComponent("latin.csv")
        try bytes.write(to: bad)
        let r = try run(["users", "import", bad.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("latin.csv"), r.stderr)
        let users = try XCTUnwrap(try ok(["users", "list", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(users.compactMap { $0["id"] as? String }, ["u1"], "nothing of the bad file is stored")

        let dup = try write("dup.csv", "user_id,facet,facet,value\nu9,theme,tone,beach\n")
        let d = try run(["users", "import", dup.path])
        XCTAssertEqual(d.status, 1)
        XCTAssertTrue(d.stderr.contains("dup.csv"), d.stderr)
    }

    func testSegmentIdentifyBatch() throws {
        try ok(["init"])
        let body = """
            {"batch":[{"type":"identify","userId":"seg-1","traits":{"theme":["beach","travel"],"tone":"warm","plan":"pro"}},
            {"type":"track","userId":"seg-1","event":"Opened"}],"sentAt":"2026-12-01T10:00:00Z"}
            """
        let file = try write("segment.json", body)
        let r = try ok(["users", "import", file.path])
        XCTAssertTrue(r.stdout.contains("plan"), "a skipped trait is reported: \(r.stdout)")
        let u = try XCTUnwrap(try ok(["users", "show", "seg-1", "--json"]).json() as? [String: Any])
        XCTAssertEqual((u["attributes"] as? [[String: Any]])?.count, 3)
    }
}
