import Foundation
import XCTest

final class DictionaryAndMappingCLITests: CLITestCase {
    func testCSVDictionaryImportIsIdempotentAndABadFileChangesNothing() throws {
        try ok(["init", "--empty"])
        let good = try write(
            "dict.csv",
            "facet,id,label,aliases,broader\r\ntheme,travel,Travel,trips|journeys,\r\ntheme,beach,Beach,seaside|coast,travel\r\ntone,warm,Warm,,\r\n"
        )
        let first = try XCTUnwrap(try ok(["dict", "import", good.path, "--json"]).json() as? [String: Any])
        XCTAssertEqual((first["summary"] as? [String: Any])?["entries_added"] as? Int, 3)
        let second = try XCTUnwrap(try ok(["dict", "import", good.path, "--json"]).json() as? [String: Any])
        XCTAssertEqual((second["summary"] as? [String: Any])?["entries_added"] as? Int, 0)
        XCTAssertEqual((second["summary"] as? [String: Any])?["unchanged"] as? Int, 3)

        let bad = try write("bad.csv", "facet,id,label,aliases,broader\ntheme,city,City,,\ntheme,,Nameless,,\ntheme,x,X,,nowhere\n")
        let r = try run(["dict", "import", bad.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("bad.csv:3"), r.stderr)
        XCTAssertTrue(r.stderr.contains("bad.csv:4"), r.stderr)
        let entries = try XCTUnwrap(try ok(["dict", "list", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(entries.count, 3, "a file with errors is rejected whole")
    }

    func testNormalizeContract() throws {
        try ok(["init"])
        let exact = try XCTUnwrap(try ok(["normalize", "Winter-Sports", "--facet", "theme", "--json"]).json() as? [String: Any])
        XCTAssertEqual(exact["entry"] as? String, "winter-sports")
        XCTAssertNotNil(exact["method"] as? String)
        XCTAssertNotNil(exact["confidence"] as? Double)
        XCTAssertNotNil(exact["candidates"] as? [[String: Any]])

        let typo = try XCTUnwrap(try ok(["normalize", "turquoyse", "--facet", "color", "--json"]).json() as? [String: Any])
        XCTAssertEqual(typo["entry"] as? String, "turquoise")
        XCTAssertEqual(typo["method"] as? String, "fuzzy")

        let unknown = try XCTUnwrap(try ok(["normalize", "zorbing", "--facet", "theme", "--json"]).json() as? [String: Any])
        XCTAssertTrue(unknown["entry"] is NSNull)
        for c in try XCTUnwrap(unknown["candidates"] as? [[String: Any]]) {
            XCTAssertNotNil(c["entry"] as? String)
            XCTAssertNotNil(c["score"] as? Double)
        }
        let badFacet = try run(["normalize", "red", "--facet", "nope"])
        XCTAssertEqual(badFacet.status, 2)
    }

    func testIABContentTaxonomyImportsWithItsHierarchy() throws {
        let tsv = try corpusDir("taxonomies/iab").appendingPathComponent("Content_Taxonomy_3.1.tsv")
        try ok(["init"])
        try ok(["dict", "import", tsv.path])
        let entries = try XCTUnwrap(try ok(["dict", "list", "--facet", "iab_content", "--json"]).json() as? [[String: Any]])
        XCTAssertGreaterThan(entries.count, 600)
        XCTAssertTrue(entries.contains { $0["broader"] is String })
        let again = try XCTUnwrap(try ok(["dict", "import", tsv.path, "--json"]).json() as? [String: Any])
        XCTAssertEqual((again["summary"] as? [String: Any])?["entries_added"] as? Int, 0)
    }

    func testUsageErrorsAndHelp() throws {
        XCTAssertEqual(try run(["--help"], db: false).status, 0)
        for command in [
            "init", "dict", "ingest", "assets", "show", "normalize", "review", "users", "personas", "decide", "export", "demo", "campaign",
        ] {
            let r = try run([command, "--help"])
            XCTAssertEqual(r.status, 0, command)
            XCTAssertTrue(r.stdout.contains("Usage: assetscore \(command)"), command)
        }
        XCTAssertEqual(try run(["frobnicate"]).status, 2)
        XCTAssertEqual(try run(["assets", "--campain", "x"]).status, 2)
    }

    func testHostileStringsNeverReachTheTerminalRaw() throws {
        try ok(["init"])
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[31mred\u{9B}2J"
        let r = try run(["normalize", hostile, "--facet", "color"])
        XCTAssertFalse(r.stdout.contains("\u{1B}"), "no ESC from data in the output")
        XCTAssertFalse(r.stdout.unicodeScalars.contains { $0.value == 0x9B })
        let j = try run(["normalize", hostile, "--json"])
        XCTAssertFalse(j.stdout.contains("\u{1B}"))
        XCTAssertFalse(j.stdout.unicodeScalars.contains { $0.value == 0x9B })
        // A file whose name carries an escape sequence is reported sanitised.
        let name = workDir.appendingPathComponent("evil\u{1B}[2Jname.png")
        try Data("not an image".utf8).write(to: name)
        let ingest = try run(["ingest", name.path, "--campaign", "x"])
        XCTAssertNotEqual(ingest.status, 0)
        XCTAssertFalse(ingest.stdout.contains("\u{1B}") || ingest.stderr.contains("\u{1B}"))
    }
}
