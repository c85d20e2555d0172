import AssetScoreCore
import Foundation

/// Ingests files into a store in this process, in order, with the embedded analyser: hash,
/// deduplicate, analyse, map every raw tag, save atomically.
///
/// Each file is independent: a failure is stored as a `failed` asset with a reason naming the
/// file, and the batch goes on. Nothing is written for a file until its analysis is complete, and
/// then asset, analysis and tags go in one transaction, so a crash never leaves half an asset.
/// The queue `Worker` runs the same single-file step (`FileIngest`) for persistent jobs.
public final class IngestPipeline {
    public typealias Progress = (_ done: Int, _ total: Int, _ file: String) -> Void

    private let analyser: EmbeddedAnalyser
    private let colorEntries: [DictionaryEntry]
    private let step: FileIngest

    public init(store: any AssetStore, analyser: EmbeddedAnalyser, dictionary: AttributeDictionary, map: @escaping RemapFunction) {
        self.analyser = analyser
        step = FileIngest(store: store, map: map, dictionary: dictionary)
        colorEntries = dictionary.colorEntries
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
                let campaignID = campaign.map(InputCollector.slug) ?? input.folderCampaign
                outcomes.append(step.storeFailure(url: input.url, campaign: campaignID, error: error))
            }
        }
        progress?(inputs.count, inputs.count, "")
        return outcomes
    }

    /// Errors from the store propagate (the database is the problem, not the file); errors from
    /// reading or analysing the file become a `failed` asset.
    func ingestFile(_ input: InputCollector.Input, campaign explicitCampaign: String?, force: Bool = false) throws -> IngestOutcome {
        let current = AnalyserIdentity(analyser: analyser.name, model: nil, version: analyser.analyserVersion)
        let prepared: FileIngest.Prepared
        switch try step.prepare(
            url: input.url, folderCampaign: input.folderCampaign, campaign: explicitCampaign, force: force, current: current)
        {
        case .done(let outcome): return outcome
        case .analyse(let p): prepared = p
        }
        let output: ProviderAnalysis
        do {
            output = try analyser.analyse(AnalysisRequest(file: input.url, contentHash: prepared.asset.contentHash, colorEntries: colorEntries))
        } catch {
            return try step.saveFailure(prepared, reason: String(describing: error))
        }
        return try step.save(prepared, AnalysedFile(embedded: output))
    }
}

extension AttributeDictionary {
    /// Active colour entries with a hex value: what measured colours are named after.
    var colorEntries: [DictionaryEntry] {
        entries(inFacet: "color").filter { $0.status == .active && $0.hex != nil }
    }
}
