import Foundation

/// One place where a model's claim and the embedded analyser's measurement differ. Both are
/// kept; the sentence is what a reviewer reads.
public struct Disagreement: Sendable, Hashable, Codable {
    /// "text_density", "dominant_colors" or "format".
    public var field: String
    public var modelClaim: String
    public var measurement: String
    public var explanation: String

    public init(field: String, modelClaim: String, measurement: String, explanation: String) {
        self.field = field
        self.modelClaim = modelClaim
        self.measurement = measurement
        self.explanation = explanation
    }

    enum CodingKeys: String, CodingKey {
        case field, measurement, explanation
        case modelClaim = "model_claim"
    }
}
