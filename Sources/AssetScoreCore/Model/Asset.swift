import Foundation

/// Lifecycle of an asset through ingestion.
public enum AssetStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case queued
    case analysing
    /// Analysed; some non-hint tags are waiting for a review decision. Still scores on mapped tags.
    case needsReview = "needs_review"
    case ready
    case failed

    /// Whether the asset takes part in scoring.
    public var isScorable: Bool { self == .ready || self == .needsReview }
}

/// A creative file within a campaign.
public struct Asset: Codable, Sendable, Hashable {
    public var id: Int64
    public var campaign: String
    public var path: String
    /// Lower-case hex SHA-256 of the file's bytes.
    public var contentHash: String
    public var size: Int64
    public var mediaType: String
    public var width: Int?
    public var height: Int?
    public var status: AssetStatus
    /// Names the file and says what went wrong, for `failed` assets.
    public var failureReason: String?
    /// Alt text for the ESP: from the sidecar or embedded description, else derived.
    public var altText: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64 = 0, campaign: String, path: String, contentHash: String, size: Int64, mediaType: String,
        width: Int? = nil, height: Int? = nil, status: AssetStatus = .queued, failureReason: String? = nil,
        altText: String? = nil, createdAt: Date = Date(), updatedAt: Date = Date()
    ) {
        self.id = id
        self.campaign = campaign
        self.path = path
        self.contentHash = contentHash
        self.size = size
        self.mediaType = mediaType
        self.width = width
        self.height = height
        self.status = status
        self.failureReason = failureReason
        self.altText = altText
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, campaign, path, size, width, height, status
        case contentHash = "content_hash"
        case mediaType = "media_type"
        case failureReason = "failure_reason"
        case altText = "alt_text"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// A set of variants competing for the same slot (an email hero, a banner).
public struct Campaign: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    /// Overrides of facet weights for this campaign; facets not named use the facet's weight.
    public var facetWeights: [String: Double]
    /// Served when no variant matches the user at all; else the first variant by id.
    public var fallbackAssetID: Int64?

    public init(id: String, name: String? = nil, facetWeights: [String: Double] = [:], fallbackAssetID: Int64? = nil) {
        self.id = id
        self.name = name ?? id
        self.facetWeights = facetWeights
        self.fallbackAssetID = fallbackAssetID
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case facetWeights = "facet_weights"
        case fallbackAssetID = "fallback_asset_id"
    }
}
