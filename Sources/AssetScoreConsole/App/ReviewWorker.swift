import AssetScoreCore
import Foundation
import TerminalUI

/// Runs review decisions on one background queue, in the order they were asked for, with its
/// own connection, and keeps their outcomes until the input loop takes them.
///
/// A decision on an item linked to thousands of assets rewrites thousands of tag rows and
/// recounts the review ranking: hundreds of milliseconds on a big database, far too long for a
/// key. One serial queue keeps two decisions from racing (the second sees the first's result,
/// exactly as when they ran in place), and the loop keeps answering keys meanwhile.
final class ReviewWorker: @unchecked Sendable {
    /// What one job reports back: its result (a status-bar line or an error), the undo entries
    /// it settled, and the lists read after it, so the loop applies them without reading.
    struct Outcome: Sendable {
        var ticket: Int
        /// The items the job was saving (their "saving…" mark goes).
        var items: [Int64]
        var message: String
        var isError: Bool
        /// Items decided, in order, for `u` (bulk accept; a single decision pushes at once).
        var decided: [Int64] = []
        /// A single decision that failed: its optimistic undo entry is taken back.
        var failedUndo: Int64?
        var lists: ConsoleLists?
        /// The mapper after the job (its dictionary may have gained names).
        var mapper: Mapper?
        /// A read-only re-read of the lists after decisions, not a decision (see
        /// `ConsoleController.verifyAfterDecisions`).
        var isRefresh = false
    }

    private let queue = DispatchQueue(label: "assetscore.console.review", qos: .userInitiated)
    private let lock = NSLock()
    private var outcomes: [Outcome] = []
    private var running = 0
    private var nextTicket = 1
    /// Touched on `queue` only: the connection, and tickets whose decision did not happen (an
    /// undo queued behind one of them has nothing to undo).
    private var store: (any AssetStore)?
    private var failedTickets: Set<Int> = []
    private let openStore: @Sendable () throws -> any AssetStore

    init(openStore: @escaping @Sendable () throws -> any AssetStore) {
        self.openStore = openStore
    }

    /// Jobs submitted and not yet taken by the loop.
    var isBusy: Bool {
        lock.withLock { running > 0 || !outcomes.isEmpty }
    }

    /// Queues `work`; returns its ticket. `after` names a ticket whose failure makes this job
    /// pointless (an undo of a decision that never happened): it then reports `skipped`.
    @discardableResult
    func submit(
        items: [Int64], after: Int? = nil, skipped: String = "nothing to undo",
        _ work: @escaping @Sendable (any AssetStore, Int) -> Outcome
    ) -> Int {
        let ticket = lock.withLock {
            running += 1
            defer { nextTicket += 1 }
            return nextTicket
        }
        queue.async { [self] in
            BackgroundPriority.lowerCurrentThread()
            var outcome: Outcome
            if let after, failedTickets.contains(after) {
                outcome = Outcome(ticket: ticket, items: items, message: skipped, isError: true)
            } else {
                do {
                    if store == nil { store = try openStore() }
                    outcome = work(store!, ticket)
                } catch {
                    outcome = Outcome(ticket: ticket, items: items, message: String(describing: error), isError: true)
                }
            }
            if outcome.isError { failedTickets.insert(ticket) }
            lock.withLock {
                outcomes.append(outcome)
                running -= 1
            }
        }
        return ticket
    }

    /// The outcomes finished so far, in the order the jobs ran.
    func take() -> [Outcome] {
        lock.withLock {
            defer { outcomes.removeAll() }
            return outcomes
        }
    }

    /// Blocks until every job submitted so far has run (quitting, tests).
    func waitUntilIdle() {
        queue.sync {}
    }
}
