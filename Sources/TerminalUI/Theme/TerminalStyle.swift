import Foundation

/// A role's look once degraded for one terminal: what a backend turns into a colour pair.
public struct TerminalStyle: Hashable, Sendable, CustomStringConvertible {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault, attributes: TextAttributes = [])
    {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public var description: String { "fg=\(foreground) bg=\(background) \(attributes)" }
}
