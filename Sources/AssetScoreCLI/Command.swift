import AssetScoreCore
import Foundation

/// One subcommand: its name, help, the options it accepts and what it does.
struct Command: Sendable {
    var name: String
    var summary: String
    /// Usage lines and option help, shown by `--help` and after usage errors.
    var usage: String
    var options: Set<String> = []
    var flags: Set<String> = []
    var run: @Sendable (Arguments, ToolContext) throws -> Void
}

/// The options every command accepts, before or after the subcommand.
enum GlobalOptions {
    static let valued: Set<String> = ["db", "actor"]
}
