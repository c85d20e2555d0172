import Foundation

/// Time for the queue: what time it is, and waiting.
///
/// Injected so that tests of backoff, Retry-After and rate limits assert on the times the
/// worker computes and stores instead of sleeping for real.
public protocol QueueClock: Sendable {
    func now() -> Date
    /// Waits `seconds` (or returns at once when there is nothing to wait).
    func sleep(_ seconds: TimeInterval)
}

/// The wall clock and a real sleep.
public struct SystemQueueClock: QueueClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(_ seconds: TimeInterval) {
        guard seconds > 0 else { return }
        Thread.sleep(forTimeInterval: seconds)
    }
}
