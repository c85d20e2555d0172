import AssetScoreCore
import Foundation

/// A campaign as loaded for one value of the change token: its decider and its assets by id, or
/// the fact that it does not exist (so unknown campaigns cost no query per request either).
enum CampaignSlot: Sendable {
    case found(CampaignDecider, assets: [Int64: Asset])
    case missing(known: [String])

    static func load(_ id: String, store: any AssetStore, mapper: Mapper) throws -> CampaignSlot {
        do {
            let decider = try CampaignDecider(campaign: id, store: store, mapper: mapper)
            let assets = try store.assets(campaign: id, status: nil)
            return .found(decider, assets: Dictionary(assets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
        } catch CampaignDecider.LoadError.unknownCampaign(_, let known) {
            return .missing(known: known)
        }
    }
}
