import Foundation

/// Jobs, tokens and dollars of one campaign (or of every job, for the total line).
public struct JobCosts: Codable, Sendable, Hashable {
    /// nil for jobs whose campaign is not known yet (queued without an explicit one).
    public var campaign: String?
    public var jobs: Int
    /// Jobs a model answered (from the cache or paid).
    public var modelJobs: Int
    public var cachedJobs: Int
    public var tokensIn: Int
    public var tokensOut: Int
    /// Sum of the known costs; `unpricedJobs` model jobs had no price.
    public var costUSD: Double
    public var unpricedJobs: Int

    public init(
        campaign: String?, jobs: Int = 0, modelJobs: Int = 0, cachedJobs: Int = 0, tokensIn: Int = 0, tokensOut: Int = 0,
        costUSD: Double = 0, unpricedJobs: Int = 0
    ) {
        self.campaign = campaign
        self.jobs = jobs
        self.modelJobs = modelJobs
        self.cachedJobs = cachedJobs
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.costUSD = costUSD
        self.unpricedJobs = unpricedJobs
    }

    enum CodingKeys: String, CodingKey {
        case campaign, jobs
        case modelJobs = "model_jobs"
        case cachedJobs = "cached_jobs"
        case tokensIn = "tokens_in"
        case tokensOut = "tokens_out"
        case costUSD = "cost_usd"
        case unpricedJobs = "unpriced_jobs"
    }
}
