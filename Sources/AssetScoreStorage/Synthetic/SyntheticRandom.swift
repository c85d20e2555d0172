import Foundation

/// SplitMix64: a tiny generator whose sequence is fixed by its definition, so a seed gives the
/// same database on every platform and Swift version (the standard library promises neither for
/// its generators nor for `random(in:)` and `shuffled()`).
struct SyntheticRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// An independent stream for item `index` of `stream`, so one asset's data does not depend
    /// on how many came before it or on the batch it is written in.
    init(seed: UInt64, stream: UInt64, index: Int) {
        var mixer = SyntheticRandom(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next() ^ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< n (n > 0), by the multiply-high method.
    mutating func int(below n: Int) -> Int {
        precondition(n > 0, "int(below:) needs a positive bound")
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// lower ... upper.
    mutating func int(_ lower: Int, _ upper: Int) -> Int { lower + int(below: upper - lower + 1) }

    /// [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    mutating func double(_ lower: Double, _ upper: Double) -> Double { lower + (upper - lower) * unit() }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    mutating func pick<T>(_ values: [T]) -> T { values[int(below: values.count)] }

    /// An index chosen with the given relative weights.
    mutating func weighted(_ weights: [Double]) -> Int {
        var target = unit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1
    }

    /// 64 lower-case hex digits, shaped like a SHA-256.
    mutating func hex64() -> String {
        (0..<4).map { _ in
            let text = String(next(), radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }
}
