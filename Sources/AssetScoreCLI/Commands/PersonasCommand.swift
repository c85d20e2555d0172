import AssetScoreCore
import Foundation

enum PersonasCommand {
    static let command = Command(
        name: "personas",
        summary: "Named profiles for previews: list, show, import",
        usage: """
            Usage: assetscore personas [list] [--json]
                   assetscore personas show ID [--json]
                   assetscore personas import FILE

            A persona file is a JSON array of {"id", "name", "description", "attributes":
            [{"facet", "value", "weight"}]}; see sample-assets/personas.json. Values go through the
            same mapping as users' and asset tags; one the dictionary does not know waits for review
            (import lists them) and counts in previews once decided.
            """,
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        ctx.mayCreateDatabase = args.positionals.first == "import"
        switch args.positionals.first ?? "list" {
        case "list":
            let personas = try ctx.store().personas()
            if ctx.output.json { return try ctx.output.emit(personas) }
            if personas.isEmpty { return ctx.output.line("No personas. Import some with 'assetscore personas import FILE'.") }
            ctx.output.table(
                ["persona", "name", "attributes"],
                personas.map { p in
                    [p.id, p.name, p.attributes.map { "\($0.facet)=\($0.value):\(fmt($0.weight, 1))" }.joined(separator: ", ")]
                },
                maxWidth: 70)
        case "show":
            let id = try args.positional(1, "ID")
            guard let p = try ctx.store().persona(id: id) else { throw LookupError.notFound("persona", id) }
            if ctx.output.json { return try ctx.output.emit(p) }
            ctx.output.line("Persona \(safe(p.id)): \(safe(p.name))")
            if let d = p.description { ctx.output.line("  \(safe(d))") }
            UsersCommand.printAttributes(p.attributes, ctx)
        case "import":
            let summary = try importPersonas(path: try args.positional(1, "FILE"), ctx)
            if ctx.output.json { return try ctx.output.emit(summary) }
            ctx.output.line("Imported \(summary.imported) persona(s).")
            printUnsettled(summary, ctx.output)
        case let other:
            throw UsageError("unknown personas action '\(safe(other))'")
        }
    }

    /// Maps and stores every persona of the file in one transaction; returns what was stored and
    /// which attributes do not count yet.
    @discardableResult
    static func importPersonas(path: String, _ ctx: ToolContext) throws -> PersonaImportSummary {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw LookupError.notFound("file", path) }
        let dictionary = try ctx.dictionary()
        let personas = try PersonaFile.read(url: url, knownFacets: Set(dictionary.facets.map(\.id)))
        let mapper = try ctx.mapper()
        let store = try ctx.store()
        var summary = PersonaImportSummary(imported: personas.count)
        try store.atomically {
            for var p in personas {
                p.attributes = UsersCommand.mapAttributes(p.attributes, mapper)
                let stored = try store.savePersona(p, actor: ctx.actor)
                summary.note(stored)
            }
        }
        return summary
    }

    /// Lists the attributes that wait for review or were rejected: they do not count in previews.
    static func printUnsettled(_ summary: PersonaImportSummary, _ out: Output, indent: String = "") {
        if !summary.waiting.isEmpty {
            out.line(
                indent + "\(summary.waiting.count) attribute(s) wait for review and do not count until decided "
                    + "('assetscore review list'):")
            for a in summary.waiting {
                let item = a.reviewItem.map { " (review #\($0))" } ?? ""
                out.line(indent + "  \(safe(a.persona)): \(safe(a.facet))=\(safe(a.value))\(item)")
            }
        }
        if !summary.rejected.isEmpty {
            out.line(indent + "\(summary.rejected.count) attribute(s) were rejected in review and do not count:")
            for a in summary.rejected { out.line(indent + "  \(safe(a.persona)): \(safe(a.facet))=\(safe(a.value))") }
        }
    }
}
