import AssetScoreCore
import Foundation

/// What `personas import` stored: how many personas, and the attributes that do not count in
/// previews yet because they wait for review (or were rejected in review).
struct PersonaImportSummary: Encodable {
    /// One persona attribute left unmapped, as written in the file.
    struct Attribute: Encodable {
        var persona: String
        var facet: String
        var value: String
        /// The item it waits on; nil for a rejected text.
        var reviewItem: Int64?

        enum CodingKeys: String, CodingKey {
            case persona, facet, value
            case reviewItem = "review_item_id"
        }
    }

    var imported: Int
    var waiting: [Attribute] = []
    var rejected: [Attribute] = []

    /// Adds the unsettled attributes of a persona as the store returned it.
    mutating func note(_ persona: Persona) {
        for a in persona.attributes where a.entry == nil {
            let attribute = Attribute(persona: persona.id, facet: a.facet, value: a.value, reviewItem: a.reviewItemID)
            if a.reviewItemID != nil {
                waiting.append(attribute)
            } else if a.method == .rejected {
                rejected.append(attribute)
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case imported, waiting, rejected
        case waitingCount = "waiting_for_review"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(imported, forKey: .imported)
        try c.encode(waiting.count, forKey: .waitingCount)
        try c.encode(waiting, forKey: .waiting)
        try c.encode(rejected, forKey: .rejected)
    }
}
