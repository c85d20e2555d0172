import Foundation

/// How long to wait before trying a provider again: exponential backoff with full jitter, never
/// sooner than the provider's Retry-After.
///
/// Full jitter (a uniform wait between 0 and the exponential cap) spreads the retries of many
/// jobs that failed together, so they do not hit a rate-limited provider again in one burst.
public struct RetryPolicy: Sendable {
    /// Tries per provider before moving down the fallback chain (or giving up at its end).
    public var maxTries: Int
    /// The cap of the first retry's wait; it doubles with every try.
    public var baseDelay: TimeInterval
    /// The largest wait backoff alone produces (a Retry-After may ask for longer).
    public var maxDelay: TimeInterval
    /// The longest Retry-After waited out. A provider asking for more (a daily quota, or a
    /// broken server saying 86400) is given up on at once, so the chain moves on or the job
    /// fails with the reason, instead of an ingest sitting silent for a day.
    public var maxRetryAfter: TimeInterval
    /// A number in 0..<1; injected so tests get the same waits every run.
    public var random: @Sendable () -> Double

    public init(
        maxTries: Int = 5, baseDelay: TimeInterval = 2, maxDelay: TimeInterval = 300, maxRetryAfter: TimeInterval = 600,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxTries = max(1, maxTries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.random = random
    }

    /// Whether a Retry-After is too long to wait out.
    public func waitTooLong(_ retryAfter: TimeInterval?) -> Bool {
        (retryAfter ?? 0) > maxRetryAfter
    }

    /// The wait after the `tries`-th failed try (1 for the first).
    public func delay(afterTry tries: Int, retryAfter: TimeInterval?) -> TimeInterval {
        let cap = min(maxDelay, baseDelay * pow(2, Double(max(0, tries - 1))))
        let jittered = cap * min(max(random(), 0), 1)
        return max(retryAfter ?? 0, jittered)
    }
}
