import AssetScoreCore
import Foundation
import TerminalUI

/// Counts the dictionary's usage on a background queue with its own connection; only the
/// newest request's counts are kept for the input loop to take.
///
/// The counts join every tag row (1.3 million at 100,000 assets) to the latest analyses:
/// about half a second, paid again after every change. The pane shows the entries at once and
/// the counts when they are ready; a request the operator has moved past is skipped.
final class UsageCounter: @unchecked Sendable {
    struct Counted: Sendable {
        var generation: Int
        var outcome: Result<[String: Int], ConsoleError>
    }

    private let queue = DispatchQueue(label: "assetscore.console.usage", qos: .userInitiated)
    private let lock = NSLock()
    private var requested = 0
    private var pending: Counted?
    private let openStore: @Sendable () throws -> any AssetStore
    /// Touched on `queue` only.
    private var store: (any AssetStore)?

    init(openStore: @escaping @Sendable () throws -> any AssetStore) {
        self.openStore = openStore
    }

    /// Starts counting for `generation` (newer than any earlier request).
    func count(_ generation: Int) {
        lock.withLock { requested = max(requested, generation) }
        queue.async { [self] in
            BackgroundPriority.lowerCurrentThread()
            // A newer request is queued behind this one: its count is the one that shows.
            guard lock.withLock({ generation >= requested }) else { return }
            let outcome: Result<[String: Int], ConsoleError>
            do {
                if store == nil { store = try openStore() }
                outcome = .success(try store!.entryUsage())
            } catch {
                outcome = .failure(ConsoleError("counting dictionary usage: \(error)"))
            }
            lock.withLock {
                if generation >= requested { pending = Counted(generation: generation, outcome: outcome) }
            }
        }
    }

    func take() -> Counted? {
        lock.withLock {
            defer { pending = nil }
            return pending
        }
    }

    /// Blocks until the counts asked for so far are done (tests).
    func waitUntilIdle() {
        queue.sync {}
    }
}
