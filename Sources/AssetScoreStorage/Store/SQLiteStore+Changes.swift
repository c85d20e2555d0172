import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// Other connections' commits (`PRAGMA data_version`) plus this connection's own.
    ///
    /// Both parts only ever grow, so their sum changes whenever either does. The pragma reads
    /// the WAL index header in shared memory, not a table, so polling it costs microseconds.
    public func changeToken() throws -> Int64 {
        try db.dataVersion() + db.commitCount
    }

    /// `PRAGMA data_version` alone: SQLite changes it only for commits of other connections.
    public func externalChangeToken() throws -> Int64 {
        try db.dataVersion()
    }

    /// Kept by the triggers of migration 7.
    public func dictionaryVersion() throws -> Int64 {
        guard let version = try db.scalarInt("SELECT version FROM dictionary_version WHERE id = 1") else {
            throw StorageError.corrupt("dictionary_version has no row; the database was changed by hand")
        }
        return version
    }
}
