import AssetScoreStorage
import Foundation
import TerminalTestSupport
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// The queue through the real binary: a batch killed with SIGKILL resumes with every file stored
/// exactly once, a watched folder ingests a slowly written file once it is complete, and the
/// jobs command reports and retries.
final class QueueCLITests: CLITestCase {
    /// Copies of the sample images, one folder (campaign) per round, so every file is its own asset.
    func makeBatch(rounds: Int) throws -> (dir: URL, files: [String]) {
        let images = try FileManager.default.subpathsOfDirectory(atPath: Self.sampleAssets.path)
            .filter { $0.hasSuffix(".png") || $0.hasSuffix(".jpg") }.sorted()
        XCTAssertFalse(images.isEmpty)
        let dir = workDir.appendingPathComponent("batch")
        var files: [String] = []
        for round in 0..<rounds {
            let folder = dir.appendingPathComponent("round\(round)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for image in images {
                let target = folder.appendingPathComponent(URL(fileURLWithPath: image).lastPathComponent)
                try FileManager.default.copyItem(at: Self.sampleAssets.appendingPathComponent(image), to: target)
                files.append(target.path)
            }
        }
        return (dir, files)
    }

    func scalar(_ sql: String) throws -> Int {
        let db = try SQLiteConnection(path: dbPath)
        try db.setBusyTimeout(milliseconds: 5000)
        return Int(try db.scalarInt(sql) ?? -1)
    }

    func testAKilledIngestResumesWithEveryFileStoredExactlyOnce() throws {
        try ok(["init"])
        let (dir, files) = try makeBatch(rounds: 4)
        let child = try Spawn.start(
            Self.binary.path, ["--db", dbPath, "ingest", dir.path, "--json"], environment: childEnvironment)
        try waitUntil("a few jobs are done") {
            FileManager.default.fileExists(atPath: dbPath)
                && (try? scalar("SELECT COUNT(*) FROM jobs WHERE status IN ('ready', 'needs_review')")) ?? 0 >= 4
        }
        child.signal(SIGKILL)
        XCTAssertEqual(try child.wait(timeout: 10), 128 + SIGKILL)
        let unfinished = try scalar("SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'analysing')")
        XCTAssertGreaterThan(unfinished, 0, "killed before the batch was done")

        let resumed = try ok(["ingest", dir.path, "--json"])
        let outcomes = try XCTUnwrap(try resumed.json() as? [[String: Any]])
        XCTAssertEqual(outcomes.count, files.count)
        for o in outcomes {
            XCTAssertTrue(["ready", "needs_review", "unchanged"].contains(o["status"] as? String ?? ""), "\(o)")
        }
        XCTAssertEqual(try scalar("SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'analysing')"), 0)
        XCTAssertEqual(try scalar("SELECT COUNT(*) FROM assets"), files.count, "no file lost, none stored twice")
        XCTAssertEqual(try scalar("SELECT COUNT(DISTINCT campaign || '/' || path) FROM assets"), files.count)
        XCTAssertEqual(try scalar("SELECT COUNT(*) FROM assets WHERE status NOT IN ('ready', 'needs_review')"), 0)
        let db = try SQLiteConnection(path: dbPath)
        for file in files {
            XCTAssertEqual(try db.scalarInt("SELECT COUNT(*) FROM assets WHERE path = ?", file), 1, file)
            XCTAssertEqual(
                try db.scalarInt("SELECT COUNT(*) FROM analyses v JOIN assets a ON a.id = v.asset_id WHERE a.path = ?", file), 1, file)
        }
    }

    func testAWatchedFolderIngestsASlowlyWrittenFileOnceComplete() throws {
        try ok(["init"])
        let drop = workDir.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        let child = try Spawn.start(
            Self.binary.path,
            ["--db", dbPath, "ingest", "--watch", drop.path, "--campaign", "drop", "--json", "--poll-interval", "0.4"],
            environment: childEnvironment)
        let source = try Data(contentsOf: Self.sampleAssets.appendingPathComponent("summer-sale/beach-sunset-header.jpg"))
        try Data("not yet".utf8).write(to: drop.appendingPathComponent("upload.jpg.part"))
        let target = drop.appendingPathComponent("hero.jpg")
        XCTAssertTrue(FileManager.default.createFile(atPath: target.path, contents: nil))
        let handle = try FileHandle(forWritingTo: target)
        let chunk = source.count / 8 + 1
        for start in stride(from: 0, to: source.count, by: chunk) {
            try handle.write(contentsOf: source[start..<min(source.count, start + chunk)])
            usleep(150_000)
        }
        try handle.close()
        try waitUntil("the file is reported", timeout: 30) { child.output.contains("hero.jpg") }
        usleep(1_000_000)
        child.signal(SIGTERM)
        XCTAssertEqual(try child.wait(timeout: 30), 0, child.output)
        let lines = child.output.split(separator: "\n").filter { $0.hasPrefix("{") }
        XCTAssertEqual(lines.count, 1, child.output)
        let outcome = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertTrue(["ready", "needs_review"].contains(outcome["status"] as? String ?? ""), "\(outcome)")
        XCTAssertEqual(try scalar("SELECT COUNT(*) FROM assets"), 1)
        XCTAssertEqual(try scalar("SELECT size FROM assets"), source.count, "the complete file was analysed")
        XCTAssertEqual(try scalar("SELECT COUNT(*) FROM jobs"), 1, "ingested once")
    }

    func testJobsListsRetriesAndCosts() throws {
        try ok(["init"])
        let bad = try write("broken.png", "not a png at all")
        let r = try run(["ingest", bad.path, "--campaign", "c", "--json"])
        XCTAssertEqual(r.status, 1)
        let listed = try XCTUnwrap(try ok(["jobs", "--status", "failed", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(listed.count, 1)
        let id = try XCTUnwrap(listed.first?["id"] as? Int)
        XCTAssertTrue((listed.first?["last_error"] as? String)?.hasPrefix("broken.png: ") == true, "\(listed)")
        XCTAssertTrue(try ok(["jobs"]).stdout.contains("1 job(s): 1 failed"))
        let sample = Self.sampleAssets.appendingPathComponent("summer-sale/beach-sunset-header.jpg")
        try FileManager.default.removeItem(at: bad)
        try FileManager.default.copyItem(at: sample, to: bad)
        let retried = try XCTUnwrap(try ok(["jobs", "retry", "\(id)", "--json"]).json() as? [[String: Any]])
        XCTAssertTrue(["ready", "needs_review"].contains(retried.first?["status"] as? String ?? ""), "\(retried)")
        let costs = try XCTUnwrap(try ok(["jobs", "costs", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(costs.first?["campaign"] as? String, "c")
        XCTAssertEqual(costs.first?["jobs"] as? Int, 1)
        let unknown = try run(["ingest", bad.path, "--provider", "gpt"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("--provider: expected a comma list"), unknown.stderr)
    }
}
