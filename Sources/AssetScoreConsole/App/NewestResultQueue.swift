import Foundation
import TerminalUI

/// A serial background queue whose work only the newest request's result survives: what the
/// console's usage counts and share chart run on, so a slow count never holds a key and an
/// operator who moved on is never shown an old answer.
///
/// Requests carry increasing generations. Work queued behind a newer request is skipped, and
/// running work can ask `isCurrent` to stop early. A result is kept only while it is the newest
/// asked for. The input loop takes it on its tick. The queue's thread runs below the loop's
/// priority (`BackgroundPriority`).
final class NewestResultQueue<Output: Sendable>: @unchecked Sendable {
    struct Finished: Sendable {
        var generation: Int
        var output: Output
    }

    private let queue: DispatchQueue
    private let lock = NSLock()
    private var requested = 0
    private var pending: Finished?

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    /// Runs `work` for `generation` (newer than any earlier request) unless a newer one comes
    /// first. `work` gets a check that turns false once a newer request is made, and returns nil
    /// when it stopped early.
    func submit(_ generation: Int, _ work: @escaping @Sendable (_ isCurrent: @escaping @Sendable () -> Bool) -> Output?) {
        supersede(generation)
        queue.async { [self] in
            BackgroundPriority.lowerCurrentThread()
            let isCurrent = { @Sendable [self] in lock.withLock { generation >= requested } }
            guard isCurrent(), let output = work(isCurrent) else { return }
            lock.withLock {
                if generation >= requested { pending = Finished(generation: generation, output: output) }
            }
        }
    }

    /// Marks every request up to `generation` as superseded: work for them stops at its next
    /// check, and their results are not kept.
    func supersede(_ generation: Int) {
        lock.withLock { requested = max(requested, generation) }
    }

    /// The newest result, once.
    func take() -> Finished? {
        lock.withLock {
            defer { pending = nil }
            return pending
        }
    }

    /// Blocks until the work asked for so far is done (tests, quitting a script).
    func waitUntilIdle() {
        queue.sync {}
    }

}
