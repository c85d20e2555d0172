import CNcursesw
import Foundation
import TerminalUI

extension CursesTerminal {
    /// Takes the locale from the environment (LANG, LC_ALL) as ncursesw needs for wide characters;
    /// when that is not UTF-8, tries C.UTF-8 for the character type alone. True when UTF-8.
    static func setUpLocale() -> Bool {
        _ = setlocale(LC_ALL, "")
        if isUTF8() { return true }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
        return isUTF8()
    }

    private static func isUTF8() -> Bool {
        guard let codeset = assetscore_codeset() else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// Loads TERM's terminfo entry without drawing anything, so a bad TERM fails before the
    /// screen is touched (initscr would print its own message and exit the process).
    static func checkTerm() throws(TerminalError) {
        guard let term = ProcessInfo.processInfo.environment["TERM"], !term.isEmpty else { throw .termNotSet }
        var status: Int32 = 0
        guard setupterm(nil, 1, &status) == OK else {
            throw .unknownTerminal(term: term, noDatabase: status == -1)
        }
        defer { assetscore_release_setupterm() }
        guard assetscore_tigetstr("cup") != nil else { throw .cannotAddressCursor(term: term) }
    }

    /// The bytes that undo what curses did to the screen, from the terminal's own terminfo
    /// entry: attributes off, cursor visible, keypad mode off, mouse reports off, leave the
    /// alternate screen (or, without one, clear the screen). Written by the signal handler, which
    /// cannot call endwin.
    static func restoreSequence(mouse: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx"] { bytes += capabilityBytes(capability) }
        if mouse && assetscore_tigetstr("kmous") != nil {
            bytes += Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l".utf8)
        }
        let leave = capabilityBytes("rmcup")
        bytes += leave.isEmpty ? capabilityBytes("clear") : leave
        return bytes
    }

    /// A string capability without its padding specifications ("$<5>"), which only tputs reads.
    private static func capabilityBytes(_ name: String) -> [UInt8] {
        guard let value = assetscore_tigetstr(name) else { return [] }
        let bytes = Array(String(cString: value).utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "<"),
                let end = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: ">"))
            {
                i = end + 1
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}
