import Foundation

/// A campaign loaded once from a store into the in-memory `Scorer`, deciding for many profiles.
///
/// The CLI's decide and export, the console's simulator and the HTTP service all go through
/// this, so they give the same answer. Profile attributes stored unmapped are tried again with
/// the current dictionary, so a review decision made after an import counts at once; ones that
/// still do not map are named in the decision's notes.
public final class CampaignDecider: Sendable {
    public let campaign: Campaign
    public let scorer: Scorer
    private let mapper: Mapper

    public enum LoadError: Error, CustomStringConvertible {
        case unknownCampaign(String, known: [String])
        public var description: String {
            switch self {
            case .unknownCampaign(let id, let known):
                let list = known.isEmpty ? "" : " (campaigns: \(known.joined(separator: ", ")))"
                return "no campaign '\(SafeText.display(id))'\(list)"
            }
        }
    }

    public init(campaign id: String, store: any AssetStore, mapper: Mapper) throws {
        guard let c = try store.campaign(id) else {
            throw LoadError.unknownCampaign(id, known: try store.campaigns().map(\.id))
        }
        campaign = c
        let assets = try store.assets(campaign: id, status: nil).filter { $0.status.isScorable }
        let tags = try store.scoringTags(campaign: id)
        scorer = Scorer(dictionary: mapper.dictionary, campaign: c, assets: assets, tags: tags)
        self.mapper = mapper
    }

    /// Maps what is not mapped yet, then scores.
    public func decide(attributes: [UserAttribute], subject: String?) -> Decision {
        scorer.decide(attributes: resolve(attributes), subject: subject)
    }

    /// The same, with only the `rankingLimit` best variants in the ranking (nil for all), and
    /// `id` as the decision's id (nil: a random one).
    public func decide(attributes: [UserAttribute], subject: String?, rankingLimit: Int?, id: String? = nil) -> Decision {
        scorer.decide(attributes: resolve(attributes), subject: subject, rankingLimit: rankingLimit, id: id)
    }

    /// The winner alone (see `Scorer.winner(attributes:)`), for a fast decide without reasons.
    public func winner(attributes: [UserAttribute]) -> WinnerPick? {
        scorer.winner(attributes: resolve(attributes))
    }

    /// The same campaign scored with other facet weights (the console's live what-if); it
    /// shares this campaign's index, so it costs a copy of the weights.
    public func rescored(facetWeights: [String: Double]) -> Scorer {
        scorer.reweighted(facetWeights: facetWeights)
    }

    public func resolve(_ attributes: [UserAttribute]) -> [UserAttribute] {
        attributes.map { a in
            guard a.entry == nil else { return a }
            var m = a
            let r = mapper.map(a.value, facet: a.facet)
            m.entry = r.entry
            m.method = r.method
            m.normalized = r.normalized
            return m
        }
    }
}
