import AssetScoreCore
import AssetScoreHTTP
import AssetScoreIngest
import Foundation

/// Ollama's chat endpoint (POST {base}/api/chat) without streaming.
///
/// Images go in the message's `images` list as raw base64 (no data-URL prefix); `format`
/// carries the JSON schema; `options.num_predict` bounds the output and `done_reason` "length"
/// says it was hit.
struct OllamaChatWire: WireFormat {
    func request(_ input: WireInput) -> HTTPRequest {
        let configuration = input.configuration
        var headers = HTTPHeaders()
        // Ollama itself takes no key; a proxy in front of it may want one.
        if let key = input.key { headers.add("Authorization", "Bearer \(key)") }
        let options = JSONValue.members([
            ("temperature", configuration.temperature.map { .number($0) }),
            ("num_predict", .number(Double(configuration.maxOutputTokens))),
        ])
        let body = JSONValue.members([
            ("model", .string(input.model)),
            (
                "messages",
                .array([
                    .object([("role", .string("system")), ("content", .string(AnalysisPrompt.system))]),
                    .object([
                        ("role", .string("user")), ("content", .string(AnalysisPrompt.instruction)),
                        ("images", .array([.string(input.image.data.base64EncodedString())])),
                    ]),
                ])
            ),
            ("format", input.schema.json),
            ("stream", .bool(false)),
            ("options", options),
        ])
        return post(input.baseURL.appendingPathComponent("api/chat"), headers: headers, body: body)
    }

    func answer(from body: JSONValue) throws(ProviderFailure) -> WireAnswer {
        let reason = body["done_reason"]?.stringValue
        if reason == "length" {
            throw .truncated(message: "done_reason \"length\" after \(count(body["eval_count"]).map(String.init) ?? "?") output tokens")
        }
        if body["done"] == .bool(false) { throw .truncated(message: "the answer is not done (done: false)") }
        guard let content = body["message"]?["content"]?.stringValue else {
            throw .invalidOutput(field: "message.content", message: "no text content")
        }
        let tokens = tokens(in: body)
        return WireAnswer(content: .text(content), inputTokens: tokens.input, outputTokens: tokens.output)
    }

    func tokens(in body: JSONValue) -> (input: Int?, output: Int?) {
        (count(body["prompt_eval_count"]), count(body["eval_count"]))
    }
}
