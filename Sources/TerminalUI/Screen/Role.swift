import Foundation

/// The meaning of a cell ("list.selected.focused", "tag.unmapped"), never its colour.
///
/// Panes say what a cell is; only the backend turns that into colours and attributes through a
/// theme, so a new theme or a monochrome terminal needs no change in any pane. Names are
/// dot-separated from general to specific: a theme that does not define `list.selected.focused`
/// falls back to `list.selected`, then `list`, then `normal`.
public struct Role: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }

    public var description: String { name }

    public static func < (a: Role, b: Role) -> Bool { a.name < b.name }

    /// The role a theme falls back to when it does not define this one: the name without its last
    /// segment, then `normal`; nil for `normal` itself.
    public var parent: Role? {
        if self == .normal { return nil }
        guard let dot = name.lastIndex(of: ".") else { return .normal }
        return Role(String(name[..<dot]))
    }
}
