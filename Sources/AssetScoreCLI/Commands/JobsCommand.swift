import AssetScoreCore
import AssetScoreIngest
import Foundation

enum JobsCommand {
    static let command = Command(
        name: "jobs",
        summary: "The ingestion queue: jobs, retries and model costs",
        usage: """
            Usage: assetscore jobs [--status S] [--limit N] [--json]
                   assetscore jobs retry ID... | --failed
                   assetscore jobs run [--provider ...] [--concurrency N]
                   assetscore jobs costs [--json]

            Lists ingestion jobs, newest first: status (queued, analysing, needs_review, ready,
            failed; a queued job waiting for a retry shows when it is due), campaign, the analyser
            that answered, tries, duration, tokens and cost, and the failure reason.
              retry      queues failed jobs again from the start of their provider chain
                         (--failed: every failed job), then runs them
              run        runs every due job in the queue (a killed ingest's, say) until none is left
              costs      jobs, tokens and dollars per campaign
            """,
        options: IngestSettings.options.union(["status", "limit"]),
        flags: ["failed"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        switch args.positionals.first {
        case nil: try list(args, ctx)
        case "retry": try retry(args, ctx)
        case "run": try runQueue(args, ctx)
        case "costs": try costs(args, ctx)
        case let other?: throw UsageError("unknown jobs subcommand '\(SafeText.display(other))' (list, retry, run, costs)")
        }
    }

    static func list(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 0)
        let status = try args.value("status").map { text -> JobStatus in
            guard let s = JobStatus(rawValue: text.replacingOccurrences(of: " ", with: "_")) else {
                throw UsageError("--status: expected one of \(JobStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return s
        }
        let limit = try args.int("limit") ?? 50
        guard limit > 0 else { throw UsageError("--limit must be positive") }
        let store = try ctx.store()
        let jobs = try store.jobs(status: status, limit: limit, offset: 0)
        if ctx.output.json { return try ctx.output.emit(jobs.map(JobRow.init)) }
        ctx.output.table(
            ["job", "status", "campaign", "file", "analyser", "tries", "time", "tokens", "cost", "reason"],
            jobs.map { j in
                [
                    "\(j.id)", statusText(j), j.campaign ?? "-", URL(fileURLWithPath: j.source).lastPathComponent,
                    analyserText(j), "\(j.attempts)", j.durationMS.map { "\($0) ms" } ?? "-",
                    j.tokensIn + j.tokensOut > 0 ? "\(j.tokensIn)+\(j.tokensOut)" : "-", costText(j),
                    j.status == .failed || j.status == .queued ? (j.lastError ?? "") : "",
                ]
            }, maxWidth: 50)
        let counts = try store.jobCounts()
        ctx.output.line()
        ctx.output.line(
            "\(counts.values.reduce(0, +)) job(s): "
                + JobStatus.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue.replacingOccurrences(of: "_", with: " "))" } }
                .joined(separator: ", "))
    }

    static func statusText(_ j: QueueJob) -> String {
        let s = j.status.rawValue.replacingOccurrences(of: "_", with: " ")
        guard j.status == .queued, let due = j.notBefore, due > Date() else { return s }
        return "retry in \(Int(due.timeIntervalSinceNow.rounded(.up))) s"
    }

    static func analyserText(_ j: QueueJob) -> String {
        guard let p = j.provider else { return "-" }
        return p + (j.answeredModel.map { " \($0)" } ?? "") + (j.cached ? " (cached)" : "")
    }

    static func costText(_ j: QueueJob) -> String {
        if let c = j.costUSD { return String(format: "$%.4f", c) }
        return j.provider != nil && j.provider != "embedded" && !j.cached ? "unpriced" : "-"
    }

    /// The JSON shape of a job: the stored row without the worker's internal report.
    struct JobRow: Encodable {
        var job: QueueJob
        init(_ job: QueueJob) {
            var j = job
            j.result = nil
            self.job = j
        }
        func encode(to encoder: any Encoder) throws { try job.encode(to: encoder) }
    }

    static func retry(_ args: Arguments, _ ctx: ToolContext) throws {
        let store = try ctx.store()
        var ids = try args.positionals.dropFirst().map { text -> Int64 in
            guard let id = Int64(text.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
                throw UsageError("job ids are numbers, got '\(SafeText.display(text))'")
            }
            return id
        }
        if args.flag("failed") {
            var offset = 0
            while case let page = try store.jobs(status: .failed, limit: 500, offset: offset), !page.isEmpty {
                ids += page.map(\.id)
                offset += page.count
            }
        }
        guard !ids.isEmpty else {
            if args.flag("failed") { return ctx.output.line("no failed jobs") }
            throw UsageError("give job ids or --failed")
        }
        for id in ids { try store.requeueJob(id: id, force: false, at: Date()) }
        ctx.output.warn("queued \(ids.count) job(s) again")
        try IngestCommand.runWorker(until: Set(ids), settings: try IngestSettings.resolve(args, ctx), ctx)
        let outcomes = try Set(ids).sorted().map { try IngestCommand.outcome(of: $0, store: store) }
        if ctx.output.json { try ctx.output.emit(outcomes) } else { IngestCommand.printOutcomes(outcomes, ctx.output) }
    }

    static func runQueue(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 1)
        let settings = try IngestSettings.resolve(args, ctx)
        let worker = try ctx.worker(settings)
        let signals = SignalStop { worker.stop() }
        defer { signals.cancel() }
        try worker.run(
            until: { store in
                let c = try store.jobCounts()
                return (c[.queued] ?? 0) == 0 && (c[.analysing] ?? 0) == 0
            })
        let counts = try ctx.store().jobCounts()
        ctx.output.line("queue empty; \(counts[.failed] ?? 0) failed job(s) in all (assetscore jobs --status failed)")
    }

    static func costs(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 1)
        let rows = try ctx.store().jobCosts()
        if ctx.output.json { return try ctx.output.emit(rows) }
        ctx.output.table(
            ["campaign", "jobs", "model jobs", "cached", "tokens in", "tokens out", "cost"],
            rows.map {
                [
                    $0.campaign ?? "(not yet known)", "\($0.jobs)", "\($0.modelJobs)", "\($0.cachedJobs)", "\($0.tokensIn)",
                    "\($0.tokensOut)", String(format: "$%.4f", $0.costUSD) + ($0.unpricedJobs > 0 ? " + \($0.unpricedJobs) unpriced" : ""),
                ]
            })
        let total = rows.reduce(into: JobCosts(campaign: nil)) {
            $0.jobs += $1.jobs
            $0.tokensIn += $1.tokensIn
            $0.tokensOut += $1.tokensOut
            $0.costUSD += $1.costUSD
        }
        ctx.output.line()
        ctx.output.line("total: \(total.jobs) job(s), \(total.tokensIn) tokens in, \(total.tokensOut) out, \(String(format: "$%.4f", total.costUSD))")
    }
}
