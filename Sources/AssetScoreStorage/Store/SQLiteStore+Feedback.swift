import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// One transaction per batch; `INSERT OR IGNORE` on the event id makes a resent batch (or an
    /// id repeated inside one) count as duplicates instead of failing or storing twice.
    public func recordFeedback(_ events: [FeedbackEvent], receivedAt: Date = Date()) throws -> FeedbackSummary {
        guard !events.isEmpty else { return FeedbackSummary() }
        let received = StoredDate.text(receivedAt)
        return try db.transaction {
            var summary = FeedbackSummary()
            for e in events {
                let stored = try db.run(
                    """
                    INSERT OR IGNORE INTO feedback_events
                        (id, type, user_id, campaign, asset_id, decision_id, occurred_at, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    e.id, e.kind.rawValue, e.userID, e.campaign, e.assetID, e.decisionID, StoredDate.text(e.occurredAt), received)
                if stored == 1 { summary.accepted += 1 } else { summary.duplicates += 1 }
            }
            return summary
        }
    }

    public func feedback(campaign: String, limit: Int) throws -> [FeedbackEvent] {
        try db.query(
            """
            SELECT id, type, user_id, campaign, asset_id, decision_id, occurred_at FROM feedback_events
            WHERE campaign = ? ORDER BY occurred_at, id LIMIT ?
            """, campaign, limit
        ) { row in
            let type = row.text(1)
            guard let kind = FeedbackEvent.Kind(rawValue: type) else {
                throw StorageError.corrupt("feedback event \(row.text(0)): unknown type '\(type)'")
            }
            return FeedbackEvent(
                id: row.text(0), kind: kind, userID: row.optionalText(2), campaign: row.text(3), assetID: row.int64(4),
                decisionID: row.optionalText(5), occurredAt: try StoredDate.date(row.text(6), what: "feedback_events.occurred_at"))
        }
    }
}
