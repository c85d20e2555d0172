import AssetScoreCore
import Foundation

enum AssetsCommand {
    static let command = Command(
        name: "assets",
        summary: "List assets with their status",
        usage: """
            Usage: assetscore assets [--campaign C] [--status S] [--json]

            Status is one of: queued, analysing, needs_review, ready, failed.
            """,
        options: ["campaign", "status"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 0)
        var status: AssetStatus?
        if let s = args.value("status") {
            guard let parsed = AssetStatus(rawValue: s) else {
                throw UsageError("unknown status '\(safe(s))' (one of \(AssetStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            status = parsed
        }
        let assets = try ctx.store().assets(campaign: args.value("campaign"), status: status)
            .sorted { ($0.campaign, $0.id) < ($1.campaign, $1.id) }
        if ctx.output.json { return try ctx.output.emit(assets) }
        if assets.isEmpty { return ctx.output.line("No assets. Add some with 'assetscore ingest PATH'.") }
        ctx.output.table(
            ["id", "campaign", "file", "size", "status", "note"],
            assets.map { a in
                [
                    String(a.id), a.campaign, URL(fileURLWithPath: a.path).lastPathComponent,
                    a.width.map { "\($0)x\(a.height ?? 0)" } ?? "-", a.status.rawValue, a.failureReason ?? "",
                ]
            }, maxWidth: 60)
    }
}
