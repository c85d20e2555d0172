import Foundation

extension Scorer {
    /// How many scorable variants the campaign has (a limited ranking may show fewer).
    public var variantCount: Int { variants.count }

    /// The scorable variant with this asset id, if there is one.
    public func variant(id: Int64) -> Asset? { position(of: id).map { variants[$0].asset } }

    func position(of id: Int64) -> Int? {
        var low = 0
        var high = variants.count
        while low < high {
            let mid = (low + high) / 2
            if variants[mid].asset.id < id { low = mid + 1 } else { high = mid }
        }
        return low < variants.count && variants[low].asset.id == id ? low : nil
    }

    /// The same campaign with other facet weights, sharing this scorer's index (cheap: the
    /// console calls it on every + and - of a facet weight).
    public func reweighted(facetWeights weights: [String: Double]) -> Scorer {
        var copy = self
        var c = campaign
        c.facetWeights = weights
        copy.campaign = c
        var merged = dictionaryFacetWeights
        for (facet, weight) in weights { merged[facet] = weight }
        copy.facetWeights = merged
        return copy
    }

    /// Only the winner (or the fallback), without building a ranking or any contribution.
    /// Nil when the campaign has no scorable variants.
    public func winner(attributes: [UserAttribute]) -> WinnerPick? {
        guard !variants.isEmpty else { return nil }
        var sheet = ScoreSheet(count: variants.count)
        return winner(mappedAttributes(attributes).0, sheet: &sheet)
    }

    /// `winner(attributes:)` for many profiles, sharing one score sheet: a share chart over
    /// every imported user costs the postings their attributes reach, nothing per variant.
    public func winners(_ profiles: [[UserAttribute]]) -> [WinnerPick?] {
        guard !variants.isEmpty else { return profiles.map { _ in nil } }
        var sheet = ScoreSheet(count: variants.count)
        return profiles.map { winner(mappedAttributes($0).0, sheet: &sheet) }
    }

    /// Scores every variant for `attributes` on `sheet` (reset first).
    func fill(_ sheet: inout ScoreSheet, _ attributes: [MappedAttribute]) {
        sheet.reset()
        for attribute in attributes {
            let facetWeight = facetWeights[attribute.facet] ?? 1
            var lists: [(EntryPostings.List, Double)] = []
            if let l = postings.direct[attribute.entry] { lists.append((l, 1)) }
            for (level, ancestor) in attribute.ancestors.prefix(2).enumerated() {
                if let l = postings.direct[ancestor] { lists.append((l, Self.partialMatch[level])) }
            }
            if let l = postings.below[attribute.entry] { lists.append((l, 1)) }
            guard !lists.isEmpty else { continue }
            sheet.add(weight: attribute.weight * facetWeight, lists: lists)
        }
    }

    func winner(_ attributes: [MappedAttribute], sheet: inout ScoreSheet) -> WinnerPick {
        fill(&sheet, attributes)
        // Best among the variants met: highest score, then lowest position (= lowest asset id).
        var best: Int?
        var allZero = true
        for p in sheet.touched {
            let v = Int(p)
            let s = sheet.scores[v]
            if s != 0 { allZero = false }
            if let b = best {
                let t = sheet.scores[b]
                if s > t || (s == t && v < b) { best = v }
            } else {
                best = v
            }
        }
        if allZero {
            let v = fallbackPosition()
            return WinnerPick(assetID: variants[v].asset.id, path: variants[v].asset.path, score: sheet.scores[v], usedFallback: true)
        }
        // Variants nobody met score 0: they beat a best below 0, or tie with a best of 0.
        if let b = best, sheet.scores[b] <= 0, let untouched = sheet.isTouched.firstIndex(of: false) {
            if sheet.scores[b] < 0 || untouched < b { best = untouched }
        }
        let v = best!
        return WinnerPick(assetID: variants[v].asset.id, path: variants[v].asset.path, score: sheet.scores[v], usedFallback: false)
    }

    /// The campaign's fallback when it is a variant, else the lowest asset id.
    func fallbackPosition() -> Int {
        campaign.fallbackAssetID.flatMap { position(of: $0) } ?? 0
    }

    /// Positions of the `limit` best variants, best first (score descending, then asset id).
    func topPositions(_ sheet: ScoreSheet, limit: Int) -> [Int] {
        let scores = sheet.scores
        func before(_ a: Int, _ b: Int) -> Bool { scores[a] != scores[b] ? scores[a] > scores[b] : a < b }
        if limit >= scores.count { return scores.indices.sorted(by: before) }
        var top: [Int] = []
        top.reserveCapacity(limit + 1)
        for v in scores.indices {
            if top.count == limit, let last = top.last, !before(v, last) { continue }
            var i = top.count
            while i > 0 && before(v, top[i - 1]) { i -= 1 }
            top.insert(v, at: i)
            if top.count > limit { top.removeLast() }
        }
        return top
    }
}
