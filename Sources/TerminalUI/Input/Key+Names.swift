import Foundation

extension Key {
    /// Named keys, lower case; several spellings may name one key.
    private static let named: [String: Key] = [
        "up": .up, "down": .down, "left": .left, "right": .right,
        "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
        "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "btab": .backTab,
        "backspace": .backspace, "bs": .backspace, "delete": .delete, "del": .delete,
        "insert": .insert, "ins": .insert, "home": .home, "end": .end,
        "pgup": .pageUp, "pageup": .pageUp, "page-up": .pageUp,
        "pgdn": .pageDown, "pagedown": .pageDown, "page-down": .pageDown,
        "space": .character(" "), "hash": .character("#"), "resize": .resize,
    ]

    /// Parses a key name as written in a key-map file: a single character ("j", "?", "J"), a named
    /// key ("enter", "pgdn", "shift-tab"), "f1" to "f12", "ctrl-" plus a letter, or "shift-" plus a
    /// letter (the upper-case letter). Names are case-insensitive except single characters.
    public init(name: String) throws(KeyNameError) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 1, let c = trimmed.first, c != " " {
            guard let first = c.unicodeScalars.first, let key = Key.fromInput(first), case .character = key else {
                throw KeyNameError(name: name)
            }
            self = .character(c)
            return
        }
        let lower = trimmed.lowercased()
        if let key = Self.named[lower] {
            self = key
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n), !lower.dropFirst().hasPrefix("+") {
            self = .function(n)
            return
        }
        for prefix in ["ctrl-", "shift-"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let letter = rest.first, letter.isASCII, letter.isLetter else { break }
            if prefix == "shift-" {
                self = .character(Character(letter.uppercased()))
            } else {
                self = Key.fromInput(Unicode.Scalar(UInt8(letter.asciiValue! - 0x60)))!
            }
            return
        }
        throw KeyNameError(name: name)
    }

    /// The canonical name: parses back to the same key (mouse events have a name but no parse).
    public var name: String {
        switch self {
        case .character(" "): return "space"
        case .character("#"): return "hash"
        case .character(let c): return String(c)
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .enter: return "enter"
        case .escape: return "esc"
        case .tab: return "tab"
        case .backTab: return "shift-tab"
        case .backspace: return "backspace"
        case .delete: return "delete"
        case .insert: return "insert"
        case .home: return "home"
        case .end: return "end"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .function(let n): return "f\(n)"
        case .ctrl(let c): return "ctrl-\(c)"
        case .resize: return "resize"
        case .mouse(let x, let y, let button): return "mouse-\(button.rawValue)@\(x),\(y)"
        }
    }

    /// A short label for the status bar and help overlay ("^R", "S-Tab", "PgDn", "j").
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "BS"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        case .ctrl(let c): return "^" + c.uppercased()
        case .resize: return "Resize"
        case .mouse: return "Click"
        }
    }
}
