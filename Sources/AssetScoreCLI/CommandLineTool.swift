import AssetScoreCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The `assetscore` command line: finds the subcommand, parses its options, runs it.
///
/// Exit status: 0 on success, 1 when the command failed (the message says why), 2 for a usage error.
public enum CommandLineTool {
    static let commands: [Command] = [
        InitCommand.command, DictCommand.command, IngestCommand.command, AssetsCommand.command,
        ShowCommand.command, NormalizeCommand.command, ReviewCommand.command, UsersCommand.command,
        PersonasCommand.command, CampaignCommand.command, DecideCommand.command, ExportCommand.command,
        DemoCommand.command, ConsoleCommand.command, GenerateCommand.command, JobsCommand.command, ServeCommand.command, BenchCommand.command,
    ]

    public static func main(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        var words = arguments
        let output = Output()
        defer { output.flush() }
        // Global options may come before the subcommand.
        var db: String?
        var actor: String?
        while let first = words.first, first.hasPrefix("--") {
            let name = String(first.dropFirst(2).prefix { $0 != "=" })
            guard GlobalOptions.valued.contains(name) else { break }
            words.removeFirst()
            var value: String?
            if let eq = first.firstIndex(of: "=") {
                value = String(first[first.index(after: eq)...])
            } else if !words.isEmpty {
                value = words.removeFirst()
            }
            guard let v = value else {
                output.warn("assetscore: option --\(name) needs a value")
                return 2
            }
            if name == "db" { db = v } else { actor = v }
        }
        guard let name = words.first else {
            // No command: the console when a person is at a terminal, the overview otherwise.
            guard isatty(0) == 1, isatty(1) == 1 else {
                output.line(overview())
                return 0
            }
            return main((db.map { ["--db", $0] } ?? []) + (actor.map { ["--actor", $0] } ?? []) + ["console"], environment: environment)
        }
        if name == "--help" || name == "-h" || name == "help" {
            if words.count > 1, let c = commands.first(where: { $0.name == words[1] }) {
                output.line(c.usage)
            } else {
                output.line(overview())
            }
            return 0
        }
        if name == "--version" || name == "version" {
            output.line("assetscore \(AssetScoreVersion.string)")
            return 0
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            output.warn("assetscore: unknown command '\(SafeText.display(name))'. Run 'assetscore --help' for the list.")
            return 2
        }
        do {
            let args = try Arguments(
                Array(words.dropFirst()), options: command.options.union(GlobalOptions.valued), flags: command.flags)
            if args.flag("help") {
                output.line(command.usage)
                return 0
            }
            output.json = args.flag("json")
            let context = ToolContext(
                output: output, databasePath: args.value("db") ?? db, actor: args.value("actor") ?? actor,
                environment: environment)
            try command.run(args, context)
            return 0
        } catch let error as UsageError {
            output.warn("assetscore \(command.name): \(error.message)\n\n\(command.usage)")
            return 2
        } catch {
            // One sanitised line per line of the message, so a list of import errors stays a list.
            let lines = String(describing: error).split(separator: "\n", omittingEmptySubsequences: false)
            output.warn("assetscore \(command.name): " + lines.map { SafeText.display(String($0)) }.joined(separator: "\n  "))
            return 1
        }
    }

    static func overview() -> String {
        var lines = [
            "assetscore \(AssetScoreVersion.string): creative assets as data, matched to people.",
            "",
            "Usage: assetscore [--db PATH] <command> [options]",
            "",
            "Commands:",
        ]
        for c in commands { lines.append("  " + DisplayWidth.fit(c.name, 10) + "  " + c.summary) }
        lines += [
            "",
            "The database is ./assetscore.db unless --db PATH or ASSETSCORE_DB says otherwise.",
            "Every command takes --help; most take --json for scripts.",
        ]
        return lines.joined(separator: "\n")
    }
}

public enum AssetScoreVersion {
    public static let string = "0.1.0"
}
