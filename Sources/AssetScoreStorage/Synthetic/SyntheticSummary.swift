import Foundation

/// What `SQLiteStore.generate` wrote.
public struct SyntheticSummary: Codable, Sendable, Hashable {
    public var assets = 0
    public var failedAssets = 0
    public var tags = 0
    /// Pending review items the generated tags created.
    public var reviewItems = 0
    public var users = 0
    public var campaigns = 0
    public var seconds = 0.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case assets, tags, users, campaigns, seconds
        case failedAssets = "failed_assets"
        case reviewItems = "review_items"
    }
}
