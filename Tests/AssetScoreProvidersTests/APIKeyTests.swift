import AssetScoreCore
import AssetScoreHTTP
import AssetScoreIngest
import FakeHTTPServer
import XCTest

@testable import AssetScoreProviders

/// Keys come only from the environment or a named file, and never appear in any error,
/// description or stored output, however a request fails.
final class APIKeyTests: XCTestCase {
    private var server: FakeHTTPServer!

    override func setUpWithError() throws { server = try FakeHTTPServer() }
    override func tearDown() { server.stop() }

    func testMissingKeyNamesTheVariable() {
        let configuration = ProviderConfiguration(kind: .openAI, model: "gpt-4o")
        XCTAssertThrowsError(try ProviderFactory.make(configuration: configuration, environment: [:])) { error in
            XCTAssertEqual(
                error as? ProviderFailure,
                .misconfigured(message: "openai needs an API key: set the environment variable OPENAI_API_KEY (or name a key file)"))
        }
        var custom = ProviderConfiguration(kind: .anthropic, model: "claude-haiku-4-5")
        custom.apiKeyVariable = "TEAM_CLAUDE_KEY"
        XCTAssertThrowsError(try ProviderFactory.make(configuration: custom, environment: ["ANTHROPIC_API_KEY": "x-y-z-w"])) { error in
            XCTAssertTrue("\(error)".contains("TEAM_CLAUDE_KEY"), "\(error)")
        }
    }

    func testKeyFromAFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)")
        try Data("\(Fixture.key)\n".utf8).write(to: file)
        server.enqueue(.json(200, Fixture.anthropicBody(input: Fixture.answer())))
        var configuration = Fixture.configuration(.anthropic, server: server, model: "claude-haiku-4-5")
        configuration.apiKeyFile = file.path
        let provider = try Fixture.provider(configuration, environment: [:])
        _ = try provider.analyse(Fixture.request(try Fixture.image(width: 80, height: 80)))
        XCTAssertEqual(server.requests.first?.header("x-api-key"), Fixture.key, "trimmed of the newline")

        configuration.apiKeyFile = file.path + ".missing"
        XCTAssertThrowsError(try Fixture.provider(configuration, environment: [:])) { error in
            XCTAssertEqual(error as? ProviderFailure, .misconfigured(message: "cannot read the API key file \(file.path).missing"))
        }
    }

    func testMalformedKeyIsRefusedWithoutShowingIt() {
        let configuration = ProviderConfiguration(kind: .openAI, model: "gpt-4o")
        let bad = "sk-abc\r\nX-Injected: 1"
        XCTAssertThrowsError(try ProviderFactory.make(configuration: configuration, environment: ["OPENAI_API_KEY": bad])) { error in
            XCTAssertFalse("\(error)".contains("sk-abc"), "\(error)")
            guard case .misconfigured = error as? ProviderFailure else { return XCTFail("\(error)") }
        }
    }

    func testBadConfigurationIsMisconfigured() {
        let cases: [(ProviderConfiguration, String)] = [
            (ProviderConfiguration(kind: .openAICompatible, model: "m"), "needs a base URL"),
            (ProviderConfiguration(kind: .ollama, model: " "), "needs a model name"),
            (ProviderConfiguration(kind: .ollama, model: "llava", baseURL: URL(string: "ftp://host/")), "must be http(s)"),
        ]
        for (configuration, expected) in cases {
            XCTAssertThrowsError(try ProviderFactory.make(configuration: configuration, environment: [:])) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
    }

    /// An explicit base URL is the operator's choice of network, but the cloud metadata service
    /// (link-local) stays out of reach: the request is refused before any connection is made.
    func testAnExplicitBaseURLNeverReachesTheMetadataService() throws {
        var configuration = Fixture.configuration(.openAI, server: server, path: "/v1")
        configuration.baseURL = URL(string: "http://169.254.169.254/v1")
        configuration.addressPolicy = nil
        let provider = try Fixture.provider(configuration)
        XCTAssertThrowsError(try provider.analyse(Fixture.request(try Fixture.image(width: 64, height: 64)))) { error in
            guard case .misconfigured(let message) = error as? ProviderFailure else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("169.254.169.254 is a link-local address and not allowed"), message)
        }
        XCTAssertEqual(server.requests.count, 0)
    }

    /// Every failure path, with a server that echoes the key back in its bodies and headers.
    func testTheKeyAppearsInNoErrorDescriptionOrStoredOutput() throws {
        let echo = "Incorrect API key provided: \(Fixture.key). Authorization: Bearer \(Fixture.key)"
        let echoJSON = #"{"error":{"message":"\#(echo)","type":"invalid_request_error"}}"#
        let responses: [ScriptedResponse] = [
            .json(401, echoJSON), .json(403, echoJSON), .json(429, echoJSON, headers: [("Retry-After", "1")]), .json(500, echoJSON),
            .json(529, #"{"type":"error","error":{"type":"overloaded_error","message":"\#(echo)"}}"#),
            .json(400, echo), ScriptedResponse(status: 200, body: Data(echo.utf8)),
            .json(200, Fixture.openAIBody(content: echo)),
            .json(200, #"{"choices":[{"message":{"refusal":"\#(echo)","content":null},"finish_reason":"stop"}]}"#),
            .json(200, Fixture.openAIBody(content: Fixture.answer(extra: #", "\#(Fixture.key)": 1"#))),
            .json(200, Fixture.openAIBody(content: #"{"description": 1}"#), headers: [("X-Key", Fixture.key)]),
            ScriptedResponse(status: 200, delay: 2), ScriptedResponse(delivery: .closeWithoutAnswer),
            ScriptedResponse(status: 200, body: Data(echo.utf8), delivery: .resetAfter(bytes: 5)),
            // The key straddles the point where long messages are cut.
            .json(400, #"{"error":{"message":"\#(String(repeating: "x", count: 270)) \#(Fixture.key)"}}"#),
        ]
        var configuration = Fixture.configuration(.openAI, server: server, path: "/v1")
        configuration.requestTimeout = 0.8
        let provider = try Fixture.provider(configuration)
        let image = try Fixture.image(width: 64, height: 64)
        var failures = 0
        for (i, response) in responses.enumerated() {
            server.enqueue(response)
            do {
                let analysis = try provider.analyse(Fixture.request(image))
                XCTFail("case \(i) should fail, got \(analysis.rawTags.count) tags")
            } catch {
                failures += 1
                let texts = ["\(error)", String(describing: error), error.localizedDescription, (error as? ProviderFailure)?.description ?? ""]
                for text in texts {
                    XCTAssertFalse(text.contains(Fixture.key), "case \(i) leaks the key: \(text)")
                    XCTAssertFalse(text.contains("SECRET-0123"), "case \(i) leaks part of the key: \(text)")
                }
            }
        }
        XCTAssertEqual(failures, responses.count)
        XCTAssertTrue(server.requests.allSatisfy { $0.header("Authorization") == "Bearer \(Fixture.key)" }, "the key did go where it belongs")

        // A success whose body echoes the key stores the body without it.
        let answer = Fixture.answer()
        let body = Fixture.openAIBody(content: answer).replacingOccurrences(of: #""id": "chatcmpl-1""#, with: #""id": "\#(Fixture.key)""#)
        server.enqueue(.json(200, body))
        let analysis = try provider.analyse(Fixture.request(image))
        XCTAssertFalse(analysis.rawOutput.contains(Fixture.key))
        XCTAssertTrue(analysis.rawOutput.contains("[redacted]"))
    }
}
