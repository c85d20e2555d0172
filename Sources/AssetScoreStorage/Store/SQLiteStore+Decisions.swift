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

extension SQLiteStore {
    /// Insert-or-ignore by id in one transaction: a service that hands repeated calls the same
    /// decision id (and batches its writes off the request path) stores each decision once.
    /// Decisions of campaigns that no longer exist are skipped rather than failing the batch.
    @discardableResult
    public func recordDecisions(_ decisions: [Decision], at: Date = Date()) throws -> Int {
        guard !decisions.isEmpty else { return 0 }
        let when = StoredDate.text(at)
        return try db.transaction {
            let campaigns = Set(try db.query("SELECT id FROM campaigns") { $0.text(0) })
            var stored = 0
            for d in decisions where campaigns.contains(d.campaign) {
                stored += try db.run(
                    "INSERT OR IGNORE INTO decisions (id, campaign, subject, asset_id, score, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    d.id, d.campaign, d.subject, d.winner?.assetID, d.winner?.score, when)
            }
            return stored
        }
    }
}
