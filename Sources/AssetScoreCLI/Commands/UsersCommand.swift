import AssetScoreCore
import Foundation

enum UsersCommand {
    static let command = Command(
        name: "users",
        summary: "Import users from CSV, JSON Lines or a Segment batch; list them",
        usage: """
            Usage: assetscore users import FILE [--format csv|jsonl|segment]
                   assetscore users list [--limit N] [--offset N] [--json]
                   assetscore users show ID [--json]

            Formats are described in docs/users-format.md: CSV long (user_id,facet,value,weight) or
            wide (user_id,<facet>,...), JSON Lines, or a Segment /v1/batch body whose identify calls'
            traits name facets. Every value goes through the same mapping as asset tags; an unknown
            value is flagged for review, never dropped. The whole file is one transaction: a bad line
            anywhere stores nothing of it.
            """,
        options: ["format", "limit", "offset"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        ctx.mayCreateDatabase = args.positionals.first == "import"
        switch args.positionals.first ?? "list" {
        case "import":
            try args.noMorePositionals(than: 2)
            let summary = try importUsers(path: try args.positional(1, "FILE"), format: args.value("format"), ctx)
            if ctx.output.json { return try ctx.output.emit(summary) }
            printSummary(summary, ctx.output)
        case "list":
            try args.noMorePositionals(than: 1)
            let users = try ctx.store().users(limit: try args.int("limit") ?? 50, offset: try args.int("offset") ?? 0)
            if ctx.output.json { return try ctx.output.emit(users) }
            let total = try ctx.store().userCount()
            ctx.output.table(
                ["user", "attributes", "unmapped", "source"],
                users.map { u in
                    [
                        u.id, u.attributes.map { "\($0.facet)=\($0.value)" }.joined(separator: ", "),
                        String(u.attributes.filter { $0.entry == nil }.count), u.source,
                    ]
                }, maxWidth: 60)
            ctx.output.line()
            ctx.output.line("\(users.count) of \(total) user(s).")
        case "show":
            let id = try args.positional(1, "ID")
            guard let u = try ctx.store().user(id: id) else { throw LookupError.notFound("user", id) }
            if ctx.output.json { return try ctx.output.emit(u) }
            ctx.output.line("User \(safe(u.id)) from \(safe(u.source))")
            printAttributes(u.attributes, ctx)
        case let other:
            throw UsageError("unknown users action '\(safe(other))'")
        }
    }

    static func printAttributes(_ attributes: [UserAttribute], _ ctx: ToolContext) {
        let dictionary = try? ctx.dictionary()
        ctx.output.table(
            ["facet", "value", "weight", "mapped to", "method"],
            attributes.map { a in
                [
                    a.facet, a.value, fmt(a.weight),
                    a.entry.map { dictionary?.entry($0)?.label ?? $0 } ?? (a.reviewItemID.map { "review #\($0)" } ?? "-"),
                    a.method.rawValue,
                ]
            })
    }

    enum Format: String {
        case csv, jsonl, segment
    }

    static func detect(_ url: URL) throws -> Format {
        switch url.pathExtension.lowercased() {
        case "csv", "tsv", "txt": return .csv
        case "jsonl", "ndjson": return .jsonl
        case "json":
            // A Segment batch is one JSON object with a "batch" array; JSON Lines starts with an object per line.
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            let head = String(decoding: try handle.read(upToCount: 4096) ?? Data(), as: UTF8.self)
            return head.contains("\"batch\"") ? .segment : .jsonl
        default:
            throw UsageError("cannot tell the format of '\(safe(url.lastPathComponent))': give --format csv, jsonl or segment")
        }
    }

    /// Maps each attribute with the current dictionary, keeping the mapper's normalised text so
    /// unmapped values share review items with asset tags of the same text.
    static func mapAttributes(_ attributes: [UserAttribute], _ mapper: Mapper) -> [UserAttribute] {
        attributes.map { a in
            var m = a
            let r = mapper.map(a.value, facet: a.facet)
            m.entry = r.entry
            m.method = r.entry == nil && r.method != .rejected ? .unmapped : r.method
            m.normalized = r.normalized
            return m
        }
    }

    static func importUsers(path: String, format: String?, _ ctx: ToolContext) throws -> UserImportSummary {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw LookupError.notFound("file", path) }
        let chosen: Format
        if let f = format {
            guard let parsed = Format(rawValue: f) else { throw UsageError("unknown format '\(safe(f))' (csv, jsonl or segment)") }
            chosen = parsed
        } else {
            chosen = try detect(url)
        }
        let store = try ctx.store()
        let dictionary = try ctx.dictionary()
        let mapper = try ctx.mapper()
        let facets = Set(dictionary.facets.map(\.id))
        let options = UserImportOptions(knownFacets: facets, source: "\(chosen.rawValue):\(url.lastPathComponent)")
        let sink: (UserBatch) throws -> Void = { batch in
            var users: [UserProfile] = []
            for var u in batch.users {
                if batch.continuations.contains(u.id), let stored = try store.user(id: u.id) { u = stored.merging(u) }
                u.attributes = mapAttributes(u.attributes, mapper)
                users.append(u)
            }
            try store.saveUsers(users, actor: ctx.actor)
            ctx.output.progress("users: \(users.count) more saved")
        }
        let summary = try store.atomically { () throws -> UserImportSummary in
            switch chosen {
            case .csv: return try UserCSVImporter(options: options).importFile(at: url, sink)
            case .jsonl: return try UserJSONLinesImporter(options: options).importFile(at: url, sink)
            case .segment: return try SegmentBatchImporter(facets: facets, options: options).importFile(at: url, sink)
            }
        }
        ctx.output.endProgress()
        return summary
    }

    static func printSummary(_ s: UserImportSummary, _ out: Output) {
        out.line("Imported \(s.users) user(s) with \(s.attributes) attribute(s) from \(s.records) record(s).")
        for (facet, n) in s.skippedFacets.sorted(by: { $0.key < $1.key }) {
            out.line("  skipped \(n) value(s) of unknown facet '\(safe(facet))'")
        }
        for (call, n) in s.skippedCalls.sorted(by: { $0.key < $1.key }) { out.line("  skipped \(n) '\(safe(call))' call(s)") }
        for (trait, n) in s.skippedTraits.sorted(by: { $0.key < $1.key }) { out.line("  skipped trait '\(safe(trait))' (\(n)x)") }
        for note in s.notes { out.line("  note: \(safe(note))") }
    }
}
