import Foundation
import TerminalUI

/// A scripted terminal that times the console: how long from starting to the first screen, and
/// from each key to the screen drawn after it.
///
/// The loop calls `nextKey`, handles the key (store calls, scoring), ticks when due, renders and
/// calls `draw`; the time between a key handed out and the next draw is what an operator waits.
final class TimingTerminal: TerminalBackend {
    var size: (width: Int, height: Int)
    private var steps: [ConsoleBenchmark.Step]
    private var pending: (label: String, started: UInt64)?
    private let started: UInt64
    private(set) var firstDraw: UInt64?
    private(set) var timings: [ConsoleBenchmark.KeyTiming] = []
    private(set) var screen: ScreenBuffer
    /// Called after each draw, so the harness can note what the console showed.
    var observe: (() -> Void)?
    /// Whether background work the console shows is still running (for waiting steps).
    var busy: () -> Bool = { false }
    /// When the last key was handed out, and when a waiting step gives up.
    private var lastKey: UInt64 = 0
    private var waitingSince: UInt64?
    static let waitLimit: UInt64 = 30_000_000_000

    init(width: Int, height: Int, steps: [ConsoleBenchmark.Step], started: UInt64) {
        size = (width, height)
        screen = ScreenBuffer(width: width, height: height)
        self.steps = steps
        self.started = started
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    func draw(_ buffer: ScreenBuffer) {
        let now = Self.now()
        screen = buffer
        if firstDraw == nil { firstDraw = now }
        if let p = pending {
            timings.append(ConsoleBenchmark.KeyTiming(label: p.label, milliseconds: Double(now - p.started) / 1e6))
            pending = nil
        }
        observe?()
    }

    /// The next key of the script (never a pause: the loop's own half-second tick still runs
    /// inside the key it falls on, as it would for an operator); quits when the script is over.
    func nextKey(timeoutMS: Int) -> Key? {
        guard !steps.isEmpty else { return .ctrl("c") }
        guard let key = steps[0].key else {
            // A pause: the loop ticks, which is where background results are picked up.
            let now = Self.now()
            let since = waitingSince ?? now
            waitingSince = since
            if busy() && now - since < Self.waitLimit {
                Thread.sleep(forTimeInterval: 0.002)
                return nil
            }
            let label = busy() ? steps[0].label + " (gave up)" : steps[0].label
            timings.append(ConsoleBenchmark.KeyTiming(label: label, milliseconds: Double(now - lastKey) / 1e6))
            steps.removeFirst()
            waitingSince = nil
            return nil
        }
        let step = steps.removeFirst()
        lastKey = Self.now()
        pending = (step.label, lastKey)
        return key
    }

    var startupMilliseconds: Double { firstDraw.map { Double($0 - started) / 1e6 } ?? .nan }
}
