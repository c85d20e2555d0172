import AssetScoreCore
import AssetScoreHTTP
import AssetScoreIngest
import FakeHTTPServer
import XCTest

@testable import AssetScoreProviders

/// Everything that can go wrong with an answer, including the real bodies of the corpus.
final class ProviderFailureTests: XCTestCase {
    private var server: FakeHTTPServer!

    override func setUpWithError() throws { server = try FakeHTTPServer() }
    override func tearDown() { server.stop() }

    private func failure(_ kind: ProviderKind, _ responses: ScriptedResponse..., timeout: TimeInterval = 3) throws -> ProviderFailure? {
        for response in responses { server.enqueue(response) }
        var configuration = Fixture.configuration(kind, server: server, path: kind == .openAI ? "/v1" : "")
        configuration.requestTimeout = timeout
        let provider = try Fixture.provider(configuration)
        do {
            _ = try provider.analyse(Fixture.request(try Fixture.image(width: 200, height: 200)))
            XCTFail("expected a failure")
            return nil
        } catch let failure as ProviderFailure {
            return failure
        }
    }

    // MARK: real bodies from ../shared/corpus/llm_responses

    func testCorpusOpenAIRefusal() throws {
        let body = try Fixture.corpus("openai/chat_completion_json_schema_refusal.json")
        XCTAssertEqual(try failure(.openAI, .json(200, body)), .refused(message: "I'm very sorry, but I can't assist with that."))
    }

    func testCorpusOpenAITruncated() throws {
        let body = try Fixture.corpus("openai/chat_completion_json_schema_finish_length_truncated.json")
        XCTAssertEqual(try failure(.openAI, .json(200, body)), .truncated(message: "finish_reason \"length\" after 1 output tokens"))
    }

    /// A refused or truncated answer is billed: the provider reports its tokens (priced) for the
    /// queue worker to count, and a failure before any answer reports none.
    func testUnusableAnswersReportWhatTheyWereBilled() throws {
        for (file, output) in [
            ("openai/chat_completion_json_schema_finish_length_truncated.json", 1), ("openai/chat_completion_json_schema_refusal.json", 12),
        ] {
            server.enqueue(.json(200, try Fixture.corpus(file)))
            let provider = try Fixture.provider(Fixture.configuration(.openAI, server: server, path: "/v1"))
            XCTAssertThrowsError(try provider.analyse(Fixture.request(try Fixture.image(width: 64, height: 64))))
            let usage = try XCTUnwrap(provider.lastFailureUsage, file)
            XCTAssertEqual([usage.inputTokens, usage.outputTokens], [79, output], file)
            XCTAssertGreaterThan(try XCTUnwrap(usage.costUSD, "gpt-4o-2024-08-06 has a list price"), 0)

            server.enqueue(.json(429, #"{"error":{"message":"slow down"}}"#))
            XCTAssertThrowsError(try provider.analyse(Fixture.request(try Fixture.image(width: 64, height: 64))))
            XCTAssertNil(provider.lastFailureUsage, "nothing billed without an answer, and the last call's usage is not kept")
        }
    }

    /// A well-formed answer to someone else's schema fails our validation, naming the field.
    func testCorpusOpenAIAnswerToAnotherSchema() throws {
        let body = try Fixture.corpus("openai/chat_completion_json_schema_stop.json")
        XCTAssertEqual(try failure(.openAI, .json(200, body)), .invalidOutput(field: "city", message: "unexpected key"))
    }

    func testCorpusOpenAIPlainTextIsNotJSON() throws {
        let body = try Fixture.corpus("openai/openapi_example_chat_completion_image_input.json")
        guard case .invalidOutput(let field, let message) = try failure(.openAI, .json(200, body)) else { return XCTFail() }
        XCTAssertEqual(field, "(root)")
        XCTAssertTrue(message.hasPrefix("not valid JSON"), message)
    }

    func testCorpusOpenAIToolCallsInsteadOfContent() throws {
        let body = try Fixture.corpus("openai/chat_completion_tool_calls_strict.json")
        guard case .invalidOutput(let field, _) = try failure(.openAI, .json(200, body)) else { return XCTFail() }
        XCTAssertEqual(field, "choices[0].message.content")
    }

    func testCorpusAnthropicToolUseOfAnotherTool() throws {
        let body = try Fixture.corpus("anthropic/messages_tool_use_only.json")
        guard case .invalidOutput(let field, let message) = try failure(.anthropic, .json(200, body)) else { return XCTFail() }
        XCTAssertEqual(field, "content")
        XCTAssertTrue(message.contains("no tool_use block named creative_analysis"), message)
        XCTAssertTrue(message.contains("blocks: tool_use"), message)
    }

    func testCorpusAnthropicTextWithoutToolCall() throws {
        for path in ["anthropic/messages_structured_output_json_text.json", "anthropic/messages_text_plus_tool_use.json"] {
            let body = try Fixture.corpus(path)
            guard case .invalidOutput(let field, _) = try failure(.anthropic, .json(200, body)) else { return XCTFail(path) }
            XCTAssertEqual(field, "content", path)
        }
    }

    /// The corpus has the refusal only as a stream; its message_start and message_delta events
    /// make the same message a non-streaming call returns.
    func testCorpusAnthropicRefusal() throws {
        let stream = try Fixture.corpus("anthropic/stream_refusal_response.sse.txt")
        let events = stream.split(separator: "\n").filter { $0.hasPrefix("data: ") }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.dropFirst(6).utf8)) as? [String: Any]
        }
        var message = try XCTUnwrap(events.first { $0["type"] as? String == "message_start" }?["message"] as? [String: Any])
        let delta = try XCTUnwrap(events.first { $0["type"] as? String == "message_delta" }?["delta"] as? [String: Any])
        for (key, value) in delta { message[key] = value }
        let body = String(decoding: try JSONSerialization.data(withJSONObject: message), as: UTF8.self)
        XCTAssertEqual(try failure(.anthropic, .json(200, body)), .refused(message: "This request was refused due to policy."))
    }

    func testCorpusAnthropic400IsRejectedWithTheProviderMessage() throws {
        let body = try Fixture.corpus("anthropic/error_400_invalid_request.json")
        guard case .rejected(400, let message) = try failure(.anthropic, .json(400, body)) else { return XCTFail() }
        XCTAssertTrue(message.hasPrefix("messages.0.content.1: unexpected `tool_use_id`"), message)
    }

    func testCorpusAnthropic429IsRateLimitedHonouringRetryAfter() throws {
        let body = try Fixture.corpus("anthropic/error_429_rate_limit.json")
        guard case .rateLimited(let after, let message) = try failure(.anthropic, .json(429, body, headers: [("retry-after", "17")])) else {
            return XCTFail()
        }
        XCTAssertEqual(after, 17)
        XCTAssertTrue(message.contains("would exceed your organization's rate limit"), message)
    }

    func testCorpusOllamaAnswerToAnotherSchemaAndProse() throws {
        let structured = try Fixture.corpus("ollama/chat_structured_outputs_format_schema_response.json")
        XCTAssertEqual(try failure(.ollama, .json(200, structured)), .invalidOutput(field: "age", message: "unexpected key"))
        let prose = try Fixture.corpus("ollama/chat_with_images_response.json")
        guard case .invalidOutput("(root)", _) = try failure(.ollama, .json(200, prose)) else { return XCTFail() }
    }

    // MARK: our own cases

    func testTruncationIsNeverRepaired() throws {
        let half = String(Fixture.answer().prefix(200))
        XCTAssertEqual(
            try failure(.anthropic, .json(200, Fixture.anthropicBody(input: "{}", stop: "max_tokens"))),
            .truncated(message: "stop_reason \"max_tokens\" after 250 output tokens"))
        XCTAssertEqual(
            try failure(.ollama, .json(200, Fixture.ollamaBody(content: half, doneReason: "length"))),
            .truncated(message: "done_reason \"length\" after 180 output tokens"))
        XCTAssertEqual(
            try failure(.openAI, .json(200, Fixture.openAIBody(content: Fixture.answer(), finish: "length"))),
            .truncated(message: "finish_reason \"length\" after 300 output tokens"), "even a complete-looking object is not trusted")
    }

    func testSlowAnswerIsUnavailable() throws {
        let started = Date()
        guard case .unavailable(_, let message) = try failure(.openAI, ScriptedResponse(status: 200, delay: 3), timeout: 0.8) else {
            return XCTFail()
        }
        XCTAssertTrue(message.contains("timed out"), message)
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.5)
    }

    func testResetConnectionIsUnavailable() throws {
        let response = ScriptedResponse(
            status: 200, body: Data(Fixture.openAIBody(content: Fixture.answer()).utf8), delivery: .resetAfter(bytes: 40))
        guard case .unavailable(nil, let message) = try failure(.openAI, response) else { return XCTFail() }
        XCTAssertTrue(message.contains("connection reset"), message)
    }

    func testGarbageBodyIsInvalidOutput() throws {
        let garbage = ScriptedResponse(
            status: 200, headers: [("Content-Type", "text/html")], body: Data("<html>502 Bad Gateway</html>".utf8))
        guard case .invalidOutput("response body", let message) = try failure(.openAI, garbage) else { return XCTFail() }
        XCTAssertTrue(message.contains("<html>"), message)
    }

    func testStatusClassification() throws {
        XCTAssertEqual(
            try failure(
                .openAI, .json(429, #"{"error":{"message":"Rate limit reached","type":"requests"}}"#, headers: [("Retry-After", "2")])),
            .rateLimited(retryAfter: 2, message: "HTTP 429: Rate limit reached"))
        XCTAssertEqual(
            try failure(
                .openAI,
                .json(
                    429, #"{"error":{"message":"slow down"}}"#,
                    headers: [
                        ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "6m0s"), ("x-ratelimit-reset-tokens", "1s"),
                    ])),
            .rateLimited(retryAfter: 360, message: "HTTP 429: slow down"))
        XCTAssertEqual(
            try failure(.anthropic, .json(529, #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)),
            .rateLimited(retryAfter: nil, message: "HTTP 529: Overloaded"))
        XCTAssertEqual(
            try failure(.ollama, .json(503, #"{"error":"server busy"}"#, headers: [("Retry-After", "5")])),
            .unavailable(retryAfter: 5, message: "HTTP 503: server busy"))
        XCTAssertEqual(
            try failure(.ollama, .json(404, #"{"error":"model \"llava\" not found, try pulling it first"}"#)),
            .rejected(status: 404, message: "model \"llava\" not found, try pulling it first"))
        XCTAssertEqual(
            try failure(.openAI, .json(400, "\u{1b}[31mbad\u{1b}[0m")), .rejected(status: 400, message: "\u{FFFD}[31mbad\u{FFFD}[0m"),
            "the provider's message is sanitised")
    }

    func testExtraKeyAndWrongTypeNameTheField() throws {
        let extra = Fixture.answer().replacingOccurrences(
            of: #""format": {"value": "banner", "confidence": 0.9}"#,
            with: #""format": {"value": "banner", "confidence": 0.9, "note": "x"}"#)
        XCTAssertEqual(
            try failure(.openAI, .json(200, Fixture.openAIBody(content: extra))),
            .invalidOutput(field: "format.note", message: "unexpected key"))
        let topExtra = Fixture.answer(extra: #", "approved": true"#)
        XCTAssertEqual(
            try failure(.openAI, .json(200, Fixture.openAIBody(content: topExtra))),
            .invalidOutput(field: "approved", message: "unexpected key"))
        let wrongType = Fixture.answer().replacingOccurrences(of: #""confidence": 0.7"#, with: #""confidence": "high""#)
        XCTAssertEqual(
            try failure(.openAI, .json(200, Fixture.openAIBody(content: wrongType))),
            .invalidOutput(field: "sentiment.confidence", message: "expected number, got a string"))
        let outOfRange = Fixture.answer().replacingOccurrences(of: #""confidence": 0.99"#, with: #""confidence": 1.5"#)
        XCTAssertEqual(
            try failure(.anthropic, .json(200, Fixture.anthropicBody(input: outOfRange))),
            .invalidOutput(field: "facets.theme[0].confidence", message: "expected a number from 0 to 1, got 1.5"))
        let missing = Fixture.answer().replacingOccurrences(of: #""description": "A red summer sale banner.","#, with: "")
        XCTAssertEqual(
            try failure(.ollama, .json(200, Fixture.ollamaBody(content: missing))),
            .invalidOutput(field: "description", message: "required key is missing"))
        let badHex = Fixture.answer().replacingOccurrences(of: "#d42a2a", with: "crimson")
        XCTAssertEqual(
            try failure(.openAI, .json(200, Fixture.openAIBody(content: badHex))),
            .invalidOutput(field: "dominant_colors[0].hex", message: "\"crimson\" is not a #rrggbb colour"))
    }

    func testFenceInsideProseIsRejected() throws {
        let wrapped = "Here is the analysis:\n```json\n\(Fixture.answer())\n```"
        guard case .invalidOutput("(root)", let message) = try failure(.openAI, .json(200, Fixture.openAIBody(content: wrapped))) else {
            return XCTFail()
        }
        XCTAssertTrue(message.contains("fence"), message)
        let trailing = "```json\n\(Fixture.answer())\n```\nHope this helps!"
        guard case .invalidOutput("(root)", _) = try failure(.openAI, .json(200, Fixture.openAIBody(content: trailing))) else {
            return XCTFail()
        }
    }

    func testUnreadableImageIsAnAnalyserErrorAndNothingIsSent() throws {
        let provider = try Fixture.provider(Fixture.configuration(.openAI, server: server, path: "/v1"))
        let notAnImage = FileManager.default.temporaryDirectory.appendingPathComponent("not-image-\(UUID().uuidString).png")
        try Data("hello".utf8).write(to: notAnImage)
        XCTAssertThrowsError(try provider.analyse(Fixture.request(notAnImage))) { error in
            XCTAssertTrue(error is AnalyserError, "\(error)")
        }
        XCTAssertEqual(server.requests.count, 0)
    }
}
