import Foundation

/// Why the terminal could not be opened: said plainly, before anything is drawn.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, a CI job without a tty).
    case notATerminal(stream: String)
    /// TERM is unset or empty.
    case termNotSet
    /// No terminfo entry for TERM (or no terminfo database at all).
    case unknownTerminal(term: String, noDatabase: Bool)
    /// The terminal type cannot move the cursor (TERM=dumb, a printing terminal).
    case cannotAddressCursor(term: String)
    /// A console is already open in this process: ncurses has one screen per process.
    case alreadyOpen
    /// ncurses refused to start for another reason.
    case startFailed(String)

    public var description: String {
        let known = "xterm-256color, screen-256color, tmux-256color or linux"
        switch self {
        case .notATerminal(let stream):
            return "standard \(stream) is not a terminal; the console needs an interactive terminal"
        case .termNotSet:
            return "TERM is not set; set it to your terminal type, such as \(known)"
        case .unknownTerminal(let term, let noDatabase):
            let why = noDatabase ? "no terminfo database was found" : "this system has no terminfo entry for it"
            return "unknown terminal type '\(Self.printable(term))' (TERM): \(why); set TERM to a known type, such as \(known)"
        case .cannotAddressCursor(let term):
            return "terminal type '\(Self.printable(term))' (TERM) cannot move the cursor; set TERM to a full-screen type, such as \(known)"
        case .alreadyOpen:
            return "the terminal is already open in this process"
        case .startFailed(let why):
            return "cannot start the terminal: \(why)"
        }
    }

    /// TERM comes from the environment: keep control characters out of the message.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : Character($0) })
    }
}
