import Foundation

/// Chooses a campaign's variant for a user's weighted attributes, and says why.
///
/// Everything that does not depend on the user (each variant's best tag per entry, the entry
/// hierarchy, facet weights, and the inverted index from entry to the variants carrying it) is
/// computed once in `init`, so scoring a profile touches only the variants that share an
/// attribute with it, and one instance serves many users. It does no I/O. `winner(attributes:)`
/// and `decide(attributes:subject:rankingLimit:)` build terms only for what they return.
///
/// A variant's score is the sum over the user's mapped attributes of
/// attribute weight × facet weight × match × tag confidence, where match is 1 for the same
/// entry, 0.5 for a directly broader or narrower one and 0.25 two levels apart; per attribute and
/// variant only the best matching tag counts, so duplicate tags never add up.
public struct Scorer: Sendable {
    public internal(set) var campaign: Campaign
    let variants: [VariantIndex]
    let postings: EntryPostings
    /// Deprecated entry -> the active entry that replaced it.
    let redirect: [String: String]
    /// Entry -> broader entries, nearest first, at most two.
    let ancestors: [String: [String]]
    let labels: [String: String]
    let facetOfEntry: [String: String]
    var facetWeights: [String: Double]
    /// The dictionary's own facet weights, which a campaign's (or a what-if's) override.
    let dictionaryFacetWeights: [String: Double]

    /// Credit for a match one and two levels apart in the hierarchy.
    static let partialMatch = [0.5, 0.25]

    /// `assets` are the campaign's scorable assets (others are ignored); `tags` their tags by asset
    /// id, of which only mapped ones (`entry != nil`) count.
    public init(dictionary: AttributeDictionary, campaign: Campaign, assets: [Asset], tags: [Int64: [AssetTag]]) {
        self.campaign = campaign
        var redirect: [String: String] = [:]
        var ancestors: [String: [String]] = [:]
        var labels: [String: String] = [:]
        var facetOfEntry: [String: String] = [:]
        for entry in dictionary.entries {
            labels[entry.id] = entry.label
            facetOfEntry[entry.id] = entry.facet
            if entry.status == .deprecated, let active = dictionary.resolveActive(entry.id) {
                redirect[entry.id] = active.id
            }
            let up = Array(dictionary.ancestors(of: entry.id).prefix(2))
            if !up.isEmpty { ancestors[entry.id] = up }
        }
        var facetWeights: [String: Double] = [:]
        for facet in dictionary.facets { facetWeights[facet.id] = facet.weight }
        dictionaryFacetWeights = facetWeights
        for (facet, weight) in campaign.facetWeights { facetWeights[facet] = weight }

        var seen: Set<Int64> = []
        let scorable = assets.filter { $0.status.isScorable && seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
        variants = scorable.map {
            VariantIndex(asset: $0, tags: tags[$0.id] ?? [], redirect: redirect, ancestors: ancestors)
        }
        postings = EntryPostings(variants)
        self.redirect = redirect
        self.ancestors = ancestors
        self.labels = labels
        self.facetOfEntry = facetOfEntry
        self.facetWeights = facetWeights
    }

    /// Scores every variant for `attributes` and picks the winner (or the fallback).
    ///
    /// `subject` is the user or persona id recorded in the decision.
    public func decide(attributes: [UserAttribute], subject: String?) -> Decision {
        decide(attributes: attributes, subject: subject, rankingLimit: nil)
    }

    /// The same decision with only the `rankingLimit` best variants in `ranking` (nil for all),
    /// each with its terms; the winner, notes and fallback are as for the whole ranking. The
    /// console asks for the rows it can show, so a key costs those, not the campaign's size.
    ///
    /// `id` is the decision's id; nil draws a random one (a UUID). A caller that derives its own
    /// id from the outcome (the HTTP service) passes its placeholder and saves the draw.
    public func decide(attributes: [UserAttribute], subject: String?, rankingLimit: Int?, id: String? = nil) -> Decision {
        var notes: [String] = []
        let (mapped, unmapped) = mappedAttributes(attributes)
        if !unmapped.isEmpty { notes.append(Self.unmappedNote(unmapped)) }
        guard !variants.isEmpty else {
            notes.insert("Campaign \(campaign.id) has no scorable variants, so there is nothing to serve.", at: 0)
            return Decision(
                id: id ?? Decision.newID(), campaign: campaign.id, subject: subject, winner: nil, ranking: [], usedFallback: false,
                notes: notes)
        }

        var sheet = ScoreSheet(count: variants.count)
        fill(&sheet, mapped)
        // At least two, so a tie for first is noticed whatever the limit.
        let shown = max(2, min(rankingLimit ?? variants.count, variants.count))
        let top = topPositions(sheet, limit: shown)
        // Variants no attribute met have no terms and score 0: no need to look at them again.
        let scored = top.map { p in
            sheet.isTouched[p]
                ? score(variants[p], mapped)
                : ScoredVariant(
                    assetID: variants[p].asset.id, path: variants[p].asset.path, score: 0, contributions: [],
                    unresolvedTags: variants[p].unresolvedTags)
        }
        var ranking = scored
        if let limit = rankingLimit, ranking.count > limit { ranking.removeLast(ranking.count - max(0, limit)) }
        var winner = scored[0]
        let usedFallback = sheet.touched.allSatisfy { sheet.scores[Int($0)] == 0 }
        if usedFallback {
            winner = score(variants[fallbackPosition()], mapped)
            notes.insert(fallbackNote(winner: winner, hadMappedAttributes: !mapped.isEmpty), at: 0)
        } else if scored.count > 1 && scored[1].score == winner.score {
            notes.insert("\(winner.path) tied with \(scored[1].path) at \(Self.formatted(winner.score)); the lower asset id wins.", at: 0)
        }
        if winner.unresolvedTags > 0 {
            let count = winner.unresolvedTags == 1 ? "1 tag awaits" : "\(winner.unresolvedTags) tags await"
            notes.append("\(winner.path) scored on mapped tags only; \(count) review.")
        }
        return Decision(
            id: id ?? Decision.newID(), campaign: campaign.id, subject: subject, winner: winner, ranking: ranking,
            usedFallback: usedFallback, notes: notes)
    }
}

extension Scorer {
    /// A user attribute ready for scoring: its entry resolved past deprecation.
    struct MappedAttribute {
        var entry: String
        var facet: String
        var weight: Double
        var ancestors: [String]
    }

    /// Splits attributes into mapped (one per entry, the largest absolute weight winning, so a
    /// profile listing "red" and "crimson" does not count red twice) and unmapped ones.
    func mappedAttributes(_ attributes: [UserAttribute]) -> ([MappedAttribute], [UserAttribute]) {
        var mapped: [MappedAttribute] = []
        var position: [String: Int] = [:]
        var unmapped: [UserAttribute] = []
        for attribute in attributes {
            guard let raw = attribute.entry else {
                unmapped.append(attribute)
                continue
            }
            let entry = redirect[raw] ?? raw
            let item = MappedAttribute(
                entry: entry, facet: facetOfEntry[entry] ?? attribute.facet,
                weight: attribute.weight, ancestors: ancestors[entry] ?? [])
            if let i = position[entry] {
                if abs(item.weight) > abs(mapped[i].weight) { mapped[i] = item }
            } else {
                position[entry] = mapped.count
                mapped.append(item)
            }
        }
        return (mapped, unmapped)
    }

    func score(_ variant: VariantIndex, _ attributes: [MappedAttribute]) -> ScoredVariant {
        var contributions: [Contribution] = []
        var total = 0.0
        for attribute in attributes {
            guard let hit = variant.bestHit(for: attribute.entry, userAncestors: attribute.ancestors) else { continue }
            let facetWeight = facetWeights[attribute.facet] ?? 1
            let value = attribute.weight * facetWeight * hit.match * hit.confidence
            guard value != 0 else { continue }
            total += value
            contributions.append(
                Contribution(
                    facet: attribute.facet, userEntry: attribute.entry, assetEntry: hit.assetEntry,
                    attributeWeight: attribute.weight, facetWeight: facetWeight, match: hit.match,
                    confidence: hit.confidence, value: value, reason: reason(attribute, hit)))
        }
        contributions.sort { $0.value != $1.value ? $0.value > $1.value : $0.userEntry < $1.userEntry }
        return ScoredVariant(
            assetID: variant.asset.id, path: variant.asset.path, score: total,
            contributions: contributions, unresolvedTags: variant.unresolvedTags)
    }
}
