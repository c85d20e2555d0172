import AssetScoreCore
import Foundation

/// A review item's row with the bookkeeping undo needs (what the decision added).
struct ReviewItemState {
    var id: Int64
    var facet: String
    var normalized: String
    var sampleText: String
    var status: ReviewStatus
    var decidedEntry: String?
    var decidedBy: String?
    var decidedAt: String?
    /// The alias the decision added to `decidedEntry` (nil when it was already there).
    var addedAlias: String?
    /// The entry the decision created.
    var createdEntry: String?

    /// "'Crimson' (facet color)", for messages.
    var label: String { "'\(sampleText)' (\(facet.isEmpty ? "any facet" : "facet \(facet)"))" }
}

/// What an audit row of a review action records: the item, and what changed in the dictionary.
struct ReviewAuditSnapshot: Encodable {
    var item: ReviewItem
    var addedAlias: String?
    var createdEntry: DictionaryEntry?
    var removedAlias: String?
    var removedEntry: String?
    /// Why a created entry was kept on undo (it is in use elsewhere).
    var keptEntry: String?

    init(item: ReviewItem) { self.item = item }

    enum CodingKeys: String, CodingKey {
        case item
        case addedAlias = "added_alias"
        case createdEntry = "created_entry"
        case removedAlias = "removed_alias"
        case removedEntry = "removed_entry"
        case keptEntry = "kept_entry"
    }
}
