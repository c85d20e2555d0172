import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// The newest audit events first.
    public func auditLog(limit: Int) throws -> [AuditEvent] {
        try db.query("SELECT \(Self.auditColumns) FROM audit_log ORDER BY id DESC LIMIT ?", max(limit, 0), row: Self.event)
    }

    /// Subjects are matched with GLOB on the escaped prefix, which SQLite answers from the
    /// subject index as a range.
    public func recentAudit(subjectPrefix: String?, limit: Int) throws -> [AuditEvent] {
        guard let prefix = SQLPattern.search(subjectPrefix) else { return try auditLog(limit: limit) }
        return try db.query(
            "SELECT \(Self.auditColumns) FROM audit_log WHERE subject GLOB ? ORDER BY id DESC LIMIT ?",
            SQLPattern.startsWith(prefix), max(limit, 0), row: Self.event)
    }

    public func auditTrail(subject: String, limit: Int) throws -> [AuditEvent] {
        try db.query(
            "SELECT \(Self.auditColumns) FROM audit_log WHERE subject = ? ORDER BY id DESC LIMIT ?", subject, max(limit, 0),
            row: Self.event)
    }

    static let auditColumns = "id, actor, at, action, subject, before, after"

    static func event(_ row: SQLiteRow) throws -> AuditEvent {
        AuditEvent(
            id: row.int64(0), actor: row.text(1), at: try StoredDate.date(row.text(2), what: "audit_log.at of event \(row.int64(0))"),
            action: row.text(3), subject: row.text(4), before: row.optionalText(5), after: row.optionalText(6))
    }

    /// How many audit rows exist (tests and `status` output use it to show nothing was written).
    public func auditCount() throws -> Int {
        Int(try db.scalarInt("SELECT COUNT(*) FROM audit_log") ?? 0)
    }
}
