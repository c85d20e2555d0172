import Foundation
import XCTest

/// The main job on the shipped sample assets, through the real binary.
final class SampleAssetsEndToEndTests: CLITestCase {
    func ingestSamples() throws -> [[String: Any]] {
        try ok(["init"])
        try ok(["personas", "import", Self.sampleAssets.appendingPathComponent("personas.json").path])
        let r = try ok(["ingest", Self.sampleAssets.path, "--json"])
        return try XCTUnwrap(try r.json() as? [[String: Any]])
    }

    func testIngestingSamplesAnalysesEveryCreativeAndIsIdempotent() throws {
        let outcomes = try ingestSamples()
        let images = outcomes.filter { ($0["status"] as? String) != "skipped" }
        XCTAssertGreaterThanOrEqual(images.count, 15, "three campaigns of five or more variants")
        for o in images {
            XCTAssertTrue(["ready", "needs_review"].contains(o["status"] as? String), "\(o)")
            XCTAssertNotNil(o["asset_id"] as? Int)
        }
        let campaigns = Set(images.compactMap { $0["campaign"] as? String })
        XCTAssertEqual(campaigns, ["summer-sale", "winter-getaway", "app-launch"])
        XCTAssertTrue(images.contains { ($0["status"] as? String) == "needs_review" }, "the demo needs something to review")

        let again = try XCTUnwrap(try ok(["ingest", Self.sampleAssets.path, "--json"]).json() as? [[String: Any]])
        let statuses = Set(again.filter { ($0["status"] as? String) != "skipped" }.compactMap { $0["status"] as? String })
        XCTAssertEqual(statuses, ["unchanged"], "the same bytes twice add nothing")
        let assets = try XCTUnwrap(try ok(["assets", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(assets.count, images.count)
    }

    func testAnalysesArePlausible() throws {
        let outcomes = try ingestSamples()
        func detail(_ name: String) throws -> [String: Any] {
            let o = try XCTUnwrap(outcomes.first { ($0["file"] as? String)?.hasSuffix(name) == true }, name)
            let id = try XCTUnwrap(o["asset_id"] as? Int)
            return try XCTUnwrap(try ok(["show", String(id), "--json"]).json() as? [String: Any])
        }
        // A text-heavy sale banner has dense text; a no-text tile has (almost) none.
        let copy = try detail("summer-deals-copy-square.png")
        let copyFields = try XCTUnwrap((copy["analysis"] as? [String: Any])?["fields"] as? [String: Any])
        XCTAssertGreaterThan(try XCTUnwrap(copyFields["text_density"] as? Double), 0.15)
        let tile = try detail("frosty-snowflake-portrait.webp")
        let tileFields = try XCTUnwrap((tile["analysis"] as? [String: Any])?["fields"] as? [String: Any])
        XCTAssertLessThan(try XCTUnwrap(tileFields["text_density"] as? Double), 0.03)
        XCTAssertEqual(tileFields["format_class"] as? String, "portrait")
        // The warm sunset header's first colour is warm (red/orange/yellow hue).
        let sunset = try detail("beach-sunset-header.jpg")
        let sunsetFields = try XCTUnwrap((sunset["analysis"] as? [String: Any])?["fields"] as? [String: Any])
        let colors = try XCTUnwrap(sunsetFields["dominant_colors"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(colors.count, 5)
        XCTAssertGreaterThan(try XCTUnwrap(sunsetFields["warmth"] as? Double), 0.2)
        let banner = try detail("sale-50-off-banner.png")
        XCTAssertEqual(((banner["analysis"] as? [String: Any])?["fields"] as? [String: Any])?["format_class"] as? String, "banner")
    }

    func testReviewQueueHoldsTheUnknownTagsAndADecisionIsRemembered() throws {
        _ = try ingestSamples()
        let items = try XCTUnwrap(try ok(["review", "list", "--json"]).json() as? [[String: Any]])
        let texts = items.compactMap { ($0["sample_text"] as? String)?.lowercased() }
        XCTAssertTrue(texts.contains("staycation"), "XMP keyword outside the dictionary is flagged: \(texts)")
        let item = try XCTUnwrap(items.first { ($0["sample_text"] as? String)?.lowercased() == "staycation" })
        let id = try XCTUnwrap(item["id"] as? Int)
        try ok(["review", "map", String(id), "beach", "--json"])
        // The text is now an alias: nobody is asked again.
        let n = try XCTUnwrap(try ok(["normalize", "Staycation", "--facet", "theme", "--json"]).json() as? [String: Any])
        XCTAssertEqual(n["entry"] as? String, "beach")
        XCTAssertEqual(n["method"] as? String, "alias")
        // Deciding the same item again is refused, saying who decided it.
        let again = try run(["review", "map", String(id), "beach"])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("tester"), again.stderr)
        // Undo brings it back.
        try ok(["review", "undo", String(id)])
        let pending = try XCTUnwrap(try ok(["review", "list", "--json"]).json() as? [[String: Any]])
        XCTAssertTrue(pending.contains { ($0["id"] as? Int) == id })
        let audit = try run(["review", "list", "--all", "--json"])
        XCTAssertEqual(audit.status, 0)
    }

    func testEachPersonaGetsTheVariantMadeForIt() throws {
        _ = try ingestSamples()
        let expected: [(String, String, String)] = [
            ("sun-seeker", "summer-sale", "beach-sunset-header.jpg"),
            ("deal-hunter", "summer-sale", "sale-50-off-banner.png"),
            ("snow-lover", "winter-getaway", "ski-mountain-banner.png"),
            ("deal-hunter", "winter-getaway", "winter-sale-square.jpg"),
            ("night-owl-gamer", "app-launch", "night-mode-gaming-landscape.png"),
            ("minimalist", "app-launch", "minimal-tile-portrait.webp"),
        ]
        for (persona, campaign, winner) in expected {
            let d = try XCTUnwrap(try ok(["decide", "--campaign", campaign, "--persona", persona, "--json"]).json() as? [String: Any])
            let w = try XCTUnwrap(d["winner"] as? [String: Any])
            XCTAssertTrue((w["path"] as? String)?.hasSuffix(winner) == true, "\(persona) in \(campaign) got \(w["path"] ?? "-")")
            XCTAssertNotNil(w["asset_id"] as? Int)
            XCTAssertGreaterThan(try XCTUnwrap(w["score"] as? Double), 0)
            let ranking = try XCTUnwrap(d["ranking"] as? [[String: Any]])
            XCTAssertGreaterThanOrEqual(ranking.count, 5)
            let scores = ranking.compactMap { $0["score"] as? Double }
            XCTAssertEqual(scores, scores.sorted(by: >))
            XCTAssertFalse(try XCTUnwrap(ranking.first?["contributions"] as? [[String: Any]]).isEmpty)
        }
    }

    func testInlineAttributesAndExport() throws {
        _ = try ingestSamples()
        let d = try XCTUnwrap(
            try ok(["decide", "--campaign", "winter-getaway", "--attr", "theme=winter sports", "--attr", "tone=cool:0.8", "--json"]).json()
                as? [String: Any])
        XCTAssertNotNil(d["winner"] as? [String: Any])
        try ok(["users", "import", Self.sampleAssets.appendingPathComponent("users.csv").path])
        let csv = workDir.appendingPathComponent("decisions.csv")
        try ok(["export", "--campaign", "summer-sale", "--output", csv.path])
        let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\r\n")
        XCTAssertEqual(lines.first, "user_id,campaign,asset_id,path,alt_text,score,fallback,decision_id,reasons")
        let users = try XCTUnwrap(try ok(["users", "list", "--limit", "1000", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(lines.count - 1, users.count)
        let unknown = try run(["decide", "--campaign", "no-such-campaign", "--persona", "sun-seeker"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no-such-campaign"))
    }
}

/// Changed bytes at the same path give a new analysis version of the same asset.
final class ReingestCLITests: CLITestCase {
    func testChangedBytesGiveANewAnalysisVersion() throws {
        try ok(["init"])
        let folder = workDir.appendingPathComponent("spring")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("hero.png")
        let first = Self.sampleAssets.appendingPathComponent("app-launch/download-app-phone-square.png")
        let second = Self.sampleAssets.appendingPathComponent("app-launch/night-mode-gaming-landscape.png")
        try FileManager.default.copyItem(at: first, to: target)
        let a = try XCTUnwrap(try ok(["ingest", folder.path, "--json"]).json() as? [[String: Any]]).first
        XCTAssertEqual(a?["campaign"] as? String, "spring", "campaign from the folder name")
        XCTAssertEqual(a?["version"] as? Int, 1)
        try FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: second, to: target)
        let b = try XCTUnwrap(try ok(["ingest", target.path, "--json"]).json() as? [[String: Any]]).first
        XCTAssertEqual(b?["asset_id"] as? Int, a?["asset_id"] as? Int)
        XCTAssertEqual(b?["version"] as? Int, 2)
        let detail = try XCTUnwrap(try ok(["show", String(try XCTUnwrap(b?["asset_id"] as? Int)), "--json"]).json() as? [String: Any])
        XCTAssertEqual(detail["versions"] as? Int, 2)
        XCTAssertEqual((detail["asset"] as? [String: Any])?["width"] as? Int, 1200)
    }

    func testACorruptFileFailsWithItsNameAndTheRestOfTheBatchGoesOn() throws {
        try ok(["init"])
        let folder = workDir.appendingPathComponent("mixed")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.sampleAssets.appendingPathComponent("app-launch/app-icon-128.png"), to: folder.appendingPathComponent("a-good.png"))
        var bytes = try Data(contentsOf: Self.sampleAssets.appendingPathComponent("winter-getaway/winter-sale-square.jpg"))
        bytes = bytes.prefix(bytes.count / 3)
        try bytes.write(to: folder.appendingPathComponent("b-cut.jpg"))
        try Data("{\"tags\": [1, 2]".utf8).write(to: folder.appendingPathComponent("a-good.json"))
        try Data("<html>not an image</html>".utf8).write(to: folder.appendingPathComponent("c-notes.txt"))
        let out = try XCTUnwrap(try run(["ingest", folder.path, "--json"]).json() as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: out.map { (URL(fileURLWithPath: $0["file"] as? String ?? "").lastPathComponent, $0) })
        XCTAssertEqual(byName["b-cut.jpg"]?["status"] as? String, "failed")
        XCTAssertTrue((byName["b-cut.jpg"]?["reason"] as? String)?.contains("b-cut.jpg") == true)
        XCTAssertEqual(byName["a-good.png"]?["status"] as? String, "failed", "a malformed sidecar fails its image")
        XCTAssertTrue((byName["a-good.png"]?["reason"] as? String)?.contains("a-good.json") == true, "\(byName["a-good.png"] ?? [:])")
        XCTAssertEqual(byName["c-notes.txt"]?["status"] as? String, "skipped")
    }
}
