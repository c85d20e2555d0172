import Foundation

/// How many transactions one connection has committed, counted by SQLite's commit hook.
///
/// A class so the hook can reach it through a stable pointer; the connection owns it and
/// outlives every call of the hook.
final class CommitCounter {
    var count: Int64 = 0
}
