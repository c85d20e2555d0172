import AssetScoreCore
import Foundation

/// What one analyser or model provider is asked for: one image file, with the dictionary terms a
/// model's schema offers and the colour entries that name measured colours.
public struct AnalysisRequest: Sendable {
    public var file: URL
    /// SHA-256 of the file's bytes, hex; with provider, model and prompt version it keys the cache.
    public var contentHash: String
    /// Active dictionary labels per facet, for a model's schema (so the model prefers them).
    public var vocabulary: [String: [String]]
    public var colorEntries: [DictionaryEntry]

    public init(file: URL, contentHash: String, vocabulary: [String: [String]] = [:], colorEntries: [DictionaryEntry] = []) {
        self.file = file
        self.contentHash = contentHash
        self.vocabulary = vocabulary
        self.colorEntries = colorEntries
    }
}

/// Tokens a provider reports for one call, and what they cost when the model's price is known.
public struct ProviderUsage: Codable, Sendable, Hashable {
    public var inputTokens: Int
    public var outputTokens: Int
    /// US dollars; nil when no price is configured for the model.
    public var costUSD: Double?

    public init(inputTokens: Int = 0, outputTokens: Int = 0, costUSD: Double? = nil) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
    }

    /// Both together; the cost is known when either is (an unpriced part adds nothing).
    public func adding(_ other: ProviderUsage?) -> ProviderUsage {
        guard let other else { return self }
        let cost: Double? = costUSD == nil && other.costUSD == nil ? nil : (costUSD ?? 0) + (other.costUSD ?? 0)
        return ProviderUsage(inputTokens: inputTokens + other.inputTokens, outputTokens: outputTokens + other.outputTokens, costUSD: cost)
    }
}

/// One provider's answer for one image, before mapping: the same shape the embedded analyser gives,
/// plus who answered and what it cost.
public struct ProviderAnalysis: Sendable {
    /// "embedded", "openai", "anthropic", "ollama", "openai-compatible".
    public var provider: String
    public var model: String?
    /// The analyser version, or for a model the prompt-and-schema version.
    public var version: String
    public var fields: AnalysisFields
    public var rawTags: [RawTag]
    /// The raw output as received (the embedded report, or the model's response body).
    public var rawOutput: String
    public var mediaType: String
    public var usage: ProviderUsage?
    /// True when the answer came from the cache and nothing was paid for it.
    public var cached: Bool

    public init(
        provider: String, model: String? = nil, version: String, fields: AnalysisFields, rawTags: [RawTag],
        rawOutput: String, mediaType: String, usage: ProviderUsage? = nil, cached: Bool = false
    ) {
        self.provider = provider
        self.model = model
        self.version = version
        self.fields = fields
        self.rawTags = rawTags
        self.rawOutput = rawOutput
        self.mediaType = mediaType
        self.usage = usage
        self.cached = cached
    }
}

/// Why a provider gave no usable answer, classified so the queue worker knows whether to retry.
public enum ProviderFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// 429 (or Anthropic's 529 overloaded): retry, no sooner than `retryAfter` when given.
    case rateLimited(retryAfter: TimeInterval?, message: String)
    /// 5xx, a timeout, a reset connection: retry with backoff.
    case unavailable(retryAfter: TimeInterval?, message: String)
    /// The model declined; recorded as such and not retried blindly.
    case refused(message: String)
    /// The answer was cut off (finish_reason `length`, stop_reason `max_tokens`); never repaired.
    case truncated(message: String)
    /// The answer broke the schema; `field` names where (a JSON path such as `tags[2].confidence`).
    case invalidOutput(field: String, message: String)
    /// The request itself was refused (400, 401, 403, 404...): retrying would not help.
    case rejected(status: Int, message: String)
    /// The provider is not usable as configured (no key, bad base URL); names what is missing.
    case misconfigured(message: String)

    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .unavailable: true
        default: false
        }
    }

    public var retryAfter: TimeInterval? {
        switch self {
        case .rateLimited(let after, _), .unavailable(let after, _): after
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .rateLimited(_, let m): "rate limited: \(m)"
        case .unavailable(_, let m): "provider unavailable: \(m)"
        case .refused(let m): "the model refused: \(m)"
        case .truncated(let m): "the answer was truncated: \(m)"
        case .invalidOutput(let field, let m): "invalid model output at \(field): \(m)"
        case .rejected(let status, let m): "request rejected (HTTP \(status)): \(m)"
        case .misconfigured(let m): "provider not configured: \(m)"
        }
    }
}

/// Anything that turns an image into fields and raw tags: the embedded analyser or a model.
///
/// Not Sendable: the embedded analyser owns a tesseract instance, so each worker thread makes its
/// own providers. Errors are `ProviderFailure` for a provider's answer, or `AnalyserError` for
/// a file that cannot be read or decoded (which no retry or other provider will fix).
public protocol AnalysisProvider: AnyObject {
    var name: String { get }
    var model: String? { get }
    var version: String { get }
    func analyse(_ request: AnalysisRequest) throws -> ProviderAnalysis
    /// What the last `analyse` was billed when it threw after the provider had answered (a
    /// refusal, a truncated or schema-breaking answer): those tokens are paid all the same, and
    /// the queue worker adds them to the job's spend. Nil when nothing was billed or reported.
    var lastFailureUsage: ProviderUsage? { get }
}

extension AnalysisProvider {
    public var lastFailureUsage: ProviderUsage? { nil }
}

extension EmbeddedAnalyser: AnalysisProvider {
    public var name: String { "embedded" }
    public var model: String? { nil }
    public var version: String { analyserVersion }

    public func analyse(_ request: AnalysisRequest) throws -> ProviderAnalysis {
        let output = try analyse(file: request.file, colorEntries: request.colorEntries)
        return ProviderAnalysis(
            provider: name, version: output.analyserVersion, fields: output.fields, rawTags: output.rawTags,
            rawOutput: output.rawJSON, mediaType: output.mediaType)
    }
}
