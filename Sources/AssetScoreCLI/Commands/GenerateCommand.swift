import AssetScoreCore
import AssetScoreStorage
import Foundation

enum GenerateCommand {
    static let command = Command(
        name: "generate",
        summary: "Fill the database with a large synthetic data set (for speed tests)",
        usage: """
            Usage: assetscore generate --assets N [--review-items M] [--campaigns K] [--users U] [--seed S] [--json]

            Writes N synthetic assets spread over K campaigns (default 20), tagged from the current
            dictionary as the analyser would tag them, M distinct unmapped texts waiting for review
            (default 0) whose occurrences follow a Zipf-like curve, and U users (default 1000).
            The same seed (default 1) and dictionary give the same data. An empty database gets the
            default dictionary first, as 'assetscore init' would. Rows are written 5000 per
            transaction; synthetic assets live under /synthetic/ and their analyser is "synthetic".
            """,
        options: ["assets", "review-items", "campaigns", "users", "seed"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 0)
        guard let assets = try args.int("assets") else { throw UsageError("missing --assets") }
        let options = SyntheticOptions(
            assets: assets, reviewItems: try args.int("review-items") ?? 0, campaigns: try args.int("campaigns") ?? 20,
            users: try args.int("users") ?? 1000, seed: try seed(args))
        do {
            try options.validate()
        } catch let error as StorageError {
            throw UsageError(error.description)
        }
        let summary = try generate(options, ctx)
        if ctx.output.json { return try ctx.output.emit(summary) }
        ctx.output.line(
            "Generated \(summary.assets) asset(s) (\(summary.failedAssets) failed) with \(summary.tags) tag(s) in "
                + "\(summary.campaigns) new campaign(s), \(summary.reviewItems) new review item(s) and \(summary.users) user(s) "
                + "in \(fmt(summary.seconds, 1)) s.")
    }

    /// Writes the synthetic data into `ctx`'s database (created with the default dictionary when
    /// it is empty); `bench console` uses it for its baseline database too.
    static func generate(_ options: SyntheticOptions, _ ctx: ToolContext) throws -> SyntheticSummary {
        ctx.mayCreateDatabase = true
        let started = Date()
        let store = try ctx.store()
        if try ctx.dictionary().entries.isEmpty {
            try InitCommand.loadDefaultDictionary(ctx)
            ctx.dictionaryChanged()
        }
        ctx.output.progress("generate: choosing \(options.reviewItems) review texts with the mapper")
        let data = try SyntheticDatabase(options: options, dictionary: try ctx.dictionary(), map: try ctx.remapFunction())
        var summary = try store.generate(data, actor: ctx.actor) { done, total in
            ctx.output.progress("generate: \(done) of \(total) rows")
        }
        ctx.output.endProgress()
        // The whole run, choosing the review texts with the mapper included.
        summary.seconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        return summary
    }

    /// The seed as a whole number (0 ... 2^64-1).
    static func seed(_ args: Arguments) throws -> UInt64 {
        guard let text = args.value("seed") else { return 1 }
        guard let value = UInt64(text) else { throw UsageError("--seed needs a whole number >= 0, got '\(safe(text))'") }
        return value
    }
}
