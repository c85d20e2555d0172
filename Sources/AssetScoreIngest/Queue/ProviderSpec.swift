import AssetScoreCore
import Foundation

/// How a job asks for its model providers: the model, base URL and API key file, each in the
/// CLI's spec form (one value for every provider, or "name=value,name=value").
///
/// It travels with the job rather than with the process, so a job left by a killed run is
/// analysed with the settings it was enqueued with. A nil field falls back to the running
/// process's setting. The key file is a path; the key itself is read by the provider.
public struct ProviderSpec: Sendable, Hashable {
    public var model: String?
    public var baseURL: String?
    public var apiKeyFile: String?

    public init(model: String? = nil, baseURL: String? = nil, apiKeyFile: String? = nil) {
        self.model = model
        self.baseURL = baseURL
        self.apiKeyFile = apiKeyFile
    }

    /// The spec a job was enqueued with.
    public init(job: QueueJob) {
        self.init(model: job.model, baseURL: job.baseURL, apiKeyFile: job.apiKeyFile)
    }

    /// A text that tells different specs apart, for caching built providers.
    var cacheKey: String {
        [model, baseURL, apiKeyFile].map { $0.map { "=" + $0 } ?? "-" }.joined(separator: "\u{1F}")
    }
}
