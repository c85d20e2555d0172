import AssetScoreCore
import Foundation

/// A large, plausible, reproducible database for speed tests: assets across campaigns with the
/// tags the analyser would give them, a review queue of distinct unmapped texts whose
/// occurrences follow a Zipf-like curve (a few texts everywhere, most seen once or twice), and
/// users with weighted attributes.
///
/// Every text goes through the real mapper (`map`), so mapped tags, normalised keys and review
/// candidates are exactly what an ingest would store with this dictionary. Tags of the known
/// vocabulary are kept only when they map, so the queue holds exactly `reviewItems` new items.
/// Each asset and user is a pure function of (seed, index): the same seed and dictionary give
/// the same rows whatever the batch size.
///
/// Unchecked Sendable so one thread can build records while another writes them: after `init`
/// only the mapping cache changes, and it is guarded by a lock.
public final class SyntheticDatabase: @unchecked Sendable {
    public let options: SyntheticOptions
    public let campaigns: [Campaign]
    let dictionary: AttributeDictionary
    private(set) var reviewTexts: [SyntheticReviewText] = []
    /// Review text indices (ranks) per asset index.
    private(set) var unmappedByAsset: [[Int32]] = []
    let failed: [Bool]
    private let map: RemapFunction
    private var mappings: [String: MappingResult] = [:]
    private let mappingsLock = NSLock()
    private let colors: [DictionaryEntry]
    private let keywordEntries: [DictionaryEntry]
    private let attributeEntries: [DictionaryEntry]
    /// Ranks of review texts that carry a facet hint (user attributes always have a facet).
    private var hintedReviewRanks: [Int] = []

    /// Newest generated asset's creation time; older ones go back two years from it. Fixed, so
    /// the same seed gives the same dates on any day.
    static let newest = Date(timeIntervalSince1970: 1_795_000_000)
    static let span: TimeInterval = 2 * 365 * 86_400
    static let failedShare = 0.01
    /// The most frequent text appears in this share of the analysed assets.
    static let topItemShare = 0.04
    static let zipfExponent = 1.1

    public init(options: SyntheticOptions, dictionary: AttributeDictionary, map: @escaping RemapFunction) throws {
        try options.validate()
        let active = dictionary.entries.filter { $0.status == .active }
        guard !active.isEmpty else {
            throw StorageError.invalidInput("synthetic database: the dictionary has no active entries to tag assets with")
        }
        self.options = options
        self.dictionary = dictionary
        self.map = map
        colors = active.filter { $0.facet == "color" && $0.hex != nil }
        let keywordFacets = Set(active.map(\.facet)).subtracting(["color", "format", "sentiment"])
        keywordEntries = active.filter { keywordFacets.contains($0.facet) }
        attributeEntries = active.filter { $0.facet != "format" && $0.facet != "sentiment" }
        campaigns = Self.makeCampaigns(options)
        failed = (0..<options.assets).map {
            var rng = SyntheticRandom(seed: options.seed, stream: 3, index: $0)
            return rng.chance(Self.failedShare)
        }
        // Review texts need the mapper (an instance method), so they come once the rest is set.
        let texts = try chooseReviewTexts()
        reviewTexts = texts
        hintedReviewRanks = texts.indices.filter { texts[$0].hint != nil }
        unmappedByAsset = spreadOccurrences()
    }

    // MARK: Rows

    /// Asset `index` (0 ..< options.assets) with its analysis and tags, or as a failed asset.
    public func asset(at index: Int) -> SyntheticAsset {
        var rng = SyntheticRandom(seed: options.seed, stream: 1, index: index)
        let campaign = campaigns[skewedCampaign(&rng)].id
        let (format, width, height) = Self.format(&rng)
        let (mediaType, ext) = rng.pick([
            ("image/jpeg", "jpg"), ("image/jpeg", "jpg"), ("image/png", "png"), ("image/png", "png"), ("image/webp", "webp"),
            ("image/gif", "gif"),
        ])
        let themes = (0..<rng.int(1, 3)).compactMap { _ in keywordEntries.isEmpty ? nil : rng.pick(keywordEntries) }
        var nameWords = themes.prefix(2).map { TextFold.slug($0.label) }.filter { !$0.isEmpty }
        if rng.chance(0.02) { nameWords.insert(rng.pick(["été", "夏", "セール", "plage", "crème", "mañana"]), at: 0) }
        if rng.chance(0.5) { nameWords.append(rng.pick(SyntheticVocabulary.fileWords)) }
        let fileName =
            (nameWords + [format.replacingOccurrences(of: " ", with: "-"), String(format: "%06d", index + 1)])
            .joined(separator: "-") + "." + ext
        let path = "/synthetic/\(campaign)/\(fileName)"
        let age = Double(options.assets - 1 - index) / Double(max(options.assets, 1)) * Self.span
        let createdAt = Self.newest.addingTimeInterval(-age - rng.double(0, 3600))
        var asset = Asset(
            campaign: campaign, path: path, contentHash: rng.hex64(), size: Int64(width * height / rng.int(4, 12) + 2048),
            mediaType: mediaType, width: width, height: height, createdAt: createdAt, updatedAt: createdAt)
        if failed[index] {
            asset.width = nil
            asset.height = nil
            asset.status = .failed
            asset.failureReason = "\(fileName): \(rng.pick(SyntheticVocabulary.failureReasons))"
            return .failed(asset)
        }

        var fields = AnalysisFields(width: width, height: height, orientation: Self.orientation(width, height), formatClass: format)
        fields.brightness = round(rng.double(0.15, 0.9))
        fields.contrast = round(rng.double(0.05, 0.35))
        fields.colorfulness = round(rng.double(5, 95))
        fields.warmth = round(rng.double(-0.8, 0.8))
        fields.textDensity = round(pow(rng.unit(), 2) * 0.4)
        var tags: [RawTag] = []
        tags += colorTags(&rng, fields: &fields)
        tags += toneTags(fields)
        tags.append(
            RawTag(
                text: rng.pick(["energetic", "calm", "moody"]), facetHint: "tone", confidence: round(rng.double(0.3, 0.5)),
                source: .heuristic, evidence: "guess from brightness, contrast and colourfulness"))
        tags.append(
            RawTag(
                text: rng.pick(["positive", "positive", "neutral", "negative"]), facetHint: "sentiment",
                confidence: round(rng.double(0.2, 0.4)), source: .heuristic, evidence: "guess from colour and tone"))
        tags.append(
            RawTag(
                text: format == "email-header" ? "email header" : format, facetHint: "format", confidence: 0.9,
                source: .measurement,
                evidence: "aspect ratio \(String(format: "%.2f", Double(width) / Double(height))) (\(width)x\(height))"))
        if let density = fields.textDensity {
            tags.append(
                RawTag(
                    text: density >= 0.2 ? "text heavy" : density >= 0.03 ? "some text" : "no text", facetHint: "format",
                    confidence: 0.85, source: .measurement, evidence: "text covers \(Int(density * 100))% of the area"))
        }
        for theme in themes {
            let text = theme.aliases.isEmpty || rng.chance(0.6) ? theme.label : rng.pick(theme.aliases)
            fields.keywords.append(text)
            tags.append(
                RawTag(text: text, facetHint: nil, confidence: 0.9, source: .embedded, evidence: "XMP keyword '\(text)'"))
        }
        var mapped = tags.compactMap { tag(for: $0, keepUnmapped: false) }
        fields.filenameTokens = nameWords
        for word in nameWords {
            let raw = RawTag(text: word, facetHint: nil, confidence: 0.5, source: .filename, evidence: "file name token '\(word)'")
            if let t = tag(for: raw, keepUnmapped: true) { mapped.append(t) }
        }
        for rank in unmappedByAsset[index] {
            let review = reviewTexts[Int(rank)]
            let sidecar = rng.chance(0.3)
            if !sidecar { fields.keywords.append(review.text) }
            let raw = RawTag(
                text: review.text, facetHint: review.hint, confidence: 0.9, source: sidecar ? .sidecar : .embedded,
                evidence: sidecar ? "sidecar tag '\(review.text)'" : "XMP keyword '\(review.text)'")
            if let t = tag(for: raw, keepUnmapped: true) { mapped.append(t) }
        }
        asset.altText = "\(themes.first?.label ?? "Creative") \(format.replacingOccurrences(of: "-", with: " ")) for \(campaign)"
        let analysis = Analysis(
            analyser: "synthetic", analyserVersion: "synthetic-1",
            rawOutput: "{\"generator\":\"assetscore generate\",\"seed\":\(options.seed),\"index\":\(index)}", fields: fields,
            durationMS: rng.int(60, 900), createdAt: createdAt)
        return .analysed(IngestRecord(asset: asset, analysis: analysis, tags: mapped))
    }

    /// User `index` (0 ..< options.users): mapped attributes, and now and then a value waiting
    /// on one of the review texts (popular ones more often).
    public func user(at index: Int) -> UserProfile {
        var rng = SyntheticRandom(seed: options.seed, stream: 4, index: index)
        var attributes: [UserAttribute] = []
        var seen: Set<String> = []
        for _ in 0..<rng.int(2, 5) where !attributeEntries.isEmpty {
            let entry = rng.pick(attributeEntries)
            guard seen.insert(entry.id).inserted else { continue }
            let result = mapping(entry.label, facet: entry.facet)
            guard let mappedEntry = result.entry else { continue }
            attributes.append(
                UserAttribute(
                    facet: entry.facet, value: entry.label, weight: round(rng.double(0.2, 1)), entry: mappedEntry,
                    method: result.method, normalized: result.normalized))
        }
        if !hintedReviewRanks.isEmpty, rng.chance(0.15) {
            // Log-uniform over ranks: the head of the queue is far more likely than the tail.
            let position = min(hintedReviewRanks.count - 1, Int(pow(Double(hintedReviewRanks.count), rng.unit())) - 1)
            let review = reviewTexts[hintedReviewRanks[max(0, position)]]
            let facet = review.hint ?? ""
            let result = mapping(review.text, facet: facet)
            attributes.append(
                UserAttribute(
                    facet: facet, value: review.text, weight: round(rng.double(0.2, 1)), method: .unmapped,
                    normalized: result.normalized))
        }
        return UserProfile(
            id: String(format: "user-%06d", index + 1), attributes: attributes, source: "synthetic",
            updatedAt: Self.newest.addingTimeInterval(-rng.double(0, Self.span)))
    }

    // MARK: Mapping

    /// The tag an ingest would store for `raw`; nil when it does not map and `keepUnmapped` is false.
    private func tag(for raw: RawTag, keepUnmapped: Bool) -> AssetTag? {
        let result = mapping(raw.text, facet: raw.facetHint)
        guard result.entry != nil || keepUnmapped else { return nil }
        return AssetTag(
            raw: raw, facet: result.entry.flatMap { dictionary.entry($0)?.facet } ?? raw.facetHint ?? "",
            normalized: result.normalized, entry: result.entry, method: result.method,
            mappingConfidence: result.entry == nil ? 0 : result.confidence, candidates: result.candidates)
    }

    /// The mapper's answer, computed once per (facet, text): a few thousand distinct texts
    /// cover hundreds of thousands of tags.
    func mapping(_ text: String, facet: String?) -> MappingResult {
        let key = Self.mappingKey(text, facet)
        if let known = mappingsLock.withLock({ mappings[key] }) { return known }
        let result = map(facet, text)
        mappingsLock.withLock { mappings[key] = result }
        return result
    }

    /// Fills the mapping cache for many texts at once, using every core.
    private func premap(_ requests: [(text: String, facet: String?)]) {
        var seen: Set<String> = []
        let known = mappingsLock.withLock { Set(mappings.keys) }
        let missing = requests.filter { request in
            let key = Self.mappingKey(request.text, request.facet)
            return !known.contains(key) && seen.insert(key).inserted
        }
        guard !missing.isEmpty else { return }
        let slots = MappingSlots(count: missing.count)
        let map = self.map
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: missing.count, by: workers) {
                slots.set(index, map(missing[index].facet, missing[index].text))
            }
        }
        mappingsLock.withLock {
            for (index, request) in missing.enumerated() {
                mappings[Self.mappingKey(request.text, request.facet)] = slots.get(index)
            }
        }
    }

    private static func mappingKey(_ text: String, _ facet: String?) -> String { (facet ?? "\u{0}") + "\u{1F}" + text }

    // MARK: Planning

    private static func makeCampaigns(_ options: SyntheticOptions) -> [Campaign] {
        var rng = SyntheticRandom(seed: options.seed, stream: 5, index: 0)
        return (0..<options.campaigns).map { n in
            let season = rng.pick(SyntheticVocabulary.campaignSeasons)
            let kind = rng.pick(SyntheticVocabulary.campaignKinds)
            let id = "\(season)-\(kind)-\(String(format: "%03d", n + 1))"
            let name = "\(season.prefix(1).uppercased())\(season.dropFirst().replacingOccurrences(of: "-", with: " ")) \(kind) #\(n + 1)"
            return Campaign(id: id, name: name)
        }
    }

    /// Campaign sizes vary: low-numbered campaigns get more assets.
    private func skewedCampaign(_ rng: inout SyntheticRandom) -> Int {
        min(campaigns.count - 1, Int(Double(campaigns.count) * pow(rng.unit(), 1.6)))
    }

    /// Distinct texts the mapper leaves unmapped, most of them word pairs, some misspelt
    /// dictionary labels (which come with candidates), and a few awkward strings.
    private func chooseReviewTexts() throws -> [SyntheticReviewText] {
        let wanted = options.reviewItems
        guard wanted > 0 else { return [] }
        var rng = SyntheticRandom(seed: options.seed, stream: 2, index: 0)
        let facets = Set(dictionary.facets.map(\.id))
        func hint(_ preferred: String?) -> String? { preferred.flatMap { facets.contains($0) ? $0 : nil } }
        let labelled = dictionary.entries.filter { $0.status == .active && $0.label.count >= 5 }
        var keys: Set<String> = []
        var texts: [SyntheticReviewText] = []
        /// True when `candidate` is unmapped and its review key is new.
        func accept(_ candidate: SyntheticReviewText) -> Bool {
            let result = mapping(candidate.text, facet: candidate.hint)
            guard result.entry == nil, result.method == .unmapped, !result.normalized.isEmpty else { return false }
            return keys.insert((candidate.hint ?? "") + "\u{1F}" + result.normalized).inserted
        }
        func draw() -> SyntheticReviewText? {
            switch rng.weighted([0.55, 0.3, 0.15]) {
            case 0:
                let text = "\(rng.pick(SyntheticVocabulary.adjectives)) \(rng.pick(SyntheticVocabulary.nouns))"
                return SyntheticReviewText(text: text, hint: hint([nil, "theme", "theme", "tone"][rng.int(below: 4)]))
            case 1:
                let first = rng.pick(SyntheticVocabulary.adjectives)
                let second = rng.pick(SyntheticVocabulary.adjectives)
                guard first != second else { return nil }
                let text = "\(first) \(second) \(rng.pick(SyntheticVocabulary.nouns))"
                return SyntheticReviewText(text: text, hint: hint(rng.chance(0.5) ? "theme" : nil))
            default:
                guard !labelled.isEmpty else { return nil }
                let entry = rng.pick(labelled)
                return SyntheticReviewText(text: Self.misspell(entry.label, &rng), hint: rng.chance(0.7) ? entry.facet : nil)
            }
        }
        // Candidates are drawn in rounds and mapped on every core (the fuzzy step dominates),
        // then accepted in drawing order, so the outcome does not depend on thread timing.
        var attempts = 0
        while texts.count < wanted {
            guard attempts <= wanted * 50 + 1000 else {
                throw StorageError.invalidInput(
                    "synthetic database: found only \(texts.count) distinct unmapped texts of the \(wanted) asked for; "
                        + "the dictionary maps too many of the generator's words")
            }
            let round = max(256, (wanted - texts.count) * 5 / 4)
            var candidates: [SyntheticReviewText] = []
            while candidates.count < round {
                if let candidate = draw() { candidates.append(candidate) }
            }
            attempts += candidates.count
            premap(candidates.map { ($0.text, $0.hint) })
            for candidate in candidates where texts.count < wanted {
                if accept(candidate) { texts.append(candidate) }
            }
        }
        // Awkward strings take a few random places once the queue is big enough to hide them.
        if wanted >= SyntheticVocabulary.awkward.count * 10 {
            var used: Set<Int> = [0]
            for text in SyntheticVocabulary.awkward {
                let candidate = SyntheticReviewText(text: text, hint: hint(rng.chance(0.5) ? "theme" : nil))
                guard accept(candidate) else { continue }
                var position = rng.int(below: wanted)
                while used.contains(position) { position = rng.int(below: wanted) }
                used.insert(position)
                texts[position] = candidate
            }
        }
        return texts
    }

    /// Gives review text k (rank 0 first) 1 + A / (k+1)^1.1 occurrences on distinct analysed assets.
    private func spreadOccurrences() -> [[Int32]] {
        var perAsset = [[Int32]](repeating: [], count: options.assets)
        let eligible = failed.indices.filter { !failed[$0] }
        guard !eligible.isEmpty else { return perAsset }
        var rng = SyntheticRandom(seed: options.seed, stream: 6, index: 0)
        let top = max(1, Double(eligible.count) * Self.topItemShare)
        for rank in reviewTexts.indices {
            let count = min(eligible.count, 1 + Int(top / pow(Double(rank + 1), Self.zipfExponent)))
            var chosen: Set<Int> = []
            if count * 3 < eligible.count {
                while chosen.count < count { chosen.insert(eligible[rng.int(below: eligible.count)]) }
            } else {
                // Nearly every asset: a partial Fisher–Yates draw avoids endless rejections.
                var pool = eligible
                for i in 0..<count {
                    pool.swapAt(i, i + rng.int(below: pool.count - i))
                    chosen.insert(pool[i])
                }
            }
            for asset in chosen.sorted() { perAsset[asset].append(Int32(rank)) }
        }
        return perAsset
    }

    // MARK: Pieces

    private static func format(_ rng: inout SyntheticRandom) -> (String, Int, Int) {
        let sizes: [(String, [(Int, Int)])] = [
            ("landscape", [(1200, 800), (1600, 900), (1200, 628)]),
            ("email-header", [(600, 250), (1200, 500), (640, 320)]),
            ("banner", [(970, 250), (728, 90), (1200, 300)]),
            ("square", [(1080, 1080), (600, 600), (800, 800)]),
            ("portrait", [(1080, 1350), (800, 1200)]),
            ("skyscraper", [(160, 600), (300, 1050)]),
            ("icon", [(128, 128), (64, 64)]),
        ]
        let (name, options) = sizes[rng.weighted([25, 20, 15, 20, 10, 5, 5])]
        let (w, h) = rng.pick(options)
        return (name, w, h)
    }

    private static func orientation(_ width: Int, _ height: Int) -> String {
        let aspect = Double(width) / Double(height)
        return aspect >= 1.15 ? "landscape" : aspect < 0.87 ? "portrait" : "square"
    }

    /// Two or three dominant colours named after dictionary colours, as the analyser names them.
    private func colorTags(_ rng: inout SyntheticRandom, fields: inout AnalysisFields) -> [RawTag] {
        guard !colors.isEmpty else { return [] }
        var shares = (0..<rng.int(2, 3)).map { _ in rng.double(0.1, 1) }
        let total = shares.reduce(0, +)
        shares = shares.map { round($0 / total) }
        var tags: [RawTag] = []
        for share in shares {
            let entry = rng.pick(colors)
            let hex = entry.hex ?? "#808080"
            let deltaE = round(rng.double(1, 12))
            fields.dominantColors.append(
                DominantColor(
                    hex: hex, share: share, lab: SyntheticColor.lab(hex: hex) ?? [50, 0, 0], nearestEntry: entry.id, deltaE: deltaE))
            tags.append(
                RawTag(
                    text: entry.label, facetHint: "color", confidence: round(min(0.95, 0.55 + share)), source: .color,
                    evidence: "covers \(Int(share * 100))% of the visible area (ΔE \(deltaE) from \(entry.label))"))
        }
        return tags
    }

    private func toneTags(_ fields: AnalysisFields) -> [RawTag] {
        var tags: [RawTag] = []
        func measured(_ text: String, _ evidence: String) {
            tags.append(RawTag(text: text, facetHint: "tone", confidence: 0.85, source: .measurement, evidence: evidence))
        }
        if let b = fields.brightness {
            if b >= 0.65 { measured("bright", "mean lightness \(Int(b * 100))/100") }
            if b <= 0.35 { measured("dark", "mean lightness \(Int(b * 100))/100") }
        }
        if let m = fields.colorfulness {
            if m >= 55 { measured("vibrant", "colourfulness \(Int(m))") }
            if m <= 20 { measured("muted", "colourfulness \(Int(m))") }
        }
        if let w = fields.warmth {
            if w >= 0.25 { measured("warm", "warmth \(w)") }
            if w <= -0.25 { measured("cool", "warmth \(w)") }
        }
        if let c = fields.contrast {
            if c >= 0.25 { measured("high contrast", "lightness spread \(Int(c * 100))/100") }
            if c <= 0.12 { measured("soft", "lightness spread \(Int(c * 100))/100") }
        }
        return tags
    }

    /// One typing slip: a dropped, doubled or swapped letter.
    static func misspell(_ word: String, _ rng: inout SyntheticRandom) -> String {
        var letters = Array(word.lowercased())
        let i = rng.int(below: letters.count - 1)
        switch rng.int(below: 3) {
        case 0: letters.remove(at: i)
        case 1: letters.insert(letters[i], at: i)
        default: letters.swapAt(i, i + 1)
        }
        return String(letters)
    }

    private func round(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
