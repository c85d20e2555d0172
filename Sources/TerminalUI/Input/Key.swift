import Foundation

/// One decoded key press (or a resize or mouse click), whatever the terminal sent for it.
///
/// Backends turn raw input into a `Key`; key maps turn a `Key` into an action. Nothing above the
/// backend sees escape sequences or ncurses key codes.
public enum Key: Hashable, Sendable {
    /// A printable character (letters keep their case: "J" is shift-j).
    case character(Character)
    case up, down, left, right
    case enter, escape, tab, backTab, backspace, delete, insert
    case home, end, pageUp, pageDown
    /// F1 to F12 (other numbers are kept, but no name parses to them).
    case function(Int)
    /// Control with a letter, always lower case: ctrl-r is `.ctrl("r")`.
    case ctrl(Character)
    /// The terminal changed size; read the new size from the backend.
    case resize
    /// A mouse button went down at column `x`, row `y` (0-based, screen coordinates).
    case mouse(x: Int, y: Int, button: MouseButton)
}

/// Which mouse button a `Key.mouse` event reports; the wheel arrives as buttons 4 and 5.
public enum MouseButton: String, Hashable, Sendable, CaseIterable {
    case left, middle, right, wheelUp, wheelDown
}
