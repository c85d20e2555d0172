import AssetScoreHTTP
import Foundation

/// Everything needed to build one model provider. Holds where the key comes from, never the key.
public struct ProviderConfiguration: Sendable, Hashable {
    public var kind: ProviderKind
    public var model: String
    /// The API root ("https://api.openai.com/v1", "http://gpu-box:8000/v1",
    /// "https://NAME.openai.azure.com/openai/deployments/DEPLOYMENT"); nil for the kind's default.
    public var baseURL: URL?
    /// Environment variable holding the API key; nil for the kind's default (OPENAI_API_KEY,
    /// ANTHROPIC_API_KEY; none for Ollama and OpenAI-compatible servers).
    public var apiKeyVariable: String?
    /// A file whose content (trimmed) is the API key; used instead of the environment when set.
    public var apiKeyFile: String?
    /// Azure-style deployments: sent as the `api-version` query item, and the key goes in an
    /// `api-key` header instead of `Authorization: Bearer`.
    public var apiVersion: String?
    public var connectTimeout: TimeInterval
    /// Total time for one call; vision models can take a while on a large image.
    public var requestTimeout: TimeInterval
    /// Longest image side sent, in pixels; nil for the kind's default.
    public var maxImageSide: Int?
    public var maxOutputTokens: Int
    /// 0: the same image should give the same tags; nil leaves it out (reasoning models accept no other value than their default).
    public var temperature: Double?
    /// Which addresses the provider may be reached at; nil: public only for the hosted APIs at
    /// their default hosts, the operator's own networks (never link-local) for Ollama,
    /// compatible servers, and a hosted API given an explicit base URL elsewhere (a company
    /// gateway on a private network, a test server on loopback: the operator chose it).
    public var addressPolicy: AddressPolicy?
    /// Prices that override or extend the built-in table, by model name.
    public var prices: [String: ModelPrice]
    /// Largest response body accepted.
    public var maxResponseBytes: Int

    public init(
        kind: ProviderKind, model: String, baseURL: URL? = nil, apiKeyVariable: String? = nil, apiKeyFile: String? = nil,
        apiVersion: String? = nil, connectTimeout: TimeInterval = 10, requestTimeout: TimeInterval = 120,
        maxImageSide: Int? = nil, maxOutputTokens: Int = 1500, temperature: Double? = 0, addressPolicy: AddressPolicy? = nil,
        prices: [String: ModelPrice] = [:], maxResponseBytes: Int = 4 * 1024 * 1024
    ) {
        self.kind = kind
        self.model = model
        self.baseURL = baseURL
        self.apiKeyVariable = apiKeyVariable
        self.apiKeyFile = apiKeyFile
        self.apiVersion = apiVersion
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxImageSide = maxImageSide
        self.maxOutputTokens = maxOutputTokens
        self.temperature = temperature
        self.addressPolicy = addressPolicy
        self.prices = prices
        self.maxResponseBytes = maxResponseBytes
    }

    var effectiveMaxImageSide: Int { maxImageSide ?? kind.defaultMaxImageSide }

    var effectiveAddressPolicy: AddressPolicy {
        if let addressPolicy { return addressPolicy }
        switch kind {
        case .openAI, .anthropic:
            guard let baseURL, let host = baseURL.host?.lowercased(), host != kind.defaultBaseURL?.host?.lowercased() else {
                return .publicOnly
            }
            return .operatorNetwork
        case .ollama, .openAICompatible: return .operatorNetwork
        }
    }

    /// A non-streaming model call sends nothing until the model has finished, so the low-speed
    /// window must cover the whole call: the request timeout is what ends a stalled provider.
    var httpOptions: HTTPClientOptions {
        HTTPClientOptions(
            connectTimeout: connectTimeout, totalTimeout: requestTimeout, lowSpeedLimit: 1, lowSpeedTime: requestTimeout,
            maxResponseBytes: maxResponseBytes, maxRedirects: 0, addressPolicy: effectiveAddressPolicy)
    }
}
