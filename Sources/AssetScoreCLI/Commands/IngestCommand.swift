import AssetScoreCore
import AssetScoreIngest
import Foundation

enum IngestCommand {
    static let command = Command(
        name: "ingest",
        summary: "Analyse creatives (files or folders) and map their tags",
        usage: """
            Usage: assetscore ingest PATH... [--campaign C] [--provider P[,P...]] [--json]
                   assetscore ingest --watch DIR [--campaign C] [--provider ...] [--json]

            Analyses JPEG, PNG, WebP, GIF and TIFF files (folders are walked recursively), maps every
            tag to the dictionary and flags the rest for review. Each file becomes a job in the
            database's queue; the command runs the queue until its files are done, and a run that was
            killed is resumed by the next one (nothing is lost or stored twice).
            The campaign is --campaign, else the sidecar's "campaign", else the file's folder name.
            Ingesting the same bytes again adds nothing; changed bytes at the same path give a new
            analysis version. A bad file is stored as failed with its reason; the batch goes on.

            The embedded offline analyser runs for every file. With a model provider the model's
            tags are added; its answer is cached by content hash, provider, model and prompt
            version, so the same image never pays twice, and where it contradicts the measurements
            the asset is flagged for review with both claims (see 'assetscore show').

            Options:
              --campaign C        put every file into campaign C
              --provider LIST     embedded, openai, anthropic, ollama, openai-compatible; a comma
                                  list is a fallback chain, e.g. openai,anthropic,embedded
              --model M           the model to ask (needed by every model provider; per provider
                                  as openai=MODEL,anthropic=MODEL in a fallback chain)
              --base-url URL      the provider's API root (Ollama, vLLM, Azure-style deployments)
              --api-key-file F    read the API key from F (else OPENAI_API_KEY / ANTHROPIC_API_KEY)
              --concurrency N     files analysed at once (default 1: asset ids follow file order)
              --max-tries N       tries per provider on rate limits and outages (default 5); the
                                  wait doubles each time, with jitter, never under Retry-After
              --timeout S         seconds one model request may take in all (default 120); a
                                  stalled provider fails the try, which is retried as an outage
              --connect-timeout S seconds to connect to the provider (default 10)
              --watch DIR         keep running: ingest files that appear in DIR once completely
                                  written; Ctrl-C or SIGTERM stops after the file in hand
              --json              one object per file: file, asset_id, status, reason (and
                                  provider, model, tokens_in, tokens_out, cost_usd when a model ran)
            Defaults for provider, model, base_url, api_key_file, concurrency, max_tries,
            request_timeout, connect_timeout and requests_per_minute can be set in
            ~/.config/assetscore/config.
            """,
        options: IngestSettings.options.union(["campaign", "watch", "poll-interval"]),
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        ctx.mayCreateDatabase = true
        let settings = try IngestSettings.resolve(args, ctx)
        try ProviderWiring.check(settings, environment: ctx.environment)
        if let dir = args.value("watch") {
            try args.noMorePositionals(than: 0)
            return try watch(dir, campaign: args.value("campaign"), settings: settings, poll: try args.double("poll-interval") ?? 1, ctx)
        }
        guard !args.positionals.isEmpty else { throw UsageError("give at least one file or folder") }
        let outcomes = try ingest(paths: args.positionals, campaign: args.value("campaign"), settings: settings, ctx)
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

    /// Enqueues every file, runs the worker until they are all done, and reports them in the
    /// order given (skipped files straight from the walk; they never become jobs).
    static func ingest(paths: [String], campaign: String?, settings: IngestSettings? = nil, _ ctx: ToolContext) throws -> [IngestOutcome] {
        let settings = try settings ?? IngestSettings.resolve(nil, ctx)
        let inputs = try InputCollector.collect(paths)
        let store = try ctx.store()
        var slots: [(input: InputCollector.Input, job: Int64?)] = []
        for input in inputs {
            guard input.skipReason == nil else {
                slots.append((input, nil))
                continue
            }
            let request = settings.jobRequest(source: input.url.path, campaign: campaign)
            slots.append((input, try store.enqueueJob(request, at: Date()).job.id))
        }
        let mine = Set(slots.compactMap(\.job))
        if !mine.isEmpty { try runWorker(until: mine, settings: settings, ctx) }
        return try slots.map { slot in
            guard let id = slot.job else {
                return IngestOutcome(
                    file: slot.input.url.path, campaign: nil, assetID: nil, status: .skipped, reason: slot.input.skipReason)
            }
            return try outcome(of: id, store: store)
        }
    }

    /// The worker's report for a finished job, or one made from the job row (a job failed
    /// before it had a file to report on). Tokens and cost come from the job row: it also counts
    /// what earlier tries were billed for answers that could not be used.
    static func outcome(of id: Int64, store: any AssetStore) throws -> IngestOutcome {
        guard let job = try store.job(id: id) else { throw LookupError.notFound("job", String(id)) }
        if let text = job.result, var o = try? JSONDecoder().decode(IngestOutcome.self, from: Data(text.utf8)) {
            if job.tokensIn + job.tokensOut > 0 || job.costUSD != nil {
                (o.tokensIn, o.tokensOut, o.costUSD) = (job.tokensIn, job.tokensOut, job.costUSD)
            }
            return o
        }
        return IngestOutcome(
            file: job.source, campaign: job.campaign, assetID: job.assetID, status: job.status == .failed ? .failed : .unchanged,
            reason: job.lastError ?? "job \(id) is \(job.status.rawValue)")
    }

    /// Runs the queue until every job in `mine` is finished (other due jobs, left by a killed
    /// run, are done along the way); Ctrl-C stops after the jobs in hand.
    static func runWorker(until mine: Set<Int64>, settings: IngestSettings, _ ctx: ToolContext) throws {
        let worker = try ctx.worker(settings)
        let progress = ProgressReporter(output: ctx.output, total: mine.count)
        let signals = SignalStop { worker.stop() }
        defer { signals.cancel() }
        try worker.run(
            until: { store in try mine.allSatisfy { try store.job(id: $0)?.status.isFinished ?? true } },
            onEvent: { event in
                switch event {
                case .finished(let job) where mine.contains(job.id): progress.finished(job)
                case .retrying(let job) where mine.contains(job.id): progress.retrying(job)
                default: break
                }
            })
        ctx.output.endProgress()
        if worker.stopSignal.isSet {
            throw Interrupted(left: try mine.filter { try !(ctx.store().job(id: $0)?.status.isFinished ?? true) }.count)
        }
    }

    struct Interrupted: Error, CustomStringConvertible {
        var left: Int
        var description: String {
            "stopped: \(left) file(s) still queued; run the same command again (or 'assetscore jobs run') to finish them"
        }
    }

    static func printOutcomes(_ outcomes: [IngestOutcome], _ out: Output) {
        let rows = outcomes.map { o -> [String] in
            let name = URL(fileURLWithPath: o.file).lastPathComponent
            return [o.assetID.map { "#\($0)" } ?? "-", o.campaign ?? "-", name, o.status.rawValue, detail(o)]
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
        // Files a model answered, and files it was billed for without a usable answer.
        let model = outcomes.filter { $0.provider != nil || ($0.tokensIn ?? 0) + ($0.tokensOut ?? 0) > 0 || $0.costUSD != nil }
        if !model.isEmpty {
            let tokensIn = model.reduce(0) { $0 + ($1.tokensIn ?? 0) }
            let tokensOut = model.reduce(0) { $0 + ($1.tokensOut ?? 0) }
            let paid = model.filter { $0.cached != true }
            let priced = paid.compactMap(\.costUSD)
            // A model without a known price (a local Ollama, an unknown name) has no cost: say so
            // rather than print $0.0000 as if it were free.
            var cost =
                paid.isEmpty ? "nothing paid" : priced.isEmpty ? "no known price" : "$" + String(format: "%.4f", priced.reduce(0, +))
            if !priced.isEmpty && priced.count < paid.count { cost += " + \(paid.count - priced.count) unpriced" }
            let answered = model.filter { $0.provider != nil }
            let unusable = model.count - answered.count
            out.line(
                "model: \(answered.count) file(s) answered, \(answered.filter { $0.cached == true }.count) from the cache"
                    + (unusable > 0 ? ", \(unusable) billed without a usable answer" : "")
                    + "; \(tokensIn) tokens in, \(tokensOut) out, \(cost)")
        }
    }

    static func detail(_ o: IngestOutcome) -> String {
        switch o.status {
        case .failed, .skipped, .unchanged: return o.reason ?? ""
        case .ready, .needsReview:
            var text = "\(o.tags ?? 0) tags, \(o.unmappedTags ?? 0) to review, v\(o.version ?? 1), \(o.durationMS ?? 0) ms"
            if let p = o.provider {
                text += ", \(p)\(o.model.map { " \($0)" } ?? "")"
                text += o.cached == true ? " (cached)" : ", \(o.tokensIn ?? 0)+\(o.tokensOut ?? 0) tokens"
                if let c = o.costUSD, o.cached != true { text += String(format: ", $%.4f", c) }
                if let d = o.disagreements { text += ", \(d) disagreement(s)" }
            }
            if let r = o.reason { text += " (\(r))" }
            return text
        }
    }
}

/// "ingest [n/total] file" on stderr as jobs finish, from any worker thread.
final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let output: Output
    private let total: Int
    private var done = 0

    init(output: Output, total: Int) {
        self.output = output
        self.total = total
    }

    func finished(_ job: QueueJob) {
        lock.withLock {
            done += 1
            output.progress("ingest [\(done)/\(total)] \(URL(fileURLWithPath: job.source).lastPathComponent)")
        }
    }

    func retrying(_ job: QueueJob) {
        lock.withLock {
            let when = job.notBefore.map { max(0, Int($0.timeIntervalSinceNow.rounded(.up))) } ?? 0
            output.progress("ingest [\(done)/\(total)] \(URL(fileURLWithPath: job.source).lastPathComponent): retry in \(when) s")
        }
    }
}
