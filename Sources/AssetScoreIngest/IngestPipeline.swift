import AssetScoreCore
import Foundation

/// Ingests files into a store: hash, deduplicate, analyse, map every raw tag, save atomically.
///
/// Each file is independent: a failure is stored as a `failed` asset with a reason naming the
/// file, and the batch goes on. Nothing is written for a file until its analysis is complete, and
/// then asset, analysis and tags go in one transaction, so a crash never leaves half an asset.
public final class IngestPipeline {
    public typealias Progress = (_ done: Int, _ total: Int, _ file: String) -> Void

    private let store: any AssetStore
    private let analyser: EmbeddedAnalyser
    private let map: RemapFunction
    private let colorEntries: [DictionaryEntry]
    private let dictionary: AttributeDictionary

    public init(store: any AssetStore, analyser: EmbeddedAnalyser, dictionary: AttributeDictionary, map: @escaping RemapFunction) {
        self.store = store
        self.analyser = analyser
        self.map = map
        self.dictionary = dictionary
        colorEntries = dictionary.entries(inFacet: "color").filter { $0.status == .active && $0.hex != nil }
    }

    /// `force` re-analyses files whose bytes are already stored (a new analysis version), as an
    /// operator's "re-analyse" asks for.
    public func ingest(paths: [String], campaign: String?, force: Bool = false, progress: Progress? = nil) throws -> [IngestOutcome] {
        let inputs = try InputCollector.collect(paths)
        var outcomes: [IngestOutcome] = []
        for (i, input) in inputs.enumerated() {
            progress?(i, inputs.count, input.url.lastPathComponent)
            if let reason = input.skipReason {
                outcomes.append(IngestOutcome(file: input.url.path, campaign: nil, assetID: nil, status: .skipped, reason: reason))
                continue
            }
            do {
                outcomes.append(try ingestFile(input, campaign: campaign, force: force))
            } catch {
                // A store error for one file (a busy database, a conflict with a concurrent ingest)
                // is reported for that file; the batch goes on and the caller sees every outcome.
                outcomes.append(storeFailure(input, campaign: campaign, error: error))
            }
        }
        progress?(inputs.count, inputs.count, "")
        return outcomes
    }

    /// A concurrent ingest may have stored the same bytes between our check and our write: that
    /// is "unchanged", not a failure. Anything else is reported as not stored.
    private func storeFailure(_ input: InputCollector.Input, campaign: String?, error: any Error) -> IngestOutcome {
        let campaignID = campaign.map(InputCollector.slug) ?? input.folderCampaign
        if let hash = try? contentHash(of: input.url), let stored = try? store.asset(campaign: campaignID, contentHash: hash.sha256Hex) {
            return IngestOutcome(
                file: input.url.path, campaign: campaignID, assetID: stored.id, status: .unchanged,
                reason: "same bytes stored meanwhile as asset \(stored.id)")
        }
        return IngestOutcome(
            file: input.url.path, campaign: campaignID, assetID: nil, status: .failed,
            reason: "\(SafeText.display(input.url.lastPathComponent)): not stored: \(error)")
    }

    /// Why an asset whose bytes are already stored must be analysed again, or nil when it need not.
    private func reanalysisReason(_ asset: Asset, sidecarText: String?) throws -> String? {
        if asset.status == .failed { return "it failed before" }
        guard let latest = try store.latestAnalysis(assetID: asset.id) else { return "it has no analysis" }
        if latest.analyserVersion != analyser.analyserVersion { return "the analyser changed" }
        if latest.fields.sidecar != sidecarText { return "its sidecar changed" }
        return nil
    }

    /// Errors from the store propagate (the database is the problem, not the file); errors from
    /// reading or analysing the file become a `failed` asset.
    func ingestFile(_ input: InputCollector.Input, campaign explicitCampaign: String?, force: Bool = false) throws -> IngestOutcome {
        let url = input.url
        let started = Date()
        let hash: (sha256Hex: String, size: Int64)
        do {
            hash = try contentHash(of: url)
        } catch {
            return IngestOutcome(
                file: url.path, campaign: explicitCampaign ?? input.folderCampaign, assetID: nil, status: .failed,
                reason: "\(SafeText.display(url.lastPathComponent)): cannot read file: \(error)")
        }

        // The sidecar may name the campaign; an explicit --campaign wins over it and over the folder.
        // A malformed sidecar is not an error here: the analyser fails the asset, naming it.
        let sidecar = try? Sidecar.load(besides: url)
        let sidecarText = try? String(contentsOf: Sidecar.url(forImage: url), encoding: .utf8)
        let sidecarCampaign = sidecar?.campaign.map(InputCollector.slug)
        let campaignID = explicitCampaign.map(InputCollector.slug) ?? sidecarCampaign ?? input.folderCampaign
        if try store.campaign(campaignID) == nil { try store.upsertCampaign(Campaign(id: campaignID)) }

        var previous: Asset?
        if let existing = try store.asset(campaign: campaignID, contentHash: hash.sha256Hex) {
            guard existing.path == url.path, try force || reanalysisReason(existing, sidecarText: sidecarText) != nil else {
                return IngestOutcome(
                    file: url.path, campaign: campaignID, assetID: existing.id, status: .unchanged,
                    reason: "same bytes already ingested as asset \(existing.id)",
                    version: try store.latestAnalysis(assetID: existing.id)?.version)
            }
            previous = existing
        } else {
            previous = try store.asset(campaign: campaignID, path: url.path)
        }
        var asset = Asset(
            id: previous?.id ?? 0, campaign: campaignID, path: url.path, contentHash: hash.sha256Hex, size: hash.size,
            mediaType: previous?.mediaType ?? "application/octet-stream", createdAt: previous?.createdAt ?? Date())

        let output: AnalyserOutput
        do {
            output = try analyser.analyse(file: url, colorEntries: colorEntries)
        } catch {
            asset.status = .failed
            asset.failureReason = String(describing: error)
            asset.updatedAt = Date()
            let saved = try store.saveFailure(asset)
            return IngestOutcome(file: url.path, campaign: campaignID, assetID: saved.id, status: .failed, reason: saved.failureReason)
        }

        asset.mediaType = output.mediaType
        asset.width = output.fields.width
        asset.height = output.fields.height
        asset.altText = AltText.make(fields: output.fields, sidecarAltText: sidecar?.altText, campaign: campaignID)
        asset.updatedAt = Date()
        let tags = output.rawTags.map { raw -> AssetTag in
            let result = map(raw.facetHint, raw.text)
            return AssetTag(
                raw: raw, facet: result.entry.flatMap { dictionary.entry($0)?.facet } ?? raw.facetHint ?? "",
                normalized: result.normalized, entry: result.entry, method: result.method,
                mappingConfidence: result.entry == nil ? 0 : result.confidence, candidates: result.candidates)
        }
        let durationMS = Int(Date().timeIntervalSince(started) * 1000)
        let previousVersion = try previous.flatMap { try store.latestAnalysis(assetID: $0.id) }?.version ?? 0
        let analysis = Analysis(
            analyser: "embedded", analyserVersion: output.analyserVersion, version: previousVersion + 1,
            rawOutput: output.rawJSON, fields: output.fields, durationMS: durationMS)
        let saved = try store.saveIngest(IngestRecord(asset: asset, analysis: analysis, tags: tags))
        let unmapped = tags.filter { $0.entry == nil && $0.method == .unmapped && !$0.raw.source.isHint }.count
        return IngestOutcome(
            file: url.path, campaign: campaignID, assetID: saved.id, status: saved.status == .ready ? .ready : .needsReview,
            version: analysis.version, tags: tags.count, unmappedTags: unmapped, durationMS: durationMS)
    }
}
