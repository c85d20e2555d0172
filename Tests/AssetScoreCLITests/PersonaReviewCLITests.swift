import Foundation
import XCTest

/// `personas import` says which attributes wait for review; the review commands answer them and
/// `decide --persona` scores with the answer in the next run.
final class PersonaReviewCLITests: CLITestCase {
    private func personasFile(_ name: String, id: String, value: String) throws -> URL {
        let data = try JSONSerialization.data(withJSONObject: [
            [
                "id": id, "name": "Persona \(id)",
                "attributes": [["facet": "theme", "value": value, "weight": 1]],
            ]
        ])
        return try write(name, String(decoding: data, as: UTF8.self))
    }

    private func attribute(_ persona: String, _ value: String) throws -> [String: Any] {
        let shown = try XCTUnwrap(try ok(["personas", "show", persona, "--json"]).json() as? [String: Any])
        let attributes = try XCTUnwrap(shown["attributes"] as? [[String: Any]])
        return try XCTUnwrap(attributes.first { ($0["value"] as? String) == value }, "\(attributes)")
    }

    private func decide(_ persona: String) throws -> [String: Any] {
        try XCTUnwrap(try ok(["decide", "--campaign", "app-launch", "--persona", persona, "--json"]).json() as? [String: Any])
    }

    private func winnerFile(_ decision: [String: Any]) -> String? {
        ((decision["winner"] as? [String: Any])?["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent }
    }

    func testAnUnknownAttributeWaitsIsDecidedUndoneAndRejected() throws {
        try ok(["init"])
        try ok(["ingest", Self.sampleAssets.appendingPathComponent("app-launch").path])
        let file = try personasFile("collector.json", id: "collector", value: "Vintage cars")

        let imported = try ok(["personas", "import", file.path])
        XCTAssertTrue(imported.stdout.contains("Imported 1 persona(s)."), imported.stdout)
        XCTAssertTrue(imported.stdout.contains("1 attribute(s) wait for review"), imported.stdout)
        let items = try XCTUnwrap(try ok(["review", "list", "--json"]).json() as? [[String: Any]])
        let item = try XCTUnwrap(items.first { ($0["sample_text"] as? String) == "Vintage cars" }, "\(items)")
        let id = try XCTUnwrap(item["id"] as? Int)
        XCTAssertEqual(item["persona_count"] as? Int, 1)
        XCTAssertEqual(item["occurrences"] as? Int, 1)
        XCTAssertTrue(imported.stdout.contains("collector: theme=Vintage cars (review #\(id))"), imported.stdout)
        XCTAssertTrue(try ok(["review", "list"]).stdout.contains("personas"), "the queue shows the persona column")

        // Importing the same file again: the same item, counted once, said again.
        let again = try XCTUnwrap(try ok(["personas", "import", file.path, "--json"]).json() as? [String: Any])
        XCTAssertEqual(again["imported"] as? Int, 1)
        XCTAssertEqual(again["waiting_for_review"] as? Int, 1)
        let waiting = try XCTUnwrap(again["waiting"] as? [[String: Any]])
        XCTAssertEqual(waiting.first?["review_item_id"] as? Int, id)
        XCTAssertEqual(waiting.first?["value"] as? String, "Vintage cars")
        XCTAssertEqual(try attribute("collector", "Vintage cars")["review_item_id"] as? Int, id)

        // Waiting, it does not count: the profile's only strong attribute is named as ignored.
        let before = try decide("collector")
        XCTAssertTrue((before["notes"] as? [String])?.contains { $0.contains("Vintage cars") } == true, "\(before)")
        XCTAssertNotEqual(winnerFile(before), "night-mode-gaming-landscape.png")

        try ok(["review", "map", String(id), "gaming"])
        XCTAssertEqual(try attribute("collector", "Vintage cars")["entry"] as? String, "gaming")
        XCTAssertEqual(try attribute("collector", "Vintage cars")["method"] as? String, "decision")
        let after = try decide("collector")
        XCTAssertEqual(winnerFile(after), "night-mode-gaming-landscape.png", "\(after)")
        let reasons = try XCTUnwrap((after["winner"] as? [String: Any])?["contributions"] as? [[String: Any]])
        XCTAssertTrue(reasons.contains { ($0["user_entry"] as? String) == "gaming" }, "\(reasons)")

        try ok(["review", "undo", String(id)])
        let reopened = try attribute("collector", "Vintage cars")
        XCTAssertEqual(reopened["review_item_id"] as? Int, id)
        XCTAssertNil(reopened["entry"] as? String)
        XCTAssertNotEqual(winnerFile(try decide("collector")), "night-mode-gaming-landscape.png")

        try ok(["review", "reject", String(id)])
        XCTAssertEqual(try attribute("collector", "Vintage cars")["method"] as? String, "rejected")
        let rejected = try ok(["personas", "import", file.path])
        XCTAssertFalse(rejected.stdout.contains("wait for review"), rejected.stdout)
        XCTAssertTrue(rejected.stdout.contains("1 attribute(s) were rejected in review"), rejected.stdout)
        XCTAssertEqual(try attribute("collector", "Vintage cars")["method"] as? String, "rejected")
    }

    func testATextDecidedBeforeTheImportIsMappedAtOnce() throws {
        try ok(["init"])
        try ok(["personas", "import", try personasFile("first.json", id: "first", value: "Vintage cars").path])
        let items = try XCTUnwrap(try ok(["review", "list", "--json"]).json() as? [[String: Any]])
        let id = try XCTUnwrap(items.first { ($0["sample_text"] as? String) == "Vintage cars" }?["id"] as? Int)
        try ok(["review", "map", String(id), "gaming"])

        let second = try ok(["personas", "import", try personasFile("second.json", id: "second", value: "vintage  CARS").path])
        XCTAssertFalse(second.stdout.contains("wait for review"), second.stdout)
        XCTAssertEqual(try attribute("second", "vintage  CARS")["entry"] as? String, "gaming")
        XCTAssertNil(try attribute("second", "vintage  CARS")["review_item_id"] as? Int)
        XCTAssertTrue(try XCTUnwrap(try ok(["review", "list", "--json"]).json() as? [Any]).isEmpty, "nothing is asked twice")
    }

    func testTheDemoSaysWhichSamplePersonaAttributeWaits() throws {
        // The night-owl gamer's "vintage cars" is outside the dictionary on purpose (see its description).
        let demo = try ok(["demo", "--no-real"])
        XCTAssertTrue(demo.stdout.contains("1 attribute(s) wait for review"), demo.stdout)
        XCTAssertTrue(demo.stdout.contains("night-owl-gamer: theme=vintage cars (review #"), demo.stdout)
        let items = try XCTUnwrap(try ok(["review", "list", "--json"]).json() as? [[String: Any]])
        let cars = try XCTUnwrap(items.first { ($0["sample_text"] as? String) == "vintage cars" }, "\(items)")
        XCTAssertEqual(cars["persona_count"] as? Int, 1)
        let gamer = demo.stdout.split(separator: "\n").filter { $0.hasPrefix("Night-owl gamer") }
        XCTAssertEqual(gamer.count, 3, "a decision per campaign still follows:\n\(demo.stdout)")
        XCTAssertTrue(gamer.first?.contains("night-mode-gaming-landscape.png") == true, "\(gamer)")
    }

    func testWaitingValuesArePrintedSanitised() throws {
        try ok(["init"])
        let hostile = "old\u{1B}]0;pwned\u{07}\u{1B}[31mcars"
        let r = try ok(["personas", "import", try personasFile("hostile.json", id: "h\u{1B}[2J", value: hostile).path])
        XCTAssertTrue(r.stdout.contains("1 attribute(s) wait for review"), r.stdout)
        XCTAssertFalse(r.stdout.contains("\u{1B}"), r.stdout)
        XCTAssertFalse(r.stdout.contains("\u{07}"), r.stdout)
    }
}
