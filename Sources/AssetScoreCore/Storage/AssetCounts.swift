import Foundation

/// How many assets there are: in total, per status, and per campaign and status.
///
/// What a console shows in its tabs, filters and status bar, read in one query so it never
/// has to load the assets themselves to count them.
public struct AssetCounts: Sendable, Hashable {
    public var total: Int
    /// Statuses without assets are absent (read them through `count`).
    public var byStatus: [AssetStatus: Int]
    /// Every campaign, also those without assets (an empty dictionary then).
    public var byCampaign: [String: [AssetStatus: Int]]

    public init(total: Int = 0, byStatus: [AssetStatus: Int] = [:], byCampaign: [String: [AssetStatus: Int]] = [:]) {
        self.total = total
        self.byStatus = byStatus
        self.byCampaign = byCampaign
    }

    /// Assets matching both filters (nil matches everything); 0 for an unknown campaign.
    public func count(campaign: String? = nil, status: AssetStatus? = nil) -> Int {
        switch (campaign, status) {
        case (nil, nil): total
        case (nil, let status?): byStatus[status, default: 0]
        case (let campaign?, nil): byCampaign[campaign]?.values.reduce(0, +) ?? 0
        case (let campaign?, let status?): byCampaign[campaign]?[status] ?? 0
        }
    }
}
