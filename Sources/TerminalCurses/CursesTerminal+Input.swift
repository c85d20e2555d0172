import CNcursesw
import Foundation
import TerminalUI

extension CursesTerminal {
    /// Waits up to `timeoutMS` milliseconds (-1: forever, 0: not at all) for a key and returns it
    /// decoded; nil on timeout or for input that is no key we know (an unknown escape sequence is
    /// swallowed whole rather than leaking its characters as key presses).
    public func readKey(timeoutMS: Int32) -> Key? {
        guard isOpen else { return nil }
        wtimeout(window, timeoutMS)
        var value: wint_t = 0
        switch wget_wch(window, &value) {
        case KEY_CODE_YES:
            return key(forCode: Int32(bitPattern: value))
        case OK:
            guard let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
            if scalar == "\u{1B}" { return readEscape() }
            return Key.fromInput(scalar)
        default:
            return nil
        }
    }

    /// After ESC: a lone ESC is the Escape key (ncurses already waited ESCDELAY for more); ESC
    /// followed by a sequence ncurses did not decode is decoded here; ESC then any other key
    /// (alt-x) gives Escape, and that key comes next.
    private func readEscape() -> Key? {
        var body: [Unicode.Scalar] = []
        while body.count < 32 {
            wtimeout(window, body.isEmpty ? 0 : 5)
            var value: wint_t = 0
            let status = wget_wch(window, &value)
            guard status == OK, let scalar = Unicode.Scalar(UInt32(value)) else {
                // A function key (arrow, PgDn, resize) is pushed back as a key code with ungetch;
                // unget_wch would turn it into a character.
                if status == KEY_CODE_YES { _ = ungetch(Int32(value)) }
                break
            }
            if body.isEmpty && scalar != "[" && scalar != "O" {
                _ = unget_wch(wchar_t(bitPattern: value))
                return .escape
            }
            body.append(scalar)
            if EscapeSequence.isComplete(body) { return EscapeSequence.decode(body) }
        }
        return body.isEmpty ? .escape : EscapeSequence.decode(body)
    }

    /// The key for an ncurses key code (KEY_UP...), including the extended codes terminfo defines
    /// for modified keys (kUP5 is ctrl-up), which count as the plain key.
    func key(forCode code: Int32) -> Key? {
        switch code {
        case KEY_UP, KEY_SR: return .up
        case KEY_DOWN, KEY_SF: return .down
        case KEY_LEFT, KEY_SLEFT: return .left
        case KEY_RIGHT, KEY_SRIGHT: return .right
        case KEY_HOME, KEY_SHOME, KEY_A1: return .home
        case KEY_END, KEY_SEND, KEY_C1: return .end
        case KEY_PPAGE, KEY_SPREVIOUS, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_SNEXT, KEY_C3: return .pageDown
        case KEY_DC, KEY_SDC: return .delete
        case KEY_IC, KEY_SIC: return .insert
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE:
            invalidate()
            return .resize
        case KEY_MOUSE: return mouseKey()
        default: break
        }
        for n in 1...12 where code == assetscore_key_f(Int32(n)) { return .function(n) }
        guard let name = keyname(code).map({ String(cString: $0) }) else { return nil }
        let modified: [(String, Key)] = [
            ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right), ("kHOM", .home), ("kEND", .end),
            ("kPRV", .pageUp), ("kNXT", .pageDown), ("kDC", .delete), ("kIC", .insert),
        ]
        return modified.first { name.hasPrefix($0.0) && name.dropFirst($0.0.count).allSatisfy(\.isNumber) }?.1
    }

    private func mouseKey() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let buttons: [(Int32, MouseButton)] = [(1, .left), (2, .middle), (3, .right), (4, .wheelUp), (5, .wheelDown)]
        for (number, button) in buttons
        where event.bstate & (assetscore_button_pressed(number) | assetscore_button_clicked(number)) != 0 {
            return .mouse(x: Int(event.x), y: Int(event.y), button: button)
        }
        return nil
    }
}
