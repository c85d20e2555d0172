import AssetScoreCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes served decisions in the background, many per transaction, so no request waits for a
/// SQLite write.
///
/// Requests hand decisions over with `submit` (a lock and an append). A thread writes what has
/// gathered every `interval`, insert-or-ignore by id; ids written recently are remembered, so
/// the same decision served again (Braze calls once per message part) is not written again and
/// does not move the store's change token. When the store cannot keep up, decisions beyond
/// `capacity` are dropped and counted rather than letting memory grow.
public final class DecisionRecorder: @unchecked Sendable {
    private let writer: LockedStore
    private let interval: TimeInterval
    private let capacity: Int
    private let metrics: Metrics
    private let condition = NSCondition()
    private var pending: [Decision] = []
    private var pendingIDs: Set<String> = []
    private var written: Set<String> = []
    private var stopping = false
    private var running = false
    private var thread: Thread?
    private var idle = true

    /// Remembered written ids before the memory starts over (a repeat after that is a no-op write).
    static let rememberedLimit = 500_000

    public init(writer: LockedStore, interval: TimeInterval, capacity: Int = 100_000, metrics: Metrics) {
        self.writer = writer
        self.interval = interval
        self.capacity = capacity
        self.metrics = metrics
    }

    public func start() {
        condition.withLock {
            guard !running else { return }
            running = true
            let t = Thread { [weak self] in
                // Below the request threads: a batch of thousands of rows must not delay an answer.
                // (On Linux the nice value is per thread; who 0 is the calling thread.)
                setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
                self?.loop()
            }
            t.name = "assetscore-decision-recorder"
            thread = t
            t.start()
        }
    }

    /// Queues a decision unless it was written or queued already.
    public func submit(_ decision: Decision) {
        condition.withLock {
            guard !written.contains(decision.id), !pendingIDs.contains(decision.id) else { return }
            guard pending.count < capacity else {
                metrics.add("assetscore_decisions_unrecorded_total")
                return
            }
            pendingIDs.insert(decision.id)
            pending.append(decision)
        }
    }

    /// Writes what is pending now and waits for it (tests, shutdown).
    public func flush() {
        condition.withLock {
            while !pending.isEmpty || !idle {
                condition.signal()
                _ = condition.wait(until: Date().addingTimeInterval(0.05))
            }
        }
    }

    /// Writes what is left and ends the thread.
    public func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
            while running { _ = condition.wait(until: Date().addingTimeInterval(0.05)) }
        }
    }

    private func loop() {
        while true {
            let batch: [Decision] = condition.withLock {
                while pending.isEmpty && !stopping { _ = condition.wait(until: Date().addingTimeInterval(interval)) }
                let b = pending
                pending = []
                idle = b.isEmpty
                return b
            }
            if batch.isEmpty {
                condition.withLock {
                    running = false
                    condition.broadcast()
                }
                return
            }
            write(batch)
            condition.withLock {
                if written.count + batch.count > Self.rememberedLimit { written.removeAll(keepingCapacity: true) }
                for d in batch {
                    written.insert(d.id)
                    pendingIDs.remove(d.id)
                }
                idle = true
                condition.broadcast()
            }
            // Gather a batch instead of writing each decision as it comes.
            if !stopping { Thread.sleep(forTimeInterval: interval) }
        }
    }

    private func write(_ batch: [Decision]) {
        do {
            let stored = try writer.with { try $0.recordDecisions(batch, at: Date()) }
            metrics.add("assetscore_decisions_recorded_total", UInt64(stored))
        } catch {
            metrics.add("assetscore_decisions_unrecorded_total", UInt64(batch.count))
            FileHandle.standardError.write(Data("assetscore serve: could not record \(batch.count) decisions: \(error)\n".utf8))
        }
    }
}
