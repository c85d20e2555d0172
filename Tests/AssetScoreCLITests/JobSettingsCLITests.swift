import AssetScoreStorage
import FakeHTTPServer
import Foundation
import TerminalTestSupport
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// A job keeps the base URL and API key file it was enqueued with: a batch killed mid-request is
/// finished by a later run started without them (a plain ingest, `jobs retry`), still answered
/// by the server the operator named; and an explicit loopback base URL works for `openai` too.
final class JobSettingsCLITests: ModelServerCLITestCase {
    private let key = "sk-test-5be0d21f-job-settings"

    private func image(_ name: String) -> URL { Self.sampleAssets.appendingPathComponent("summer-sale/\(name)") }

    private func jobs() throws -> [[String: Any]] {
        try XCTUnwrap(try ok(["jobs", "--json"]).json() as? [[String: Any]])
    }

    func testJobsLeftByAKilledRunAreAnsweredByTheirOwnServerInALaterPlainRun() throws {
        try ok(["init"])
        let batch = workDir.appendingPathComponent("batch")
        try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
        for name in ["beach-sunset-header.jpg", "sale-50-off-banner.png"] {
            try FileManager.default.copyItem(at: image(name), to: batch.appendingPathComponent(name))
        }
        let keyFile = try write("compat.key", key + "\n")
        // The first request is held long enough for the run to be killed while it waits.
        server.enqueue(.json(200, try modelAnswer(), delay: 20))
        let child = try Spawn.start(
            Self.binary.path,
            [
                "--db", dbPath, "ingest", batch.path, "--provider", "openai-compatible", "--model", "m", "--base-url",
                server.baseURL.absoluteString + "/v1", "--api-key-file", keyFile.path, "--json",
            ], environment: childEnvironment)
        try waitUntil("the first model request arrives") { !server.requests.isEmpty }
        child.signal(SIGKILL)
        XCTAssertEqual(try child.wait(timeout: 10), 128 + SIGKILL)
        let left = try jobs()
        XCTAssertEqual(left.count, 2, "\(left)")
        XCTAssertTrue(left.allSatisfy { ["queued", "analysing"].contains($0["status"] as? String ?? "") }, "\(left)")
        XCTAssertTrue(left.allSatisfy { $0["api_key_file"] as? String == keyFile.path }, "\(left)")

        // A plain ingest of another file, with none of those settings, finishes the left jobs on
        // the way; they must go to the server they were enqueued for, with its key.
        server.enqueue(.json(200, try modelAnswer()), .json(200, try modelAnswer()))
        let other = workDir.appendingPathComponent("other.png")
        try FileManager.default.copyItem(at: image("summer-deals-copy-square.png"), to: other)
        try ok(["ingest", other.path, "--json"])

        let done = try jobs()
        XCTAssertEqual(done.count, 3)
        for job in done where (job["source"] as? String ?? "").hasPrefix(batch.path) {
            XCTAssertNotEqual(job["status"] as? String, "failed", "\(job)")
            XCTAssertEqual(job["provider"] as? String, "openai-compatible", "\(job)")
            XCTAssertEqual(job["tokens_in"] as? Int, 900, "answered by the fake server: \(job)")
        }
        XCTAssertEqual(done.first { ($0["source"] as? String) == other.path }?["provider"] as? String, "embedded")
        let requests = server.requests
        XCTAssertEqual(requests.count, 3, "the killed request and one for each left job")
        for request in requests {
            XCTAssertEqual(request.path, "/v1/chat/completions")
            XCTAssertEqual(request.header("authorization"), "Bearer \(key)")
        }
        let db = try Data(contentsOf: URL(fileURLWithPath: dbPath))
        XCTAssertNil(db.range(of: Data(key.utf8)), "the key file's path is stored, never the key")
    }

    func testJobsRetryKeepsTheJobsBaseURLAndARelativeKeyFileWorksFromAnotherDirectory() throws {
        try ok(["init"])
        _ = try write("compat.key", key + "\n")
        server.enqueue(.json(400, #"{"error": {"message": "bad image", "type": "invalid_request_error"}}"#))
        let first = try run(
            [
                "ingest", image("beach-sunset-header.jpg").path, "--provider", "openai-compatible", "--model", "m", "--base-url",
                server.baseURL.absoluteString + "/v1", "--api-key-file", "compat.key", "--json",
            ], cwd: workDir)
        XCTAssertEqual(first.status, 1, "a rejected request fails the file: \(first.stdout) \(first.stderr)")
        let failed = try XCTUnwrap(try jobs().first)
        XCTAssertEqual(failed["status"] as? String, "failed")
        XCTAssertEqual(failed["api_key_file"] as? String, workDir.appendingPathComponent("compat.key").standardizedFileURL.path)

        server.enqueue(.json(200, try modelAnswer()))
        let retried = try ok(["jobs", "retry", "--failed", "--json"])
        let outcome = try XCTUnwrap((try retried.json() as? [[String: Any]])?.first)
        XCTAssertEqual(outcome["provider"] as? String, "openai-compatible", "\(outcome)")
        XCTAssertNotEqual(outcome["status"] as? String, "failed", "\(outcome)")
        XCTAssertEqual(server.requests.count, 2)
        XCTAssertEqual(server.requests.last?.header("authorization"), "Bearer \(key)")
    }

    func testAnExplicitLoopbackBaseURLReachesTheServerForOpenAI() throws {
        try ok(["init"])
        let keyFile = try write("openai.key", key + "\n")
        server.enqueue(.json(200, try modelAnswer()))
        let run = try ok([
            "ingest", image("beach-sunset-header.jpg").path, "--provider", "openai", "--model", "gpt-4o-mini", "--base-url",
            server.baseURL.absoluteString + "/v1", "--api-key-file", keyFile.path, "--json",
        ])
        let outcome = try XCTUnwrap((try run.json() as? [[String: Any]])?.first)
        XCTAssertEqual(outcome["provider"] as? String, "openai", "\(outcome)")
        XCTAssertNotEqual(outcome["status"] as? String, "failed", "\(outcome)")
        XCTAssertEqual(server.requests.count, 1)
        XCTAssertEqual(server.requests.first?.path, "/v1/chat/completions")
        XCTAssertEqual(server.requests.first?.header("authorization"), "Bearer \(key)")
    }
}
