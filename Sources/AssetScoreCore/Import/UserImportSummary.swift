import Foundation

/// What a user import read, produced and skipped. Nothing is skipped without being counted here.
public struct UserImportSummary: Sendable, Hashable, Codable {
    /// Data rows, JSON lines or batch calls read.
    public var records = 0
    /// Distinct user ids produced.
    public var users = 0
    /// Attributes produced (after merging repeats of the same facet and value).
    public var attributes = 0
    public var batches = 0
    /// Users whose rows were spread over more than one batch (their later batches carry them
    /// in `UserBatch.continuations`).
    public var continuedUsers = 0
    /// Attributes left out because their facet is not known, by facet name as written.
    public var skippedFacets: [String: Int] = [:]
    /// Segment calls that are not `identify`, by call type.
    public var skippedCalls: [String: Int] = [:]
    /// Segment traits that are not attributes (unknown key or unsupported value), by trait key.
    public var skippedTraits: [String: Int] = [:]
    /// One line per kind of skip, for people ("trait \"age\": a number is not an attribute value").
    public var notes: [String] = []

    public init() {}

    enum CodingKeys: String, CodingKey {
        case records, users, attributes, batches, notes
        case continuedUsers = "continued_users"
        case skippedFacets = "skipped_facets"
        case skippedCalls = "skipped_calls"
        case skippedTraits = "skipped_traits"
    }

    /// Counts a skip and notes its reason the first time it is seen.
    mutating func skip(_ counter: WritableKeyPath<UserImportSummary, [String: Int]>, _ key: String, reason: String) {
        if self[keyPath: counter][key] == nil, notes.count < 100 { notes.append(reason) }
        self[keyPath: counter][key, default: 0] += 1
    }
}
