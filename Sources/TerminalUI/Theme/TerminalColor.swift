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
