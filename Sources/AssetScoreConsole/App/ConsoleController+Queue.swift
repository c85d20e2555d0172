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
            guard let asset = try selectedQueueAsset() else { return flash("no asset for this row yet") }
            let analysis = try store.latestAnalysis(assetID: asset.id)
            state.overlay = .detail(
                AssetDetail(
                    asset: asset, analysis: analysis, tags: try store.tags(assetID: asset.id),
                    disagreements: try analysis.map { try store.disagreements(analysisID: $0.id) } ?? []))
        case "retry":
            try retrySelected()
        case "toggle-jobs":
            state.queue.showingJobs = !(state.queue.showingJobs ?? false)
            state.queue.selected = 0
            state.queue.offset = 0
            state.queue.rows = []
            state.queue.queueJobs = []
            try loadQueue()
            flash(state.queue.showingJobs == true ? "showing the queue's jobs" : "showing the assets")
        case "filter-status":
            let cycle: [AssetStatus?] = [nil, .needsReview, .ready, .failed]
            let i = cycle.firstIndex(of: state.queue.statusFilter) ?? 0
            state.queue.statusFilter = cycle[(i + 1) % cycle.count]
            state.queue.selected = 0
            state.queue.offset = 0
            // Another filter starts at its first page: reading as many rows as the old window
            // had scrolled through would cost a key tens of milliseconds on a big database.
            state.queue.rows = []
            state.queue.queueJobs = []
            try loadQueue()
            flash("showing \(state.queue.statusFilter?.rawValue ?? "all")")
        default:
            flash("'\(action)' does not apply to the queue")
        }
    }

    var selectedAsset: Asset? {
        state.queue.rows.indices.contains(state.queue.selected) ? state.queue.rows[state.queue.selected] : nil
    }

    var selectedQueueJob: QueueJob? {
        let jobs = state.queue.queueJobs
        return state.queue.showingJobs == true && jobs.indices.contains(state.queue.selected) ? jobs[state.queue.selected] : nil
    }

    func selectedQueueAsset() throws -> Asset? {
        if state.queue.showingJobs == true { return try selectedQueueJob?.assetID.flatMap { try store.asset(id: $0) } }
        return selectedAsset
    }

    /// A failed job goes back in the queue from the start of its chain; anything else with an
    /// asset is analysed again (a new job that re-analyses stored bytes).
    func retrySelected() throws {
        if let job = selectedQueueJob, job.status == .failed {
            try store.requeueJob(id: job.id, force: false, at: env.clock.now())
            return runQueue([job.id], label: URL(fileURLWithPath: job.source).lastPathComponent)
        }
        if let job = selectedQueueJob, !job.status.isFinished {
            return flash("job \(job.id) is \(job.status.rawValue) already")
        }
        guard let asset = try selectedQueueAsset() else { return flash("nothing selected") }
        let request = JobRequest(
            source: asset.path, campaign: asset.campaign, providers: env.providers, model: env.model, baseURL: env.baseURL,
            apiKeyFile: env.apiKeyFile, force: true)
        let id = try store.enqueueJob(request, at: env.clock.now()).job.id
        runQueue([id], label: URL(fileURLWithPath: asset.path).lastPathComponent)
    }

    /// Enqueues a file or folder (campaign from the folder or sidecar, or `campaign`) and runs
    /// the queue in the background until those jobs are done.
    func startIngest(path: String, campaign: String?, force: Bool = false) {
        let expanded = (path as NSString).expandingTildeInPath
        guard FileManager.default.fileExists(atPath: expanded) else {
            return fail(ConsoleError("\(SafeText.display(path)): no such file or folder"))
        }
        do {
            var ids: [Int64] = []
            for input in try InputCollector.collect([expanded]) where input.skipReason == nil {
                let request = JobRequest(
                    source: input.url.path, campaign: campaign, providers: env.providers, model: env.model, baseURL: env.baseURL,
                    apiKeyFile: env.apiKeyFile, force: force)
                ids.append(try store.enqueueJob(request, at: env.clock.now()).job.id)
            }
            guard !ids.isEmpty else { return flash("\(SafeText.display(path)): no images to ingest") }
            runQueue(ids, label: URL(fileURLWithPath: expanded).lastPathComponent)
            try loadQueue()
        } catch {
            fail(error)
        }
    }

    /// Runs the queue worker on a background thread with its own connections, so input never
    /// freezes; progress and the result come back as events through `tick()`.
    func runQueue(_ ids: [Int64], label: String) {
        let id = nextJobID
        nextJobID += 1
        state.queue.jobs.insert(IngestJob(id: id, path: label, total: ids.count, startedAt: env.clock.now()), at: 0)
        let env = self.env
        let events = self.events
        let mine = Set(ids)
        let thread = Thread {
            BackgroundPriority.lowerCurrentThread()
            do {
                let store = try env.openStore()
                // Read before the mapper, so a change in between is caught at the first job.
                let version = try store.dictionaryVersion()
                let mapper = try env.makeMapper(store)
                let worker = Worker(
                    configuration: WorkerConfiguration(),
                    environment: WorkerEnvironment(
                        openStore: env.openStore, dictionary: mapper.dictionary, map: { facet, text in mapper.map(text, facet: facet) },
                        makeEmbedded: { try env.makeAnalyser() },
                        makeProvider: { name, spec in
                            guard let make = env.makeProvider else {
                                throw ProviderFailure.misconfigured(message: "the console was started without model providers")
                            }
                            return try make(name, spec)
                        }, crossCheck: env.crossCheck,
                        // Entries added in the dictionary pane while a big ingest runs apply to its later files.
                        loadMapping: { store in
                            let m = try env.makeMapper(store)
                            return WorkerMapping(dictionary: m.dictionary, map: { facet, text in m.map(text, facet: facet) })
                        }, dictionaryVersion: version))
                let progress = Counter()
                try worker.run(
                    until: { store in try mine.allSatisfy { try store.job(id: $0)?.status.isFinished ?? true } },
                    onEvent: { event in
                        guard case .finished(let job) = event, mine.contains(job.id) else { return }
                        events.post(
                            .progress(job: id, done: progress.next(), total: mine.count, file: URL(fileURLWithPath: job.source).lastPathComponent))
                    })
                var outcomes: [IngestOutcome] = []
                for jobID in ids {
                    guard let job = try store.job(id: jobID) else { continue }
                    outcomes.append(
                        job.result.flatMap { try? JSONDecoder().decode(IngestOutcome.self, from: Data($0.utf8)) }
                            ?? IngestOutcome(file: job.source, campaign: job.campaign, assetID: job.assetID, status: .failed, reason: job.lastError))
                }
                events.post(.finished(job: id, outcomes: outcomes))
            } catch {
                events.post(.failed(job: id, message: String(describing: error)))
            }
        }
        thread.name = "ingest-\(id)"
        thread.start()
        flash("ingesting \(SafeText.display(label)) in the background")
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

/// Jobs finished so far in one background run, counted from worker threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func next() -> Int {
        lock.withLock {
            n += 1
            return n
        }
    }
}

/// A message for the status bar.
struct ConsoleError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
