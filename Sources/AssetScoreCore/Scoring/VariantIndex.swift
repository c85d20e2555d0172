import Foundation

/// One variant's mapped tags, arranged so a user entry finds its best matching tag with a few
/// hash lookups.
struct VariantIndex: Sendable {
    /// The asset entry a user entry met, how closely, and how sure the tag is.
    struct Hit: Sendable {
        var assetEntry: String
        /// 1 same entry, 0.5 one level apart, 0.25 two levels apart.
        var match: Double
        var confidence: Double

        var strength: Double { match * confidence }

        /// Stronger first; then the closer match; then the lower entry id, so choices are stable.
        func beats(_ other: Hit) -> Bool {
            if strength != other.strength { return strength > other.strength }
            if match != other.match { return match > other.match }
            return assetEntry < other.assetEntry
        }
    }

    let asset: Asset
    /// Asset entry -> its best tag (match 1). Duplicate tags of one entry collapse here.
    let direct: [String: Hit]
    /// An entry one or two levels above some asset entry -> the best such asset entry, so a user
    /// who likes "Travel" meets an asset tagged "Beaches".
    let below: [String: Hit]
    /// Tags still waiting for a review decision.
    let unresolvedTags: Int

    /// `redirect` maps deprecated entries to their replacements; `ancestors` holds each entry's
    /// broader entries, nearest first, at most two.
    init(asset: Asset, tags: [AssetTag], redirect: [String: String], ancestors: [String: [String]]) {
        self.asset = asset
        var direct: [String: Hit] = [:]
        var unresolved = 0
        for tag in tags {
            guard let raw = tag.entry else {
                if tag.reviewItemID != nil { unresolved += 1 }
                continue
            }
            let entry = redirect[raw] ?? raw
            let hit = Hit(assetEntry: entry, match: 1, confidence: tag.effectiveConfidence)
            if let old = direct[entry], !hit.beats(old) { continue }
            direct[entry] = hit
        }
        var below: [String: Hit] = [:]
        for hit in direct.values {
            for (level, ancestor) in (ancestors[hit.assetEntry] ?? []).prefix(2).enumerated() {
                let partial = Hit(
                    assetEntry: hit.assetEntry, match: Scorer.partialMatch[level],
                    confidence: hit.confidence)
                if let old = below[ancestor], !partial.beats(old) { continue }
                below[ancestor] = partial
            }
        }
        self.direct = direct
        self.below = below
        unresolvedTags = unresolved
    }

    /// The best tag for a user entry whose broader entries (nearest first) are `userAncestors`.
    func bestHit(for userEntry: String, userAncestors: [String]) -> Hit? {
        var best = direct[userEntry]
        for (level, ancestor) in userAncestors.prefix(2).enumerated() {
            guard let hit = direct[ancestor] else { continue }
            let partial = Hit(assetEntry: hit.assetEntry, match: Scorer.partialMatch[level], confidence: hit.confidence)
            if best.map({ partial.beats($0) }) ?? true { best = partial }
        }
        if let hit = below[userEntry], best.map({ hit.beats($0) }) ?? true { best = hit }
        return best
    }
}
