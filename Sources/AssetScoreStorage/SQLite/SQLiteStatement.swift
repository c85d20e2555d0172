import CSQLite
import Foundation

/// A prepared statement owned by one connection; finalised when released.
final class SQLiteStatement {
    let handle: OpaquePointer
    let sql: String
    /// Set while the statement is bound and stepping, so a nested use of the same SQL (a query
    /// inside another query's row closure) gets its own statement instead of resetting this one.
    var inUse = false

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }
}
