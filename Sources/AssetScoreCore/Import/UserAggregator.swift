import Foundation

/// Gathers attributes per user in input order and cuts them into batches.
///
/// A batch is closed when it is full and a user id not in it arrives, so a file grouped by user
/// never splits a user. An ungrouped file can: the user then appears again in a later batch,
/// listed in `continuations` so the caller merges instead of replacing. Only the ids already
/// emitted are remembered (to detect that), not their attributes.
struct UserAggregator {
    let options: UserImportOptions
    let source: String
    private var pending: [UserProfile] = []
    private var pendingIndex: [String: Int] = [:]
    private var emitted: Set<String> = []
    private var continued: Set<String> = []
    var summary = UserImportSummary()

    init(options: UserImportOptions, source: String) {
        self.options = options
        self.source = options.source ?? source
    }

    /// Adds attributes to a user (creating it); returns a full batch to hand on, if one closed.
    mutating func add(user id: String, attributes: [UserAttribute]) -> UserBatch? {
        if let i = pendingIndex[id] {
            pending[i].attributes = UserProfile.mergeAttributes(pending[i].attributes, attributes)
            return nil
        }
        var closed: UserBatch?
        if pending.count >= max(1, options.batchSize) { closed = flush() }
        pendingIndex[id] = pending.count
        pending.append(
            UserProfile(
                id: id, attributes: UserProfile.mergeAttributes([], attributes), source: source,
                updatedAt: options.timestamp))
        return closed
    }

    /// The last, partial batch (nil when nothing is pending).
    mutating func finish() -> UserBatch? {
        pending.isEmpty ? nil : flush()
    }

    private mutating func flush() -> UserBatch {
        var continuations: Set<String> = []
        for user in pending {
            if emitted.contains(user.id) {
                continuations.insert(user.id)
                continued.insert(user.id)
            } else {
                emitted.insert(user.id)
            }
            summary.attributes += user.attributes.count
        }
        summary.batches += 1
        summary.users = emitted.count
        summary.continuedUsers = continued.count
        let batch = UserBatch(users: pending, continuations: continuations)
        pending.removeAll(keepingCapacity: true)
        pendingIndex.removeAll(keepingCapacity: true)
        return batch
    }
}
