import AssetScoreCore
import AssetScoreIngest
import Foundation

enum IngestCommand {
    static let command = Command(
        name: "ingest",
        summary: "Analyse creatives (files or folders) and map their tags",
        usage: """
            Usage: assetscore ingest PATH... [--campaign C] [--json]

            Analyses JPEG, PNG, WebP, GIF and TIFF files (folders are walked recursively) with the
            embedded offline analyser, maps every tag to the dictionary and flags the rest for review.
            The campaign is --campaign, else the sidecar's "campaign", else the file's folder name.
            Ingesting the same bytes again adds nothing; changed bytes at the same path give a new
            analysis version. A bad file is stored as failed with its reason; the batch goes on.

            Options:
              --campaign C   put every file into campaign C
              --json         print one object per file: file, asset_id, status, reason
            """,
        options: ["campaign"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        ctx.mayCreateDatabase = true
        guard !args.positionals.isEmpty else { throw UsageError("give at least one file or folder") }
        let outcomes = try ingest(paths: args.positionals, campaign: args.value("campaign"), ctx)
        if ctx.output.json {
            try ctx.output.emit(outcomes)
        } else {
            printOutcomes(outcomes, ctx.output)
        }
        if !outcomes.isEmpty, outcomes.allSatisfy({ $0.status == .failed }) {
            throw IngestFailure(count: outcomes.count)
        }
    }

    struct IngestFailure: Error, CustomStringConvertible {
        var count: Int
        var description: String { "all \(count) file(s) failed" }
    }

    static func ingest(paths: [String], campaign: String?, _ ctx: ToolContext) throws -> [IngestOutcome] {
        let store = try ctx.store()
        let pipeline = IngestPipeline(
            store: store, analyser: try EmbeddedAnalyser(), dictionary: try ctx.dictionary(), map: try ctx.remapFunction())
        let out = ctx.output
        let outcomes = try pipeline.ingest(paths: paths, campaign: campaign) { done, total, file in
            out.progress("ingest [\(done + 1 > total ? total : done + 1)/\(total)] \(file)")
        }
        out.endProgress()
        return outcomes
    }

    static func printOutcomes(_ outcomes: [IngestOutcome], _ out: Output) {
        let rows = outcomes.map { o -> [String] in
            let name = URL(fileURLWithPath: o.file).lastPathComponent
            let detail: String
            switch o.status {
            case .failed, .skipped, .unchanged: detail = o.reason ?? ""
            case .ready, .needsReview:
                detail = "\(o.tags ?? 0) tags, \(o.unmappedTags ?? 0) to review, v\(o.version ?? 1), \(o.durationMS ?? 0) ms"
            }
            return [o.assetID.map { "#\($0)" } ?? "-", o.campaign ?? "-", name, o.status.rawValue, detail]
        }
        out.table(["asset", "campaign", "file", "status", "detail"], rows, maxWidth: 60)
        var counts: [IngestOutcome.Status: Int] = [:]
        for o in outcomes { counts[o.status, default: 0] += 1 }
        let order: [IngestOutcome.Status] = [.ready, .needsReview, .unchanged, .failed, .skipped]
        out.line()
        out.line(
            "\(outcomes.count) file(s): "
                + order.compactMap { s in counts[s].map { "\($0) \(s.rawValue.replacingOccurrences(of: "_", with: " "))" } }
                .joined(separator: ", "))
    }
}
