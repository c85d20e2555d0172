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
        let step = steps.removeFirst()
        pending = (step.label, Self.now())
        return step.key
    }

    var startupMilliseconds: Double { firstDraw.map { Double($0 - started) / 1e6 } ?? .nan }
}
