import CSQLite
import Foundation

/// One open SQLite database: owns the handle and its prepared statements.
///
/// The initialiser opens (creating the file if needed) and throws on failure; `deinit` finalises
/// every cached statement and closes the handle, so a connection can never leak or be used
/// after close. Every SQLite return code is checked and turned into `StorageError.sqlite`.
/// A connection is used from one thread at a time (it is not `Sendable`).
public final class SQLiteConnection {
    /// The file as given to the initialiser; named in every error.
    public let path: String
    let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]
    /// How many `transaction` calls are open; beyond the first they are savepoints.
    var transactionDepth = 0
    private let commits = CommitCounter()

    /// Opens (or creates) the database at `path`.
    public init(path: String) throws {
        self.path = path
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            // A handle is returned even on failure and must still be closed.
            if let db { sqlite3_close_v2(db) }
            throw StorageError.sqlite(code: rc, message: message, sql: nil, path: path)
        }
        handle = db
        // Extended codes tell a foreign-key failure from a UNIQUE one in error reports.
        sqlite3_extended_result_codes(db, 1)
        // `PRAGMA data_version` only sees other connections' commits; this counts our own, including
        // single statements in autocommit mode. Returning 0 lets every commit go ahead.
        sqlite3_commit_hook(
            db,
            { context in
                if let context { Unmanaged<CommitCounter>.fromOpaque(context).takeUnretainedValue().count += 1 }
                return 0
            }, Unmanaged.passUnretained(commits).toOpaque())
    }

    deinit {
        // Statements must be finalised before the handle closes.
        statements.removeAll()
        // The counter goes with this object; a deferred close must not call into it.
        sqlite3_commit_hook(handle, nil, nil)
        sqlite3_close_v2(handle)
    }

    /// Waits up to `milliseconds` for another connection's lock before failing with SQLITE_BUSY.
    public func setBusyTimeout(milliseconds: Int) throws {
        try check(sqlite3_busy_timeout(handle, Int32(milliseconds)), sql: "busy_timeout")
    }

    /// Runs one or more statements without parameters (schema scripts, pragmas).
    public func execute(script: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, script, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw StorageError.sqlite(code: rc, message: text, sql: script, path: path)
        }
    }

    /// Runs one statement with bound values; returns how many rows it changed.
    @discardableResult
    public func run(_ sql: String, _ values: any SQLiteBindable...) throws -> Int {
        try run(sql, values: values.map(\.sqliteValue))
    }

    @discardableResult
    public func run(_ sql: String, values: [SQLiteValue]) throws -> Int {
        try withStatement(sql, values) { statement in
            while try step(statement) {}
            return Int(sqlite3_changes64(handle))
        }
    }

    /// Runs a query and maps every row.
    public func query<T>(_ sql: String, _ values: any SQLiteBindable..., row: (SQLiteRow) throws -> T) throws -> [T] {
        try query(sql, values: values.map(\.sqliteValue), row: row)
    }

    public func query<T>(_ sql: String, values: [SQLiteValue], row: (SQLiteRow) throws -> T) throws -> [T] {
        try withStatement(sql, values) { statement in
            var out: [T] = []
            while try step(statement) { out.append(try row(SQLiteRow(handle: statement.handle))) }
            return out
        }
    }

    /// The first row of a query, if any (the rest are not read).
    public func queryFirst<T>(_ sql: String, _ values: any SQLiteBindable..., row: (SQLiteRow) throws -> T) throws -> T? {
        try queryFirst(sql, values: values.map(\.sqliteValue), row: row)
    }

    public func queryFirst<T>(_ sql: String, values: [SQLiteValue], row: (SQLiteRow) throws -> T) throws -> T? {
        try withStatement(sql, values) { statement in
            try step(statement) ? try row(SQLiteRow(handle: statement.handle)) : nil
        }
    }

    /// The integer in the first column of the first row; nil for no row or NULL.
    public func scalarInt(_ sql: String, _ values: any SQLiteBindable...) throws -> Int64? {
        try queryFirst(sql, values: values.map(\.sqliteValue)) { $0.optionalInt64(0) } ?? nil
    }

    /// The text in the first column of the first row; nil for no row or NULL.
    public func scalarText(_ sql: String, _ values: any SQLiteBindable...) throws -> String? {
        try queryFirst(sql, values: values.map(\.sqliteValue)) { $0.optionalText(0) } ?? nil
    }

    /// How many write transactions this connection has committed since it was opened.
    public var commitCount: Int64 { commits.count }

    /// SQLite's `PRAGMA data_version`: changes when another connection (in this process or
    /// another) commits to the file, never for this connection's own commits.
    public func dataVersion() throws -> Int64 {
        try scalarInt("PRAGMA data_version") ?? 0
    }

    /// SQLite's plan for a statement, one line per step ("SEARCH assets USING INDEX ..."),
    /// indented by depth: to check that a query uses the index it was written for.
    public func queryPlan(_ sql: String, values: [SQLiteValue] = []) throws -> [String] {
        var depth: [Int64: Int] = [:]
        return try query("EXPLAIN QUERY PLAN " + sql, values: values) { row in
            let level = (depth[row.int64(1)] ?? -1) + 1
            depth[row.int64(0)] = level
            return String(repeating: "  ", count: level) + row.text(3)
        }
    }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// True while a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    // MARK: Internals

    /// Binds `values` to a cached (or, when that one is busy, fresh) statement for `sql`,
    /// runs `body`, then resets the statement so it can be reused and holds no locks.
    private func withStatement<T>(_ sql: String, _ values: [SQLiteValue], _ body: (SQLiteStatement) throws -> T) throws -> T {
        let statement: SQLiteStatement
        if let cached = statements[sql], !cached.inUse {
            statement = cached
        } else {
            statement = try prepare(sql)
            if statements[sql] == nil { statements[sql] = statement }
        }
        statement.inUse = true
        defer {
            sqlite3_reset(statement.handle)
            sqlite3_clear_bindings(statement.handle)
            statement.inUse = false
        }
        try bind(values, to: statement)
        return try body(statement)
    }

    private func prepare(_ sql: String) throws -> SQLiteStatement {
        var raw: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &raw, nil)
        guard rc == SQLITE_OK, let raw else { throw error(rc, sql: sql) }
        return SQLiteStatement(handle: raw, sql: sql)
    }

    private func bind(_ values: [SQLiteValue], to statement: SQLiteStatement) throws {
        let expected = Int(sqlite3_bind_parameter_count(statement.handle))
        guard expected == values.count else {
            throw StorageError.sqlite(
                code: SQLITE_RANGE, message: "statement has \(expected) parameters but \(values.count) values were given",
                sql: statement.sql, path: path)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(statement.handle, index)
            case .integer(let v): rc = sqlite3_bind_int64(statement.handle, index, v)
            case .real(let v): rc = sqlite3_bind_double(statement.handle, index, v)
            case .text(let v):
                rc = sqlite3_bind_text(statement.handle, index, v, Int32(v.utf8.count), assetscore_sqlite_transient())
            }
            try check(rc, sql: statement.sql)
        }
    }

    /// Steps once: true for a row, false when done, throws on any error.
    private func step(_ statement: SQLiteStatement) throws -> Bool {
        let rc = sqlite3_step(statement.handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw error(rc, sql: statement.sql)
        }
    }

    func check(_ rc: Int32, sql: String?) throws {
        guard rc == SQLITE_OK else { throw error(rc, sql: sql) }
    }

    func error(_ rc: Int32, sql: String?) -> StorageError {
        var message = String(cString: sqlite3_errmsg(handle))
        if rc & 0xff == SQLITE_BUSY {
            message += " (another connection held the lock past the busy timeout)"
        }
        return .sqlite(code: rc, message: message, sql: sql, path: path)
    }
}
