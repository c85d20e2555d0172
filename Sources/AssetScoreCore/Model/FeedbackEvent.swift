import Foundation

/// What a recipient did with a served variant, as reported back by an ESP or a landing page.
///
/// Kept for reports and for learning which variants work; the event id is the sender's, so a
/// batch sent twice (a retry after a timeout) is stored once.
public struct FeedbackEvent: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        case impression
        case click
        case conversion
    }

    /// The sender's unique id for the event: duplicates by id count once.
    public var id: String
    public var kind: Kind
    public var userID: String?
    public var campaign: String
    public var assetID: Int64
    /// The decision that served the asset, when the sender kept it.
    public var decisionID: String?
    /// When it happened, by the sender's clock.
    public var occurredAt: Date

    public init(
        id: String, kind: Kind, userID: String?, campaign: String, assetID: Int64, decisionID: String?, occurredAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.userID = userID
        self.campaign = campaign
        self.assetID = assetID
        self.decisionID = decisionID
        self.occurredAt = occurredAt
    }

    enum CodingKeys: String, CodingKey {
        case id, campaign
        case kind = "type"
        case userID = "user_id"
        case assetID = "asset_id"
        case decisionID = "decision_id"
        case occurredAt = "timestamp"
    }
}

/// How a batch of feedback events was stored.
public struct FeedbackSummary: Codable, Sendable, Hashable {
    /// Events stored now.
    public var accepted: Int
    /// Events whose id was already stored (or repeated within the batch): not stored again.
    public var duplicates: Int

    public init(accepted: Int = 0, duplicates: Int = 0) {
        self.accepted = accepted
        self.duplicates = duplicates
    }
}
