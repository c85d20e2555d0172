import Foundation

/// What `SyntheticDatabase` generates: how many of each, and the seed that fixes the content.
public struct SyntheticOptions: Sendable, Hashable {
    public var assets: Int
    /// Distinct pending review items (unmapped texts) spread over the assets.
    public var reviewItems: Int
    public var campaigns: Int
    public var users: Int
    public var seed: UInt64
    /// Rows (assets or users) per transaction: big enough to be fast, small enough that the
    /// WAL file stays small and a reader never waits long.
    public var batchSize: Int

    public init(assets: Int, reviewItems: Int, campaigns: Int = 20, users: Int = 1000, seed: UInt64 = 1, batchSize: Int = 5000) {
        self.assets = assets
        self.reviewItems = reviewItems
        self.campaigns = campaigns
        self.users = users
        self.seed = seed
        self.batchSize = batchSize
    }

    /// More distinct review texts than the word lists can make without repeating.
    public static let maximumReviewItems = 200_000

    /// Refuses counts that cannot make a sensible database, saying which option is wrong.
    public func validate() throws {
        func refuse(_ message: String) -> StorageError { .invalidInput("synthetic database: \(message)") }
        guard assets >= 0 else { throw refuse("the number of assets must not be negative (got \(assets))") }
        guard reviewItems >= 0 else { throw refuse("the number of review items must not be negative (got \(reviewItems))") }
        guard users >= 0 else { throw refuse("the number of users must not be negative (got \(users))") }
        guard campaigns >= 1 else { throw refuse("at least one campaign is needed (got \(campaigns))") }
        guard campaigns <= 10_000 else { throw refuse("at most 10000 campaigns (got \(campaigns))") }
        guard batchSize >= 1 else { throw refuse("the batch size must be positive (got \(batchSize))") }
        guard reviewItems <= Self.maximumReviewItems else {
            throw refuse("at most \(Self.maximumReviewItems) review items (got \(reviewItems))")
        }
        guard reviewItems == 0 || assets > 0 else {
            throw refuse("review items come from unmapped asset tags, so they need at least one asset")
        }
    }
}
