import AssetScoreCore
import Foundation

enum DecideCommand {
    static let command = Command(
        name: "decide",
        summary: "Score a campaign's variants for a persona, user or inline attributes",
        usage: """
            Usage: assetscore decide --campaign C (--persona P | --user ID | --attr facet=value[:weight] ...) [--json]

            Each ready variant scores the sum over the profile's attributes of
            attribute weight x facet weight x match x tag confidence (match 1 for the same entry,
            0.5 one level broader or narrower, 0.25 two levels). Prints the winner, the ranking and
            the contributions behind every score. --attr may be repeated and combined with --persona
            or --user to add attributes; a weight is from -1 (a dislike) to 1, default 1.
            """,
        options: ["campaign", "persona", "user", "attr"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 0)
        let campaignID = try args.require("campaign")
        var attributes: [UserAttribute] = []
        var subject: String?
        if let p = args.value("persona") {
            guard let persona = try ctx.store().persona(id: p) else { throw LookupError.notFound("persona", p) }
            attributes += persona.attributes
            subject = "persona:\(persona.id)"
        }
        if let u = args.value("user") {
            guard args.value("persona") == nil else { throw UsageError("give --persona or --user, not both") }
            guard let user = try ctx.store().user(id: u) else { throw LookupError.notFound("user", u) }
            attributes += user.attributes
            subject = "user:\(user.id)"
        }
        let inline = try args.all("attr").map(parseAttribute)
        let facets = try ctx.dictionary()
        for a in inline where facets.facet(a.facet) == nil {
            throw UsageError("unknown facet '\(safe(a.facet))' in --attr (facets: \(facets.facets.map(\.id).joined(separator: ", ")))")
        }
        attributes += inline
        guard !attributes.isEmpty || subject != nil else { throw UsageError("give --persona, --user or at least one --attr") }
        let engine = try CampaignDecider(campaign: campaignID, store: ctx.store(), mapper: ctx.mapper())
        let decision = engine.decide(attributes: attributes, subject: subject)
        try ctx.store().recordDecision(decision, at: Date())
        if ctx.output.json { return try ctx.output.emit(decision) }
        print(decision, ctx: ctx, detailed: true)
    }

    /// `facet=value[:weight]`; the weight may be negative (a dislike).
    static func parseAttribute(_ text: String) throws -> UserAttribute {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw UsageError("--attr needs facet=value[:weight], got '\(safe(text))'")
        }
        let facet = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
        var value = String(text[text.index(after: eq)...])
        var weight = 1.0
        if let colon = value.lastIndex(of: ":"), let w = Double(value[value.index(after: colon)...]) {
            guard w.isFinite, (-1...1).contains(w) else {
                throw UsageError("--attr '\(safe(text))': the weight must be from -1 (dislike) to 1")
            }
            weight = w
            value = String(value[..<colon])
        }
        value = value.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw UsageError("--attr '\(safe(text))' has an empty value") }
        return UserAttribute(facet: facet, value: value, weight: weight)
    }

    static func print(_ d: Decision, ctx: ToolContext, detailed: Bool) {
        let out = ctx.output
        let dictionary = try? ctx.dictionary()
        func label(_ id: String) -> String { dictionary?.entry(id)?.label ?? id }
        if let w = d.winner {
            out.line(
                "Winner: #\(w.assetID) \(safe(URL(fileURLWithPath: w.path).lastPathComponent))  score \(fmt(w.score, 3))\(d.usedFallback ? "  (fallback)" : "")"
            )
        } else {
            out.line("No winner: the campaign has no scorable variant.")
        }
        for n in d.notes { out.line("  note: \(safe(n))") }
        out.line("  decision \(d.id)")
        out.line()
        out.table(
            ["rank", "asset", "file", "score", "top reasons"],
            d.ranking.enumerated().map { i, v in
                [
                    String(i + 1), "#\(v.assetID)", URL(fileURLWithPath: v.path).lastPathComponent, fmt(v.score, 3),
                    v.topReasons(3),
                ]
            }, maxWidth: 70)
        guard detailed, let w = d.winner, !w.contributions.isEmpty else { return }
        out.line()
        out.line("Why #\(w.assetID) scores \(fmt(w.score, 3)):")
        out.table(
            ["facet", "profile", "asset tag", "weight", "facet w", "match", "conf", "value"],
            w.contributions.map { c in
                [
                    c.facet, label(c.userEntry), label(c.assetEntry), fmt(c.attributeWeight), fmt(c.facetWeight), fmt(c.match),
                    fmt(c.confidence), fmt(c.value, 3),
                ]
            })
    }
}
