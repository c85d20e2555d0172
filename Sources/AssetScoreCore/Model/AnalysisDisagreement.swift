import Foundation

/// Where a model's claim and the embedded analyser's measurement disagree about one field.
///
/// Both are kept as text (the claim as the model gave it, the measurement as measured) and the
/// asset is flagged for review, so an operator sees which to trust instead of one silently winning.
public struct AnalysisDisagreement: Codable, Sendable, Hashable {
    /// The field in question: "text_density", "dominant_colors", "format_class"...
    public var field: String
    /// What the model said, and which provider said it.
    public var modelClaim: String
    public var provider: String
    /// What the embedded analyser measured.
    public var measured: String
    /// Why they count as different (the threshold crossed), for the operator.
    public var note: String?

    public init(field: String, modelClaim: String, provider: String, measured: String, note: String? = nil) {
        self.field = field
        self.modelClaim = modelClaim
        self.provider = provider
        self.measured = measured
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case field, provider, measured, note
        case modelClaim = "model_claim"
    }
}
