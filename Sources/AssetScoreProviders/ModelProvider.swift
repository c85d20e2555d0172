import AssetScoreCore
import AssetScoreHTTP
import AssetScoreIngest
import Foundation

/// A multimodal model behind `AnalysisProvider`: downscales the image, asks the model with the
/// versioned prompt and schema, and turns its validated answer into fields and raw tags.
///
/// One call is one blocking HTTP request with the configured timeouts; retries, rate limits
/// and caching are the queue worker's. Every failure is a `ProviderFailure` with the API key
/// removed from its text; a file that cannot be read or decoded is an `AnalyserError`.
public final class ModelProvider: AnalysisProvider {
    /// What was sent last: the downscaled size and bytes, for logs and cost checks.
    public struct SentImage: Sendable, Hashable {
        public var width: Int
        public var height: Int
        public var bytes: Int
        public var mediaType: String
    }

    public let configuration: ProviderConfiguration
    public var name: String { configuration.kind.rawValue }
    public var model: String? { configuration.model }
    public var version: String { AnalysisPrompt.version }
    /// Set by each `analyse` once the image is prepared.
    public private(set) var lastSentImage: SentImage?
    public private(set) var lastFailureUsage: ProviderUsage?

    let wire: any WireFormat
    let client: HTTPClient
    let baseURL: URL
    let key: String?
    let redactor: SecretRedactor
    let prices: PriceTable
    /// The image decoder's limits (pixel and file-size caps), as for the embedded analyser.
    let imageLimits: AnalyserConfiguration

    init(configuration: ProviderConfiguration, wire: any WireFormat, baseURL: URL, key: String?, imageLimits: AnalyserConfiguration) {
        self.configuration = configuration
        self.wire = wire
        self.baseURL = baseURL
        self.key = key
        self.redactor = SecretRedactor(secret: key)
        self.client = HTTPClient(options: configuration.httpOptions)
        self.prices = PriceTable(overrides: configuration.prices)
        self.imageLimits = imageLimits
    }

    public func analyse(_ request: AnalysisRequest) throws -> ProviderAnalysis {
        lastFailureUsage = nil
        let image = try ImageDownscaler.downscale(
            file: request.file, maxSide: configuration.effectiveMaxImageSide, configuration: imageLimits)
        lastSentImage = SentImage(width: image.width, height: image.height, bytes: image.data.count, mediaType: image.mediaType)
        do {
            return try ask(request, image: image)
        } catch {
            throw redactor.clean(error)
        }
    }

    private func ask(_ request: AnalysisRequest, image: DownscaledImage) throws(ProviderFailure) -> ProviderAnalysis {
        let schema = AnalysisSchema(vocabulary: request.vocabulary)
        let input = WireInput(
            model: configuration.model, image: image, schema: schema, configuration: configuration, baseURL: baseURL, key: key)
        var response: HTTPResponse
        do {
            response = try client.send(wire.request(input))
        } catch {
            throw FailureMapping.failure(for: error)
        }
        // Cleaned before anything reads it: messages cut to length later could otherwise keep
        // a part of an echoed key that no later replacement would recognise.
        response.body = Data(redactor.clean(response.text).utf8)
        guard (200..<300).contains(response.status) else { throw FailureMapping.failure(for: response) }
        let body: JSONValue
        do {
            body = try JSONValue.parse(response.body)
        } catch {
            let start = SafeText.display(String(decoding: response.body.prefix(80), as: UTF8.self), limit: 80)
            throw .invalidOutput(
                field: "response body", message: "HTTP \(response.status) with a body that is not JSON (starts \"\(start)\")")
        }
        let usage = self.usage(wire.tokens(in: body))
        let parsed: ModelAnswer
        do {
            let answer = try wire.answer(from: body)
            let value: JSONValue
            switch answer.content {
            case .text(let text): value = try ModelOutputText.json(from: text)
            case .json(let json): value = json
            }
            parsed = try ModelAnswer(value, schema: schema)
        } catch {
            lastFailureUsage = usage
            throw error
        }
        return ProviderAnalysis(
            provider: name, model: configuration.model, version: version,
            fields: parsed.fields(image: image, colorEntries: request.colorEntries),
            rawTags: parsed.rawTags(), rawOutput: response.text, mediaType: image.originalType.mediaType, usage: usage)
    }
}

extension ModelProvider {
    /// Tokens as reported, priced when the model's price is known; nil when the body reports none.
    func usage(_ tokens: (input: Int?, output: Int?)) -> ProviderUsage? {
        guard tokens.input != nil || tokens.output != nil else { return nil }
        let input = tokens.input ?? 0
        let output = tokens.output ?? 0
        return ProviderUsage(
            inputTokens: input, outputTokens: output,
            costUSD: prices.cost(model: configuration.model, inputTokens: input, outputTokens: output))
    }
}

extension SecretRedactor {
    /// Any error out of `analyse`: provider failures are cleaned; analyser errors carry file
    /// names only and pass unchanged.
    func clean(_ error: any Error) -> any Error {
        (error as? ProviderFailure).map { clean($0) } ?? error
    }
}
