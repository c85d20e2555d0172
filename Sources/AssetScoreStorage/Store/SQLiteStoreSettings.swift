import Foundation

/// The connection settings a store runs with, as SQLite reports them (for `status` output and
/// for tests that must prove WAL and foreign keys are really on).
public struct SQLiteStoreSettings: Sendable, Hashable {
    public var journalMode: String
    public var foreignKeys: Bool
    public var busyTimeoutMS: Int
    /// 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
    public var synchronous: Int
    public var schemaVersion: Int
}

extension SQLiteStore {
    public func settings() throws -> SQLiteStoreSettings {
        SQLiteStoreSettings(
            journalMode: try db.scalarText("PRAGMA journal_mode") ?? "",
            foreignKeys: try db.scalarInt("PRAGMA foreign_keys") == 1,
            busyTimeoutMS: Int(try db.scalarInt("PRAGMA busy_timeout") ?? 0),
            synchronous: Int(try db.scalarInt("PRAGMA synchronous") ?? -1),
            schemaVersion: try db.schemaVersion())
    }
}
