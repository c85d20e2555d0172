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
    /// Re-analyse even when the same bytes are already stored (an operator's "re-analyse").
    public var force: Bool
    /// Tries per provider before moving down the chain; nil takes the worker's setting.
    public var maxTries: Int?
    /// A delivery id: enqueueing the same key twice returns the first job.
    public var deliveryKey: String?

    public init(
        source: String, campaign: String? = nil, providers: [String] = ["embedded"], model: String? = nil, force: Bool = false,
        maxTries: Int? = nil, deliveryKey: String? = nil
    ) {
        self.source = source
        self.campaign = campaign
        self.providers = providers
        self.model = model
        self.force = force
        self.maxTries = maxTries
        self.deliveryKey = deliveryKey
    }
}
