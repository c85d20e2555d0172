import Foundation

/// How a `Worker` runs: how many threads, how hard it retries, how long a lease lasts.
public struct WorkerConfiguration: Sendable {
    /// Jobs analysed at once (one thread each, each with its own providers and connection).
    public var concurrency: Int
    public var retry: RetryPolicy
    /// How long a claimed job stays ours without a heartbeat; the backstop when the owner
    /// cannot be checked (another host) or hangs.
    public var lease: TimeInterval
    /// Real seconds between lease renewals of the jobs this process holds.
    public var heartbeat: TimeInterval
    /// Longest idle wait between looks at the queue.
    public var pollInterval: TimeInterval
    /// Requests per minute by provider name; providers not named are not limited.
    public var requestsPerMinute: [String: Double]
    /// This process, as lease owner; tests set their own to act as two processes.
    public var owner: String
    /// Whether a lease owner still runs (a dead one's jobs are recovered at once).
    public var isOwnerAlive: @Sendable (String) -> Bool

    public init(
        concurrency: Int = 1, retry: RetryPolicy = RetryPolicy(), lease: TimeInterval = 300, heartbeat: TimeInterval = 30,
        pollInterval: TimeInterval = 1, requestsPerMinute: [String: Double] = [:], owner: String = LeaseOwner.current,
        isOwnerAlive: @escaping @Sendable (String) -> Bool = LeaseOwner.isAlive
    ) {
        self.concurrency = max(1, concurrency)
        self.retry = retry
        self.lease = lease
        self.heartbeat = heartbeat
        self.pollInterval = pollInterval
        self.requestsPerMinute = requestsPerMinute
        self.owner = owner
        self.isOwnerAlive = isOwnerAlive
    }
}
