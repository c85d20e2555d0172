import AssetScoreCore
import Foundation

enum ShowCommand {
    static let command = Command(
        name: "show",
        summary: "Show one asset: measurements, tags with evidence, mapping",
        usage: """
            Usage: assetscore show ASSET_ID [--raw] [--json]

            Prints every extracted field, each tag with its evidence and how it was mapped, and the
            analysis history. --raw adds the analyser's raw output as received.
            """,
        flags: ["raw"],
        run: run)

    struct Detail: Encodable {
        var asset: Asset
        var analysis: Analysis?
        var tags: [AssetTag]
        var versions: Int
        var disagreements: [AnalysisDisagreement]
    }

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 1)
        let idText = try args.positional(0, "ASSET_ID")
        guard let id = Int64(idText.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
            throw UsageError("ASSET_ID must be a number, got '\(safe(idText))'")
        }
        let store = try ctx.store()
        guard let asset = try store.asset(id: id) else { throw LookupError.notFound("asset", idText) }
        let analysis = try store.latestAnalysis(assetID: id)
        let tags = try store.tags(assetID: id)
        let versions = try store.analyses(assetID: id).count
        let disagreements = try analysis.map { try store.disagreements(analysisID: $0.id) } ?? []
        if ctx.output.json {
            var a = analysis
            if !args.flag("raw") { a?.rawOutput = "" }
            return try ctx.output.emit(Detail(asset: asset, analysis: a, tags: tags, versions: versions, disagreements: disagreements))
        }
        let out = ctx.output
        out.line("Asset #\(asset.id)  \(safe(asset.path))")
        out.line("  campaign \(safe(asset.campaign)) · \(asset.mediaType) · \(asset.size) bytes · status \(asset.status.rawValue)")
        out.line("  sha256 \(asset.contentHash)")
        if let r = asset.failureReason { out.line("  failure: \(safe(r))") }
        if let alt = asset.altText { out.line("  alt text: \(safe(alt))") }
        guard let analysis else { return }
        let f = analysis.fields
        out.line()
        out.line(
            "Analysis v\(analysis.version) by \(analysis.analyser) \(analysis.analyserVersion) in \(analysis.durationMS) ms (\(versions) version(s))"
        )
        if let m = analysis.model { out.line("  model \(safe(m))") }
        if !disagreements.isEmpty {
            out.line("  the model and the measurements disagree (flagged for review):")
            for d in disagreements {
                out.line("    \(safe(d.field)): \(safe(d.provider)) says \(safe(d.modelClaim)); measured \(safe(d.measured))")
                if let note = d.note { out.line("      \(safe(note))") }
            }
        }
        out.line("  size \(f.width)x\(f.height), \(f.orientation), format class \(f.formatClass)")
        if let b = f.brightness, let c = f.contrast {
            out.line(
                "  brightness \(fmt(b)), contrast \(fmt(c)), colourfulness \(fmt(f.colorfulness ?? 0, 1)), warmth \(fmt(f.warmth ?? 0))")
        }
        if f.hasAlpha { out.line("  transparent area \(pct(f.transparentShare))") }
        if let d = f.textDensity { out.line("  text density \(pct(d)); words: \(safe(f.ocrWords.prefix(20).joined(separator: " ")))") }
        if !f.keywords.isEmpty { out.line("  embedded keywords: \(safe(f.keywords.joined(separator: ", ")))") }
        if let t = f.title { out.line("  title: \(safe(t))") }
        if let d = f.imageDescription { out.line("  description: \(safe(d))") }
        if !f.dominantColors.isEmpty {
            out.line()
            out.table(
                ["colour", "share", "nearest entry", "ΔE"],
                f.dominantColors.map { [$0.hex, pct($0.share), $0.nearestEntry ?? "-", $0.deltaE.map { fmt($0, 1) } ?? "-"] })
        }
        out.line()
        out.table(
            ["tag", "facet", "source", "conf", "mapped to", "method", "evidence"],
            tags.map { t in
                [
                    t.raw.text, t.facet.isEmpty ? "any" : t.facet, t.raw.source.rawValue, fmt(t.raw.confidence),
                    t.entry ?? (t.reviewItemID.map { "review #\($0)" } ?? "-"), t.method.rawValue, t.raw.evidence,
                ]
            }, maxWidth: 50)
        if args.flag("raw") {
            out.line()
            out.line("Raw output:")
            out.line(safe(analysis.rawOutput))
        }
    }
}

/// Something named on the command line does not exist.
enum LookupError: Error, CustomStringConvertible {
    case notFound(String, String)
    var description: String {
        switch self {
        case .notFound(let kind, let name): return "no \(kind) '\(SafeText.display(name))'"
        }
    }
}
