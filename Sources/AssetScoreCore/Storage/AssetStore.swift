import Foundation

/// Counts of what a dictionary import changed.
public struct DictionaryImportSummary: Codable, Sendable, Hashable {
    public var facetsAdded = 0
    public var facetsUpdated = 0
    public var entriesAdded = 0
    public var entriesUpdated = 0
    public var unchanged = 0
    public init() {}

    enum CodingKeys: String, CodingKey {
        case unchanged
        case facetsAdded = "facets_added"
        case facetsUpdated = "facets_updated"
        case entriesAdded = "entries_added"
        case entriesUpdated = "entries_updated"
    }
}

/// Everything one successful analysis writes, stored in one transaction.
public struct IngestRecord: Sendable {
    /// `id == 0` for a new asset; an existing id when changed bytes give a new analysis version.
    public var asset: Asset
    public var analysis: Analysis
    /// Mapped (or flagged) tags; ids are assigned by the store.
    public var tags: [AssetTag]
    /// Where a model and the embedded analyser disagree; any flags the asset for review.
    public var disagreements: [AnalysisDisagreement]

    public init(asset: Asset, analysis: Analysis, tags: [AssetTag], disagreements: [AnalysisDisagreement] = []) {
        self.asset = asset
        self.analysis = analysis
        self.tags = tags
        self.disagreements = disagreements
    }
}

/// A remembered rejection: this normalised text in this facet is not an attribute.
public struct RejectionKey: Hashable, Sendable, Codable {
    public var facet: String
    public var normalized: String
    public init(facet: String, normalized: String) {
        self.facet = facet
        self.normalized = normalized
    }
}

/// Re-maps a text (facet, raw text) with the current dictionary; used after decisions and imports.
public typealias RemapFunction = @Sendable (_ facet: String?, _ text: String) -> MappingResult

/// What every storage backend (SQLite now, PostgreSQL later) provides, with the same behaviour.
///
/// Every method that changes more than one row does so in one transaction: on error nothing of
/// it is stored. Errors name what they were about.
public protocol AssetStore: AnyObject {
    /// Runs `body` as one unit: everything it stores through this store commits together, or
    /// nothing does (a streamed import that meets a bad line at the end leaves no partial import).
    func atomically<T>(_ body: () throws -> T) throws -> T

    /// A number that changes whenever anything is committed to the store, by this instance or
    /// by another process, so a screen polling it (every 500 ms, say) knows when to reload.
    /// Cheap: no table is read. Compare only tokens from the same store instance; reads alone
    /// never change it, a rolled-back transaction need not.
    func changeToken() throws -> Int64
    /// Like `changeToken`, but moved only by other connections' and processes' commits, never by
    /// this instance's own. A service that writes only bookkeeping of its own (served decisions,
    /// feedback) watches this on its writer, so its writes do not drop caches of what others change.
    func externalChangeToken() throws -> Int64
    /// A number that moves whenever what mapping reads changes: facets, entries, aliases, or a
    /// review item entering or leaving `rejected`, by any connection. One row, so a worker can
    /// ask before every job (after the change token moved) and reload its mapper only when it
    /// changed, not whenever anything was committed.
    func dictionaryVersion() throws -> Int64

    // MARK: Dictionary
    func loadDictionary() throws -> AttributeDictionary
    /// Adds or updates facets and entries in one transaction; identical rows count as unchanged.
    /// Writes one audit event per changed row.
    func importDictionary(facets: [Facet], entries: [DictionaryEntry], source: String, actor: String) throws
        -> DictionaryImportSummary
    /// Adds an alias (or hidden label) to an entry; no-op when it is already there.
    func addAlias(entry: String, alias: String, hidden: Bool, actor: String) throws
    func entryUsage() throws -> [String: Int]

    // MARK: Campaigns
    func upsertCampaign(_ campaign: Campaign) throws
    func campaign(_ id: String) throws -> Campaign?
    func campaigns() throws -> [Campaign]

    // MARK: Assets and analyses
    func asset(id: Int64) throws -> Asset?
    func asset(campaign: String, contentHash: String) throws -> Asset?
    func asset(campaign: String, path: String) throws -> Asset?
    /// Assets, newest first; nil filters mean all.
    func assets(campaign: String?, status: AssetStatus?) throws -> [Asset]
    /// One page of `assets(campaign:status:)` (newest first, then highest id), read in index
    /// order so a page costs the same on the first screen and the last. `search` keeps assets
    /// whose file name (last path component) contains it, ignoring ASCII case; nil or "" keeps all.
    func assetPage(campaign: String?, status: AssetStatus?, search: String?, limit: Int, offset: Int) throws -> [Asset]
    /// How many assets `assetPage` pages through with these filters.
    func assetCount(campaign: String?, status: AssetStatus?, search: String?) throws -> Int
    /// Totals per status and per campaign and status, in one query.
    func assetCounts() throws -> AssetCounts
    /// Stores asset, analysis and tags in one transaction, links unmapped non-hint tags to
    /// (new or existing) pending review items, and sets the asset's status. Returns the stored asset.
    @discardableResult func saveIngest(_ record: IngestRecord) throws -> Asset
    /// Stores an asset as `failed` with its reason (new or existing asset).
    @discardableResult func saveFailure(_ asset: Asset) throws -> Asset
    func latestAnalysis(assetID: Int64) throws -> Analysis?
    func analyses(assetID: Int64) throws -> [Analysis]
    /// Tags of an asset's latest analysis.
    func tags(assetID: Int64) throws -> [AssetTag]
    /// Tags of the latest analyses of every scorable asset in a campaign, by asset id.
    func scoringTags(campaign: String) throws -> [Int64: [AssetTag]]
    /// Model-versus-measurement disagreements recorded with an analysis.
    func disagreements(analysisID: Int64) throws -> [AnalysisDisagreement]

    // MARK: Ingestion jobs (see docs/queue.md)
    /// Adds a queued job. Idempotent: a request whose `deliveryKey` is already stored, or for a
    /// source (and campaign) that already has a queued or analysing job, returns that job with
    /// `created == false` instead of adding a second. Throws `conflict` when `deliveryKey` is
    /// stored with a different `deliveryDigest` (both known): that id was used for other content.
    func enqueueJob(_ request: JobRequest, at now: Date) throws -> (job: QueueJob, created: Bool)
    /// Atomically takes the oldest due queued job (not_before passed) for `owner`: it becomes
    /// `analysing`, its attempts go up by one and its lease runs until `now + lease`. Two
    /// connections (or processes) never get the same job. nil when nothing is due.
    func claimJob(owner: String, lease: TimeInterval, at now: Date) throws -> QueueJob?
    /// Extends the lease of every job `owner` holds; returns how many.
    @discardableResult func heartbeatJobs(owner: String, lease: TimeInterval, at now: Date) throws -> Int
    /// Finishes a job `owner` holds. Throws `conflict` when the lease was lost (the job was
    /// recovered meanwhile), so a caller inside `atomically` rolls its own writes back too.
    func completeJob(id: Int64, owner: String, _ completion: JobCompletion, at now: Date) throws
    /// Puts a held job back in the queue, not due before `retry.notBefore`.
    func scheduleRetry(id: Int64, owner: String, _ retry: JobRetry, at now: Date) throws
    /// Gives up on a held job: `failed` with `reason` (which names the file and the last error).
    func failJob(id: Int64, owner: String, reason: String, at now: Date) throws
    /// Jobs `analysing` whose lease has expired or whose owner `isOwnerAlive` says is gone go
    /// back to `queued` (due at once), their last error saying why. Returns their ids.
    @discardableResult func recoverJobs(at now: Date, isOwnerAlive: (String) -> Bool) throws -> [Int64]
    /// A failed job queued again from the start of its chain, with its tries reset; `force`
    /// makes it re-analyse bytes already stored.
    @discardableResult func requeueJob(id: Int64, force: Bool, at now: Date) throws -> QueueJob
    func job(id: Int64) throws -> QueueJob?
    /// The job a webhook delivery created, so a redelivery is answered without downloading again.
    func job(deliveryKey: String) throws -> QueueJob?
    /// Jobs newest first (nil status: all). A finished job's status follows its asset's, so a
    /// review decision that makes the asset ready shows on the job too.
    func jobs(status: JobStatus?, limit: Int, offset: Int) throws -> [QueueJob]
    /// How many jobs have each status (absent: none), with the same asset-following rule.
    func jobCounts() throws -> [JobStatus: Int]
    /// The earliest `notBefore` of a queued job that is not yet due, to sleep until.
    func nextJobDue(after now: Date) throws -> Date?
    /// Tokens and cost per campaign, campaigns by name (unknown campaign last).
    func jobCosts() throws -> [JobCosts]

    // MARK: Model answer cache
    func cachedAnalysis(_ key: CachedAnalysis.Key) throws -> CachedAnalysis?
    /// Stores (or replaces) an answer.
    func saveCachedAnalysis(_ entry: CachedAnalysis) throws

    // MARK: Review
    /// Pending items by impact (occurrences, then campaigns), or all when `status` is nil.
    func reviewItems(status: ReviewStatus?) throws -> [ReviewItem]
    func reviewItem(id: Int64) throws -> ReviewItem?
    /// One page of review items in the order of `reviewItems` (occurrences, then campaigns,
    /// then id). The impact of every matching item is counted in one aggregate query, which a
    /// backend may keep until `changeToken` moves, and the page's rows are read in one more.
    /// `assetIDs` holds at most `StorePaging.reviewAssetIDLimit` ids (of the most recently
    /// analysed assets, ascending). Filters: status, facet ("" for items without a facet hint),
    /// and `search`, a substring of the sample or normalised text ignoring ASCII case.
    func reviewPage(status: ReviewStatus?, facet: String?, search: String?, limit: Int, offset: Int) throws -> [ReviewItem]
    /// How many items `reviewPage` pages through with these filters.
    func reviewCount(status: ReviewStatus?, facet: String?, search: String?) throws -> Int
    func rejections() throws -> Set<RejectionKey>
    /// Applies a decision: adds the alias or creates the entry, re-maps every waiting tag, user
    /// and persona attribute, updates asset statuses, writes the audit log. Refuses an item that
    /// is not pending (saying who decided it).
    @discardableResult func decide(itemID: Int64, decision: ReviewDecision, actor: String) throws -> ReviewItem
    /// Reverts the last decision on an item, so it is pending again.
    @discardableResult func undoDecision(itemID: Int64, actor: String) throws -> ReviewItem
    /// Re-maps every tag, user and persona attribute still waiting for review (after a
    /// dictionary change); returns how many got mapped.
    @discardableResult func remapUnresolved(_ remap: RemapFunction, actor: String) throws -> Int

    // MARK: Users and personas
    /// Upserts users (attributes already mapped); unmapped attributes get review items. One transaction per call.
    func saveUsers(_ users: [UserProfile], actor: String) throws
    func user(id: String) throws -> UserProfile?
    func users(limit: Int, offset: Int) throws -> [UserProfile]
    /// Users ordered by id whose id starts with `search` (case-sensitive; nil or "" for all),
    /// a page at a time, attributes included, in one query.
    func usersPage(search: String?, limit: Int, offset: Int) throws -> [UserProfile]
    func userCount() throws -> Int
    /// Upserts a persona (attributes already mapped); unmapped attributes wait on review items
    /// like users' do. Returns the persona as stored (with its attributes' review links).
    @discardableResult func savePersona(_ persona: Persona, actor: String) throws -> Persona
    func persona(id: String) throws -> Persona?
    func personas() throws -> [Persona]

    // MARK: Decisions
    /// Keeps a served decision (id, campaign, subject, winner, score) so feedback can refer to it.
    func recordDecision(_ decision: Decision, at: Date) throws
    /// Keeps many served decisions in one transaction, skipping ids already stored (a service
    /// that gives repeated calls the same decision id records it once). Returns how many were new.
    @discardableResult func recordDecisions(_ decisions: [Decision], at: Date) throws -> Int

    // MARK: Feedback
    /// Stores a batch of feedback events in one transaction; an event whose id is already stored
    /// (or appears earlier in the batch) is counted as a duplicate and not stored again.
    func recordFeedback(_ events: [FeedbackEvent], receivedAt: Date) throws -> FeedbackSummary
    /// Stored feedback events of a campaign, oldest first (by time of the event, then id).
    func feedback(campaign: String, limit: Int) throws -> [FeedbackEvent]

    // MARK: Audit
    func auditLog(limit: Int) throws -> [AuditEvent]
    /// The newest events whose subject starts with `subjectPrefix` ("review:" for every review
    /// decision; nil for all), newest first.
    func recentAudit(subjectPrefix: String?, limit: Int) throws -> [AuditEvent]
    /// The newest events about exactly `subject` (an entry id, "review:42"), newest first.
    func auditTrail(subject: String, limit: Int) throws -> [AuditEvent]
}

/// Limits of the paged reads, shared by every backend.
public enum StorePaging {
    /// How many asset ids `reviewPage` lists per item: enough to preview, never thousands.
    public static let reviewAssetIDLimit = 20
}

extension AssetStore {
    /// How many review items have `status` (all items for nil).
    public func reviewCount(status: ReviewStatus?) throws -> Int {
        try reviewCount(status: status, facet: nil, search: nil)
    }
}
