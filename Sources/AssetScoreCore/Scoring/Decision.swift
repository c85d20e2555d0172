import Foundation

/// One term of a variant's score: a user attribute meeting an asset tag.
public struct Contribution: Codable, Sendable, Hashable {
    public var facet: String
    /// The user's (or persona's) entry.
    public var userEntry: String
    /// The asset's entry it met (the same, or a broader/narrower one).
    public var assetEntry: String
    public var attributeWeight: Double
    public var facetWeight: Double
    /// 1 for the same entry; partial credit for broader/narrower ones.
    public var match: Double
    /// The tag's effective confidence.
    public var confidence: Double
    /// attributeWeight × facetWeight × match × confidence.
    public var value: Double
    /// A short phrase for people and Liquid templates, e.g. "likes Warm (tone)".
    public var reason: String

    public init(
        facet: String, userEntry: String, assetEntry: String, attributeWeight: Double, facetWeight: Double,
        match: Double, confidence: Double, value: Double, reason: String
    ) {
        self.facet = facet
        self.userEntry = userEntry
        self.assetEntry = assetEntry
        self.attributeWeight = attributeWeight
        self.facetWeight = facetWeight
        self.match = match
        self.confidence = confidence
        self.value = value
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case facet, match, confidence, value, reason
        case userEntry = "user_entry"
        case assetEntry = "asset_entry"
        case attributeWeight = "attribute_weight"
        case facetWeight = "facet_weight"
    }
}

/// A variant with its score and the terms that made it.
public struct ScoredVariant: Codable, Sendable, Hashable {
    public var assetID: Int64
    public var path: String
    public var score: Double
    public var contributions: [Contribution]
    /// Tags of this variant still waiting for review: it scored on its mapped tags only.
    public var unresolvedTags: Int

    public init(assetID: Int64, path: String, score: Double, contributions: [Contribution], unresolvedTags: Int) {
        self.assetID = assetID
        self.path = path
        self.score = score
        self.contributions = contributions
        self.unresolvedTags = unresolvedTags
    }

    enum CodingKeys: String, CodingKey {
        case path, score, contributions
        case assetID = "asset_id"
        case unresolvedTags = "unresolved_tags"
    }
}

extension ScoredVariant {
    /// The `count` largest terms (by size, likes and dislikes alike), as one line for people,
    /// CSV exports and Liquid templates.
    public func topReasons(_ count: Int) -> String {
        contributions.sorted { abs($0.value) > abs($1.value) }.prefix(count).map(\.reason).joined(separator: "; ")
    }
}

/// The answer for one user (or persona) and one campaign.
public struct Decision: Codable, Sendable, Hashable {
    /// Unique id, so feedback events can refer to the decision.
    public var id: String
    public var campaign: String
    /// The user id or persona id the decision was made for, when there was one.
    public var subject: String?
    public var winner: ScoredVariant?
    /// Every scorable variant, best first (ties broken by asset id, ascending); only the best
    /// few when the decision was asked for with a `rankingLimit`.
    public var ranking: [ScoredVariant]
    /// True when no variant matched any attribute and the fallback variant was served.
    public var usedFallback: Bool
    /// Notes for people: fallback used, unresolved tags, unmapped profile attributes.
    public var notes: [String]

    public init(
        id: String = Decision.newID(), campaign: String, subject: String?, winner: ScoredVariant?,
        ranking: [ScoredVariant], usedFallback: Bool, notes: [String]
    ) {
        self.id = id
        self.campaign = campaign
        self.subject = subject
        self.winner = winner
        self.ranking = ranking
        self.usedFallback = usedFallback
        self.notes = notes
    }

    /// A new random decision id: a UUID, lower case.
    public static func newID() -> String { UUID().uuidString.lowercased() }

    enum CodingKeys: String, CodingKey {
        case id, campaign, subject, winner, ranking, notes
        case usedFallback = "used_fallback"
    }

    /// `winner` and `subject` are written as null when absent, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(campaign, forKey: .campaign)
        try c.encode(subject, forKey: .subject)
        try c.encode(winner, forKey: .winner)
        try c.encode(ranking, forKey: .ranking)
        try c.encode(usedFallback, forKey: .usedFallback)
        try c.encode(notes, forKey: .notes)
    }
}
