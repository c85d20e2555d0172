import Foundation
import XCTest

/// Real creatives and hostile images from ../shared/corpus through the real binary.
final class RealFilesCLITests: CLITestCase {
    func testRealEmailCreativesGetPlausibleAnalyses() throws {
        let dir = try corpusDir("images/marketing")
        try ok(["init"])
        let outcomes = try XCTUnwrap(try ok(["ingest", dir.path, "--campaign", "email", "--json"]).json() as? [[String: Any]])
        let images = outcomes.filter { ($0["status"] as? String) != "skipped" }
        XCTAssertGreaterThanOrEqual(images.count, 15)
        for o in images {
            let file = (o["file"] as? String) ?? ""
            if file.hasSuffix("tracker_1x1_pixel.png") {
                // A 1x1 tracking pixel has nothing to analyse: it fails, saying why.
                XCTAssertEqual(o["status"] as? String, "failed")
                XCTAssertTrue((o["reason"] as? String)?.contains("tracking pixel") == true, "\(o)")
                continue
            }
            XCTAssertTrue(["ready", "needs_review"].contains(o["status"] as? String), "\(file): \(o["reason"] ?? "")")
        }
    }

    func testEveryNastyImageGetsAnAnalysisOrAClearFailure() throws {
        let dir = try corpusDir("images/nasty")
        try ok(["init"])
        let r = try run(["ingest", dir.path, "--campaign", "nasty", "--json"])
        XCTAssertTrue(r.status == 0 || r.status == 1, "no crash: \(r.status) \(r.stderr)")
        let outcomes = try XCTUnwrap(try r.json() as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(outcomes.count, 30)
        var byName: [String: [String: Any]] = [:]
        for o in outcomes { byName[URL(fileURLWithPath: (o["file"] as? String) ?? "").lastPathComponent] = o }
        for name in ["truncated_jpeg.jpg", "broken.png", "decompression_bomb.gif"] {
            let o = try XCTUnwrap(byName[name], name)
            XCTAssertEqual(o["status"] as? String, "failed", name)
            let reason = try XCTUnwrap(o["reason"] as? String, name)
            XCTAssertTrue(reason.contains(name), "the reason names the file: \(reason)")
        }
        for name in [
            "junk_jpeg_header.jpg", "pil_sample_cmyk.jpg", "Flag_of_the_Netherlands-16bit.png", "hopper_orientation_6.jpg", "p3.png",
            "basn0g01.png",
        ] {
            let o = try XCTUnwrap(byName[name], name)
            XCTAssertTrue(["ready", "needs_review"].contains(o["status"] as? String), "\(name): \(o["reason"] ?? "")")
        }
        // Failures are stored with their reason; the good files are still there.
        let failed = try XCTUnwrap(try ok(["assets", "--status", "failed", "--json"]).json() as? [[String: Any]])
        XCTAssertTrue(failed.allSatisfy { ($0["failure_reason"] as? String)?.isEmpty == false })
    }
}
