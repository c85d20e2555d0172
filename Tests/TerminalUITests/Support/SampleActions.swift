import TerminalUI

/// A small action table shaped like the console's, for key map, status bar and help tests.
enum SampleActions {
    static let table: [ActionSpec] = [
        ActionSpec("quit", group: "General", help: "Quit the console", keys: [.character("q"), .ctrl("c")], statusLabel: "quit"),
        ActionSpec("help", group: "General", help: "Show the keys", keys: [.character("?"), .function(1)], statusLabel: "help"),
        ActionSpec("next-pane", group: "Panes", help: "Focus the next pane", keys: [.tab]),
        ActionSpec("previous-pane", group: "Panes", help: "Focus the previous pane", keys: [.backTab]),
        ActionSpec("down", group: "Navigation", help: "Move down", keys: [.down, .character("j")]),
        ActionSpec("up", group: "Navigation", help: "Move up", keys: [.up, .character("k")]),
        ActionSpec(
            "accept-best", pane: "review", group: "Review", help: "Accept the best candidate", keys: [.character("a"), .enter],
            statusLabel: "accept"),
        ActionSpec(
            "reject", pane: "review", group: "Review", help: "Reject the tag", keys: [.character("x")], destructive: true,
            statusLabel: "reject"),
        ActionSpec(
            "bulk-accept", pane: "review", group: "Review", help: "Accept every candidate above the threshold", keys: [.character("A")],
            destructive: true),
        ActionSpec(
            "search", pane: "review", group: "Review", help: "Search the dictionary", keys: [.character("/")], statusLabel: "search"),
        ActionSpec(
            "undo", pane: "review", group: "Review", help: "Undo the last decision", keys: [.character("u"), .ctrl("z")],
            statusLabel: "undo"),
        ActionSpec(
            "weight-up", pane: "simulator", group: "Simulator", help: "Raise the weight", keys: [.character("+")], statusLabel: "weight+"),
        ActionSpec("quit-here", pane: "simulator", group: "Simulator", help: "Leave the simulator", keys: [.character("q")]),
    ]
}
