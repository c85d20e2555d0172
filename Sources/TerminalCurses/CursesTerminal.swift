import CNcursesw
import Foundation
import TerminalUI

/// The terminal, through ncursesw: opens it, flushes `ScreenBuffer`s to it, reads `Key`s from it,
/// and always gives it back as it was.
///
/// This is the only type that talks to ncurses. One may be open per process (ncurses keeps one
/// current screen); opening checks TERM first, so an unknown terminal is a thrown error with a
/// clear message, not a crash or a screen of garbage.
public final class CursesTerminal {
    /// How many colours the terminal shows; pick the theme with it.
    public let colorDepth: ColorDepth
    /// True when the locale is UTF-8; otherwise non-ASCII text shows as U+FFFD or "?".
    public let unicode: Bool

    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    let defaultColors: Bool
    /// The terminal has smcup/rmcup: what curses drew disappears by itself at the end.
    let usesAlternateScreen: Bool
    var pairs: [ColorPairKey: Int16] = [:]
    /// How many of `pairs` were allocated for picture colours; bounded so pictures never take
    /// the pairs the roles need.
    var picturePairs = 0
    var lastPresented: ScreenBuffer?
    /// How previews are drawn: `.symbols` leaves the picture cells as they are; `.sixel` and
    /// `.kitty` draw `graphicEncoder`'s pixels over them.
    public var graphicsMode: GraphicsMode = .symbols
    /// (image path, columns, rows, mode, cell size in pixels) → the escape sequence drawing it.
    public var graphicEncoder: (@Sendable (String, Int, Int, GraphicsMode, (width: Int, height: Int)) -> [UInt8]?)?
    /// The placements drawn in pixels by the last `present`.
    var lastGraphics: [GraphicPlacement] = []
    private(set) var isOpen = true

    private static let openLock = NSLock()
    nonisolated(unsafe) private static var openInstance = false

    /// Opens the terminal on standard input and output.
    ///
    /// - Parameters:
    ///   - mouse: report mouse presses and the wheel as `Key.mouse`.
    ///   - controlKeysAsInput: deliver Ctrl-C, Ctrl-Z, Ctrl-\ (and Ctrl-S/Ctrl-Q) as keys
    ///     (`.ctrl("c")`) instead of signals and flow control, so a key map can bind them. Off,
    ///     Ctrl-C interrupts the program, and the terminal is restored on the way out.
    public init(mouse: Bool = true, controlKeysAsInput: Bool = false) throws(TerminalError) {
        try Self.claim()
        var opened = false
        defer { if !opened { Self.release() } }

        guard isatty(0) == 1 else { throw .notATerminal(stream: "input") }
        guard isatty(1) == 1 else { throw .notATerminal(stream: "output") }
        unicode = Self.setUpLocale()
        try Self.checkTerm()

        TerminalRestoreGuard.install(fd: 1)
        guard let screen = newterm(nil, assetscore_stdout(), assetscore_stdin()) else {
            TerminalRestoreGuard.uninstall()
            throw .startFailed("newterm failed for TERM=\(TerminalError.printable(ProcessInfo.processInfo.environment["TERM"] ?? ""))")
        }
        _ = set_term(screen)
        self.screen = screen
        self.window = assetscore_stdscr()

        if controlKeysAsInput { raw() } else { cbreak() }
        noecho()
        nonl()
        _ = keypad(window, true)
        _ = intrflush(window, false)
        // ESC alone is a key here (close, cancel); 25 ms is enough for a sequence to arrive whole.
        _ = set_escdelay(25)
        _ = curs_set(0)

        var colors = ColorDepth.monochrome
        var defaults = false
        if has_colors() {
            _ = start_color()
            defaults = use_default_colors() == OK
            colors = ColorDepth(colors: Int(assetscore_colors()), direct: tigetflag("RGB") > 0)
        }
        colorDepth = colors
        defaultColors = defaults

        if mouse {
            var mask: mmask_t = 0
            for button in 1...5 { mask |= assetscore_button_pressed(Int32(button)) }
            _ = mousemask(mask, nil)
            // Report a press at once instead of waiting to see whether it becomes a click.
            _ = mouseinterval(0)
        }
        usesAlternateScreen = assetscore_tigetstr("rmcup") != nil
        TerminalRestoreGuard.arm(sequence: Self.restoreSequence(mouse: mouse))
        opened = true
    }

    deinit { restore() }

    /// Ends curses and puts the terminal back (screen, cursor, modes). Safe to call twice.
    public func restore() {
        guard isOpen else { return }
        clearPixelGraphics()
        isOpen = false
        if !usesAlternateScreen {
            // Without an alternate screen (the Linux console) the last frame would stay under the
            // shell prompt; clear it so the terminal looks as it did before.
            _ = werase(window)
            _ = wrefresh(window)
        }
        _ = endwin()
        delscreen(screen)
        TerminalRestoreGuard.uninstall()
        Self.release()
    }

    /// The terminal's size now (it changes after `Key.resize`).
    public var size: (width: Int, height: Int) {
        var rows: Int32 = 0
        var cols: Int32 = 0
        assetscore_getmaxyx(window, &rows, &cols)
        return (Int(cols), Int(rows))
    }

    /// Forgets what is on screen, so the next `present` redraws every row (after a resize, or
    /// when something else wrote to the terminal).
    public func invalidate() {
        lastPresented = nil
        lastGraphics = []
        _ = clearok(window, true)
    }

    private static func claim() throws(TerminalError) {
        openLock.lock()
        defer { openLock.unlock() }
        guard !openInstance else { throw .alreadyOpen }
        openInstance = true
    }

    private static func release() {
        openLock.lock()
        openInstance = false
        openLock.unlock()
    }
}
