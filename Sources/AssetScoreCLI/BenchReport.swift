import Foundation

/// What `bench console` measured on the database and on the baseline, printed side by side.
struct BenchReport: Encodable {
    var database: String
    var baseline: String
    var width: Int
    var height: Int
    var rounds: Int
    var measured: Result
    var baselineResult: Result
    /// `--preview FILE`: the first preview of a file decoded in place and in the background.
    var preview: PreviewTiming?

    struct PreviewTiming: Encodable {
        var file: String
        var columns: Int
        var rows: Int
        /// A fresh cache each round: the first decode, on the calling (input) thread.
        var inPlace: [Double] = []
        /// The call that queues the background decode and returns "loading…".
        var backgroundCall: [Double] = []
        /// From that call until the picture is in the cache (the next redraw shows it).
        var backgroundReady: [Double] = []
    }

    /// The targets, in milliseconds.
    static let startupTarget = 200.0
    static let keyTarget = 16.0

    /// One database's numbers: every sample kept, so the report can take any percentile.
    struct Result: Encodable {
        var assets = 0
        var pendingItems = 0
        var users = 0
        var userID: String?
        var keysPerRound = 0
        var floor: [Double] = []
        var startup: [Double] = []
        /// Labels in script order, with their samples over all rounds.
        var labels: [String] = []
        var samples: [String: [Double]] = [:]
        var errors: [String] = []

        mutating func add(_ label: String, _ ms: Double) {
            if samples[label] == nil { labels.append(label) }
            samples[label, default: []].append(ms)
        }

        /// Waits for background work are reported, but they are not keys.
        static func isWait(_ label: String) -> Bool { label.contains(", until ") }
        var keyLabels: [String] { labels.filter { !Self.isWait($0) } }
        var allKeys: [Double] { keyLabels.flatMap { samples[$0] ?? [] } }
    }

    struct Stats: Encodable {
        var count: Int
        var p50: Double
        var p95: Double
        var max: Double

        init(_ values: [Double]) {
            let sorted = values.sorted()
            count = sorted.count
            // Nearest rank: the smallest sample with at least q of the samples at or below it.
            func rank(_ q: Double) -> Double {
                guard !sorted.isEmpty else { return .nan }
                return sorted[Swift.max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1)]
            }
            p50 = rank(0.5)
            p95 = rank(0.95)
            self.max = sorted.last ?? .nan
        }
    }

    func lines() -> [String] {
        func f(_ v: Double) -> String { v.isNaN ? "-" : String(format: v < 10 ? "%.2f" : "%.1f", v) }
        func ratio(_ a: Double, _ b: Double) -> String { b > 0 && !a.isNaN && !b.isNaN ? String(format: "%.1fx", a / b) : "-" }
        func cell(_ s: String, _ width: Int) -> String { String(repeating: " ", count: Swift.max(0, width - s.count)) + s }
        func row(_ name: String, _ a: [Double], _ b: [Double]) -> String {
            let x = Stats(a)
            let y = Stats(b)
            let label = name.count > 28 ? String(name.prefix(27)) + "…" : name.padding(toLength: 28, withPad: " ", startingAt: 0)
            return label + cell("\(x.count)", 4) + cell(f(x.p50), 8) + cell(f(x.p95), 8) + cell(f(x.max), 8) + "  "
                + cell(f(y.p50), 8) + cell(f(y.p95), 8) + cell(f(y.max), 8) + cell(ratio(x.p50, y.p50), 8)
                + cell(ratio(x.max, y.max), 8)
        }
        var out = [
            "Console benchmark: \(width)x\(height), \(rounds) round(s) of \(measured.keysPerRound) keys; times in ms",
            "measured: \(database): \(measured.assets) assets, \(measured.pendingItems) pending review items, \(measured.users) users",
            "baseline: \(baseline): \(baselineResult.assets) assets, \(baselineResult.pendingItems) pending review items, "
                + "\(baselineResult.users) users",
            "",
            "".padding(toLength: 28, withPad: " ", startingAt: 0) + cell("n", 4) + cell("measured", 24) + "  "
                + cell("baseline", 24) + cell("ratio", 16),
            "step".padding(toLength: 28, withPad: " ", startingAt: 0) + cell("", 4) + cell("p50", 8) + cell("p95", 8)
                + cell("max", 8) + "  " + cell("p50", 8) + cell("p95", 8) + cell("max", 8) + cell("p50", 8) + cell("max", 8),
            row("open + count (floor)", measured.floor, baselineResult.floor),
            row("start-up to first screen", measured.startup, baselineResult.startup),
        ]
        for label in measured.labels {
            out.append(row(label, measured.samples[label] ?? [], baselineResult.samples[label] ?? []))
        }
        out.append(row("every key (waits left out)", measured.allKeys, baselineResult.allKeys))
        out.append("")
        let startup = Stats(measured.startup)
        let waits = measured.labels.filter(Result.isWait)
        if !waits.isEmpty {
            out.append(
                "background loads, from the key to the screen showing the result: "
                    + waits.map { "\($0) p50 \(f(Stats(measured.samples[$0] ?? []).p50)), max \(f(Stats(measured.samples[$0] ?? []).max))" }
                    .joined(separator: "; "))
        }
        let slow = measured.keyLabels.filter { Stats(measured.samples[$0] ?? []).max >= Self.keyTarget }
        out.append(
            "start-up: \(f(startup.max)) ms at most (target \(Int(Self.startupTarget)) ms): "
                + (startup.max < Self.startupTarget ? "met" : "NOT met"))
        out.append(
            slow.isEmpty
                ? "keys: every key under \(Int(Self.keyTarget)) ms: met"
                : "keys: NOT met for " + slow.map { "\($0) (max \(f(Stats(measured.samples[$0] ?? []).max)))" }.joined(separator: ", "))
        if let p = preview {
            out.append(
                "preview of \(p.file) in \(p.columns)x\(p.rows) cells, first decode (p50/max): on the input thread "
                    + "\(f(Stats(p.inPlace).p50))/\(f(Stats(p.inPlace).max)); in the background: the key "
                    + "\(f(Stats(p.backgroundCall).p50))/\(f(Stats(p.backgroundCall).max)), the picture ready after "
                    + "\(f(Stats(p.backgroundReady).p50))/\(f(Stats(p.backgroundReady).max))")
        }
        for e in measured.errors { out.append("console error (measured): \(e)") }
        for e in baselineResult.errors { out.append("console error (baseline): \(e)") }
        return out
    }
}
