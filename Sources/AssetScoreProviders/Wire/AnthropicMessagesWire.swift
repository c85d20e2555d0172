import AssetScoreCore
import AssetScoreHTTP
import AssetScoreIngest
import Foundation

/// Anthropic Messages (POST {base}/v1/messages, `x-api-key`, `anthropic-version: 2023-06-01`).
///
/// Structured output comes from a forced tool call: one tool whose `input_schema` is the
/// analysis schema and `tool_choice: {type: "tool", name}`, so the answer arrives as the
/// tool_use block's `input` object. The image is a base64 `image` content block, put before the
/// text as Anthropic recommends.
struct AnthropicMessagesWire: WireFormat {
    static let apiVersion = "2023-06-01"

    func request(_ input: WireInput) -> HTTPRequest {
        let configuration = input.configuration
        var headers = HTTPHeaders()
        if let key = input.key { headers.add("x-api-key", key) }
        headers.add("anthropic-version", Self.apiVersion)
        let content: JSONValue = .array([
            .object([
                ("type", .string("image")),
                (
                    "source",
                    .object([
                        ("type", .string("base64")), ("media_type", .string(input.image.mediaType)),
                        ("data", .string(input.image.data.base64EncodedString())),
                    ])
                ),
            ]),
            .object([("type", .string("text")), ("text", .string(AnalysisPrompt.instruction))]),
        ])
        let tool: JSONValue = .object([
            ("name", .string(AnalysisPrompt.schemaName)),
            ("description", .string("Record the analysis of the creative. Always call this tool exactly once.")),
            ("input_schema", input.schema.json),
        ])
        let body = JSONValue.members([
            ("model", .string(input.model)),
            ("max_tokens", .number(Double(configuration.maxOutputTokens))),
            ("system", .string(AnalysisPrompt.system)),
            ("messages", .array([.object([("role", .string("user")), ("content", content)])])),
            ("tools", .array([tool])),
            ("tool_choice", .object([("type", .string("tool")), ("name", .string(AnalysisPrompt.schemaName))])),
            ("temperature", configuration.temperature.map { .number($0) }),
        ])
        return post(input.baseURL.appendingPathComponent("v1/messages"), headers: headers, body: body)
    }

    /// stop_reason "max_tokens" (or "model_context_window_exceeded") is truncation, "refusal"
    /// a refusal; otherwise the answer is the input of the tool_use block named like our tool.
    func answer(from body: JSONValue) throws(ProviderFailure) -> WireAnswer {
        let stop = body["stop_reason"]?.stringValue
        let usage = body["usage"]
        let blocks = body["content"]?.arrayValue ?? []
        if stop == "max_tokens" || stop == "model_context_window_exceeded" {
            throw .truncated(
                message: "stop_reason \"\(stop!)\" after \(count(usage?["output_tokens"]).map(String.init) ?? "?") output tokens")
        }
        if stop == "refusal" {
            let explanation =
                body["stop_details"]?["explanation"]?.stringValue
                ?? blocks.compactMap { $0["text"]?.stringValue }.joined(separator: " ")
            throw .refused(message: SafeText.display(explanation.isEmpty ? "stop_reason \"refusal\"" : explanation, limit: 300))
        }
        let tool = blocks.first { $0["type"]?.stringValue == "tool_use" && $0["name"]?.stringValue == AnalysisPrompt.schemaName }
        guard let input = tool?["input"] else {
            let kinds = blocks.compactMap { $0["type"]?.stringValue }.map { SafeText.display($0, limit: 30) }
            throw .invalidOutput(
                field: "content",
                message:
                    "no tool_use block named \(AnalysisPrompt.schemaName) (stop_reason \(stop.map { SafeText.display($0, limit: 40) } ?? "none"), "
                    + "blocks: \(kinds.isEmpty ? "none" : kinds.joined(separator: ", ")))")
        }
        let tokens = tokens(in: body)
        return WireAnswer(content: .json(input), inputTokens: tokens.input, outputTokens: tokens.output)
    }

    /// Input counts the prompt-cache writes and reads too: they are billed input.
    func tokens(in body: JSONValue) -> (input: Int?, output: Int?) {
        let usage = body["usage"]
        let input = count(usage?["input_tokens"]).map {
            $0 + (count(usage?["cache_creation_input_tokens"]) ?? 0) + (count(usage?["cache_read_input_tokens"]) ?? 0)
        }
        return (input, count(usage?["output_tokens"]))
    }
}
