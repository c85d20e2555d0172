import AssetScoreCore
import Foundation

extension SQLiteStore {
    public func upsertCampaign(_ campaign: Campaign) throws {
        guard !campaign.id.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StorageError.invalidInput("campaign id is empty")
        }
        try db.transaction {
            if let fallback = campaign.fallbackAssetID {
                let owner = try db.scalarText("SELECT campaign FROM assets WHERE id = ?", fallback)
                guard owner == campaign.id else {
                    throw StorageError.invalidInput(
                        "campaign '\(campaign.id)': fallback asset \(fallback) "
                            + (owner.map { "belongs to campaign '\($0)'" } ?? "does not exist"))
                }
            }
            try db.run(
                """
                INSERT INTO campaigns (id, name, facet_weights, fallback_asset_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, facet_weights = excluded.facet_weights,
                    fallback_asset_id = excluded.fallback_asset_id
                """,
                campaign.id, campaign.name, try json.encode(campaign.facetWeights), campaign.fallbackAssetID)
        }
    }

    public func campaign(_ id: String) throws -> Campaign? {
        try db.queryFirst("SELECT \(Self.campaignColumns) FROM campaigns WHERE id = ?", id, row: campaign)
    }

    public func campaigns() throws -> [Campaign] {
        try db.query("SELECT \(Self.campaignColumns) FROM campaigns ORDER BY id", row: campaign)
    }

    /// Creates a campaign named after its id when an asset arrives for one not set up yet, so
    /// ingesting into a new campaign needs no separate step.
    func ensureCampaign(_ id: String) throws {
        guard !id.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StorageError.invalidInput("asset has an empty campaign id")
        }
        try db.run("INSERT OR IGNORE INTO campaigns (id, name, facet_weights) VALUES (?, ?, '{}')", id, id)
    }

    static let campaignColumns = "id, name, facet_weights, fallback_asset_id"

    private func campaign(_ row: SQLiteRow) throws -> Campaign {
        let id = row.text(0)
        return Campaign(
            id: id, name: row.text(1),
            facetWeights: try json.decode([String: Double].self, from: row.text(2), what: "campaigns.facet_weights of '\(id)'"),
            fallbackAssetID: row.optionalInt64(3))
    }
}
