import Foundation

/// What to enqueue: one file to analyse, how, and (for webhook deliveries) an idempotency key.
public struct JobRequest: Sendable, Hashable {
    /// An absolute file path. (A URL is stored as given; the worker fails it with a reason
    /// saying it must be downloaded first.)
    public var source: String
    /// The explicit campaign, or nil to take the sidecar's or the folder's.
    public var campaign: String?
    /// Provider names in fallback order, e.g. ["openai", "anthropic", "embedded"].
    public var providers: [String]
    /// The model asked for (nil: each provider's default).
    public var model: String?
    /// The providers' base URL, as the CLI takes it: one URL, or "name=URL,name=URL" (nil: the
    /// running worker's setting, else each provider's default). Stored with the job so a job left
    /// by a killed run is analysed where its operator asked, not where a later run points.
    public var baseURL: String?
    /// The path of the API key FILE (never a key), in the same spec form as `baseURL`.
    public var apiKeyFile: String?
    /// Re-analyse even when the same bytes are already stored (an operator's "re-analyse").
    public var force: Bool
    /// Tries per provider before moving down the chain; nil takes the worker's setting.
    public var maxTries: Int?
    /// A delivery id: enqueueing the same key twice returns the first job.
    public var deliveryKey: String?
    /// What the delivery asked for (a digest of the parsed request). Enqueueing a stored
    /// `deliveryKey` with another digest is a conflict, not a redelivery.
    public var deliveryDigest: String?

    public init(
        source: String, campaign: String? = nil, providers: [String] = ["embedded"], model: String? = nil, baseURL: String? = nil,
        apiKeyFile: String? = nil, force: Bool = false, maxTries: Int? = nil, deliveryKey: String? = nil,
        deliveryDigest: String? = nil
    ) {
        self.source = source
        self.campaign = campaign
        self.providers = providers
        self.model = model
        self.baseURL = baseURL
        self.apiKeyFile = apiKeyFile
        self.force = force
        self.maxTries = maxTries
        self.deliveryKey = deliveryKey
        self.deliveryDigest = deliveryDigest
    }
}
