import Foundation

/// The inverted index of a campaign: for each entry, the variants that can meet it and how
/// strongly, so scoring a profile touches only the variants sharing an attribute with it.
///
/// A user entry meets a variant through four lists: the variant's own tags of that entry
/// (match 1), its tags of the entry's parent and grandparent (match 0.5 and 0.25), and its tags
/// of the entry's narrower entries (already folded into `VariantIndex.below`). The lists hold
/// each variant's best tag per entry, as `VariantIndex` does, in variant order.
struct EntryPostings: Sendable {
    /// Variant positions (indices into `Scorer.variants`) with the strength of their best tag.
    struct List: Sendable {
        var variants: [Int32] = []
        /// match × confidence of the best tag, as `VariantIndex.Hit.strength`.
        var strengths: [Double] = []
    }

    /// Entry -> variants tagged with it; the strength is the tag's confidence (match 1).
    let direct: [String: List]
    /// Entry -> variants tagged with a narrower entry one or two levels down, at partial credit.
    let below: [String: List]

    init(_ variants: [VariantIndex]) {
        var direct: [String: List] = [:]
        var below: [String: List] = [:]
        for (position, variant) in variants.enumerated() {
            let p = Int32(position)
            for (entry, hit) in variant.direct {
                direct[entry, default: List()].variants.append(p)
                direct[entry, default: List()].strengths.append(hit.strength)
            }
            for (entry, hit) in variant.below {
                below[entry, default: List()].variants.append(p)
                below[entry, default: List()].strengths.append(hit.strength)
            }
        }
        self.direct = direct
        self.below = below
    }
}
