import Foundation

/// Where a text the mapper left open ends up, given what the review queue already knows
/// about its (facet, normalized) key.
enum ReviewLink: Equatable {
    /// Nothing to do: the text stays as the mapper left it, linked to no item.
    case none
    /// Waits on this pending item.
    case waiting(item: Int64)
    /// The item was rejected: the text is a remembered rejection.
    case rejected(item: Int64)
    /// The item was decided: the text takes its entry (a decision never asks twice).
    case decided(item: Int64, entry: String, facet: String)

    /// The item that settled the text, remembered so undo can reopen it.
    var resolvingItem: Int64? {
        switch self {
        case .none, .waiting: nil
        case .rejected(let item), .decided(let item, _, _): item
        }
    }
}
