import Foundation

/// A Prometheus histogram of seconds: cumulative bucket counts, sum and count.
///
/// Buckets run from 0.25 ms to 2.5 s: decisions should take well under a millisecond, and
/// an ESP gives up after about two seconds.
struct LatencyHistogram {
    static let bounds: [Double] = [0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    /// Per bucket (not yet cumulative), plus one for +Inf.
    var counts = [UInt64](repeating: 0, count: bounds.count + 1)
    var sum = 0.0
    var count: UInt64 = 0

    mutating func observe(_ seconds: Double) {
        var i = 0
        while i < Self.bounds.count && seconds > Self.bounds[i] { i += 1 }
        counts[i] += 1
        sum += seconds
        count += 1
    }
}
