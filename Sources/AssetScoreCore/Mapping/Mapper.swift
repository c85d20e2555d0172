import Foundation

/// Maps raw tag text to a dictionary entry, or says why it could not.
///
/// The pipeline runs from the most to the least certain step and records which one decided:
/// exact label, label after normalisation, alias, hidden label, normalised key, remembered
/// rejection, then guarded fuzzy similarity. Certain steps come first so that a typo-tolerant
/// match can never override a spelling the dictionary names explicitly, and a label comes before
/// every alias so that another entry's alias cannot take a label over ("beach" stays Beach even
/// when Sea lists "beach" as an alias). Rejections come before fuzzy matching so that an
/// operator's "this is not an attribute" is not undone by a near miss.
///
/// When one step finds several entries of the same facet (hierarchical taxonomies reuse a name
/// under different parents), the text is ambiguous and goes to review with each of them as a
/// candidate instead of going to whichever id sorts first. Indexes are built once in `init`;
/// `map` is safe to call concurrently.
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
        let key = normalizer.key(text)
        let scope = facet.flatMap { index.facetIDs.contains($0) ? $0 : nil }
        let request = Request(input: text, hint: facet, scope: scope, normalized: normalized, key: key)

        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let result = decide(request, hits: index.labels[trimmed], step: .exactLabel) { return result }
        guard !normalized.isEmpty else {
            return unmapped(
                request, candidates: [],
                explanation:
                    "\(Self.quoted(text)) has no letters or digits left after normalisation, so there is nothing to map.")
        }
        let steps: [(hits: [Int]?, step: Step)] = [
            (index.normalizedLabels[normalized], .normalizedLabel),
            (index.aliases[normalized], .alias),
            (index.hiddenLabels[normalized], .hiddenLabel),
            (index.keys[key], .key),
            (index.hiddenKeys[key], .hiddenKey),
        ]
        for (hits, step) in steps {
            if let result = decide(request, hits: hits, step: step) { return result }
        }
        let rejection = RejectionKey(facet: facet ?? "", normalized: normalized)
        if rejections.contains(rejection) {
            let facetText = facet.map { "facet \($0)" } ?? "any facet"
            return MappingResult(
                input: text, facet: facet, normalized: normalized, key: key, entry: nil, method: .rejected,
                confidence: 1, candidates: [],
                explanation: "\(Self.quoted(text)) was rejected earlier as not an attribute of \(facetText).")
        }
        return fuzzy(request)
    }
}

extension Mapper {
    /// What one `map` call is about, passed between the pipeline's steps.
    struct Request {
        var input: String
        var hint: String?
        var scope: String?
        var normalized: String
        var key: String
    }

    /// The deterministic steps, in pipeline order.
    enum Step {
        case exactLabel, normalizedLabel, alias, hiddenLabel, key, hiddenKey

        var method: MappingMethod {
            switch self {
            case .exactLabel: .exact
            case .normalizedLabel, .key: .normalized
            case .alias: .alias
            case .hiddenLabel, .hiddenKey: .hiddenLabel
            }
        }

        var confidence: Double {
            switch self {
            case .exactLabel: Mapper.exactConfidence
            case .normalizedLabel, .key: Mapper.normalizedConfidence
            case .alias: Mapper.aliasConfidence
            case .hiddenLabel: Mapper.hiddenLabelConfidence
            case .hiddenKey: Mapper.normalizedHiddenLabelConfidence
            }
        }
    }

    /// The outcome of one step: nil when it found nothing in scope, so the next step runs.
    func decide(_ request: Request, hits: [Int]?, step: Step) -> MappingResult? {
        guard let hits else { return nil }
        let inScope = hits.filter { request.scope == nil || index.entries[$0].facet == request.scope }
        // Entries that can take mappings first; among them the lowest id (hits are in id order).
        guard let first = inScope.first(where: { index.targets[$0] != nil }) ?? inScope.first else { return nil }
        let facet = index.entries[first].facet
        var rivals: [Int] = []
        for i in inScope where index.entries[i].facet == facet {
            if let t = index.targets[i], !rivals.contains(t) { rivals.append(t) }
        }
        if rivals.count > 1 { return ambiguous(request, targets: rivals, step: step, facet: facet) }
        return conclude(request, entry: first, step: step)
    }

    /// How an explanation says what a step matched, e.g. "is an alias of".
    func relation(_ step: Step, _ request: Request) -> String {
        switch step {
        case .exactLabel: "is the label of"
        case .normalizedLabel: "normalised to '\(request.normalized)' is the label of"
        case .alias: "is an alias of"
        case .hiddenLabel: "is a known misspelling of"
        case .key: "has the key '\(request.key)', as has"
        case .hiddenKey: "has the key '\(request.key)', as has a known misspelling of"
        }
    }

    /// Result of a deterministic step: the entry itself, its replacement, or nothing when it is
    /// deprecated without replacement.
    func conclude(_ request: Request, entry i: Int, step: Step) -> MappingResult {
        let matched = index.entries[i]
        let subject = "\(Self.quoted(request.input)) \(relation(step, request)) \(Self.describe(matched))"
        guard let t = index.targets[i] else {
            let candidates = fuzzyCandidates(key: request.key, scope: request.scope)
            return unmapped(
                request, candidates: candidates.prefix(Self.candidateLimit).map(candidate),
                explanation: "\(subject), which is deprecated without a replacement, so it needs review.")
        }
        let target = index.entries[t]
        let explanation = t == i ? "\(subject)." : "\(subject), which is deprecated and replaced by \(Self.describe(target))."
        return MappingResult(
            input: request.input, facet: target.facet, normalized: request.normalized, key: request.key, entry: target.id,
            method: step.method, confidence: step.confidence,
            candidates: [
                MappingCandidate(entry: target.id, facet: target.facet, label: target.label, score: step.confidence)
            ],
            explanation: explanation)
    }

    /// A text that one step matched to several entries of one facet: review, with each as a candidate.
    func ambiguous(_ request: Request, targets: [Int], step: Step, facet: String) -> MappingResult {
        let shown = targets.prefix(Self.candidateLimit)
        let names = shown.map { i -> String in
            let e = index.entries[i]
            let parent = e.broader.flatMap { dictionary.entry($0)?.label }.map { ", under \($0)" } ?? ""
            return "\(e.label) [\(e.id)\(parent)]"
        }
        let more = targets.count > shown.count ? " and \(targets.count - shown.count) more" : ""
        return unmapped(
            request,
            candidates: shown.map { i in
                let e = index.entries[i]
                return MappingCandidate(entry: e.id, facet: e.facet, label: e.label, score: step.confidence)
            },
            explanation:
                "\(Self.quoted(request.input)) \(relation(step, request)) \(targets.count) entries of \(facet): "
                + "\(names.joined(separator: "; "))\(more), so it needs review.")
    }

    func unmapped(_ request: Request, candidates: [MappingCandidate], explanation: String) -> MappingResult {
        MappingResult(
            input: request.input, facet: request.hint, normalized: request.normalized, key: request.key, entry: nil,
            method: .unmapped, confidence: 0, candidates: candidates, explanation: explanation)
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
