import Foundation

extension SQLiteConnection {
    /// Runs `body` atomically: all of its writes are committed, or none when it throws.
    ///
    /// The outermost call takes the write lock up front (BEGIN IMMEDIATE) so that a concurrent
    /// writer waits on the busy timeout here rather than failing half-way through with a stale
    /// snapshot. Nested calls become savepoints, so helpers can be transactional on their own
    /// and still compose.
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let depth = transactionDepth
        let savepoint = "assetscore_\(depth)"
        try run(depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT \(savepoint)")
        transactionDepth = depth + 1
        defer { transactionDepth = depth }
        do {
            let result = try body()
            try run(depth == 0 ? "COMMIT" : "RELEASE \(savepoint)")
            return result
        } catch {
            // SQLite may already have rolled back by itself (for example on SQLITE_FULL).
            if depth == 0 {
                if isInTransaction { _ = try? run("ROLLBACK") }
            } else {
                _ = try? run("ROLLBACK TO \(savepoint)")
                _ = try? run("RELEASE \(savepoint)")
            }
            throw error
        }
    }
}
