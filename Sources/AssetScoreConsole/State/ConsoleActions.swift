import TerminalUI

/// The console's action table: names, panes, help, keys. It drives the key map, the help overlay
/// (`?`) and the status bar, so a key shown anywhere is the key that works.
public enum ConsoleActions {
    // The names are constants checked by a test (every action has keys, no conflicts), so a
    // failure here is a programming error caught before any release.
    static func k(_ names: String...) -> [Key] { names.map { try! Key(name: $0) } }

    public static let table: [ActionSpec] = [
        // Global
        ActionSpec("quit", group: "General", help: "Quit the console", keys: k("q", "ctrl-c"), statusLabel: "quit"),
        ActionSpec("help", group: "General", help: "Show or hide this help", keys: k("?", "f1"), statusLabel: "help"),
        ActionSpec("next-pane", group: "Panes", help: "Focus the next pane", keys: k("tab")),
        ActionSpec("previous-pane", group: "Panes", help: "Focus the previous pane", keys: k("shift-tab")),
        ActionSpec("pane-queue", group: "Panes", help: "Ingestion queue", keys: k("1", "f2")),
        ActionSpec("pane-review", group: "Panes", help: "Tag review", keys: k("2", "f3")),
        ActionSpec("pane-simulator", group: "Panes", help: "Score simulator", keys: k("3", "f4")),
        ActionSpec("pane-dictionary", group: "Panes", help: "Dictionary", keys: k("4", "f5")),
        ActionSpec("up", group: "Navigation", help: "Move up", keys: k("up", "k")),
        ActionSpec("down", group: "Navigation", help: "Move down", keys: k("down", "j")),
        ActionSpec("page-up", group: "Navigation", help: "Page up", keys: k("pgup")),
        ActionSpec("page-down", group: "Navigation", help: "Page down", keys: k("pgdn")),
        ActionSpec("top", group: "Navigation", help: "First row", keys: k("home", "g")),
        ActionSpec("bottom", group: "Navigation", help: "Last row", keys: k("end", "G")),
        ActionSpec("refresh", group: "General", help: "Reload from the database", keys: k("ctrl-r")),
        ActionSpec("cancel", group: "General", help: "Close the overlay or prompt", keys: k("esc")),

        // Queue
        ActionSpec(
            "ingest", pane: "queue", group: "Queue", help: "Ingest a file or folder (path prompt with Tab completion)",
            keys: k("i"), statusLabel: "ingest"),
        ActionSpec("open-detail", pane: "queue", group: "Queue", help: "Open the asset's detail", keys: k("enter"), statusLabel: "detail"),
        ActionSpec(
            "retry", pane: "queue", group: "Queue", help: "Retry a failed job or asset / re-analyse the selected one", keys: k("r"),
            statusLabel: "re-analyse"),
        ActionSpec("filter-status", pane: "queue", group: "Queue", help: "Cycle the status filter", keys: k("f"), statusLabel: "filter"),
        ActionSpec(
            "toggle-jobs", pane: "queue", group: "Queue", help: "Show the queue's jobs or the assets", keys: k("v"),
            statusLabel: "jobs/assets"),

        // Review
        ActionSpec(
            "accept-best", pane: "review", group: "Review", help: "Map to the best candidate", keys: k("a", "enter"),
            statusLabel: "accept"),
        ActionSpec(
            "pick-1", pane: "review", group: "Review", help: "Map to candidate 1 (2-5 likewise; Tab or F2-F5 switch panes here)",
            keys: k("1"), statusLabel: "pick 1-5"),
        ActionSpec("pick-2", pane: "review", group: "Review", help: "Map to candidate 2", keys: k("2")),
        ActionSpec("pick-3", pane: "review", group: "Review", help: "Map to candidate 3", keys: k("3")),
        ActionSpec("pick-4", pane: "review", group: "Review", help: "Map to candidate 4", keys: k("4")),
        ActionSpec("pick-5", pane: "review", group: "Review", help: "Map to candidate 5", keys: k("5")),
        ActionSpec(
            "search-dictionary", pane: "review", group: "Review", help: "Search the dictionary and map to the entry found",
            keys: k("/"), statusLabel: "search"),
        ActionSpec(
            "create-entry", pane: "review", group: "Review", help: "Create a new entry (facet=label) and map to it", keys: k("n"),
            statusLabel: "new"),
        ActionSpec(
            "reject", pane: "review", group: "Review", help: "Reject: remember this text is not an attribute", keys: k("x"),
            destructive: true, statusLabel: "reject"),
        ActionSpec("undo", pane: "review", group: "Review", help: "Undo the last decision made here", keys: k("u"), statusLabel: "undo"),
        ActionSpec(
            "bulk-accept", pane: "review", group: "Review", help: "Accept every best candidate above a threshold (asks first)",
            keys: k("B"), destructive: true),

        // Simulator
        ActionSpec("next-campaign", pane: "simulator", group: "Simulator", help: "Next campaign", keys: k("]"), statusLabel: "campaign"),
        ActionSpec("previous-campaign", pane: "simulator", group: "Simulator", help: "Previous campaign", keys: k("[")),
        ActionSpec("next-subject", pane: "simulator", group: "Simulator", help: "Next persona", keys: k(">"), statusLabel: "persona"),
        ActionSpec("previous-subject", pane: "simulator", group: "Simulator", help: "Previous persona", keys: k("<")),
        ActionSpec("find-user", pane: "simulator", group: "Simulator", help: "Load a user by id", keys: k("/"), statusLabel: "user"),
        ActionSpec(
            "add-attribute", pane: "simulator", group: "Simulator", help: "Add an attribute (facet=value[:weight])", keys: k("a"),
            statusLabel: "add"),
        ActionSpec(
            "remove-attribute", pane: "simulator", group: "Simulator", help: "Remove the selected attribute or facet weight",
            keys: k("x", "delete")),
        ActionSpec("weight-up", pane: "simulator", group: "Simulator", help: "Raise the selected weight by 0.1", keys: k("+", "=")),
        ActionSpec("weight-down", pane: "simulator", group: "Simulator", help: "Lower the selected weight by 0.1", keys: k("-")),
        ActionSpec(
            "toggle-weights", pane: "simulator", group: "Simulator", help: "Edit profile attributes or facet weights", keys: k("w"),
            statusLabel: "weights"),

        // Dictionary
        ActionSpec(
            "add-entry", pane: "dictionary", group: "Dictionary", help: "Add an entry (facet=label)", keys: k("n"), statusLabel: "add"),
        ActionSpec(
            "rename-entry", pane: "dictionary", group: "Dictionary", help: "Rename the selected entry", keys: k("r"),
            statusLabel: "rename"),
        ActionSpec(
            "filter-facet", pane: "dictionary", group: "Dictionary", help: "Cycle the facet filter", keys: k("f"),
            statusLabel: "facet"),
        ActionSpec(
            "merge-entry", pane: "dictionary", group: "Dictionary",
            help: "Merge the selected entry into another (its names become aliases there; it is deprecated)", keys: k("M"),
            destructive: true),
        ActionSpec(
            "deprecate-entry", pane: "dictionary", group: "Dictionary", help: "Deprecate the selected entry (replacement asked)",
            keys: k("D"), destructive: true),
    ]
}
