import Foundation

/// What a worker records when it is done with a job: the final status, the asset, who answered
/// and what it cost. Written only while the worker still holds the job's lease.
public struct JobCompletion: Sendable, Hashable {
    public var status: JobStatus
    public var assetID: Int64?
    /// The campaign the file went into (resolved from sidecar or folder when not explicit).
    public var campaign: String?
    public var contentHash: String?
    public var provider: String?
    public var model: String?
    public var tokensIn: Int
    public var tokensOut: Int
    public var costUSD: Double?
    public var cached: Bool
    public var durationMS: Int?
    /// The failure for a failed job, naming the file; nil otherwise.
    public var error: String?
    /// The worker's per-file report as JSON.
    public var result: String?

    public init(
        status: JobStatus, assetID: Int64? = nil, campaign: String? = nil, contentHash: String? = nil, provider: String? = nil,
        model: String? = nil, tokensIn: Int = 0, tokensOut: Int = 0, costUSD: Double? = nil, cached: Bool = false,
        durationMS: Int? = nil, error: String? = nil, result: String? = nil
    ) {
        self.status = status
        self.assetID = assetID
        self.campaign = campaign
        self.contentHash = contentHash
        self.provider = provider
        self.model = model
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.costUSD = costUSD
        self.cached = cached
        self.durationMS = durationMS
        self.error = error
        self.result = result
    }
}
