import AssetScoreCore
import Foundation

enum DictCommand {
    static let command = Command(
        name: "dict",
        summary: "The dictionary: import, export, list, add",
        usage: """
            Usage: assetscore dict import FILE [--format json|csv|iab] [--facet ID] [--prefix P]
                   assetscore dict export [--format json|csv] [--output FILE]
                   assetscore dict list [--facet F] [--json]
                   assetscore dict facets [--json]
                   assetscore dict add --facet F --label L [--id ID] [--alias A ...] [--broader ENTRY] [--hex #rrggbb]

            import reads the JSON or CSV format of docs/dictionary-format.md (CSV header:
            facet,id,label,aliases,broader with aliases separated by |), or an IAB Tech Lab Content
            Taxonomy 3.x / Audience Taxonomy 1.1 TSV (--facet names the facet, --prefix the id prefix).
            A file with errors is rejected whole, with line numbers; importing the same file twice
            changes nothing. After an import, pending review items are re-tried.
            """,
        options: ["format", "facet", "prefix", "output", "label", "id", "alias", "broader", "hex"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        let verb = args.positionals.first ?? "list"
        ctx.mayCreateDatabase = verb == "import" || verb == "add"
        switch verb {
        case "import": try importFile(args, ctx)
        case "export": try export(args, ctx)
        case "list": try list(args, ctx)
        case "facets": try facets(args, ctx)
        case "add": try add(args, ctx)
        case let other: throw UsageError("unknown dict action '\(safe(other))'")
        }
    }

    static func read(_ path: String, format: String?, facet: String?, prefix: String?, existing: AttributeDictionary) throws
        -> DictionaryDocument
    {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw LookupError.notFound("file", path) }
        let chosen = format ?? (url.pathExtension.lowercased() == "tsv" ? "iab" : nil)
        switch chosen {
        case "iab":
            return try IABTaxonomy.read(url: url, facet: facet, idPrefix: prefix, existing: existing)
        case nil:
            return try DictionaryDocument.read(url: url, existing: existing)
        case let f?:
            guard let format = DictionaryFileFormat(rawValue: f) else { throw UsageError("unknown format '\(safe(f))' (json, csv or iab)") }
            return try DictionaryDocument.read(url: url, format: format, existing: existing)
        }
    }

    /// Imports a validated document and re-tries pending review items against the new dictionary.
    @discardableResult
    static func importDocument(_ doc: DictionaryDocument, source: String, _ ctx: ToolContext) throws -> (DictionaryImportSummary, Int) {
        let summary = try ctx.store().importDictionary(facets: doc.facets, entries: doc.entries, source: source, actor: ctx.actor)
        let changed = summary.facetsAdded + summary.facetsUpdated + summary.entriesAdded + summary.entriesUpdated
        let resolved = changed > 0 ? try ctx.remapPending() : 0
        ctx.dictionaryChanged()
        return (summary, resolved)
    }

    static func importFile(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 2)
        let path = try args.positional(1, "FILE")
        let existing = try ctx.dictionary()
        let doc = try read(path, format: args.value("format"), facet: args.value("facet"), prefix: args.value("prefix"), existing: existing)
            .prepared(against: existing)
        let (summary, resolved) = try importDocument(doc, source: URL(fileURLWithPath: path).lastPathComponent, ctx)
        if ctx.output.json {
            struct Report: Encodable {
                var summary: DictionaryImportSummary
                var resolvedReviewLinks: Int
                enum CodingKeys: String, CodingKey {
                    case summary
                    case resolvedReviewLinks = "resolved_review_links"
                }
            }
            return try ctx.output.emit(Report(summary: summary, resolvedReviewLinks: resolved))
        }
        ctx.output.line(
            "Imported \(safe(URL(fileURLWithPath: path).lastPathComponent)): \(summary.facetsAdded) facet(s) added, \(summary.facetsUpdated) updated; "
                + "\(summary.entriesAdded) entr(ies) added, \(summary.entriesUpdated) updated, \(summary.unchanged) unchanged.")
        if resolved > 0 { ctx.output.line("\(resolved) waiting tag(s) or attribute(s) now map.") }
    }

    static func export(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 1)
        let doc = DictionaryDocument(dictionary: try ctx.dictionary())
        let data: Data
        switch args.value("format")
            ?? (args.value("output").map { URL(fileURLWithPath: $0).pathExtension.lowercased() } == "csv" ? "csv" : "json")
        {
        case "json": data = Data(SafeText.jsonSafe(String(decoding: doc.jsonData(), as: UTF8.self)).utf8)
        case "csv": data = try doc.csvData()
        case let f: throw UsageError("unknown format '\(safe(f))' (json or csv)")
        }
        if let path = args.value("output"), path != "-" {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            ctx.output.warn("Wrote \(doc.facets.count) facet(s) and \(doc.entries.count) entr(ies) to \(safe(path)).")
        } else {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
            // On a terminal every line is sanitised; a pipe or file gets the data exactly.
            if ctx.output.isTerminal {
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    ctx.output.line(SafeText.display(String(line)))
                }
            } else {
                ctx.output.line(text)
            }
        }
    }

    static func list(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 1)
        let dictionary = try ctx.dictionary()
        var entries = dictionary.entries
        if let f = args.value("facet") {
            guard dictionary.facet(f) != nil else { throw LookupError.notFound("facet", f) }
            entries = entries.filter { $0.facet == f }
        }
        if ctx.output.json { return try ctx.output.emit(entries) }
        let usage = try ctx.store().entryUsage()
        ctx.output.table(
            ["facet", "id", "label", "aliases", "broader", "used", "status"],
            entries.map { e in
                [
                    e.facet, e.id, e.label, e.aliases.joined(separator: " | "), e.broader ?? "", String(usage[e.id] ?? 0),
                    e.status == .active ? "active" : "deprecated" + (e.replacedBy.map { " -> \($0)" } ?? ""),
                ]
            }, maxWidth: 40)
        ctx.output.line()
        ctx.output.line("\(entries.count) entr(ies).")
    }

    static func facets(_ args: Arguments, _ ctx: ToolContext) throws {
        let dictionary = try ctx.dictionary()
        if ctx.output.json { return try ctx.output.emit(dictionary.facets) }
        ctx.output.table(
            ["facet", "label", "weight", "entries", "fuzzy accept"],
            dictionary.facets.map { f in
                [f.id, f.label, fmt(f.weight), String(dictionary.entries(inFacet: f.id).count), fmt(f.thresholds.fuzzyAccept)]
            })
    }

    static func add(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 1)
        let facet = try args.require("facet")
        let label = try args.require("label").trimmingCharacters(in: .whitespacesAndNewlines)
        let existing = try ctx.dictionary()
        guard existing.facet(facet) != nil else { throw LookupError.notFound("facet", facet) }
        let id = args.value("id") ?? EntrySlug.make(label, avoiding: existing)
        let entry = DictionaryEntry(
            id: id, facet: facet, label: label, aliases: args.all("alias"), broader: args.value("broader"), hex: args.value("hex"))
        let doc = try DictionaryDocument(sourceName: "dict add", facets: [], entries: [entry]).prepared(against: existing)
        guard existing.entry(id) == nil else { throw UsageError("an entry with id '\(safe(id))' exists already") }
        let (_, resolved) = try importDocument(doc, source: "dict add", ctx)
        if ctx.output.json { return try ctx.output.emit(entry) }
        ctx.output.line(
            "Added \(safe(label)) [\(safe(id))] to \(safe(facet)).\(resolved > 0 ? " \(resolved) waiting tag(s) now map." : "")")
    }
}
