import Foundation

/// The impact order of the review items one filter selects, as counted at one change token.
struct ReviewRanking {
    struct Key: Hashable {
        var token: Int64
        var status: String?
        var facet: String?
        var search: String?
    }

    /// One item's place in the order and the counts that gave it.
    struct Entry {
        var id: Int64
        var occurrences: Int
        var userCount: Int
        var personaCount: Int
        /// The distinct campaigns, as the JSON array SQLite built.
        var campaignsJSON: String
    }

    var key: Key
    var entries: [Entry]
}
