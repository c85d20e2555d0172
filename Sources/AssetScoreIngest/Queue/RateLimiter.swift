import Foundation

/// Requests per minute per provider, as token buckets shared by every worker thread.
///
/// A bucket holds up to `burst` tokens and refills at rate/60 per second; a call takes one.
/// The limiter never sleeps itself: `reserve` says how long to wait, so the worker waits on its
/// injected clock (and tests stay instant).
public final class RateLimiter: @unchecked Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let lock = NSLock()
    private let perMinute: [String: Double]
    private var buckets: [String: Bucket] = [:]

    /// `perMinute` by provider name; a provider not named is not limited.
    public init(perMinute: [String: Double]) {
        self.perMinute = perMinute.filter { $0.value > 0 }
    }

    /// Takes a token for `provider` and returns 0, or returns how many seconds to wait before
    /// asking again.
    public func reserve(_ provider: String, at now: Date) -> TimeInterval {
        guard let rate = perMinute[provider] else { return 0 }
        let burst = max(1, rate / 60 * 5).rounded(.down)
        return lock.withLock {
            var bucket = buckets[provider] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * rate / 60)
            bucket.updated = now
            defer { buckets[provider] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return 0
            }
            return (1 - bucket.tokens) * 60 / rate
        }
    }
}
