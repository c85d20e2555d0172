import Foundation

/// One persistent ingestion job: a file, the provider chain to analyse it with, where it stands,
/// who holds it, and what it cost.
///
/// Jobs live in the database so a killed process loses nothing: a job `analysing` under a dead
/// owner (or an expired lease) goes back to `queued` on the next start.
public struct QueueJob: Codable, Sendable, Hashable {
    public var id: Int64
    public var source: String
    /// The explicit campaign until the job finishes, then the campaign the asset went into.
    public var campaign: String?
    public var providers: [String]
    public var model: String?
    /// The base URL spec the job was enqueued with ("URL" or "name=URL,..."; nil: the worker's).
    public var baseURL: String?
    /// The API key file spec (a path, never a key) the job was enqueued with.
    public var apiKeyFile: String?
    public var force: Bool
    public var status: JobStatus
    /// How many times a worker has claimed the job (a crash mid-analysis counts as a try).
    public var attempts: Int
    public var maxTries: Int?
    /// Index in `providers` of the provider to try next.
    public var chainPosition: Int
    /// Tries already made at `chainPosition` (reset when the chain moves on).
    public var positionAttempts: Int
    /// A queued job is not due before this time (a retry's backoff or Retry-After).
    public var notBefore: Date?
    public var leaseOwner: String?
    public var leaseExpiresAt: Date?
    /// The last failure, naming the file; kept after a successful retry for the record.
    public var lastError: String?
    /// Who answered (a provider name) and with which model.
    public var provider: String?
    public var answeredModel: String?
    public var tokensIn: Int
    public var tokensOut: Int
    /// US dollars; nil when no price was known (or no model ran).
    public var costUSD: Double?
    /// True when the model's answer came from the cache (nothing paid).
    public var cached: Bool
    public var durationMS: Int?
    public var assetID: Int64?
    public var contentHash: String?
    public var deliveryKey: String?
    /// What the delivery asked for; nil for jobs not made by a webhook (or made before it was kept).
    public var deliveryDigest: String?
    /// What the worker reports for the file (the CLI's per-file outcome as JSON); opaque here.
    public var result: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64 = 0, source: String, campaign: String? = nil, providers: [String] = ["embedded"], model: String? = nil,
        baseURL: String? = nil, apiKeyFile: String? = nil, force: Bool = false, status: JobStatus = .queued, attempts: Int = 0,
        maxTries: Int? = nil, chainPosition: Int = 0,
        positionAttempts: Int = 0, notBefore: Date? = nil, leaseOwner: String? = nil, leaseExpiresAt: Date? = nil,
        lastError: String? = nil, provider: String? = nil, answeredModel: String? = nil, tokensIn: Int = 0, tokensOut: Int = 0,
        costUSD: Double? = nil, cached: Bool = false, durationMS: Int? = nil, assetID: Int64? = nil, contentHash: String? = nil,
        deliveryKey: String? = nil, deliveryDigest: String? = nil, result: String? = nil, createdAt: Date = Date(), updatedAt: Date = Date()
    ) {
        self.id = id
        self.source = source
        self.campaign = campaign
        self.providers = providers
        self.model = model
        self.baseURL = baseURL
        self.apiKeyFile = apiKeyFile
        self.force = force
        self.status = status
        self.attempts = attempts
        self.maxTries = maxTries
        self.chainPosition = chainPosition
        self.positionAttempts = positionAttempts
        self.notBefore = notBefore
        self.leaseOwner = leaseOwner
        self.leaseExpiresAt = leaseExpiresAt
        self.lastError = lastError
        self.provider = provider
        self.answeredModel = answeredModel
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.costUSD = costUSD
        self.cached = cached
        self.durationMS = durationMS
        self.assetID = assetID
        self.contentHash = contentHash
        self.deliveryKey = deliveryKey
        self.deliveryDigest = deliveryDigest
        self.result = result
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, source, campaign, providers, model, force, status, attempts, provider, cached, result
        case maxTries = "max_tries"
        case baseURL = "base_url"
        case apiKeyFile = "api_key_file"
        case chainPosition = "chain_position"
        case positionAttempts = "position_attempts"
        case notBefore = "not_before"
        case leaseOwner = "lease_owner"
        case leaseExpiresAt = "lease_expires_at"
        case lastError = "last_error"
        case answeredModel = "answered_model"
        case tokensIn = "tokens_in"
        case tokensOut = "tokens_out"
        case costUSD = "cost_usd"
        case durationMS = "duration_ms"
        case assetID = "asset_id"
        case contentHash = "content_hash"
        case deliveryKey = "delivery_key"
        case deliveryDigest = "delivery_digest"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
