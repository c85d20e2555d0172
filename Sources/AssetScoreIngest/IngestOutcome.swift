import AssetScoreCore
import Foundation

/// What happened to one input file, as `assetscore ingest --json` reports it.
public struct IngestOutcome: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable {
        case ready
        case needsReview = "needs_review"
        case failed
        /// The same bytes were already ingested into this campaign: nothing was added.
        case unchanged
        /// Found while walking a folder but not an image (no image extension or signature).
        case skipped
    }

    public var file: String
    public var campaign: String?
    public var assetID: Int64?
    public var status: Status
    public var reason: String?
    /// Analysis version (1 for new assets; higher when changed bytes were re-analysed).
    public var version: Int?
    public var tags: Int?
    public var unmappedTags: Int?
    public var durationMS: Int?
    /// Set when a model provider answered: who, which model, the tokens and the cost (nil when
    /// the price is unknown), whether the answer came from the cache, and how many disagreements
    /// with the embedded measurements flagged the asset for review. The tokens and cost are also
    /// set (from the job) when a model was billed for an answer that could not be used.
    public var provider: String?
    public var model: String?
    public var tokensIn: Int?
    public var tokensOut: Int?
    public var costUSD: Double?
    public var cached: Bool?
    public var disagreements: Int?

    public init(
        file: String, campaign: String?, assetID: Int64?, status: Status, reason: String? = nil, version: Int? = nil,
        tags: Int? = nil, unmappedTags: Int? = nil, durationMS: Int? = nil
    ) {
        self.file = file
        self.campaign = campaign
        self.assetID = assetID
        self.status = status
        self.reason = reason
        self.version = version
        self.tags = tags
        self.unmappedTags = unmappedTags
        self.durationMS = durationMS
    }

    enum CodingKeys: String, CodingKey {
        case file, campaign, status, reason, version, tags
        case assetID = "asset_id"
        case unmappedTags = "unmapped_tags"
        case durationMS = "duration_ms"
        case provider, model, cached, disagreements
        case tokensIn = "tokens_in"
        case tokensOut = "tokens_out"
        case costUSD = "cost_usd"
    }
}
