import AssetScoreCore
import AssetScoreIngest
import Foundation
import TerminalUI

extension ConsoleController {
    func performQueue(_ action: String) throws {
        switch action {
        case "ingest":
            prompt("Ingest a file or folder", .ingestPath, hint: "Tab completes; the campaign is the folder name")
        case "open-detail":
            guard let asset = selectedAsset else { return flash("no asset selected") }
            state.overlay = .detail(
                AssetDetail(asset: asset, analysis: try store.latestAnalysis(assetID: asset.id), tags: try store.tags(assetID: asset.id)))
        case "retry":
            guard let asset = selectedAsset else { return flash("no asset selected") }
            startIngest(path: asset.path, campaign: asset.campaign, force: true)
        case "filter-status":
            let cycle: [AssetStatus?] = [nil, .needsReview, .ready, .failed]
            let i = cycle.firstIndex(of: state.queue.statusFilter) ?? 0
            state.queue.statusFilter = cycle[(i + 1) % cycle.count]
            state.queue.selected = 0
            try loadQueue()
            flash("showing \(state.queue.statusFilter?.rawValue ?? "all assets")")
        default:
            flash("'\(action)' does not apply to the queue")
        }
    }

    var selectedAsset: Asset? {
        state.queue.rows.indices.contains(state.queue.selected) ? state.queue.rows[state.queue.selected] : nil
    }

    /// Runs an ingest on a background thread with its own connection, so input never freezes;
    /// progress and the result come back as events through `tick()`.
    func startIngest(path: String, campaign: String?, force: Bool = false) {
        let expanded = (path as NSString).expandingTildeInPath
        guard FileManager.default.fileExists(atPath: expanded) else {
            return fail(ConsoleError("\(SafeText.display(path)): no such file or folder"))
        }
        let id = nextJobID
        nextJobID += 1
        state.queue.jobs.insert(IngestJob(id: id, path: expanded, startedAt: env.clock.now()), at: 0)
        let env = self.env
        let events = self.events
        let thread = Thread {
            do {
                let store = try env.openStore()
                let mapper = try env.makeMapper(store)
                let pipeline = IngestPipeline(
                    store: store, analyser: try env.makeAnalyser(), dictionary: mapper.dictionary,
                    map: { facet, text in mapper.map(text, facet: facet) })
                let outcomes = try pipeline.ingest(paths: [expanded], campaign: campaign, force: force) { done, total, file in
                    events.post(.progress(job: id, done: done, total: total, file: file))
                }
                events.post(.finished(job: id, outcomes: outcomes))
            } catch {
                events.post(.failed(job: id, message: String(describing: error)))
            }
        }
        thread.name = "ingest-\(id)"
        thread.start()
        flash("ingesting \(SafeText.display(path)) in the background")
    }

    func apply(_ event: BackgroundEvent) {
        switch event {
        case .progress(let job, let done, let total, let file):
            updateJob(job) {
                $0.done = done
                $0.total = total
                $0.current = file
            }
        case .finished(let job, let outcomes):
            var counts: [IngestOutcome.Status: Int] = [:]
            for o in outcomes { counts[o.status, default: 0] += 1 }
            let summary = [IngestOutcome.Status.ready, .needsReview, .unchanged, .failed, .skipped]
                .compactMap { s in counts[s].map { "\($0) \(s.rawValue.replacingOccurrences(of: "_", with: " "))" } }
                .joined(separator: ", ")
            updateJob(job) {
                $0.finished = true
                $0.done = $0.total
                $0.summary = summary.isEmpty ? "nothing to ingest" : summary
            }
            flash("ingest finished: \(summary)")
        case .failed(let job, let message):
            updateJob(job) {
                $0.finished = true
                $0.summary = "failed: \(SafeText.display(message))"
            }
            fail(ConsoleError(message))
        }
    }

    private func updateJob(_ id: Int, _ change: (inout IngestJob) -> Void) {
        guard let i = state.queue.jobs.firstIndex(where: { $0.id == id }) else { return }
        change(&state.queue.jobs[i])
    }
}

/// A message for the status bar.
struct ConsoleError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
