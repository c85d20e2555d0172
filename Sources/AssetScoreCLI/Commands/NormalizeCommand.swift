import AssetScoreCore
import Foundation

enum NormalizeCommand {
    static let command = Command(
        name: "normalize",
        summary: "Dry run: what a raw text would map to, and why",
        usage: """
            Usage: assetscore normalize TEXT [--facet F] [--json]

            Runs the mapping pipeline (exact label, alias, normalised form, fuzzy) without storing
            anything. --json prints {entry, method, confidence, candidates: [{entry, score}], ...};
            entry is null when the text would be flagged for review.
            """,
        options: ["facet"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 1)
        let text = try args.positional(0, "TEXT")
        let facet = args.value("facet")
        let dictionary = try ctx.dictionary()
        if let f = facet, dictionary.facet(f) == nil {
            throw UsageError("unknown facet '\(safe(f))' (facets: \(dictionary.facets.map(\.id).joined(separator: ", ")))")
        }
        let result = try ctx.mapper().map(text, facet: facet)
        if ctx.output.json { return try ctx.output.emit(result) }
        let out = ctx.output
        out.line("input       \(safe(text))")
        out.line("normalised  \(safe(result.normalized))")
        if let e = result.entry, let entry = dictionary.entry(e) {
            out.line(
                "maps to     \(safe(entry.label)) [\(safe(e))] in \(safe(entry.facet)) by \(result.method.rawValue), confidence \(fmt(result.confidence))"
            )
        } else {
            out.line("maps to     nothing: \(result.method == .rejected ? "rejected before" : "would be flagged for review")")
        }
        out.line("why         \(safe(result.explanation))")
        if !result.candidates.isEmpty {
            out.line()
            out.table(["candidate", "label", "facet", "score"], result.candidates.map { [$0.entry, $0.label, $0.facet, fmt($0.score)] })
        }
    }
}
