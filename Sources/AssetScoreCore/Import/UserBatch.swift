import Foundation

/// Users handed to the caller for saving, at most `UserImportOptions.batchSize` of them.
public struct UserBatch: Sendable, Hashable {
    public var users: [UserProfile]
    /// Ids of users in this batch that also appeared in an earlier batch of the same import.
    /// Their attributes here are additional: merge them into the stored profile
    /// (`UserProfile.merging(_:)`) instead of replacing it.
    public var continuations: Set<String>

    public init(users: [UserProfile], continuations: Set<String> = []) {
        self.users = users
        self.continuations = continuations
    }
}
