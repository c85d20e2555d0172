import AssetScoreCore
import Foundation

/// What a decide request asks: a campaign, a user (maybe), attributes sent inline (maybe).
public struct DecisionQuery: Sendable, Hashable {
    public var campaign: String
    public var userID: String?
    /// Attributes sent with the request (POST); added to the stored user's.
    public var attributes: [UserAttribute]

    public init(campaign: String, userID: String?, attributes: [UserAttribute] = []) {
        self.campaign = campaign
        self.userID = userID
        self.attributes = attributes
    }

    /// The cache key: equal queries get the same answer while the store is unchanged.
    var cacheKey: String {
        var key = campaign + "\u{0}" + (userID ?? "")
        for a in attributes { key += "\u{0}\(a.facet)\u{1}\(a.value)\u{1}\(a.weight)" }
        return key
    }
}

/// Why the fallback variant was served, as a stable code for Liquid conditions.
public enum FallbackReason: String, Sendable, Codable {
    /// `user_id` names nobody in the database and no attributes came inline.
    case unknownUser = "unknown_user"
    /// Neither a user nor attributes were given.
    case noUser = "no_user"
    /// The profile's attributes map to no dictionary entry.
    case noMappedAttributes = "no_mapped_attributes"
    /// Mapped attributes, but no variant carries any of them.
    case noMatch = "no_match"
    /// The campaign has no scorable variant: there is no asset to serve.
    case noVariants = "no_variants"
}
