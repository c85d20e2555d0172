import Foundation

public enum ReviewStatus: String, Codable, Sendable, Hashable {
    case pending
    case mapped
    case created
    case rejected
}

/// Unmapped tags grouped by facet and normalised text: one decision answers them all.
public struct ReviewItem: Codable, Sendable, Hashable {
    public var id: Int64
    /// The facet hint ("" when the producer gave none).
    public var facet: String
    public var normalized: String
    /// The first raw spelling seen, for display.
    public var sampleText: String
    public var status: ReviewStatus
    public var candidates: [MappingCandidate]
    /// How many asset tags and user and persona attributes wait on this item.
    public var occurrences: Int
    public var assetIDs: [Int64]
    public var campaigns: [String]
    public var userCount: Int
    /// How many personas have an attribute waiting on this item (or, once decided, settled by it).
    public var personaCount: Int
    /// The entry chosen or created, for decided items.
    public var decidedEntry: String?
    public var decidedBy: String?
    public var decidedAt: Date?
    public var createdAt: Date

    public init(
        id: Int64 = 0, facet: String, normalized: String, sampleText: String, status: ReviewStatus = .pending,
        candidates: [MappingCandidate] = [], occurrences: Int = 0, assetIDs: [Int64] = [], campaigns: [String] = [],
        userCount: Int = 0, personaCount: Int = 0, decidedEntry: String? = nil, decidedBy: String? = nil, decidedAt: Date? = nil,
        createdAt: Date = Date()
    ) {
        self.id = id
        self.facet = facet
        self.normalized = normalized
        self.sampleText = sampleText
        self.status = status
        self.candidates = candidates
        self.occurrences = occurrences
        self.assetIDs = assetIDs
        self.campaigns = campaigns
        self.userCount = userCount
        self.personaCount = personaCount
        self.decidedEntry = decidedEntry
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, facet, normalized, status, candidates, occurrences, campaigns
        case sampleText = "sample_text"
        case assetIDs = "asset_ids"
        case userCount = "user_count"
        case personaCount = "persona_count"
        case decidedEntry = "decided_entry"
        case decidedBy = "decided_by"
        case decidedAt = "decided_at"
        case createdAt = "created_at"
    }
}

/// An operator's answer to a review item.
public enum ReviewDecision: Sendable, Hashable {
    /// Map to an existing entry; the raw text becomes an alias of it.
    case map(entry: String)
    /// Create a new entry (in `facet`, with `label` and optional `id`) and map to it.
    case create(facet: String, id: String?, label: String, broader: String?)
    /// Remember that this text is not an attribute.
    case reject
}
