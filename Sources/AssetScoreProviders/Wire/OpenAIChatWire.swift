import AssetScoreCore
import AssetScoreHTTP
import AssetScoreIngest
import Foundation

/// OpenAI Chat Completions (POST {base}/chat/completions), also spoken by vLLM, LM Studio,
/// llama.cpp's server and Azure OpenAI deployments.
///
/// The image goes as a base64 data URL in an `image_url` content part; the answer format is
/// `response_format: {type: json_schema, json_schema: {name, strict: true, schema}}`.
/// Hosted OpenAI takes `max_completion_tokens` (`max_tokens` is deprecated there), while
/// compatible servers mostly know only `max_tokens`. Azure-style deployments (an api-version
/// is configured) take the key in an `api-key` header; everyone else `Authorization: Bearer`.
struct OpenAIChatWire: WireFormat {
    var compatible: Bool

    func request(_ input: WireInput) -> HTTPRequest {
        let configuration = input.configuration
        var url = input.baseURL.appendingPathComponent("chat/completions")
        if let version = configuration.apiVersion, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "api-version", value: version)]
            url = components.url ?? url
        }
        var headers = HTTPHeaders()
        if let key = input.key {
            if configuration.apiVersion != nil { headers.add("api-key", key) } else { headers.add("Authorization", "Bearer \(key)") }
        }
        let dataURL = "data:\(input.image.mediaType);base64,\(input.image.data.base64EncodedString())"
        let user: JSONValue = .array([
            .object([("type", .string("text")), ("text", .string(AnalysisPrompt.instruction))]),
            .object([("type", .string("image_url")), ("image_url", .object([("url", .string(dataURL))]))]),
        ])
        let body = JSONValue.members([
            ("model", .string(input.model)),
            (
                "messages",
                .array([
                    .object([("role", .string("system")), ("content", .string(AnalysisPrompt.system))]),
                    .object([("role", .string("user")), ("content", user)]),
                ])
            ),
            (
                "response_format",
                .object([
                    ("type", .string("json_schema")),
                    (
                        "json_schema",
                        .object([("name", .string(AnalysisPrompt.schemaName)), ("strict", .bool(true)), ("schema", input.schema.json)])
                    ),
                ])
            ),
            (compatible ? "max_tokens" : "max_completion_tokens", .number(Double(configuration.maxOutputTokens))),
            ("temperature", configuration.temperature.map { .number($0) }),
        ])
        return post(url, headers: headers, body: body)
    }

    /// finish_reason "length" is truncation; `message.refusal` (or finish_reason
    /// "content_filter") is a refusal; anything else needs `message.content` text.
    func answer(from body: JSONValue) throws(ProviderFailure) -> WireAnswer {
        guard let choice = body["choices"]?.arrayValue?.first else {
            throw .invalidOutput(field: "choices", message: "the response has no choices")
        }
        let usage = body["usage"]
        let finish = choice["finish_reason"]?.stringValue
        let message = choice["message"]
        if let refusal = message?["refusal"]?.stringValue, !refusal.isEmpty {
            throw .refused(message: SafeText.display(refusal, limit: 300))
        }
        if finish == "length" {
            throw .truncated(
                message: "finish_reason \"length\" after \(count(usage?["completion_tokens"]).map(String.init) ?? "?") output tokens")
        }
        if finish == "content_filter" {
            throw .refused(message: "finish_reason \"content_filter\": the provider's content filter stopped the answer")
        }
        guard let content = message?["content"]?.stringValue else {
            let why = finish.map { "finish_reason \"\(SafeText.display($0, limit: 40))\"" } ?? "no finish_reason"
            throw .invalidOutput(field: "choices[0].message.content", message: "no text content (\(why))")
        }
        let tokens = tokens(in: body)
        return WireAnswer(content: .text(content), inputTokens: tokens.input, outputTokens: tokens.output)
    }

    func tokens(in body: JSONValue) -> (input: Int?, output: Int?) {
        (count(body["usage"]?["prompt_tokens"]), count(body["usage"]?["completion_tokens"]))
    }
}
