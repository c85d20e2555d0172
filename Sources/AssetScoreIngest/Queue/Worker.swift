import AssetScoreCore
import Foundation

/// Runs queued ingestion jobs on `concurrency` threads until told to stop or until `done` says
/// the work the caller waits for is finished.
///
/// Each thread has its own connection and providers and claims one job at a time with a lease;
/// a heartbeat thread renews the leases this process holds. On start, jobs left `analysing` by
/// a dead process (or with an expired lease) are queued again, so a killed ingest resumes.
/// Stopping lets every thread finish the job in hand, so nothing is left half-done.
public final class Worker: Sendable {
    public let configuration: WorkerConfiguration
    public let environment: WorkerEnvironment
    public let stopSignal = StopSignal()
    private let limiter: RateLimiter

    public init(configuration: WorkerConfiguration, environment: WorkerEnvironment) {
        self.configuration = configuration
        self.environment = environment
        limiter = RateLimiter(perMinute: configuration.requestsPerMinute)
    }

    /// Asks every thread to stop after its current job; `run` then returns.
    public func stop() { stopSignal.set() }

    /// Blocks until `done(store)` is true while this thread has nothing due, or `stop()`.
    /// Throws the first error that stopped a thread (a database that cannot be opened, say).
    public func run(
        until done: @escaping @Sendable (any AssetStore) throws -> Bool, onEvent: @escaping @Sendable (WorkerEvent) -> Void = { _ in }
    ) throws {
        let recovered = try recover()
        if !recovered.isEmpty { onEvent(.recovered(recovered)) }
        let errors = ErrorBox()
        let group = DispatchGroup()
        let heartbeatStop = StopSignal()
        for i in 0..<configuration.concurrency {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                do {
                    try loop(until: done, onEvent: onEvent)
                } catch {
                    errors.add(error)
                    onEvent(.error(String(describing: error)))
                }
            }
            thread.name = "ingest-worker-\(i)"
            thread.start()
        }
        let heartbeat = Thread { [self] in beat(until: heartbeatStop) }
        heartbeat.name = "ingest-heartbeat"
        heartbeat.start()
        group.wait()
        heartbeatStop.set()
        if let first = errors.first { throw first }
    }

    /// Requeues jobs whose owner is gone or whose lease expired; returns their ids.
    @discardableResult
    public func recover() throws -> [Int64] {
        try environment.openStore().recoverJobs(at: environment.clock.now(), isOwnerAlive: configuration.isOwnerAlive)
    }

    private func loop(until done: @Sendable (any AssetStore) throws -> Bool, onEvent: @Sendable (WorkerEvent) -> Void) throws {
        let runner = try JobRunner(environment: environment, configuration: configuration, limiter: limiter)
        let clock = environment.clock
        while !stopSignal.isSet {
            if try runner.processNext(onEvent: onEvent) { continue }
            if try done(runner.store) { return }
            let recovered = try runner.store.recoverJobs(at: clock.now(), isOwnerAlive: configuration.isOwnerAlive)
            if !recovered.isEmpty {
                onEvent(.recovered(recovered))
                continue
            }
            let now = clock.now()
            let next = try runner.store.nextJobDue(after: now).map { $0.timeIntervalSince(now) } ?? configuration.pollInterval
            clock.sleep(min(max(next, 0.01), configuration.pollInterval))
        }
    }

    /// Renews this process's leases in real time until `stop`; a failed renewal is tried again
    /// at the next beat (the lease is much longer than the beat).
    private func beat(until stop: StopSignal) {
        guard let store = try? environment.openStore() else { return }
        while !stop.wait(configuration.heartbeat) {
            _ = try? store.heartbeatJobs(owner: configuration.owner, lease: configuration.lease, at: environment.clock.now())
        }
    }
}

/// Errors from worker threads, handed back to `run`'s caller.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []
    func add(_ error: any Error) { lock.withLock { errors.append(error) } }
    var first: (any Error)? { lock.withLock { errors.first } }
}
