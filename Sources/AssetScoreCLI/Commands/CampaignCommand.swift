import AssetScoreCore
import Foundation

enum CampaignCommand {
    static let command = Command(
        name: "campaign",
        summary: "List campaigns; set facet weights and the fallback variant",
        usage: """
            Usage: assetscore campaign list [--json]
                   assetscore campaign weight C facet=weight ...   (weight "default" removes the override)
                   assetscore campaign fallback C ASSET_ID

            Facet weights multiply every contribution of that facet in this campaign's scores; facets
            without an override use the dictionary's facet weight.
            """,
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        let store = try ctx.store()
        switch args.positionals.first ?? "list" {
        case "list":
            let campaigns = try store.campaigns()
            if ctx.output.json { return try ctx.output.emit(campaigns) }
            if campaigns.isEmpty { return ctx.output.line("No campaigns yet: ingest a folder per campaign.") }
            let assets = try store.assets(campaign: nil, status: nil)
            ctx.output.table(
                ["campaign", "variants", "ready", "needs review", "failed", "facet weights", "fallback"],
                campaigns.map { c in
                    let mine = assets.filter { $0.campaign == c.id }
                    return [
                        c.id, String(mine.count), String(mine.filter { $0.status == .ready }.count),
                        String(mine.filter { $0.status == .needsReview }.count), String(mine.filter { $0.status == .failed }.count),
                        c.facetWeights.sorted { $0.key < $1.key }.map { "\($0.key)=\(fmt($0.value))" }.joined(separator: " "),
                        c.fallbackAssetID.map { "#\($0)" } ?? "-",
                    ]
                })
        case "weight":
            let id = try args.positional(1, "campaign")
            guard var c = try store.campaign(id) else { throw LookupError.notFound("campaign", id) }
            let settings = Array(args.positionals.dropFirst(2))
            guard !settings.isEmpty else { throw UsageError("give at least one facet=weight") }
            let dictionary = try ctx.dictionary()
            for s in settings {
                let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw UsageError("expected facet=weight, got '\(safe(s))'") }
                guard dictionary.facet(parts[0]) != nil else { throw LookupError.notFound("facet", parts[0]) }
                if parts[1] == "default" {
                    c.facetWeights[parts[0]] = nil
                } else {
                    guard let w = Double(parts[1]), w.isFinite, (0...100).contains(w) else {
                        throw UsageError("a facet weight is a number from 0 to 100, got '\(safe(parts[1]))'")
                    }
                    c.facetWeights[parts[0]] = w
                }
            }
            try store.upsertCampaign(c)
            ctx.output.line(
                "Campaign \(safe(c.id)) facet weights: \(c.facetWeights.sorted { $0.key < $1.key }.map { "\($0.key)=\(fmt($0.value))" }.joined(separator: " "))"
            )
        case "fallback":
            let id = try args.positional(1, "campaign")
            guard var c = try store.campaign(id) else { throw LookupError.notFound("campaign", id) }
            let assetText = try args.positional(2, "ASSET_ID")
            guard let assetID = Int64(assetText), let a = try store.asset(id: assetID), a.campaign == c.id else {
                throw LookupError.notFound("asset in campaign \(c.id)", assetText)
            }
            c.fallbackAssetID = a.id
            try store.upsertCampaign(c)
            ctx.output.line("Campaign \(safe(c.id)) falls back to asset #\(a.id).")
        case let other:
            throw UsageError("unknown campaign action '\(safe(other))'")
        }
    }
}
