import AssetScoreCore
import Foundation

/// One worker thread's view of the queue: its own connection and providers, and the rules for
/// one claimed job (fallback chain, retries, cache, merge, completion).
///
/// Every path out of `process` leaves the job finished, queued for a retry, or (when this
/// process dies first) `analysing` under a dead owner, which `recoverJobs` requeues.
final class JobRunner {
    let store: any AssetStore
    let environment: WorkerEnvironment
    let configuration: WorkerConfiguration
    let limiter: RateLimiter
    /// The file step, the model schema's vocabulary and the colour entries, all from one
    /// dictionary; replaced together when `refreshMapping` finds the dictionary changed.
    private(set) var step: FileIngest
    private(set) var vocabulary: [String: [String]]
    private(set) var colorEntries: [DictionaryEntry]
    /// The dictionary version they were built from (nil: unknown).
    var mappingVersion: Int64?
    /// The external change token at the last look at the dictionary version (.min: none yet).
    var checkedToken: Int64 = .min
    private var embeddedProvider: (any AnalysisProvider)?
    private var providers: [String: any AnalysisProvider] = [:]
    /// Tokens billed for answers that could not be used, during the job being processed: they
    /// go into the job's spend with its retry or its completion.
    var billedWithoutAnswer: ProviderUsage?

    /// Thrown when our lease was lost: nothing of the job may be written by us any more.
    struct LeaseLost: Error, CustomStringConvertible {
        var underlying: any Error
        var description: String { "\(underlying)" }
    }

    init(environment: WorkerEnvironment, configuration: WorkerConfiguration, limiter: RateLimiter) throws {
        self.environment = environment
        self.configuration = configuration
        self.limiter = limiter
        store = try environment.openStore()
        step = FileIngest(store: store, map: environment.map, dictionary: environment.dictionary)
        colorEntries = environment.dictionary.colorEntries
        vocabulary = Self.vocabulary(environment.dictionary)
        mappingVersion = environment.dictionaryVersion
    }

    /// Active entry labels by facet: the vocabulary a model is asked to answer in.
    static func vocabulary(_ dictionary: AttributeDictionary) -> [String: [String]] {
        var vocabulary: [String: [String]] = [:]
        for facet in dictionary.facets {
            vocabulary[facet.id] = dictionary.entries(inFacet: facet.id).filter { $0.status == .active }.map(\.label)
        }
        return vocabulary
    }

    /// Reloads the mapping when the dictionary changed since it was read (with `loadMapping`).
    ///
    /// Cheap on the common path: the change token is read first (no table), and the version only
    /// when another connection committed since the last look. The version is read before the
    /// dictionary, so a change landing in between is caught at the next look, never missed.
    func refreshMapping() throws {
        guard let load = environment.loadMapping else { return }
        let token = try store.externalChangeToken()
        guard token != checkedToken else { return }
        checkedToken = token
        let version = try store.dictionaryVersion()
        guard version != mappingVersion else { return }
        let mapping = try load(store)
        step = FileIngest(store: store, map: mapping.map, dictionary: mapping.dictionary)
        colorEntries = mapping.dictionary.colorEntries
        vocabulary = Self.vocabulary(mapping.dictionary)
        mappingVersion = version
    }

    var clock: any QueueClock { environment.clock }
    var owner: String { configuration.owner }

    func embedded() throws -> any AnalysisProvider {
        if let e = embeddedProvider { return e }
        let e = try environment.makeEmbedded()
        embeddedProvider = e
        return e
    }

    /// The provider for a chain step, built once per thread for each distinct spec (jobs
    /// enqueued with other base URLs or key files must not share a provider).
    func provider(_ name: String, spec: ProviderSpec) throws -> any AnalysisProvider {
        if name == "embedded" { return try embedded() }
        let key = name + "|" + spec.cacheKey
        if let p = providers[key] { return p }
        let p = try environment.makeProvider(name, spec)
        providers[key] = p
        return p
    }

    /// Claims and processes the next due job; false when none was due.
    func processNext(onEvent: @Sendable (WorkerEvent) -> Void) throws -> Bool {
        guard let job = try store.claimJob(owner: owner, lease: configuration.lease, at: clock.now()) else { return false }
        onEvent(.started(job))
        do {
            try refreshMapping()
            try process(job)
        } catch is LeaseLost {
            // Another worker recovered the job and owns it now: its result stands, ours is dropped.
            return true
        } catch {
            // The database failed mid-job: back to the queue with backoff; the claim counted as
            // a try, so a job that keeps failing this way gives up in the end.
            let retry = JobRetry(
                notBefore: clock.now().addingTimeInterval(configuration.retry.delay(afterTry: job.attempts, retryAfter: nil)),
                error: "\(Self.name(job)): \(error)", chainPosition: job.chainPosition, positionAttempts: job.positionAttempts)
            try? store.scheduleRetry(id: job.id, owner: owner, retry, at: clock.now())
        }
        if let after = try store.job(id: job.id) {
            onEvent(after.status == .queued ? .retrying(after) : .finished(after))
        }
        return true
    }

    static func name(_ job: QueueJob) -> String {
        SafeText.display(URL(fileURLWithPath: job.source).lastPathComponent)
    }

    func process(_ job: QueueJob) throws {
        billedWithoutAnswer = nil
        let name = Self.name(job)
        let maxTries = job.maxTries ?? configuration.retry.maxTries
        if job.source.contains("://") {
            return try store.failJob(
                id: job.id, owner: owner,
                reason: "\(SafeText.display(job.source)): only local files can be ingested; download it and enqueue its path",
                at: clock.now())
        }
        // A job whose every claim so far ended with the process dying (a decoder crash, say)
        // must not take the queue down forever.
        if job.attempts > maxTries * max(1, job.providers.count) {
            return try store.failJob(
                id: job.id, owner: owner,
                reason:
                    "\(name): gave up after \(job.attempts - 1) tries: \(job.lastError ?? "the process analysing it stopped each time")",
                at: clock.now())
        }
        let url = URL(fileURLWithPath: job.source)
        let prepared: FileIngest.Prepared
        switch try step.prepare(
            url: url, folderCampaign: InputCollector.campaignName(for: url), campaign: job.campaign, force: job.force,
            current: identity(job))
        {
        case .done(let outcome): return try finish(job, outcome)
        case .analyse(let p): prepared = p
        }

        var position = job.chainPosition
        var tries = job.positionAttempts + 1
        var failures: [String] = []
        while position < job.providers.count {
            let providerName = job.providers[position]
            let analysed: AnalysedFile
            do {
                analysed = try analyse(prepared, with: providerName, spec: ProviderSpec(job: job))
            } catch let failure as ProviderFailure {
                let message = "\(providerName): \(failure)"
                let tooLong = failure.isRetryable && configuration.retry.waitTooLong(failure.retryAfter)
                if failure.isRetryable && tries < maxTries && !tooLong {
                    let wait = configuration.retry.delay(afterTry: tries, retryAfter: failure.retryAfter)
                    let retry = JobRetry(
                        notBefore: clock.now().addingTimeInterval(wait),
                        error: "\(name): \(message)" + (failures.isEmpty ? "" : " (after " + failures.joined(separator: "; ") + ")"),
                        chainPosition: position,
                        positionAttempts: tries,
                        tokensIn: billedWithoutAnswer?.inputTokens ?? 0,
                        tokensOut: billedWithoutAnswer?.outputTokens ?? 0,
                        costUSD: billedWithoutAnswer?.costUSD)
                    return try store.scheduleRetry(id: job.id, owner: owner, retry, at: clock.now())
                }
                if tooLong {
                    let asked = Int((failure.retryAfter ?? 0).rounded(.up))
                    failures.append(
                        "\(message) (asked to wait \(asked) s, more than the \(Int(configuration.retry.maxRetryAfter)) s waited; gave up after \(tries) tries)"
                    )
                } else {
                    failures.append(failure.isRetryable ? "\(message) (gave up after \(tries) tries)" : message)
                }
                position += 1
                tries = 1
                continue
            } catch {
                // The file itself cannot be analysed: no retry or other provider would help.
                return try finish(job, try step.saveFailure(prepared, reason: String(describing: error)))
            }
            let note = failures.isEmpty ? nil : "answered by \(providerName) after " + failures.joined(separator: "; ")
            return try save(job, prepared, analysed, note: note)
        }
        let reason =
            failures.count == 1
            ? "\(name): \(failures[0])" : "\(name): no provider could analyse it: " + failures.joined(separator: "; ")
        try finish(job, try step.saveFailure(prepared, reason: reason))
    }

    /// Saves the analysis and finishes the job in one transaction.
    private func save(_ job: QueueJob, _ prepared: FileIngest.Prepared, _ analysed: AnalysedFile, note: String?) throws {
        do {
            _ = try step.save(prepared, analysed, note: note) { outcome in
                let c = try self.completion(outcome, job: job)
                do {
                    try self.store.completeJob(id: job.id, owner: self.owner, c, at: self.clock.now())
                } catch {
                    throw self.holdsLease(job) ? error : LeaseLost(underlying: error)
                }
            }
        } catch let lost as LeaseLost {
            throw lost
        } catch {
            try finish(job, step.storeFailure(url: prepared.url, campaign: prepared.campaign, error: error))
        }
    }

    private func finish(_ job: QueueJob, _ outcome: IngestOutcome) throws {
        let c = try completion(outcome, job: job)
        do {
            try store.completeJob(id: job.id, owner: owner, c, at: clock.now())
        } catch {
            throw holdsLease(job) ? error : LeaseLost(underlying: error)
        }
    }

    /// Whether the job is still ours: a failed write to a job we no longer hold is a lost lease.
    func holdsLease(_ job: QueueJob) -> Bool {
        guard let now = try? store.job(id: job.id) else { return false }
        return now.status == .analysing && now.leaseOwner == owner
    }

    func completion(_ outcome: IngestOutcome, job: QueueJob) throws -> JobCompletion {
        let status: JobStatus
        switch outcome.status {
        case .ready: status = .ready
        case .needsReview: status = .needsReview
        case .failed, .skipped: status = .failed
        case .unchanged:
            status = try outcome.assetID.flatMap { try store.asset(id: $0) }.map { JobStatus(finishedAsset: $0.status) } ?? .ready
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let answered =
            outcome.tokensIn == nil && outcome.tokensOut == nil && outcome.costUSD == nil
            ? nil : ProviderUsage(inputTokens: outcome.tokensIn ?? 0, outputTokens: outcome.tokensOut ?? 0, costUSD: outcome.costUSD)
        let spent = answered.map { $0.adding(billedWithoutAnswer) } ?? billedWithoutAnswer
        return JobCompletion(
            status: status, assetID: outcome.assetID, campaign: outcome.campaign,
            contentHash: try? outcome.assetID.flatMap { try store.asset(id: $0) }?.contentHash,
            provider: outcome.provider ?? (outcome.status == .ready || outcome.status == .needsReview ? "embedded" : nil),
            model: outcome.model, tokensIn: spent?.inputTokens ?? 0, tokensOut: spent?.outputTokens ?? 0, costUSD: spent?.costUSD,
            cached: outcome.cached ?? false, durationMS: outcome.durationMS,
            error: outcome.status == .unchanged ? nil : outcome.reason,
            result: String(decoding: try encoder.encode(outcome), as: UTF8.self))
    }
}
