import AssetScoreCore
import AssetScoreIngest
import Foundation

enum DemoCommand {
    static let command = Command(
        name: "demo",
        summary: "The main job on the sample assets: ingest, review queue, decisions per persona",
        usage: """
            Usage: assetscore demo [--samples DIR] [--real DIR] [--no-real]

            Loads the default dictionary, the sample personas and users, ingests the sample
            campaigns (one folder each) and, when present, the real email creatives in
            ../shared/corpus/images/marketing as campaign "email-creatives"; then prints the
            ingestion summary, the review queue and the decision for each persona and campaign.
            Running it again adds nothing (ingestion is idempotent by content hash).
            """,
        options: ["samples", "real"],
        flags: ["no-real"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        ctx.mayCreateDatabase = true
        try args.noMorePositionals(than: 0)
        let samples = args.value("samples") ?? "sample-assets"
        guard FileManager.default.fileExists(atPath: samples) else { throw LookupError.notFound("sample folder", samples) }
        let out = ctx.output
        out.json = false
        out.line("AssetScore demo on \(safe(samples)) (database \(safe(ctx.databasePath)))")
        out.line()

        let dict = try InitCommand.loadDefaultDictionary(ctx)
        out.line(
            "1. Dictionary: \(try ctx.dictionary().facets.count) facets, \(try ctx.dictionary().entries.count) entries (\(dict.entriesAdded) new)."
        )
        let personasFile = "\(samples)/personas.json"
        if FileManager.default.fileExists(atPath: personasFile) {
            let summary = try PersonasCommand.importPersonas(path: personasFile, ctx)
            out.line("2. Personas: \(summary.imported) from \(safe(personasFile)).")
            PersonasCommand.printUnsettled(summary, out, indent: "   ")
        }
        let usersFile = "\(samples)/users.csv"
        if FileManager.default.fileExists(atPath: usersFile) {
            let s = try UsersCommand.importUsers(path: usersFile, format: "csv", ctx)
            out.line("   Users: \(s.users) with \(s.attributes) attributes from \(safe(usersFile)).")
        }

        var outcomes = try IngestCommand.ingest(paths: [samples], campaign: nil, ctx)
        let real = args.value("real") ?? "../shared/corpus/images/marketing"
        var realCampaign: String?
        if !args.flag("no-real"), FileManager.default.fileExists(atPath: real) {
            outcomes += try IngestCommand.ingest(paths: [real], campaign: "email-creatives", ctx)
            realCampaign = "email-creatives"
        }
        out.line()
        out.line("3. Ingestion")
        printIngestSummary(outcomes, ctx)

        out.line()
        out.line("4. Review queue (tags and profile attributes the dictionary could not map)")
        let items = try ctx.store().reviewItems(status: .pending)
        ReviewCommand.printQueue(Array(items.prefix(15)), out)
        if items.count > 15 { out.line("... and \(items.count - 15) more: assetscore review list") }

        out.line()
        out.line("5. Decisions per persona")
        let personas = try ctx.store().personas()
        var campaigns = try ctx.store().campaigns().map(\.id).filter { $0 != realCampaign }
        if let r = realCampaign { campaigns.append(r) }
        for campaign in campaigns {
            let engine = try CampaignDecider(campaign: campaign, store: ctx.store(), mapper: ctx.mapper())
            let variants = try ctx.store().assets(campaign: campaign, status: nil).filter { $0.status.isScorable }.sorted { $0.id < $1.id }
            out.line()
            out.line(
                "Campaign \(safe(campaign)): "
                    + variants.map { "#\($0.id) \(URL(fileURLWithPath: $0.path).lastPathComponent)" }.joined(separator: ", "))
            var rows: [[String]] = []
            for p in personas {
                let d = engine.decide(attributes: p.attributes, subject: "persona:\(p.id)")
                guard let w = d.winner else {
                    rows.append([p.name, "-", "", d.notes.first ?? ""])
                    continue
                }
                rows.append([
                    p.name, "#\(w.assetID) \(URL(fileURLWithPath: w.path).lastPathComponent)",
                    d.ranking.prefix(6).map { "#\($0.assetID) \(fmt($0.score, 2))" }.joined(separator: " > ")
                        + (d.ranking.count > 6 ? " > …" : ""),
                    d.usedFallback
                        ? "fallback: nothing matched"
                        : w.topReasons(2),
                ])
            }
            out.table(["persona", "winner", "ranking (asset score)", "top reasons"], rows, maxWidth: 60)
        }
        out.line()
        out.line("Next: 'assetscore review list', 'assetscore decide --campaign summer-sale --persona sun-seeker',")
        out.line("      'assetscore show ASSET_ID', 'assetscore export --campaign summer-sale --output decisions.csv'.")
    }

    static func printIngestSummary(_ outcomes: [IngestOutcome], _ ctx: ToolContext) {
        var byCampaign: [String: [IngestOutcome.Status: Int]] = [:]
        for o in outcomes where o.status != .skipped { byCampaign[o.campaign ?? "-", default: [:]][o.status, default: 0] += 1 }
        ctx.output.table(
            ["campaign", "files", "ready", "needs review", "unchanged", "failed"],
            byCampaign.sorted { $0.key < $1.key }.map { c, counts in
                [
                    c, String(counts.values.reduce(0, +)), String(counts[.ready] ?? 0), String(counts[.needsReview] ?? 0),
                    String(counts[.unchanged] ?? 0), String(counts[.failed] ?? 0),
                ]
            })
        for o in outcomes where o.status == .failed {
            ctx.output.line("  failed: \(safe(o.reason ?? o.file))")
        }
    }
}
