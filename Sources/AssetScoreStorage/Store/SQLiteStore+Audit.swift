import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// The newest audit events first.
    public func auditLog(limit: Int) throws -> [AuditEvent] {
        try db.query(
            "SELECT id, actor, at, action, subject, before, after FROM audit_log ORDER BY id DESC LIMIT ?",
            max(limit, 0)
        ) { row in
            AuditEvent(
                id: row.int64(0), actor: row.text(1), at: try StoredDate.date(row.text(2), what: "audit_log.at"),
                action: row.text(3), subject: row.text(4), before: row.optionalText(5), after: row.optionalText(6))
        }
    }

    /// How many audit rows exist (tests and `status` output use it to show nothing was written).
    public func auditCount() throws -> Int {
        Int(try db.scalarInt("SELECT COUNT(*) FROM audit_log") ?? 0)
    }
}
