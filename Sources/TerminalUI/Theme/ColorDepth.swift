import Foundation

/// How many colours a terminal can show; themes degrade to fit.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable {
    /// No colour: only bold, underline, reverse and dim.
    case monochrome = 0
    /// The eight ANSI colours (indexes 0-7; 16-colour terminals are used as 8).
    case ansi8 = 8
    /// The xterm 256-colour palette (only 16-255 are used: 0-15 are redefined by many users).
    case indexed256 = 256
    /// Direct 24-bit colour.
    case trueColor = 16_777_216

    /// The depth for a terminal reporting `colors` colours (terminfo `colors`, ncurses `COLORS`);
    /// `direct` when it takes 24-bit values (terminfo `RGB`).
    public init(colors: Int, direct: Bool = false) {
        if direct && colors >= 1 << 24 {
            self = .trueColor
        } else if colors >= 256 {
            self = .indexed256
        } else if colors >= 8 {
            self = .ansi8
        } else {
            self = .monochrome
        }
    }

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }
}
