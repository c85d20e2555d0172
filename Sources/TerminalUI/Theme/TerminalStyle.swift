import Foundation

/// A colour a terminal can show at a given depth.
public enum TerminalColor: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own default colour.
    case terminalDefault
    /// A palette index (0-7 or 16-255).
    case index(Int)
    /// A 24-bit colour, for terminals with direct colour.
    case rgb(RGB)

    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .index(let i): return "\(i)"
        case .rgb(let rgb): return rgb.description
        }
    }
}

/// A role's look once degraded for one terminal: what a backend turns into a colour pair.
public struct TerminalStyle: Hashable, Sendable, CustomStringConvertible {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public var description: String { "fg=\(foreground) bg=\(background) \(attributes)" }
}
