import Foundation

/// A text the dictionary does not map, which becomes one pending review item.
struct SyntheticReviewText: Sendable, Hashable {
    var text: String
    /// The facet hint the tags carry (nil for "any facet").
    var hint: String?
}
