import Foundation

extension Mapper {
    /// A fuzzy candidate before it becomes a `MappingCandidate`.
    struct ScoredEntry {
        /// Index of the active entry in `index.entries`.
        var entry: Int
        var score: Double
        /// False when the lengths differ too much for the score alone to justify mapping.
        var acceptable: Bool
        var thresholds: MappingThresholds
    }

    /// Lengths of the shorter and longer key below this ratio are never even suggested.
    static let candidateLengthRatio = 0.34
    /// Below this ratio a candidate may be suggested but never mapped without review.
    static let acceptLengthRatio = 0.75
    /// How many trigram-sharing spellings get a full similarity computation.
    static let fuzzyPoolLimit = 100

    /// The last step: map when the best fuzzy candidate clears its facet's threshold, otherwise
    /// flag with the candidates a reviewer would want to see.
    func fuzzy(_ request: Request) -> MappingResult {
        let key = request.key
        let length = key.unicodeScalars.count
        let scored = fuzzyCandidates(key: key, scope: request.scope)
        let suggestions = scored.prefix(Self.candidateLimit).map(candidate)
        let quoted = Self.quoted(request.input)

        guard let best = scored.first else {
            let minimum = minimumFuzzyLength(scope: request.scope)
            if length < minimum {
                return unmapped(
                    request, candidates: [],
                    explanation:
                        "\(quoted) matches no label or alias, and its key '\(key)' is shorter than the \(minimum) characters fuzzy matching needs."
                )
            }
            let place = request.scope.map { "facet \($0)" } ?? "any facet"
            return unmapped(
                request, candidates: [],
                explanation:
                    "\(quoted) matches no label or alias and resembles no entry of \(place).")
        }
        let target = index.entries[best.entry]
        let score = Self.formatted(best.score)
        if best.acceptable && best.score >= best.thresholds.fuzzyAccept {
            return MappingResult(
                input: request.input, facet: target.facet, normalized: request.normalized, key: key, entry: target.id,
                method: .fuzzy, confidence: best.score, candidates: suggestions,
                explanation: "\(quoted) is a close spelling of \(Self.describe(target)), similarity \(score).")
        }
        let reason =
            best.acceptable
            ? "below the \(Self.formatted(best.thresholds.fuzzyAccept)) needed to map without review"
            : "but their lengths differ too much to map without review"
        return unmapped(
            request, candidates: suggestions,
            explanation:
                "\(quoted) is closest to \(Self.describe(target)) at similarity \(score), \(reason).")
    }

    /// Fuzzy candidates for a key, best first (ties by entry id), one per active entry, each at
    /// or above its facet's `candidateMinimum`.
    func fuzzyCandidates(key: String, scope: String?) -> [ScoredEntry] {
        let query = Array(key.unicodeScalars)
        guard !query.isEmpty else { return [] }
        let queryTokens = key.split(separator: " ").map { Array($0.unicodeScalars) }
        let grams = MappingIndex.trigrams(of: query)

        let scopeOrdinal = scope.map { index.facetOrdinals[$0] ?? -1 }
        var shared = [Int32](repeating: 0, count: index.names.count)
        var touched: [Int] = []
        for gram in grams {
            for name in index.trigrams[gram] ?? [] {
                if shared[name] == 0 { touched.append(name) }
                shared[name] += 1
            }
        }
        // Rank spellings by trigram Jaccard so the expensive comparison sees the likeliest first.
        var pool: [(name: Int, jaccard: Double)] = []
        pool.reserveCapacity(touched.count)
        for nameIndex in touched {
            let name = index.names[nameIndex]
            if let scopeOrdinal, name.facetOrdinal != scopeOrdinal { continue }
            if query.count < name.minimumLength { continue }
            let ratio = Double(min(query.count, name.key.count)) / Double(max(query.count, name.key.count))
            if ratio < Self.candidateLengthRatio { continue }
            let count = Int(shared[nameIndex])
            let total = grams.count + name.key.count + 1 - count  // a key of n scalars has n + 1 padded trigrams
            pool.append((nameIndex, Double(count) / Double(max(total, 1))))
        }
        pool.sort { $0.jaccard != $1.jaccard ? $0.jaccard > $1.jaccard : $0.name < $1.name }

        var best: [Int: ScoredEntry] = [:]
        for (nameIndex, _) in pool.prefix(Self.fuzzyPoolLimit) {
            let name = index.names[nameIndex]
            let thresholds = index.thresholds(forFacet: index.entries[name.source].facet)
            let score = FuzzySimilarity.similarity(query, name.key, tokensA: queryTokens, tokensB: name.tokens)
            guard score >= thresholds.candidateMinimum else { continue }
            let ratio = Double(min(query.count, name.key.count)) / Double(max(query.count, name.key.count))
            let scoredEntry = ScoredEntry(
                entry: name.target, score: score,
                acceptable: ratio >= Self.acceptLengthRatio, thresholds: thresholds)
            if let previous = best[name.target] {
                let better = score > previous.score || (score == previous.score && scoredEntry.acceptable && !previous.acceptable)
                if !better { continue }
            }
            best[name.target] = scoredEntry
        }
        return best.values.sorted { $0.score != $1.score ? $0.score > $1.score : $0.entry < $1.entry }
    }

    func candidate(_ scored: ScoredEntry) -> MappingCandidate {
        let e = index.entries[scored.entry]
        return MappingCandidate(entry: e.id, facet: e.facet, label: e.label, score: scored.score)
    }

    /// The smallest key length any facet in scope would match fuzzily.
    func minimumFuzzyLength(scope: String?) -> Int {
        if let scope { return index.thresholds(forFacet: scope).fuzzyMinimumLength }
        return index.facetIDs.map { index.thresholds(forFacet: $0).fuzzyMinimumLength }.min()
            ?? MappingThresholds.default.fuzzyMinimumLength
    }

    /// Two decimals with a point whatever the locale, e.g. "0.94".
    static func formatted(_ value: Double) -> String {
        let hundredths = Int((max(value, 0) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
