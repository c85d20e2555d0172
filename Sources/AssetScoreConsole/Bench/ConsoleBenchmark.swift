import AssetScoreCore
import Foundation
import TerminalUI

/// Drives the real `ConsoleController` and `ConsoleLoop` through a key script on a scripted
/// terminal and times start-up and every key, for `assetscore bench console`.
///
/// A benchmark, not a test: it reports numbers and leaves judging them to the reader (the CLI
/// prints them beside a baseline run). The script makes decisions, so run it on a copy.
public enum ConsoleBenchmark {
    /// One key of the script, with the name it is reported under.
    public struct Step: Sendable {
        public var label: String
        /// Nil waits until background work the last key started has shown (a campaign loading),
        /// and reports the time from that key to the screen that shows it.
        public var key: Key?

        public init(_ label: String, _ key: Key?) {
            self.label = label
            self.key = key
        }
    }

    public struct KeyTiming: Sendable {
        public var label: String
        public var milliseconds: Double
    }

    /// One run of the script on a fresh controller.
    public struct Run: Sendable {
        /// From building the environment to the first screen drawn.
        public var startupMilliseconds: Double
        public var keys: [KeyTiming]
        /// Error messages the console showed during the run (a healthy script shows none).
        public var errors: [String]
        /// The last screen, as text.
        public var finalScreen: String
    }

    /// Plays `steps` on a controller built from `makeEnvironment`; `started` is when the caller
    /// began (before its own set-up such as loading the stemmer), so start-up includes it.
    public static func run(
        environment: ConsoleEnvironment, steps: [Step], width: Int, height: Int,
        started: UInt64 = DispatchTime.now().uptimeNanoseconds
    ) throws -> Run {
        let controller = try ConsoleController(environment: environment)
        let terminal = TimingTerminal(width: width, height: height, steps: steps, started: started)
        var errors: [String] = []
        terminal.busy = {
            controller.state.simulator.loadingCampaign != nil || !controller.state.review.saving.isEmpty
                || controller.state.dictionary.countingUsage
                || controller.state.simulator.countingShares
        }
        terminal.observe = {
            if controller.state.messageIsError, let m = controller.state.message, errors.last != m { errors.append(m) }
        }
        ConsoleLoop.run(controller, on: terminal)
        return Run(
            startupMilliseconds: terminal.startupMilliseconds, keys: terminal.timings, errors: errors,
            finalScreen: terminal.screen.text())
    }

    /// The standard script: every pane by Tab, moving, paging, the asset detail, the review
    /// search, accepting, rejecting and undoing review items, loading a user and adding an
    /// attribute in the simulator, switching campaigns, changing profile and facet weights,
    /// and the dictionary with its facet filter. Decisions are undone, so rounds stay alike.
    public static func script(userID: String?) -> [Step] {
        var steps: [Step] = []
        func add(_ label: String, _ names: String...) {
            for n in names { steps.append(Step(label, try! Key(name: n))) }
        }
        func type(_ label: String, _ text: String) {
            for c in text { steps.append(Step(label, .character(c))) }
        }
        add("tab to review", "tab")
        add("tab to simulator", "tab")
        steps.append(Step("tab to simulator, until shown", nil))
        add("tab to dictionary", "tab")
        steps.append(Step("tab to dictionary, until counted", nil))
        add("tab to queue", "tab")
        add("queue: move", "j", "j", "j", "j", "j", "k", "k")
        add("queue: page", "pgdn", "pgdn", "pgup")
        add("queue: bottom/top", "G", "g")
        add("queue: detail", "enter")
        add("close overlay", "esc")
        add("queue: filter", "f", "f", "f", "f")
        add("pane by number", "2")
        add("review: move", "j", "j", "j", "k")
        add("review: search", "/")
        type("review: type", "sun")
        add("review: type", "backspace")
        add("close overlay", "esc")
        // Decisions save in the background: each key, then the wait until the result shows.
        func decision(_ label: String, _ key: String) {
            add(label, key)
            steps.append(Step(label + ", until saved", nil))
        }
        decision("review: accept", "a")
        decision("review: undo", "u")
        decision("review: reject", "x")
        decision("review: undo", "u")
        decision("review: accept", "a")
        decision("review: undo", "u")
        // A map through the search: an entry gains a name, so pending texts are re-mapped near it.
        add("review: search", "/")
        type("review: type", "sun")
        decision("review: search map", "enter")
        decision("review: undo", "u")
        add("pane by number", "f4")
        add("simulator: campaign", "]", "]", "]", "[")
        steps.append(Step("simulator: campaign, until shown", nil))
        if let userID {
            add("simulator: find user", "/")
            type("simulator: type", userID)
            add("simulator: load user", "enter")
        }
        add("simulator: add attribute", "a")
        type("simulator: type", "theme=beach")
        add("simulator: add attribute", "enter")
        add("simulator: weight", "-", "-", "+", "k", "-")
        add("simulator: facet weights", "w")
        add("simulator: move", "j", "j")
        add("simulator: weight", "+", "+", "-")
        add("simulator: facet weights", "w")
        add("simulator: campaign", "]")
        steps.append(Step("simulator: campaign, until shown", nil))
        add("pane by number", "4")
        steps.append(Step("pane by number, until counted", nil))
        add("dictionary: move", "j", "j", "j", "pgdn")
        add("dictionary: filter", "f", "f")
        add("pane by number", "1")
        return steps
    }
}
