import Foundation
import TerminalUI

/// What the console loop needs from a terminal: its size, drawing a buffer, and reading keys.
/// `TerminalCurses` provides the real one; `ScriptedTerminal` plays keys for tests and `--script`.
public protocol TerminalBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    func draw(_ buffer: ScreenBuffer)
    /// The next key, or nil when none arrived within `timeoutMS`.
    func nextKey(timeoutMS: Int) -> Key?
}

/// The input loop: key → action → state → screen, with a tick for background work and for
/// changes made by other processes (another operator's console).
public enum ConsoleLoop {
    public static func run(_ controller: ConsoleController, on terminal: any TerminalBackend) {
        var size = terminal.size
        controller.resize(width: size.width, height: size.height)
        terminal.draw(
            ConsoleRenderer.render(
                controller.state, keyMap: controller.keyMap, clock: controller.env.clock, previews: controller.env.previewProvider))
        var lastTick = controller.env.clock.now()
        while true {
            let key = terminal.nextKey(timeoutMS: 100)
            if let key {
                if case .resize = key {
                    size = terminal.size
                    controller.resize(width: size.width, height: size.height)
                }
                if !controller.handle(key) {
                    // A script's last screen (and a quick quit) shows the decisions it made.
                    if controller.finishBackgroundWork() {
                        terminal.draw(
                            ConsoleRenderer.render(
                                controller.state, keyMap: controller.keyMap, clock: controller.env.clock,
                                previews: controller.env.previewProvider))
                    }
                    return
                }
            }
            // Idle moments and every half second: background progress, other operators' changes.
            let now = controller.env.clock.now()
            if key == nil || now.timeIntervalSince(lastTick) >= 0.5 {
                controller.tick()
                lastTick = now
            }
            let current = terminal.size
            if current.width != controller.state.width || current.height != controller.state.height {
                controller.resize(width: current.width, height: current.height)
            }
            terminal.draw(
                ConsoleRenderer.render(
                    controller.state, keyMap: controller.keyMap, clock: controller.env.clock, previews: controller.env.previewProvider))
        }
    }
}

/// A terminal that plays a list of keys and keeps the last screen: for tests and `--script`.
public final class ScriptedTerminal: TerminalBackend {
    public var size: (width: Int, height: Int)
    public private(set) var screen: ScreenBuffer
    /// Keys to play; nil is a pause (the loop ticks, so background work can report back).
    private var steps: [Key?]
    public private(set) var drawCount = 0

    public init(width: Int, height: Int, steps: [Key?]) {
        size = (width, height)
        screen = ScreenBuffer(width: width, height: height)
        self.steps = steps
    }

    public func draw(_ buffer: ScreenBuffer) {
        screen = buffer
        drawCount += 1
    }

    /// Plays the next step; when the script is over, quits.
    public func nextKey(timeoutMS: Int) -> Key? {
        guard !steps.isEmpty else { return .ctrl("c") }
        guard let key = steps.removeFirst() else {
            Thread.sleep(forTimeInterval: Double(timeoutMS) / 1000)
            return nil
        }
        return key
    }
}
