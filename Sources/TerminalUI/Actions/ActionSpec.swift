import Foundation

/// One row of the action table: what an action is called, where it applies, what it does, and the
/// keys it has until a key-map file says otherwise.
///
/// The same table drives the key map, the help overlay, the status bar and the cheat sheet, so a
/// key shown anywhere is the key that works (tig's request table, lazygit's bindings).
public struct ActionSpec: Hashable, Sendable {
    /// The pane name for actions available everywhere (quit, help, switching panes).
    public static let global = "global"

    /// Stable name used in key-map files ("accept-best"); lower case, no spaces.
    public var name: String
    /// The pane it applies to, or `ActionSpec.global`.
    public var pane: String
    /// Heading it is listed under in the help overlay ("Navigation", "Review").
    public var group: String
    /// One line for the help overlay ("Accept the best candidate").
    public var help: String
    /// Changes stored data in a way that needs care (reject, merge, bulk accept); shown marked.
    public var destructive: Bool
    /// Default keys, first one shown in the status bar and help.
    public var keys: [Key]
    /// Short label for the status bar ("accept"); nil keeps the action out of the status bar.
    public var statusLabel: String?

    public init(
        _ name: String, pane: String = ActionSpec.global, group: String, help: String, keys: [Key],
        destructive: Bool = false, statusLabel: String? = nil
    ) {
        self.name = name
        self.pane = pane
        self.group = group
        self.help = help
        self.destructive = destructive
        self.keys = keys
        self.statusLabel = statusLabel
    }

    /// Problems in a table: a name used twice in one pane, a key given to two actions of one pane,
    /// or a name that a key-map file could not write. Empty for a good table; tests assert that.
    public static func problems(in table: [ActionSpec]) -> [String] {
        var problems: [String] = []
        var names: Set<String> = []
        var keys: [String: String] = [:]
        for spec in table {
            if !names.insert("\(spec.pane) \(spec.name)").inserted {
                problems.append("action '\(spec.name)' is listed twice in pane '\(spec.pane)'")
            }
            if spec.name.isEmpty || spec.name.contains(where: { $0.isWhitespace || $0 == "#" }) {
                problems.append("action name '\(spec.name)' cannot be written in a key-map file")
            }
            if spec.pane.isEmpty || spec.pane.contains(where: { $0.isWhitespace || $0 == "#" }) {
                problems.append("pane name '\(spec.pane)' cannot be written in a key-map file")
            }
            for key in spec.keys {
                let slot = "\(spec.pane) \(key.name)"
                if let other = keys[slot], other != spec.name {
                    problems.append("key \(key.name) in pane '\(spec.pane)' is given to both '\(other)' and '\(spec.name)'")
                }
                keys[slot] = spec.name
            }
        }
        return problems
    }
}
