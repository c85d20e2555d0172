import Foundation

/// A dimension of the vocabulary (colour, tone, theme, ...), with its default weight in scoring
/// and the thresholds its mapping uses.
public struct Facet: Codable, Sendable, Hashable {
    public var id: String
    public var label: String
    public var description: String?
    /// Default weight of this facet in scoring; campaigns may override it.
    public var weight: Double
    public var thresholds: MappingThresholds

    public init(
        id: String, label: String, description: String? = nil, weight: Double = 1,
        thresholds: MappingThresholds = .default
    ) {
        self.id = id
        self.label = label
        self.description = description
        self.weight = weight
        self.thresholds = thresholds
    }

    enum CodingKeys: String, CodingKey { case id, label, description, weight, thresholds }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? id
        description = try c.decodeIfPresent(String.self, forKey: .description)
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        thresholds = try c.decodeIfPresent(MappingThresholds.self, forKey: .thresholds) ?? .default
    }

    /// The facet ids every new database starts with.
    public static let defaultIDs = ["color", "tone", "theme", "format", "sentiment"]
}

/// How sure the fuzzy step must be before it maps a tag on its own.
public struct MappingThresholds: Codable, Sendable, Hashable {
    /// A fuzzy match at or above this similarity (0...1) maps without review.
    ///
    /// The default 0.89 sits between the typos that must map ("turquoyse" scores 0.90 against
    /// "turquoise") and the other words that must not ("tourist" 0.88 against "tourism",
    /// "bluish" 0.87 against "blush"); MappingTableTests holds the table of both.
    public var fuzzyAccept: Double
    /// Candidates below this similarity are not even suggested to the reviewer.
    public var candidateMinimum: Double
    /// Texts shorter than this (in characters, after normalisation) never match fuzzily.
    public var fuzzyMinimumLength: Int

    public init(fuzzyAccept: Double = 0.89, candidateMinimum: Double = 0.45, fuzzyMinimumLength: Int = 5) {
        self.fuzzyAccept = fuzzyAccept
        self.candidateMinimum = candidateMinimum
        self.fuzzyMinimumLength = fuzzyMinimumLength
    }

    public static let `default` = MappingThresholds()

    enum CodingKeys: String, CodingKey {
        case fuzzyAccept = "fuzzy_accept"
        case candidateMinimum = "candidate_minimum"
        case fuzzyMinimumLength = "fuzzy_minimum_length"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MappingThresholds.default
        fuzzyAccept = try c.decodeIfPresent(Double.self, forKey: .fuzzyAccept) ?? d.fuzzyAccept
        candidateMinimum = try c.decodeIfPresent(Double.self, forKey: .candidateMinimum) ?? d.candidateMinimum
        fuzzyMinimumLength = try c.decodeIfPresent(Int.self, forKey: .fuzzyMinimumLength) ?? d.fuzzyMinimumLength
    }
}
