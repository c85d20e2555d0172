import AssetScoreConsole
import AssetScoreCore
import AssetScoreIngest
import AssetScorePreview
import AssetScoreStorage
import Foundation
import TerminalCurses
import TerminalUI

enum ConsoleCommand {
    static let command = Command(
        name: "console",
        summary: "The review console (also what 'assetscore' with no command opens)",
        usage: """
            Usage: assetscore console [--theme NAME|FILE] [--keys FILE] [--graphics auto|symbols|sixel|kitty]
                   assetscore console --script "KEYS" [--size WxH] [--dump-screen] [--roles]

            A keyboard-first console over the same database as the CLI: 1 ingestion queue,
            2 tag review, 3 score simulator, 4 dictionary (Tab switches; ? lists every key).
            Themes: default-dark, light, high-contrast, monochrome (Themes/), or a .theme file;
            NO_COLOR or a terminal without colours gives the monochrome theme. --keys names a
            key-map file (lines: PANE ACTION KEY...). ASSETSCORE_THEME and ASSETSCORE_KEYS are
            read when the options are absent, then the settings file ~/.config/assetscore/config
            (or $XDG_CONFIG_HOME/assetscore/config) with lines 'theme = light', 'keys = FILE'.
            Image previews use chafa symbols in any terminal, and real pixels where the terminal
            speaks sixel (foot, mlterm, WezTerm...) or the kitty protocol; --graphics (or
            'graphics =' in the settings file, or ASSETSCORE_GRAPHICS) forces one (default auto).

            --script plays key names separated by spaces ("j j enter tab 3 ] + wait q"; "wait"
            pauses so background work can report) without a terminal, and --dump-screen prints
            the final screen as text (--roles adds the role of every cell run), for tests.
            """,
        options: ["theme", "keys", "graphics", "script", "size"],
        flags: ["dump-screen", "roles"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 0)
        let config = try ConsoleConfig.load(ConsoleConfig.url(ctx.environment))
        let keyMap = try loadKeyMap(args.value("keys") ?? ctx.environment["ASSETSCORE_KEYS"] ?? config.values["keys"])
        let graphicsSetting = args.value("graphics") ?? ctx.environment["ASSETSCORE_GRAPHICS"] ?? config.values["graphics"] ?? "auto"
        guard let graphics = PixelGraphics.mode(named: graphicsSetting, environment: ctx.environment) else {
            throw UsageError("--graphics takes auto, symbols, sixel or kitty, not '\(SafeText.display(graphicsSetting))'")
        }
        let path = ctx.databasePath
        guard FileManager.default.fileExists(atPath: path) else { throw ToolContext.MissingDatabase(path: path) }
        let normalizer = try ToolContext.normalizer()
        var environment = ConsoleEnvironment(
            openStore: { try SQLiteStore(path: path) },
            makeMapper: { store in
                Mapper(dictionary: try store.loadDictionary(), normalizer: normalizer, rejections: try store.rejections())
            },
            makeAnalyser: { try EmbeddedAnalyser() },
            actor: ctx.actor, previewProvider: ImagePreview.shared.backgroundProvider)
        // Ingests started in the console go through the same queue and providers as the CLI's.
        let settings = try IngestSettings.resolve(nil, ctx)
        environment.providers = settings.providers
        environment.model = settings.model
        environment.baseURL = settings.baseURL
        environment.apiKeyFile = settings.apiKeyFile
        environment.makeProvider = ProviderWiring.factory(settings, environment: ctx.environment)
        environment.crossCheck = ProviderWiring.crossCheck
        let controller = try ConsoleController(environment: environment, keyMap: keyMap)
        if let script = args.value("script") {
            return try runScript(script, size: args.value("size"), controller: controller, args: args, ctx)
        }
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch {
            throw ConsoleStartError(message: "\(error)")
        }
        defer { terminal.restore() }
        terminal.graphicsMode = graphics
        terminal.graphicEncoder = ImagePreview.shared.graphicProvider
        let (theme, problems) = ThemeCatalog(userDirectories: userThemeDirectories(ctx.environment)).resolve(
            requested: args.value("theme") ?? ctx.environment["ASSETSCORE_THEME"] ?? config.values["theme"], environment: ctx.environment,
            depth: terminal.colorDepth)
        if let problem = problems.first { controller.report("theme: \(problem) (using \(theme.name))") }
        ConsoleLoop.run(controller, on: CursesBackend(terminal: terminal, theme: theme))
    }

    struct ConsoleStartError: Error, CustomStringConvertible {
        var message: String
        var description: String { "cannot start the console: \(message)" }
    }

    static func userThemeDirectories(_ env: [String: String]) -> [URL] {
        let base =
            env["XDG_CONFIG_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: env["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        return [base.appendingPathComponent("assetscore/themes")]
    }

    static func loadKeyMap(_ file: String?) throws -> KeyMap {
        guard let file else { return KeyMap(actions: ConsoleActions.table) }
        return try KeyMap.load(actions: ConsoleActions.table, userFile: URL(fileURLWithPath: file))
    }

    /// `--size WIDTHxHEIGHT` as numbers (1 to 1000 each).
    static func size(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0, parts[0] <= 1000, parts[1] <= 1000 else {
            throw UsageError("--size needs WIDTHxHEIGHT, e.g. 80x24")
        }
        return (parts[0], parts[1])
    }

    static func runScript(_ script: String, size: String?, controller: ConsoleController, args: Arguments, _ ctx: ToolContext) throws {
        let (width, height) = try Self.size(size ?? "80x24")
        var steps: [Key?] = []
        for word in script.split(separator: " ") {
            if word == "wait" {
                steps += Array(repeating: nil, count: 5)
                continue
            }
            do {
                steps.append(try Key(name: String(word)))
            } catch {
                throw UsageError("--script: \(error)")
            }
        }
        let terminal = ScriptedTerminal(width: width, height: height, steps: steps)
        ConsoleLoop.run(controller, on: terminal)
        if args.flag("dump-screen") || args.flag("roles") {
            ctx.output.line(terminal.screen.text())
            if args.flag("roles") { ctx.output.line(terminal.screen.roleMap()) }
        }
    }
}

/// The console's loop over the real terminal.
final class CursesBackend: TerminalBackend {
    let terminal: CursesTerminal
    let theme: ResolvedTheme

    init(terminal: CursesTerminal, theme: ResolvedTheme) {
        self.terminal = terminal
        self.theme = theme
    }

    var size: (width: Int, height: Int) { terminal.size }
    func draw(_ buffer: ScreenBuffer) { terminal.present(buffer, theme: theme) }
    func nextKey(timeoutMS: Int) -> Key? { terminal.readKey(timeoutMS: Int32(timeoutMS)) }
}
