import Foundation

extension Key {
    /// The key for one character read from a terminal in cbreak mode, where Enter, Tab, Escape,
    /// Backspace and ctrl-letters arrive as control characters; nil for controls with no key.
    ///
    /// Ctrl-h (0x08) and Ctrl-i (0x09) are indistinguishable from Backspace and Tab on a terminal,
    /// so they decode as those; Ctrl-m and Ctrl-j decode as Enter.
    public static func fromInput(_ scalar: Unicode.Scalar) -> Key? {
        switch scalar.value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x08, 0x7F: return .backspace
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(scalar.value + 0x60)!))
        case 0x00...0x1F, 0x80...0x9F: return nil
        default: return .character(Character(scalar))
        }
    }
}
