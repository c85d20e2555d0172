import AssetScoreCore
import Foundation

/// The single-file step of ingestion, shared by `IngestPipeline` (one process, in order) and
/// the queue `Worker` (jobs, retries, providers): hash, decide whether the bytes need analysing,
/// then map and save the analysis atomically.
///
/// Split in two (`prepare`, then `save`) because the worker analyses in between with retries
/// and fallbacks that may span several processes, while the rules for deduplication, campaigns
/// and versions must stay exactly the pipeline's.
struct FileIngest {
    let store: any AssetStore
    let map: RemapFunction
    let dictionary: AttributeDictionary

    /// A file whose bytes must be analysed, with everything decided before the analysis.
    struct Prepared {
        var url: URL
        var started: Date
        var campaign: String
        var asset: Asset
        var previous: Asset?
        var sidecarAltText: String?
    }

    enum Preparation {
        /// Nothing to analyse: unchanged bytes, or a file that cannot be read.
        case done(IngestOutcome)
        case analyse(Prepared)
    }

    /// Errors from the store propagate (the database is the problem, not the file); a file that
    /// cannot be read becomes a failed outcome (not stored: there are no bytes to key it by).
    func prepare(url: URL, folderCampaign: String, campaign explicitCampaign: String?, force: Bool, current: AnalyserIdentity)
        throws -> Preparation
    {
        let started = Date()
        let hash: (sha256Hex: String, size: Int64)
        do {
            hash = try contentHash(of: url)
        } catch {
            return .done(
                IngestOutcome(
                    file: url.path, campaign: explicitCampaign ?? folderCampaign, assetID: nil, status: .failed,
                    reason: "\(SafeText.display(url.lastPathComponent)): cannot read file: \(error)"))
        }

        // The sidecar may name the campaign; an explicit campaign wins over it and over the folder.
        // A malformed sidecar is not an error here: the analyser fails the asset, naming it.
        let sidecar = try? Sidecar.load(besides: url)
        let sidecarText = try? String(contentsOf: Sidecar.url(forImage: url), encoding: .utf8)
        let sidecarCampaign = sidecar?.campaign.map(InputCollector.slug)
        let campaignID = explicitCampaign.map(InputCollector.slug) ?? sidecarCampaign ?? folderCampaign
        if try store.campaign(campaignID) == nil { try store.upsertCampaign(Campaign(id: campaignID)) }

        var previous: Asset?
        if let existing = try store.asset(campaign: campaignID, contentHash: hash.sha256Hex) {
            guard existing.path == url.path,
                try force || reanalysisReason(existing, sidecarText: sidecarText, current: current) != nil
            else {
                return .done(
                    IngestOutcome(
                        file: url.path, campaign: campaignID, assetID: existing.id, status: .unchanged,
                        reason: "same bytes already ingested as asset \(existing.id)",
                        version: try store.latestAnalysis(assetID: existing.id)?.version))
            }
            previous = existing
        } else {
            previous = try store.asset(campaign: campaignID, path: url.path)
        }
        let asset = Asset(
            id: previous?.id ?? 0, campaign: campaignID, path: url.path, contentHash: hash.sha256Hex, size: hash.size,
            mediaType: previous?.mediaType ?? "application/octet-stream", createdAt: previous?.createdAt ?? Date())
        return .analyse(
            Prepared(url: url, started: started, campaign: campaignID, asset: asset, previous: previous, sidecarAltText: sidecar?.altText))
    }

    /// Why an asset whose bytes are already stored must be analysed again, or nil when it need not.
    private func reanalysisReason(_ asset: Asset, sidecarText: String?, current: AnalyserIdentity) throws -> String? {
        if asset.status == .failed { return "it failed before" }
        guard let latest = try store.latestAnalysis(assetID: asset.id) else { return "it has no analysis" }
        if latest.analyser != current.analyser || latest.model != current.model || latest.analyserVersion != current.version {
            return "the analyser changed"
        }
        if latest.fields.sidecar != sidecarText { return "its sidecar changed" }
        return nil
    }

    /// Stores the asset as failed with `reason` (the file could not be analysed).
    func saveFailure(_ p: Prepared, reason: String) throws -> IngestOutcome {
        var asset = p.asset
        asset.status = .failed
        asset.failureReason = reason
        asset.updatedAt = Date()
        let saved = try store.saveFailure(asset)
        return IngestOutcome(file: p.url.path, campaign: p.campaign, assetID: saved.id, status: .failed, reason: saved.failureReason)
    }

    /// Maps every raw tag and saves asset, analysis, tags and disagreements in one transaction;
    /// `note` (a provider that failed before another answered) becomes the outcome's reason;
    /// `within` runs inside that transaction (the worker finishes its job there, so a crash
    /// leaves both or neither).
    func save(_ p: Prepared, _ output: AnalysedFile, note: String? = nil, within: ((IngestOutcome) throws -> Void)? = nil) throws
        -> IngestOutcome
    {
        var asset = p.asset
        asset.mediaType = output.mediaType
        asset.width = output.fields.width
        asset.height = output.fields.height
        asset.altText = AltText.make(fields: output.fields, sidecarAltText: p.sidecarAltText, campaign: p.campaign)
        asset.updatedAt = Date()
        let tags = output.rawTags.map { raw -> AssetTag in
            let result = map(raw.facetHint, raw.text)
            return AssetTag(
                raw: raw, facet: result.entry.flatMap { dictionary.entry($0)?.facet } ?? raw.facetHint ?? "",
                normalized: result.normalized, entry: result.entry, method: result.method,
                mappingConfidence: result.entry == nil ? 0 : result.confidence, candidates: result.candidates)
        }
        let durationMS = Int(Date().timeIntervalSince(p.started) * 1000)
        let previousVersion = try p.previous.flatMap { try store.latestAnalysis(assetID: $0.id) }?.version ?? 0
        let analysis = Analysis(
            analyser: output.analyser, model: output.model, analyserVersion: output.analyserVersion,
            version: previousVersion + 1, rawOutput: output.rawOutput, fields: output.fields, durationMS: durationMS)
        let unmapped = tags.filter { $0.entry == nil && $0.method == .unmapped && !$0.raw.source.isHint }.count
        return try store.atomically {
            let saved = try store.saveIngest(
                IngestRecord(asset: asset, analysis: analysis, tags: tags, disagreements: output.disagreements))
            var outcome = IngestOutcome(
                file: p.url.path, campaign: p.campaign, assetID: saved.id, status: saved.status == .ready ? .ready : .needsReview,
                version: analysis.version, tags: tags.count, unmappedTags: unmapped, durationMS: durationMS)
            outcome.reason = note
            if output.analyser != "embedded" {
                outcome.provider = output.analyser
                outcome.model = output.model
                outcome.tokensIn = output.usage?.inputTokens ?? 0
                outcome.tokensOut = output.usage?.outputTokens ?? 0
                outcome.costUSD = output.usage?.costUSD
                outcome.cached = output.cached
                outcome.disagreements = output.disagreements.isEmpty ? nil : output.disagreements.count
            }
            try within?(outcome)
            return outcome
        }
    }

    /// A concurrent ingest may have stored the same bytes between our check and our write: that
    /// is "unchanged", not a failure. Anything else is reported as not stored.
    func storeFailure(url: URL, campaign: String, error: any Error) -> IngestOutcome {
        if let hash = try? contentHash(of: url), let stored = try? store.asset(campaign: campaign, contentHash: hash.sha256Hex) {
            return IngestOutcome(
                file: url.path, campaign: campaign, assetID: stored.id, status: .unchanged,
                reason: "same bytes stored meanwhile as asset \(stored.id)")
        }
        return IngestOutcome(
            file: url.path, campaign: campaign, assetID: nil, status: .failed,
            reason: "\(SafeText.display(url.lastPathComponent)): not stored: \(error)")
    }
}
