import AssetScoreCore
import Foundation

/// Loads a campaign once into the core's in-memory scorer, then decides for many profiles.
///
/// Profile attributes stored unmapped are tried again with the current dictionary, so a review
/// decision made after an import counts at once; ones that still do not map are named in the notes.
final class DecisionEngine {
    let campaign: Campaign
    private let scorer: Scorer
    private let mapper: Mapper

    init(campaign id: String, _ ctx: ToolContext) throws {
        let store = try ctx.store()
        guard let c = try store.campaign(id) else {
            let known = try store.campaigns().map(\.id).joined(separator: ", ")
            throw LookupError.notFound("campaign", id + (known.isEmpty ? "" : " (campaigns: \(known))"))
        }
        campaign = c
        let assets = try store.assets(campaign: id, status: nil).filter { $0.status.isScorable }
        scorer = Scorer(dictionary: try ctx.dictionary(), campaign: c, assets: assets, tags: try store.scoringTags(campaign: id))
        mapper = try ctx.mapper()
    }

    func decide(attributes: [UserAttribute], subject: String?) throws -> Decision {
        let mapped = attributes.map { a -> UserAttribute in
            guard a.entry == nil else { return a }
            var m = a
            let r = mapper.map(a.value, facet: a.facet)
            m.entry = r.entry
            m.method = r.method
            return m
        }
        return scorer.decide(attributes: mapped, subject: subject)
    }
}
