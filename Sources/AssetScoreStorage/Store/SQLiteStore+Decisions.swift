import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// Remembers a served decision so later feedback (opens, clicks) can refer to its id.
    ///
    /// Only the outcome is kept (winner and score); the ranking can be recomputed.
    public func recordDecision(_ decision: Decision, at: Date = Date()) throws {
        guard try campaign(decision.campaign) != nil else {
            throw StorageError.notFound("decision \(decision.id): campaign '\(decision.campaign)' does not exist")
        }
        try db.run(
            "INSERT INTO decisions (id, campaign, subject, asset_id, score, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            decision.id, decision.campaign, decision.subject, decision.winner?.assetID, decision.winner?.score,
            StoredDate.text(at))
    }
}
