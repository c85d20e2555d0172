import Foundation

/// A piece of text with one role; a list row or table cell is a few of these side by side.
public struct Span: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var role: Role?

    /// `role` nil means "the role of the surrounding widget" (`list.normal` in a list).
    public init(_ text: String, role: Role? = nil) {
        self.text = text
        self.role = role
    }

    public init(stringLiteral value: String) { self.init(value) }
}

extension ScreenBuffer {
    /// Writes spans one after another from (x, y) within `maxWidth` columns; the last one that does
    /// not fit ends with "…". Returns the columns used.
    @discardableResult
    public mutating func write(_ spans: [Span], x: Int, y: Int, maxWidth: Int, role: Role) -> Int {
        var used = 0
        for span in spans where used < maxWidth {
            used += write(span.text, x: x + used, y: y, maxWidth: maxWidth - used, role: span.role ?? role, overflow: .ellipsis)
        }
        return used
    }
}
