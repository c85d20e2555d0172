import Foundation

/// Maps raw tag text to a dictionary entry, or says why it could not.
///
/// The pipeline runs from the most to the least certain step and records which one decided:
/// exact label, alias, hidden label, normalised key, remembered rejection, then guarded fuzzy
/// similarity. Certain steps come first so that a typo-tolerant match can never override a
/// spelling the dictionary names explicitly; rejections come before fuzzy matching so that an
/// operator's "this is not an attribute" is not undone by a near miss. Indexes are built once in
/// `init`; `map` is safe to call concurrently.
public struct Mapper: Sendable {
    public let dictionary: AttributeDictionary
    public let normalizer: Normalizer
    public let rejections: Set<RejectionKey>
    let index: MappingIndex

    /// Confidence of each deterministic step.
    public static let exactConfidence = 1.0
    public static let aliasConfidence = 1.0
    public static let hiddenLabelConfidence = 0.97
    public static let normalizedConfidence = 0.95
    /// A normalised key equal to a hidden label's key: both steps' doubts combined.
    public static let normalizedHiddenLabelConfidence = 0.97 * 0.95
    /// How many candidates a result lists at most.
    public static let candidateLimit = 5

    public init(dictionary: AttributeDictionary, normalizer: Normalizer, rejections: Set<RejectionKey> = []) {
        self.dictionary = dictionary
        self.normalizer = normalizer
        self.rejections = rejections
        index = MappingIndex(dictionary: dictionary, normalizer: normalizer)
    }

    /// Maps one text. With a `facet` the dictionary knows, only that facet's entries are
    /// considered; with nil or an unknown facet, every facet is.
    ///
    /// The result's `facet` is the mapped entry's facet, or the given hint when nothing mapped.
    public func map(_ text: String, facet: String?) -> MappingResult {
        let normalized = normalizer.normalize(text)
        let scope = facet.flatMap { index.facetIDs.contains($0) ? $0 : nil }
        let request = Request(input: text, hint: facet, scope: scope, normalized: normalized)

        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let hit = firstEntry(in: index.labels[trimmed], scope: scope) {
            return conclude(request, entry: hit, method: .exact, confidence: Self.exactConfidence)
        }
        guard !normalized.isEmpty else {
            return unmapped(
                request, candidates: [],
                explanation:
                    "\(Self.quoted(text)) has no letters or digits left after normalisation, so there is nothing to map.")
        }
        if let hit = firstEntry(in: index.aliases[normalized], scope: scope) {
            return conclude(request, entry: hit, method: .alias, confidence: Self.aliasConfidence)
        }
        if let hit = firstEntry(in: index.hiddenLabels[normalized], scope: scope) {
            return conclude(request, entry: hit, method: .hiddenLabel, confidence: Self.hiddenLabelConfidence)
        }
        let key = normalizer.key(text)
        if let hit = firstEntry(in: index.keys[key], scope: scope) {
            return conclude(
                request, entry: hit, method: .normalized, confidence: Self.normalizedConfidence,
                key: key)
        }
        if let hit = firstEntry(in: index.hiddenKeys[key], scope: scope) {
            return conclude(
                request, entry: hit, method: .hiddenLabel,
                confidence: Self.normalizedHiddenLabelConfidence, key: key)
        }
        let rejection = RejectionKey(facet: facet ?? "", normalized: normalized)
        if rejections.contains(rejection) {
            let facetText = facet.map { "facet \($0)" } ?? "any facet"
            return MappingResult(
                input: text, facet: facet, normalized: normalized, entry: nil, method: .rejected, confidence: 1,
                candidates: [],
                explanation: "\(Self.quoted(text)) was rejected earlier as not an attribute of \(facetText).")
        }
        return fuzzy(request, key: key)
    }
}

extension Mapper {
    /// What one `map` call is about, passed between the pipeline's steps.
    struct Request {
        var input: String
        var hint: String?
        var scope: String?
        var normalized: String
    }

    /// The first of `hits` (already in id order) inside the scope, preferring entries that can take mappings.
    func firstEntry(in hits: [Int]?, scope: String?) -> Int? {
        guard let hits else { return nil }
        let inScope = hits.filter { scope == nil || index.entries[$0].facet == scope }
        return inScope.first { index.targets[$0] != nil } ?? inScope.first
    }

    /// Result of a deterministic step: the entry itself, its replacement, or nothing when it is
    /// deprecated without replacement.
    func conclude(
        _ request: Request, entry i: Int, method: MappingMethod, confidence: Double,
        key: String? = nil
    ) -> MappingResult {
        let matched = index.entries[i]
        let how: String
        switch (method, key) {
        case (.exact, _): how = "is the label of"
        case (.alias, _): how = "is an alias of"
        case (.hiddenLabel, nil): how = "is a known misspelling of"
        case (.hiddenLabel, let key?): how = "normalises to '\(key)', the key of a known misspelling of"
        default: how = "normalises to '\(key ?? request.normalized)', the key of"
        }
        let subject = "\(Self.quoted(request.input)) \(how) \(Self.describe(matched))"
        guard let t = index.targets[i] else {
            let candidates = fuzzyCandidates(key: normalizer.key(request.input), scope: request.scope)
            return unmapped(
                request, candidates: candidates.prefix(Self.candidateLimit).map(candidate),
                explanation: "\(subject), which is deprecated without a replacement, so it needs review.")
        }
        let target = index.entries[t]
        let explanation = t == i ? "\(subject)." : "\(subject), which is deprecated and replaced by \(Self.describe(target))."
        return MappingResult(
            input: request.input, facet: target.facet, normalized: request.normalized, entry: target.id, method: method,
            confidence: confidence,
            candidates: [MappingCandidate(entry: target.id, facet: target.facet, label: target.label, score: confidence)],
            explanation: explanation)
    }

    func unmapped(_ request: Request, candidates: [MappingCandidate], explanation: String) -> MappingResult {
        MappingResult(
            input: request.input, facet: request.hint, normalized: request.normalized, entry: nil, method: .unmapped,
            confidence: 0, candidates: candidates, explanation: explanation)
    }

    /// "Red (color)": how explanations name an entry.
    static func describe(_ entry: DictionaryEntry) -> String {
        "\(entry.label) (\(entry.facet))"
    }

    /// The input in quotes, on one line and at most 60 characters, so explanations stay one sentence.
    static func quoted(_ text: String) -> String {
        var flat = ""
        for c in text.trimmingCharacters(in: .whitespacesAndNewlines) {
            flat.append(c.unicodeScalars.contains { $0.properties.generalCategory == .control } || c.isNewline ? " " : c)
        }
        if flat.count > 60 { flat = String(flat.prefix(59)) + "…" }
        return "'\(flat)'"
    }
}
