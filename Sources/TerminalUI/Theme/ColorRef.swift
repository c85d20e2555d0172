import Foundation

/// A colour as a role line names it: a palette name, a literal, or the terminal's own colour.
public enum ColorRef: Hashable, Sendable, CustomStringConvertible {
    case named(String)
    case rgb(RGB)
    /// The terminal's default foreground or background (keeps a transparent terminal transparent).
    case terminalDefault

    public init(parsing text: String) {
        if text.lowercased() == "default" {
            self = .terminalDefault
        } else if let rgb = RGB(hex: text) {
            self = .rgb(rgb)
        } else {
            self = .named(text)
        }
    }

    public var description: String {
        switch self {
        case .named(let name): return name
        case .rgb(let rgb): return rgb.description
        case .terminalDefault: return "default"
        }
    }
}
