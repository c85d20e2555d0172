import AssetScoreCore
import Foundation

enum ReviewCommand {
    static let command = Command(
        name: "review",
        summary: "The queue of unmapped tags and attributes: list, map, add, reject, undo",
        usage: """
            Usage: assetscore review list [--all] [--json]
                   assetscore review map ITEM ENTRY       map to an existing entry (the text becomes its alias)
                   assetscore review add ITEM --label L [--facet F] [--id ID] [--broader ENTRY]
                                                          create a new entry and map to it
                   assetscore review reject ITEM          remember that this text is not an attribute
                   assetscore review undo ITEM            revert the last decision on ITEM
                   assetscore review remap                re-try every pending item with the current dictionary

            ITEM is a review item id from 'review list'. ENTRY is an entry id or label.
            Each decision re-maps every asset, user and persona waiting on the item and is written to the audit log.
            """,
        options: ["label", "facet", "id", "broader"],
        flags: ["all"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        let verb = args.positionals.first ?? "list"
        let store = try ctx.store()
        switch verb {
        case "list":
            try args.noMorePositionals(than: 1)
            try list(all: args.flag("all"), ctx)
        case "map":
            try args.noMorePositionals(than: 3)
            let item = try itemID(args)
            let entry = try resolveEntry(try args.positional(2, "ENTRY"), facet: try store.reviewItem(id: item)?.facet, ctx)
            let decided = try store.decide(itemID: item, decision: .map(entry: entry), actor: ctx.actor)
            try report(decided, ctx)
        case "add":
            try args.noMorePositionals(than: 2)
            let item = try itemID(args)
            guard let pending = try store.reviewItem(id: item) else { throw LookupError.notFound("review item", String(item)) }
            let facet = args.value("facet") ?? (pending.facet.isEmpty ? nil : pending.facet)
            guard let facet else { throw UsageError("item #\(item) has no facet hint: give --facet") }
            guard try ctx.dictionary().facet(facet) != nil else { throw LookupError.notFound("facet", facet) }
            let label = args.value("label") ?? pending.sampleText
            let broader = try args.value("broader").map { try resolveEntry($0, facet: facet, ctx) }
            let decided = try store.decide(
                itemID: item, decision: .create(facet: facet, id: args.value("id"), label: label, broader: broader), actor: ctx.actor)
            try report(decided, ctx)
        case "reject":
            try args.noMorePositionals(than: 2)
            try report(try store.decide(itemID: try itemID(args), decision: .reject, actor: ctx.actor), ctx)
        case "undo":
            try args.noMorePositionals(than: 2)
            try report(try store.undoDecision(itemID: try itemID(args), actor: ctx.actor), ctx)
        case "remap":
            try args.noMorePositionals(than: 1)
            let n = try ctx.remapPending()
            if ctx.output.json { return try ctx.output.emit(["resolved": n]) }
            ctx.output.line("\(n) pending item(s) now map with the current dictionary.")
        default:
            throw UsageError("unknown review action '\(safe(verb))'")
        }
    }

    static func itemID(_ args: Arguments) throws -> Int64 {
        let text = try args.positional(1, "ITEM")
        guard let id = Int64(text.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
            throw UsageError("ITEM must be a review item id, got '\(safe(text))'")
        }
        return id
    }

    /// An entry id, or else a label or alias (in the item's facet when it has one).
    static func resolveEntry(_ text: String, facet: String?, _ ctx: ToolContext) throws -> String {
        let dictionary = try ctx.dictionary()
        if let e = dictionary.entry(text) { return e.id }
        let result = try ctx.mapper().map(text, facet: facet.flatMap { $0.isEmpty ? nil : $0 })
        if let e = result.entry, [.exact, .alias, .hiddenLabel, .normalized].contains(result.method) { return e }
        throw LookupError.notFound("dictionary entry", text)
    }

    static func report(_ item: ReviewItem, _ ctx: ToolContext) throws {
        // A new entry or alias may answer other pending items too: resolve them now.
        let resolved = try ctx.remapPending()
        if ctx.output.json { return try ctx.output.emit(item) }
        let target = item.decidedEntry.map { " -> \(safe($0))" } ?? ""
        ctx.output.line("#\(item.id) '\(safe(item.sampleText))' is now \(item.status.rawValue)\(target).")
        if resolved > 0 { ctx.output.line("\(resolved) other waiting tag(s) or attribute(s) now map.") }
    }

    static func list(all: Bool, _ ctx: ToolContext) throws {
        let items = try ctx.store().reviewItems(status: all ? nil : .pending)
        if ctx.output.json { return try ctx.output.emit(items) }
        printQueue(items, ctx.output)
    }

    static func printQueue(_ items: [ReviewItem], _ out: Output) {
        if items.isEmpty { return out.line("The review queue is empty.") }
        out.table(
            ["item", "facet", "text", "seen", "assets", "users", "personas", "status", "best candidates"],
            items.map { i in
                [
                    "#\(i.id)", i.facet.isEmpty ? "any" : i.facet, i.sampleText, String(i.occurrences), String(i.assetIDs.count),
                    String(i.userCount), String(i.personaCount), i.status.rawValue,
                    i.decidedEntry ?? i.candidates.prefix(3).map { "\($0.entry) \(fmt($0.score))" }.joined(separator: ", "),
                ]
            }, maxWidth: 40)
    }
}
