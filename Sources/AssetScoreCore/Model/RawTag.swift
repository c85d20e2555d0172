import Foundation

/// Where a raw tag came from. Sources differ in how much a miss matters.
public enum TagSource: String, Codable, Sendable, Hashable, CaseIterable {
    /// A measured colour, named after the nearest `color` entry.
    case color
    /// A measurement such as brightness, contrast or aspect ratio.
    case measurement
    /// A guess from image statistics (mood, sentiment): lower confidence by design.
    case heuristic
    /// Words found in the image by OCR.
    case ocr
    /// XMP dc:subject or IPTC keywords embedded in the file.
    case embedded
    /// Tokens of the file name.
    case filename
    /// A sidecar JSON beside the file, as a DAM export gives.
    case sidecar
    /// A multimodal model's answer.
    case model
    /// A user-profile attribute from a CRM import.
    case profile

    /// Hints are weak evidence: when they map they count, when they do not they are kept but
    /// not sent to review (a banner's every OCR word must not flood the review queue).
    public var isHint: Bool { self == .ocr || self == .filename }
}

/// A fact about an asset (or a profile value) as text, before mapping to the dictionary.
public struct RawTag: Codable, Sendable, Hashable {
    public var text: String
    /// The facet the producer believes this belongs to; nil means "any facet".
    public var facetHint: String?
    /// The producer's confidence in the fact itself, 0...1.
    public var confidence: Double
    public var source: TagSource
    /// A human-readable reason, e.g. "text covers 34% of the area" or "XMP keyword 'summer'".
    public var evidence: String

    public init(text: String, facetHint: String?, confidence: Double, source: TagSource, evidence: String) {
        self.text = text
        self.facetHint = facetHint
        self.confidence = confidence
        self.source = source
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey {
        case text, confidence, source, evidence
        case facetHint = "facet_hint"
    }
}
