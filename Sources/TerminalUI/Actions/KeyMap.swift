import Foundation

/// Resolves a key in a pane to the name of an action: the pane's own bindings first, then the
/// global ones.
///
/// Built from the action table's default keys; a user key-map file (see `KeyMap+File.swift`) then
/// rebinds only the actions it names.
public struct KeyMap: Equatable, Sendable {
    /// The action table this map was built from, in table order.
    public let actions: [ActionSpec]
    /// pane -> key -> action name.
    private var bindings: [String: [Key: String]] = [:]
    /// "pane action" -> keys in the order they were given.
    private var keyLists: [String: [Key]] = [:]

    /// The map with every action's default keys. When a table gives one key to two actions of a
    /// pane the first keeps it; `ActionSpec.problems(in:)` reports that.
    public init(actions: [ActionSpec]) {
        self.actions = actions
        for spec in actions {
            for key in spec.keys where bindings[spec.pane]?[key] == nil {
                bindings[spec.pane, default: [:]][key] = spec.name
                keyLists[Self.slot(spec.pane, spec.name), default: []].append(key)
            }
        }
    }

    /// Every pane named in the table, plus `global`.
    public var panes: Set<String> { Set(actions.map(\.pane)).union([ActionSpec.global]) }

    /// The action `key` triggers in `pane`: the pane's binding, else the global one, else nil.
    public func action(for key: Key, in pane: String) -> String? {
        bindings[pane]?[key] ?? bindings[ActionSpec.global]?[key]
    }

    /// The keys bound to `action` in `pane` (not falling back to global), first one preferred.
    public func keys(for action: String, in pane: String) -> [Key] {
        keyLists[Self.slot(pane, action)] ?? []
    }

    /// The table entry for `action` in `pane`.
    public func spec(_ action: String, in pane: String) -> ActionSpec? {
        actions.first { $0.pane == pane && $0.name == action }
    }

    /// The actions that apply in `pane`: its own, then the global ones it does not shadow.
    public func actions(in pane: String) -> [ActionSpec] {
        let own = pane == ActionSpec.global ? [] : actions.filter { $0.pane == pane }
        let global = actions.filter { $0.pane == ActionSpec.global }
        return own + global
    }

    /// Gives `action` in `pane` exactly `keys`; a key another action of the pane had moves here.
    mutating func rebind(_ action: String, in pane: String, to keys: [Key]) {
        let slot = Self.slot(pane, action)
        for key in keyLists[slot] ?? [] { bindings[pane]?[key] = nil }
        for key in keys {
            if let other = bindings[pane]?[key], other != action {
                keyLists[Self.slot(pane, other)]?.removeAll { $0 == key }
            }
            bindings[pane, default: [:]][key] = action
        }
        keyLists[slot] = keys
    }

    private static func slot(_ pane: String, _ action: String) -> String { pane + " " + action }
}
