import AssetScoreHTTP
import AssetScoreIngest
import Foundation

/// Builds a provider from its configuration, checking everything that can be checked before
/// the first image: the model name, the base URL and the API key.
public enum ProviderFactory {
    /// Throws `ProviderFailure.misconfigured` naming what is missing (the variable to set, the
    /// base URL to give); never includes a key.
    public static func make(
        configuration: ProviderConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment,
        imageLimits: AnalyserConfiguration = AnalyserConfiguration()
    ) throws -> any AnalysisProvider {
        try makeModelProvider(configuration: configuration, environment: environment, imageLimits: imageLimits)
    }

    /// The concrete type, for callers that want `lastSentImage`.
    public static func makeModelProvider(
        configuration: ProviderConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment,
        imageLimits: AnalyserConfiguration = AnalyserConfiguration()
    ) throws(ProviderFailure) -> ModelProvider {
        let kind = configuration.kind
        guard !configuration.model.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .misconfigured(message: "\(kind.rawValue) needs a model name")
        }
        guard let baseURL = configuration.baseURL ?? kind.defaultBaseURL else {
            throw .misconfigured(message: "\(kind.rawValue) needs a base URL (for example http://localhost:8000/v1)")
        }
        guard let scheme = baseURL.scheme?.lowercased(), scheme == "http" || scheme == "https", baseURL.host != nil,
            baseURL.query == nil, baseURL.user == nil
        else {
            throw .misconfigured(message: "the base URL \(HTTPRequest(url: baseURL).origin) must be http(s)://host[:port][/path] without user or query")
        }
        guard configuration.maxOutputTokens > 0, configuration.effectiveMaxImageSide >= 64 else {
            throw .misconfigured(message: "\(kind.rawValue): max output tokens must be positive and the image side at least 64 pixels")
        }
        let key = try APIKeySource.resolve(configuration, environment: environment)
        let wire: any WireFormat =
            switch kind {
            case .openAI: OpenAIChatWire(compatible: false)
            case .openAICompatible: OpenAIChatWire(compatible: true)
            case .anthropic: AnthropicMessagesWire()
            case .ollama: OllamaChatWire()
            }
        return ModelProvider(configuration: configuration, wire: wire, baseURL: baseURL, key: key, imageLimits: imageLimits)
    }
}
