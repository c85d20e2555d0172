import FakeHTTPServer
import Foundation
import XCTest

/// A model provider through the real binary, the queue and a fake OpenAI-compatible server on
/// loopback: a 429 with Retry-After is waited out, the answer's tags join the embedded
/// analyser's, tokens and cost are counted, the same image never pays twice, a truncated answer
/// falls back to the next provider in the chain, and the key is never stored.
final class ModelIngestCLITests: ModelServerCLITestCase {
    private let key = "sk-test-9f3b7c1e5d-never-stored"

    private func ingestArguments(_ file: String, providers: String = "openai-compatible") throws -> [String] {
        let keyFile = try write("openai.key", key + "\n")
        return [
            "ingest", file, "--campaign", "beach", "--provider", providers, "--model", "gpt-4o-mini", "--base-url",
            server.baseURL.absoluteString + "/v1", "--api-key-file", keyFile.path, "--json",
        ]
    }

    private var beachImage: String { Self.sampleAssets.appendingPathComponent("summer-sale/beach-sunset-header.jpg").path }

    func testARateLimitedAnswerIsWaitedOutMergedCountedAndCached() throws {
        try ok(["init"])
        server.enqueue(
            .json(429, #"{"error": {"message": "Rate limit reached", "type": "requests"}}"#, headers: [("Retry-After", "1")]),
            .json(200, try modelAnswer()))
        let started = Date()
        let first = try ok(try ingestArguments(beachImage))
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 1, "Retry-After: 1 was honoured")
        let outcome = try XCTUnwrap((try first.json() as? [[String: Any]])?.first)
        XCTAssertEqual(outcome["provider"] as? String, "openai-compatible")
        XCTAssertEqual(outcome["tokens_in"] as? Int, 900)
        XCTAssertEqual(outcome["tokens_out"] as? Int, 150)

        let requests = server.requests
        XCTAssertEqual(requests.count, 2)
        for request in requests {
            XCTAssertEqual(request.method, "POST")
            XCTAssertEqual(request.path, "/v1/chat/completions")
            XCTAssertEqual(request.header("authorization"), "Bearer \(key)")
        }

        // The model's new tag waits for review like any other unknown tag; the measurements stay.
        let review = try ok(["review", "list", "--json"]).stdout
        XCTAssertTrue(review.contains("kite surfing"), review)
        let show = try ok(["show", "1"]).stdout
        XCTAssertTrue(show.contains("kite surfing"), show)

        // The same bytes again (another campaign, another path) come from the cache: no request.
        let copy = workDir.appendingPathComponent("copy.jpg")
        try FileManager.default.copyItem(atPath: beachImage, toPath: copy.path)
        var again = try ingestArguments(copy.path)
        again[again.firstIndex(of: "beach")!] = "beach-2"
        let cached = try XCTUnwrap((try ok(again).json() as? [[String: Any]])?.first)
        XCTAssertEqual(cached["cached"] as? Bool, true, "\(cached)")
        XCTAssertEqual(server.requests.count, 2, "the cache answered")

        let costs = try ok(["jobs", "costs"]).stdout
        XCTAssertTrue(costs.contains("900"), costs)

        // The key is in no byte of the database (or its WAL).
        for suffix in ["", "-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: dbPath + suffix))) ?? Data()
            XCTAssertNil(bytes.range(of: Data(key.utf8)), "key found in test.db\(suffix)")
            XCTAssertNil(bytes.range(of: Data("9f3b7c1e5d".utf8)), "part of the key found in test.db\(suffix)")
        }
    }

    func testATruncatedAnswerIsNeverRepairedAndTheChainFallsBackToTheEmbeddedAnalyser() throws {
        let truncated = try corpusDir("llm_responses/openai").appendingPathComponent(
            "chat_completion_json_schema_finish_length_truncated.json")
        try ok(["init"])
        server.enqueue(.json(200, try String(contentsOf: truncated, encoding: .utf8)))
        let run = try ok(try ingestArguments(beachImage, providers: "openai-compatible,embedded"))
        let outcome = try XCTUnwrap((try run.json() as? [[String: Any]])?.first)
        XCTAssertNotEqual(outcome["status"] as? String, "failed", "\(outcome)")
        let reason = outcome["reason"] as? String ?? ""
        XCTAssertTrue(reason.contains("truncated"), "the failed provider is named with why: \(outcome)")
        XCTAssertEqual(server.requests.count, 1, "a truncated answer is not retried")
        XCTAssertEqual(outcome["tokens_in"] as? Int, 79, "the truncated answer was billed: \(outcome)")
        XCTAssertEqual(outcome["tokens_out"] as? Int, 1)
        let show = try ok(["show", "1"]).stdout
        XCTAssertFalse(show.contains("kite surfing"))
        let costs = try ok(["jobs", "costs"]).stdout
        XCTAssertTrue(costs.contains("79 tokens in, 1 out"), costs)

        // The summary a person reads says the model was paid for nothing it could use.
        server.enqueue(.json(200, try String(contentsOf: truncated, encoding: .utf8)))
        let other = Self.sampleAssets.appendingPathComponent("summer-sale/sale-50-off-banner.png").path
        let human = try ok(try ingestArguments(other, providers: "openai-compatible,embedded").filter { $0 != "--json" }).stdout
        XCTAssertTrue(
            human.contains("model: 0 file(s) answered, 0 from the cache, 1 billed without a usable answer; 79 tokens in, 1 out, "), human)
    }

    /// --timeout bounds a stalled provider: the try fails as an outage naming the timeout, and
    /// with one try allowed the chain moves on long before the server would have answered.
    func testAStalledProviderIsCutOffByTheTimeoutAndTheChainMovesOn() throws {
        try ok(["init"])
        server.enqueue(ScriptedResponse(status: 200, delay: 6))
        let started = Date()
        let run = try ok(
            try ingestArguments(beachImage, providers: "openai-compatible,embedded") + ["--timeout", "1", "--max-tries", "1"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "the request was cut off at 1 s, not waited out")
        let outcome = try XCTUnwrap((try run.json() as? [[String: Any]])?.first)
        XCTAssertNotEqual(outcome["status"] as? String, "failed", "\(outcome)")
        XCTAssertTrue((outcome["reason"] as? String ?? "").contains("timed out"), "\(outcome)")

        for (args, expected) in [
            (["--timeout", "0"], "--timeout: expected seconds from 1 to 3600, got '0'"),
            (["--connect-timeout", "nan"], "--connect-timeout: expected seconds from 1 to 300, got 'nan'"),
            (["--timeout", "5", "--connect-timeout", "30"], "the connect timeout (30 s) is longer than the whole request's (5 s)"),
        ] {
            let bad = try self.run(try ingestArguments(beachImage) + args)
            XCTAssertEqual(bad.status, 2, bad.stderr)
            XCTAssertTrue(bad.stderr.contains(expected), bad.stderr)
        }
    }

    func testWithoutAChainATruncatedAnswerFailsTheFileWithItsReason() throws {
        let truncated = try corpusDir("llm_responses/openai").appendingPathComponent(
            "chat_completion_json_schema_finish_length_truncated.json")
        try ok(["init"])
        server.enqueue(.json(200, try String(contentsOf: truncated, encoding: .utf8)))
        let run = try self.run(try ingestArguments(beachImage))
        XCTAssertEqual(run.status, 1, run.stderr)
        let outcome = try XCTUnwrap((try run.json() as? [[String: Any]])?.first)
        XCTAssertEqual(outcome["status"] as? String, "failed")
        XCTAssertTrue((outcome["reason"] as? String ?? "").contains("truncated"), "\(outcome)")
        XCTAssertFalse(run.stdout.contains(key) || run.stderr.contains(key))
    }
}
