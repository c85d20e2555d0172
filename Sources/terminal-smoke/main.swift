// terminal-smoke: the smallest real program on CursesTerminal, for the tmux tests in
// Tests/TerminalCursesTests. It draws wide characters, a hostile string, roles and the last key
// it decoded, redraws on resize, and quits on q. Not a user-facing tool.
//
//   terminal-smoke [--theme NAME] [--raw] [--graphics sixel|kitty] [--fail-after-draw | --crash-after-draw]
//
// With --graphics the picture strip is also drawn in pixels (a fixed one-colour image), and p
// hides or shows it.
import Foundation
import TerminalCurses
import TerminalUI

struct SimulatedFailure: Error, CustomStringConvertible {
    var description: String { "simulated failure after the first draw (--fail-after-draw)" }
}

let actions = [
    ActionSpec("quit", group: "General", help: "Quit", keys: [.character("q")], statusLabel: "quit"),
    ActionSpec("help", group: "General", help: "Show the keys", keys: [.character("?")], statusLabel: "help"),
]

func screen(
    width: Int, height: Int, depth: ColorDepth, theme: ResolvedTheme, lastKey: String, keys: Int, help: Bool, picture showPicture: Bool
) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: width, height: height)
    guard TooSmallNotice.fits(width: width, height: height, minimumWidth: 40, minimumHeight: 10) else {
        TooSmallNotice.draw(into: &buffer, minimumWidth: 40, minimumHeight: 10)
        return buffer
    }
    let inside = PaneFrame.draw(
        into: &buffer, in: Rect(x: 0, y: 0, width: width, height: height - 1), title: "terminal-smoke", focused: true)
    let lines: [[Span]] = [
        [Span("size \(width)x\(height)  colours \(depth.rawValue)  theme \(theme.name)")],
        [Span("漢字テスト", role: .tagUnmapped), Span(" ok "), Span("🎉", role: .scoreWinner), Span(" café")],
        [Span("last key: ", role: .dim), Span("\(lastKey) (\(keys) keys)", role: .statusKey)],
        [Span("hostile: ", role: .dim), Span("\u{1B}[2J\u{1B}]0;pwned\u{7}\u{9B}31m\u{202E}txt", role: .error)],
        [Span("pid \(getpid())")],
        [Span("emoji: ❤️ 👨‍👩‍👧 e\u{301} 🇫🇷 end")],
        [Span(String(repeating: "long-tag-", count: 34), role: .tagMapped)],
    ]
    ListView.draw(into: &buffer, in: inside, rows: lines, selected: 2, offset: 0, focused: true)
    // A strip of picture cells (as an image preview draws them): red over blue, then green over yellow.
    let picture = [
        (0..<4).map { _ in Cell(picture: "▀", foreground: RGB(220, 20, 30), background: RGB(20, 40, 200)) }
            + (0..<4).map { _ in Cell(picture: "▄", foreground: RGB(30, 200, 40), background: RGB(230, 220, 20)) }
    ]
    if showPicture { buffer.blitPicture(picture, in: Rect(x: inside.maxX - 9, y: inside.maxY - 1, width: 8, height: 1), source: "strip") }
    StatusBar.draw(into: &buffer, y: height - 1, keyMap: KeyMap(actions: actions), pane: "global", message: "ready")
    if help { HelpOverlay.draw(into: &buffer, in: buffer.bounds, keyMap: KeyMap(actions: actions), pane: "global") }
    return buffer
}

func run(arguments: [String]) throws -> Int {
    var themeName: String?
    if let i = arguments.firstIndex(of: "--theme"), i + 1 < arguments.count { themeName = arguments[i + 1] }
    let terminal = try CursesTerminal(controlKeysAsInput: arguments.contains("--raw"))
    defer { terminal.restore() }
    let (theme, _) = ThemeCatalog().resolve(
        requested: themeName, environment: ProcessInfo.processInfo.environment, depth: terminal.colorDepth)
    var lastKey = "none"
    var keys = 0
    var help = false
    var picture = true
    if let i = arguments.firstIndex(of: "--graphics"), i + 1 < arguments.count, let mode = GraphicsMode(rawValue: arguments[i + 1]) {
        terminal.graphicsMode = mode
        terminal.graphicEncoder = { _, columns, rows, mode, _ in
            switch mode {
            case .sixel: Array("\u{1B}Pq#0;2;100;0;0#0~~~~~~~~\u{1B}\\".utf8)
            case .kitty: Array("\u{1B}_Ga=T,f=24,s=1,v=1,c=\(columns),r=\(rows);/wAA\u{1B}\\".utf8)
            case .symbols: nil
            }
        }
    }
    func draw() {
        let size = terminal.size
        terminal.present(
            screen(
                width: size.width, height: size.height, depth: terminal.colorDepth, theme: theme, lastKey: lastKey, keys: keys, help: help,
                picture: picture),
            theme: theme)
    }
    draw()
    if arguments.contains("--fail-after-draw") { throw SimulatedFailure() }
    if arguments.contains("--crash-after-draw") { fatalError("simulated crash after the first draw (--crash-after-draw)") }
    while true {
        guard let key = terminal.readKey(timeoutMS: -1) else { continue }
        if key == .character("q") { break }
        if key == .character("?") { help.toggle() }
        if key == .character("p") { picture.toggle() }
        keys += 1
        lastKey = key.name
        draw()
    }
    return keys
}

do {
    let keys = try run(arguments: CommandLine.arguments)
    print("terminal-smoke: bye after \(keys) keys")
    exit(0)
} catch {
    FileHandle.standardError.write(Data("terminal-smoke: error: \(error)\n".utf8))
    exit(1)
}
