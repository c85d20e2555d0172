import Foundation

/// The wire formats a model provider can speak.
public enum ProviderKind: String, Sendable, Hashable, CaseIterable {
    /// OpenAI Chat Completions with a strict JSON-schema response format.
    case openAI = "openai"
    /// Anthropic Messages with a forced tool call for structured output.
    case anthropic
    /// Ollama's /api/chat with `format` as a JSON schema.
    case ollama
    /// Chat Completions at any base URL: vLLM, LM Studio, llama.cpp server, Azure deployments.
    case openAICompatible = "openai-compatible"

    /// Where the API lives when the configuration names no base URL.
    var defaultBaseURL: URL? {
        switch self {
        case .openAI: URL(string: "https://api.openai.com/v1")
        case .anthropic: URL(string: "https://api.anthropic.com")
        case .ollama: URL(string: "http://localhost:11434")
        case .openAICompatible: nil
        }
    }

    /// The environment variable read for the API key unless the configuration names another;
    /// nil where servers usually need none (Ollama, local OpenAI-compatible servers).
    var defaultKeyVariable: String? {
        switch self {
        case .openAI: "OPENAI_API_KEY"
        case .anthropic: "ANTHROPIC_API_KEY"
        case .ollama, .openAICompatible: nil
        }
    }

    /// Longest image side sent: each API scales larger images down itself and bills by the
    /// scaled size, so sending more only costs upload time (OpenAI fits high detail into
    /// 2048 then 768 on the short side; Anthropic recommends at most 1568 on the long side).
    var defaultMaxImageSide: Int {
        switch self {
        case .openAI: 1536
        case .anthropic: 1568
        case .ollama, .openAICompatible: 1024
        }
    }
}
