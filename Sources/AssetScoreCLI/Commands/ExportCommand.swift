import AssetScoreCore
import Foundation

enum ExportCommand {
    static let command = Command(
        name: "export",
        summary: "The best variant per user of a campaign, as CSV for an ESP",
        usage: """
            Usage: assetscore export --campaign C [--output FILE]

            Decides for every imported user and writes one CSV row each:
              user_id,campaign,asset_id,path,alt_text,score,fallback,decision_id,reasons
            The file is written to a temporary name and renamed when complete, so an interrupted
            export never leaves half a file. Without --output the CSV goes to standard output.
            """,
        options: ["campaign", "output"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 0)
        let engine = try CampaignDecider(campaign: try args.require("campaign"), store: ctx.store(), mapper: ctx.mapper())
        let store = try ctx.store()
        let writer = try CSVExportFile(path: args.value("output"))
        var count = 0
        var wins: [Int64: Int] = [:]
        do {
            // One transaction: every exported decision id is recorded, or none is.
            try store.atomically {
                writer.row(["user_id", "campaign", "asset_id", "path", "alt_text", "score", "fallback", "decision_id", "reasons"])
                let page = 1000
                var offset = 0
                var alt: [Int64: String] = [:]
                for a in try store.assets(campaign: engine.campaign.id, status: nil) { alt[a.id] = a.altText ?? "" }
                while true {
                    let users = try store.users(limit: page, offset: offset)
                    if users.isEmpty { break }
                    for u in users {
                        let d = engine.decide(attributes: u.attributes, subject: "user:\(u.id)")
                        try store.recordDecision(d, at: Date())
                        let w = d.winner
                        if let id = w?.assetID { wins[id, default: 0] += 1 }
                        writer.row([
                            u.id, d.campaign, w.map { String($0.assetID) } ?? "", w?.path ?? "", w.flatMap { alt[$0.assetID] } ?? "",
                            w.map { String(format: "%.4f", $0.score) } ?? "", d.usedFallback ? "true" : "false", d.id,
                            w?.topReasons(3) ?? "",
                        ])
                        count += 1
                    }
                    offset += users.count
                }
                try writer.finish()
            }
        } catch {
            writer.abandon()
            throw error
        }
        if let path = args.value("output"), path != "-" {
            ctx.output.warn("Wrote \(count) decision(s) for campaign \(safe(engine.campaign.id)) to \(safe(path)).")
            for (asset, n) in wins.sorted(by: { $0.value > $1.value }) { ctx.output.warn("  asset #\(asset) wins \(n) user(s)") }
        }
    }
}
