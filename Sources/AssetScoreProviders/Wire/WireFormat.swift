import AssetScoreCore
import AssetScoreHTTP
import AssetScoreIngest
import Foundation

/// What one API returned once its envelope is opened: the model's structured answer and usage.
struct WireAnswer: Sendable {
    enum Content: Sendable {
        /// Message text that should hold the JSON object (OpenAI, Ollama).
        case text(String)
        /// An already-parsed object (Anthropic's tool input).
        case json(JSONValue)
    }

    var content: Content
    var inputTokens: Int?
    var outputTokens: Int?
}

/// Everything needed to build one request.
struct WireInput: Sendable {
    var model: String
    var image: DownscaledImage
    var schema: AnalysisSchema
    var configuration: ProviderConfiguration
    var baseURL: URL
    var key: String?
}

/// One API's request and response envelope. Implementations are plain values; the provider
/// does the sending, the error mapping and the validation.
protocol WireFormat: Sendable {
    func request(_ input: WireInput) -> HTTPRequest
    /// Opens a 2xx response body; throws `.refused`, `.truncated` or `.invalidOutput`.
    func answer(from body: JSONValue) throws(ProviderFailure) -> WireAnswer
    /// The tokens a 2xx body reports, whatever the answer inside: a refused, truncated or
    /// schema-breaking answer is billed all the same.
    func tokens(in body: JSONValue) -> (input: Int?, output: Int?)
}

extension WireFormat {
    /// A JSON POST to `url`.
    func post(_ url: URL, headers: HTTPHeaders, body: JSONValue) -> HTTPRequest {
        var all = headers
        all.set("Content-Type", "application/json")
        all.set("Accept", "application/json")
        return HTTPRequest(method: "POST", url: url, headers: all, body: Data(body.compact.utf8))
    }

    /// An integer from a usage object, when it is one.
    func count(_ value: JSONValue?) -> Int? {
        guard let n = value?.numberValue, n.isFinite, n >= 0, n < 1e12 else { return nil }
        return Int(n)
    }
}

extension JSONValue {
    /// Builds an object from pairs, leaving out nil values (optional request fields).
    static func members(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }
}
