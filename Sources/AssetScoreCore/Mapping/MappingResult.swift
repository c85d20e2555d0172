import Foundation

/// Which step of the mapping pipeline decided.
public enum MappingMethod: String, Codable, Sendable, Hashable {
    case exact
    case alias
    case hiddenLabel = "hidden_label"
    case normalized
    case fuzzy
    /// An operator's review decision (kept so re-mapping never asks twice).
    case decision
    /// Remembered rejection: the text is known and deliberately not mapped.
    case rejected
    /// Nothing matched well enough: flagged for review (or ignored, for hint sources).
    case unmapped
}

/// A suggested entry with its similarity, 0...1.
public struct MappingCandidate: Codable, Sendable, Hashable {
    public var entry: String
    public var facet: String
    public var label: String
    public var score: Double

    public init(entry: String, facet: String, label: String, score: Double) {
        self.entry = entry
        self.facet = facet
        self.label = label
        self.score = score
    }
}

/// The outcome of mapping one text, with the reason.
public struct MappingResult: Codable, Sendable, Hashable {
    public var input: String
    public var facet: String?
    /// The normalised form the label, alias and hidden-label steps compared.
    public var normalized: String
    /// The matching key (`normalized` singularised, and stemmed when the mapper has a stemmer)
    /// that the key and fuzzy steps compared; "winter sports" has the key "winter sport".
    /// Nil only in results made outside the mapper (decisions, old records).
    public var key: String?
    /// The mapped active entry, or nil when flagged (or rejected).
    public var entry: String?
    public var method: MappingMethod
    /// How sure the deciding step was, 0...1 (1 for exact, alias and decisions).
    public var confidence: Double
    /// Best candidates, best first (also filled when mapped, for transparency).
    public var candidates: [MappingCandidate]
    /// One sentence saying why.
    public var explanation: String

    public init(
        input: String, facet: String?, normalized: String, key: String? = nil, entry: String?, method: MappingMethod,
        confidence: Double, candidates: [MappingCandidate], explanation: String
    ) {
        self.input = input
        self.facet = facet
        self.normalized = normalized
        self.key = key
        self.entry = entry
        self.method = method
        self.confidence = confidence
        self.candidates = candidates
        self.explanation = explanation
    }

    public var isMapped: Bool { entry != nil }

    enum CodingKeys: String, CodingKey {
        case input, facet, normalized, key, entry, method, confidence, candidates, explanation
    }

    /// `entry`, `facet` and `key` are written as null when absent: scripts test `entry == null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(input, forKey: .input)
        try c.encode(facet, forKey: .facet)
        try c.encode(normalized, forKey: .normalized)
        try c.encode(key, forKey: .key)
        try c.encode(entry, forKey: .entry)
        try c.encode(method, forKey: .method)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(candidates, forKey: .candidates)
        try c.encode(explanation, forKey: .explanation)
    }
}
