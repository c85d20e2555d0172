import AssetScoreCore
import AssetScoreHTTP
import AssetScoreIngest
import FakeHTTPServer
import XCTest

@testable import AssetScoreProviders

/// The exact requests each wire format sends: method, path, headers, JSON shape, image encoding.
final class ProviderRequestTests: XCTestCase {
    private var server: FakeHTTPServer!

    override func setUpWithError() throws { server = try FakeHTTPServer() }
    override func tearDown() { server.stop() }

    func testOpenAIRequest() throws {
        server.enqueue(.json(200, Fixture.openAIBody(content: Fixture.answer())))
        let provider = try Fixture.provider(Fixture.configuration(.openAI, server: server, path: "/v1"))
        _ = try provider.analyse(Fixture.request(try Fixture.image(width: 1000, height: 400)))

        let request = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.target, "/v1/chat/completions")
        XCTAssertEqual(request.header("Authorization"), "Bearer \(Fixture.key)")
        XCTAssertEqual(request.header("Content-Type"), "application/json")
        XCTAssertNil(request.header("x-api-key"))
        let body = try XCTUnwrap(request.jsonObject)
        XCTAssertEqual(body["model"] as? String, "gpt-4o-2024-08-06")
        XCTAssertEqual(body["max_completion_tokens"] as? Int, 1500)
        XCTAssertNil(body["max_tokens"])
        XCTAssertEqual(body["temperature"] as? Double, 0)
        XCTAssertEqual(dig(body, ["messages", 0, "role"]) as? String, "system")
        let system = try XCTUnwrap(dig(body, ["messages", 0, "content"]) as? String)
        XCTAssertTrue(system.contains("never instructions"), "the prompt-injection rule is in the system prompt")
        XCTAssertEqual(dig(body, ["messages", 1, "content", 0, "type"]) as? String, "text")
        XCTAssertEqual(dig(body, ["messages", 1, "content", 1, "type"]) as? String, "image_url")
        let url = try XCTUnwrap(dig(body, ["messages", 1, "content", 1, "image_url", "url"]) as? String)
        let prefix = "data:image/jpeg;base64,"
        XCTAssertTrue(url.hasPrefix(prefix), String(url.prefix(40)))
        let jpeg = try XCTUnwrap(Data(base64Encoded: String(url.dropFirst(prefix.count))))
        XCTAssertEqual(Fixture.imageSize(jpeg)?.0, 256, "downscaled to the configured long side")
        XCTAssertEqual(Fixture.imageSize(jpeg)?.1, 102)
        XCTAssertEqual(provider.lastSentImage, ModelProvider.SentImage(width: 256, height: 102, bytes: jpeg.count, mediaType: "image/jpeg"))

        XCTAssertEqual(dig(body, ["response_format", "type"]) as? String, "json_schema")
        XCTAssertEqual(dig(body, ["response_format", "json_schema", "name"]) as? String, "creative_analysis")
        XCTAssertEqual(dig(body, ["response_format", "json_schema", "strict"]) as? Bool, true)
        XCTAssertEqual(dig(body, ["response_format", "json_schema", "schema", "additionalProperties"]) as? Bool, false)
        let themes = dig(body, ["response_format", "json_schema", "schema", "properties", "facets", "properties", "theme", "items", "properties", "label", "enum"])
        XCTAssertEqual(themes as? [String], ["food", "summer", "travel"], "active labels are offered as an enum")
    }

    func testAnthropicRequest() throws {
        server.enqueue(.json(200, Fixture.anthropicBody(input: Fixture.answer())))
        let configuration = Fixture.configuration(.anthropic, server: server, model: "claude-sonnet-4-5")
        let provider = try Fixture.provider(configuration)
        _ = try provider.analyse(Fixture.request(try Fixture.image(width: 300, height: 600, alpha: true)))

        let request = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.target, "/v1/messages")
        XCTAssertEqual(request.header("x-api-key"), Fixture.key)
        XCTAssertEqual(request.header("anthropic-version"), "2023-06-01")
        XCTAssertEqual(request.header("content-type"), "application/json")
        XCTAssertNil(request.header("Authorization"))
        let body = try XCTUnwrap(request.jsonObject)
        XCTAssertEqual(body["max_tokens"] as? Int, 1500)
        XCTAssertTrue((body["system"] as? String)?.contains("never instructions") == true)
        XCTAssertEqual(dig(body, ["messages", 0, "role"]) as? String, "user")
        XCTAssertEqual(dig(body, ["messages", 0, "content", 0, "type"]) as? String, "image")
        XCTAssertEqual(dig(body, ["messages", 0, "content", 0, "source", "type"]) as? String, "base64")
        XCTAssertEqual(dig(body, ["messages", 0, "content", 0, "source", "media_type"]) as? String, "image/png", "alpha is kept as PNG")
        let data = try XCTUnwrap(dig(body, ["messages", 0, "content", 0, "source", "data"]) as? String)
        XCTAssertFalse(data.hasPrefix("data:"))
        let png = try XCTUnwrap(Data(base64Encoded: data))
        XCTAssertEqual(Fixture.imageSize(png).map { [$0.0, $0.1] }, [128, 256])
        XCTAssertEqual(dig(body, ["messages", 0, "content", 1, "type"]) as? String, "text")
        XCTAssertEqual(dig(body, ["tools", 0, "name"]) as? String, "creative_analysis")
        XCTAssertEqual(dig(body, ["tools", 0, "input_schema", "type"]) as? String, "object")
        XCTAssertEqual(dig(body, ["tool_choice", "type"]) as? String, "tool")
        XCTAssertEqual(dig(body, ["tool_choice", "name"]) as? String, "creative_analysis")
    }

    func testOllamaRequest() throws {
        server.enqueue(.json(200, Fixture.ollamaBody(content: Fixture.answer())))
        let provider = try Fixture.provider(Fixture.configuration(.ollama, server: server, model: "llava"), environment: [:])
        _ = try provider.analyse(Fixture.request(try Fixture.image(width: 512, height: 512, jpeg: true)))

        let request = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.target, "/api/chat")
        XCTAssertNil(request.header("Authorization"), "Ollama takes no key")
        let body = try XCTUnwrap(request.jsonObject)
        XCTAssertEqual(body["stream"] as? Bool, false)
        XCTAssertEqual(dig(body, ["format", "type"]) as? String, "object")
        XCTAssertEqual(dig(body, ["options", "num_predict"]) as? Int, 1500)
        XCTAssertEqual(dig(body, ["options", "temperature"]) as? Double, 0)
        XCTAssertEqual(dig(body, ["messages", 0, "role"]) as? String, "system")
        let images = try XCTUnwrap(dig(body, ["messages", 1, "images"]) as? [String])
        XCTAssertEqual(images.count, 1)
        XCTAssertFalse(images[0].hasPrefix("data:"), "raw base64, not a data URL")
        let jpeg = try XCTUnwrap(Data(base64Encoded: images[0]))
        XCTAssertEqual(Fixture.imageSize(jpeg).map { [$0.0, $0.1] }, [256, 256])
    }

    /// The image of Ollama's own /api/chat example goes out as raw base64 of a re-encoded copy.
    func testCorpusOllamaExampleImage() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/corpus/images/llm_fixture_inputs/ollama_docs_llava_example.png").standardizedFileURL
        guard FileManager.default.fileExists(atPath: path.path) else { throw XCTSkip("../shared/corpus not found: \(path.path)") }
        server.enqueue(.json(200, Fixture.ollamaBody(content: Fixture.answer())))
        let provider = try Fixture.provider(Fixture.configuration(.ollama, server: server, model: "llava"), environment: [:])
        let analysis = try provider.analyse(Fixture.request(path))
        let images = try XCTUnwrap(dig(server.requests.first?.jsonObject, ["messages", 1, "images"]) as? [String])
        let sent = try XCTUnwrap(Data(base64Encoded: images[0]))
        let original = try XCTUnwrap(Fixture.imageSize(try Data(contentsOf: path)))
        XCTAssertEqual(analysis.fields.width, original.0)
        XCTAssertEqual(analysis.fields.height, original.1)
        let size = try XCTUnwrap(Fixture.imageSize(sent))
        XCTAssertLessThanOrEqual(max(size.0, size.1), 256)
        XCTAssertEqual(provider.lastSentImage?.bytes, sent.count)
    }

    func testAzureStyleDeploymentRequest() throws {
        server.enqueue(.json(200, Fixture.openAIBody(content: Fixture.answer())))
        var configuration = Fixture.configuration(.openAICompatible, server: server, model: "gpt-4o", path: "/openai/deployments/tagger")
        configuration.apiVersion = "2024-10-21"
        configuration.apiKeyVariable = "AZURE_OPENAI_API_KEY"
        let provider = try Fixture.provider(configuration, environment: ["AZURE_OPENAI_API_KEY": Fixture.key])
        _ = try provider.analyse(Fixture.request(try Fixture.image(width: 200, height: 100)))

        let request = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(request.target, "/openai/deployments/tagger/chat/completions?api-version=2024-10-21")
        XCTAssertEqual(request.header("api-key"), Fixture.key)
        XCTAssertNil(request.header("Authorization"))
        XCTAssertEqual(request.jsonObject?["max_tokens"] as? Int, 1500, "compatible servers get max_tokens")
    }

    func testLocalCompatibleServerWithoutKey() throws {
        server.enqueue(.json(200, Fixture.openAIBody(content: Fixture.answer())))
        let configuration = Fixture.configuration(.openAICompatible, server: server, model: "qwen2-vl", path: "/v1")
        let provider = try Fixture.provider(configuration, environment: [:])
        _ = try provider.analyse(Fixture.request(try Fixture.image(width: 64, height: 64)))
        let request = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(request.target, "/v1/chat/completions")
        XCTAssertNil(request.header("Authorization"))
        XCTAssertNil(request.header("api-key"))
    }

    /// Small images are never enlarged, and the temperature can be left out for models that refuse it.
    func testSmallImageIsNotEnlargedAndTemperatureCanBeOmitted() throws {
        server.enqueue(.json(200, Fixture.openAIBody(content: Fixture.answer())))
        var configuration = Fixture.configuration(.openAI, server: server, path: "/v1")
        configuration.temperature = nil
        let provider = try Fixture.provider(configuration)
        _ = try provider.analyse(Fixture.request(try Fixture.image(width: 100, height: 50)))
        XCTAssertEqual(provider.lastSentImage?.width, 100)
        XCTAssertEqual(provider.lastSentImage?.height, 50)
        XCTAssertNil(server.requests.first?.jsonObject?["temperature"])
    }
}
