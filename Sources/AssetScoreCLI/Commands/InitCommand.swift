import AssetScoreCore
import Foundation

enum InitCommand {
    static let command = Command(
        name: "init",
        summary: "Create the database and load the default dictionary",
        usage: """
            Usage: assetscore init [--dictionary FILE | --empty]

            Creates (or upgrades) the database and imports the default dictionary shipped with
            AssetScore, or FILE (JSON or CSV) instead. Running it again changes nothing.
            """,
        options: ["dictionary"],
        flags: ["empty"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        ctx.mayCreateDatabase = true
        try args.noMorePositionals(than: 0)
        _ = try ctx.store()
        var summary = DictionaryImportSummary()
        if !args.flag("empty") {
            summary = try loadDefaultDictionary(ctx, file: args.value("dictionary"))
        }
        if ctx.output.json { return try ctx.output.emit(summary) }
        ctx.output.line("Database \(safe(ctx.databasePath)) is ready (schema \(try ctx.store().schemaVersion())).")
        if !args.flag("empty") {
            ctx.output.line(
                "Dictionary: \(summary.entriesAdded) entr(ies) added, \(summary.entriesUpdated) updated, \(summary.unchanged) unchanged.")
        }
    }

    static func defaultDictionaryURL() throws -> URL {
        guard let url = Bundle.module.url(forResource: "default-dictionary", withExtension: "json") else {
            throw LookupError.notFound("resource", "default-dictionary.json (is the build complete?)")
        }
        return url
    }

    @discardableResult
    static func loadDefaultDictionary(_ ctx: ToolContext, file: String? = nil) throws -> DictionaryImportSummary {
        let url = try file.map { URL(fileURLWithPath: $0) } ?? defaultDictionaryURL()
        let existing = try ctx.dictionary()
        let doc = try DictionaryDocument.read(url: url, existing: existing).prepared(against: existing)
        return try DictCommand.importDocument(
            doc, source: file.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "default-dictionary.json", ctx
        ).0
    }
}
