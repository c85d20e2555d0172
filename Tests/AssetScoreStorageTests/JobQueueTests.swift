import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

/// The persistent queue: idempotent enqueue, atomic claims with leases, finishing only while
/// holding the lease, recovery of dead owners' jobs, counts and costs.
final class JobQueueTests: StoreTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func testEnqueueIsIdempotentByDeliveryKeyAndByActiveSource() throws {
        let store = try makeStore()
        let first = try store.enqueueJob(JobRequest(source: "/in/a.png", deliveryKey: "d-1"), at: t0)
        XCTAssertTrue(first.created)
        let again = try store.enqueueJob(JobRequest(source: "/in/other.png", deliveryKey: "d-1"), at: t0)
        XCTAssertFalse(again.created)
        XCTAssertEqual(again.job.id, first.job.id)
        XCTAssertEqual(again.job.source, "/in/a.png")
        let sameFile = try store.enqueueJob(JobRequest(source: "/in/a.png"), at: t0)
        XCTAssertEqual(sameFile.job.id, first.job.id, "a queued job for the same file is reused")
        let otherCampaign = try store.enqueueJob(JobRequest(source: "/in/a.png", campaign: "other"), at: t0)
        XCTAssertTrue(otherCampaign.created)
        XCTAssertEqual(try count("jobs"), 2)
        XCTAssertThrowsError(try store.enqueueJob(JobRequest(source: "/in/b.png", providers: []), at: t0))
    }

    func testADeliveryKeyWithAnotherDigestIsAConflictAndAddsNothing() throws {
        let store = try makeStore()
        let first = try store.enqueueJob(JobRequest(source: "/in/a.png", deliveryKey: "d-1", deliveryDigest: "aaa"), at: t0)
        XCTAssertTrue(first.created)
        XCTAssertEqual(first.job.deliveryDigest, "aaa")
        let same = try store.enqueueJob(JobRequest(source: "/in/a.png", deliveryKey: "d-1", deliveryDigest: "aaa"), at: t0)
        XCTAssertFalse(same.created)
        XCTAssertEqual(same.job.id, first.job.id)
        XCTAssertThrowsError(
            try store.enqueueJob(JobRequest(source: "/in/b.png", deliveryKey: "d-1", deliveryDigest: "bbb"), at: t0)
        ) { error in
            guard case StorageError.conflict(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("delivery 'd-1' was already used for other content"), message)
            XCTAssertTrue(message.contains("job \(first.job.id)"), message)
        }
        // Without a digest on either side there is nothing to compare: the stored job, as before.
        XCTAssertEqual(try store.enqueueJob(JobRequest(source: "/in/c.png", deliveryKey: "d-1"), at: t0).job.id, first.job.id)
        let plain = try store.enqueueJob(JobRequest(source: "/in/p.png", deliveryKey: "d-2"), at: t0).job
        XCTAssertEqual(
            try store.enqueueJob(JobRequest(source: "/in/q.png", deliveryKey: "d-2", deliveryDigest: "ccc"), at: t0).job.id, plain.id)
        // A delivery that finds a queued job for its file takes that job, digest and all.
        let sameFile = try store.enqueueJob(JobRequest(source: "/in/p.png", deliveryKey: "d-3", deliveryDigest: "ddd"), at: t0)
        XCTAssertEqual(sameFile.job.id, plain.id)
        XCTAssertEqual(try count("jobs"), 2)
        let free = try store.enqueueJob(JobRequest(source: "/in/r.png"), at: t0).job
        let attached = try store.enqueueJob(JobRequest(source: "/in/r.png", deliveryKey: "d-4", deliveryDigest: "eee"), at: t0).job
        XCTAssertEqual(attached.id, free.id)
        XCTAssertEqual(attached.deliveryKey, "d-4")
        XCTAssertEqual(attached.deliveryDigest, "eee")
        XCTAssertEqual(try store.job(deliveryKey: "d-4")?.deliveryDigest, "eee")
    }

    func testClaimTakesTheOldestDueJobWithALeaseAndCountsTheTry() throws {
        let store = try makeStore()
        let a = try store.enqueueJob(JobRequest(source: "/a.png"), at: t0).job
        let b = try store.enqueueJob(JobRequest(source: "/b.png"), at: t0).job
        let claimed = try XCTUnwrap(try store.claimJob(owner: "w1", lease: 60, at: t0))
        XCTAssertEqual(claimed.id, a.id)
        XCTAssertEqual(claimed.status, .analysing)
        XCTAssertEqual(claimed.attempts, 1)
        XCTAssertEqual(claimed.leaseOwner, "w1")
        XCTAssertEqual(claimed.leaseExpiresAt, t0.addingTimeInterval(60))
        XCTAssertEqual(try store.claimJob(owner: "w2", lease: 60, at: t0)?.id, b.id)
        XCTAssertNil(try store.claimJob(owner: "w3", lease: 60, at: t0))
    }

    func testARetryIsNotDueBeforeItsTime() throws {
        let store = try makeStore()
        let job = try store.enqueueJob(JobRequest(source: "/a.png"), at: t0).job
        _ = try store.claimJob(owner: "w", lease: 60, at: t0)
        try store.scheduleRetry(
            id: job.id, owner: "w",
            JobRetry(notBefore: t0.addingTimeInterval(30), error: "a.png: 429", chainPosition: 1, positionAttempts: 2),
            at: t0)
        let waiting = try XCTUnwrap(try store.job(id: job.id))
        XCTAssertEqual(waiting.status, .queued)
        XCTAssertEqual(waiting.notBefore, t0.addingTimeInterval(30))
        XCTAssertEqual(waiting.chainPosition, 1)
        XCTAssertEqual(waiting.positionAttempts, 2)
        XCTAssertEqual(waiting.lastError, "a.png: 429")
        XCTAssertNil(try store.claimJob(owner: "w", lease: 60, at: t0.addingTimeInterval(29)))
        XCTAssertEqual(try store.nextJobDue(after: t0), t0.addingTimeInterval(30))
        XCTAssertEqual(try store.claimJob(owner: "w", lease: 60, at: t0.addingTimeInterval(30))?.attempts, 2)
    }

    func testOnlyTheLeaseHolderCanFinishAJob() throws {
        let store = try makeStore()
        let job = try store.enqueueJob(JobRequest(source: "/a.png"), at: t0).job
        _ = try store.claimJob(owner: "w1", lease: 60, at: t0)
        XCTAssertThrowsError(try store.completeJob(id: job.id, owner: "w2", JobCompletion(status: .ready), at: t0)) {
            XCTAssertTrue("\($0)".contains("no longer held by w2"), "\($0)")
        }
        XCTAssertThrowsError(try store.failJob(id: job.id, owner: "w2", reason: "x", at: t0))
        try store.completeJob(
            id: job.id, owner: "w1",
            JobCompletion(status: .ready, campaign: "c", provider: "openai", model: "m", tokensIn: 100, tokensOut: 20, costUSD: 0.5),
            at: t0)
        let done = try XCTUnwrap(try store.job(id: job.id))
        XCTAssertEqual(done.status, .ready)
        XCTAssertNil(done.leaseOwner)
        XCTAssertEqual(done.campaign, "c")
        XCTAssertEqual(done.tokensIn, 100)
        XCTAssertEqual(done.costUSD, 0.5)
        XCTAssertThrowsError(try store.completeJob(id: job.id, owner: "w1", JobCompletion(status: .ready), at: t0))
    }

    func testRecoveryRequeuesDeadOwnersAndExpiredLeasesOnly() throws {
        let store = try makeStore()
        let dead = try store.enqueueJob(JobRequest(source: "/dead.png"), at: t0).job
        let expired = try store.enqueueJob(JobRequest(source: "/expired.png"), at: t0).job
        let alive = try store.enqueueJob(JobRequest(source: "/alive.png"), at: t0).job
        _ = try store.claimJob(owner: "dead-owner", lease: 600, at: t0)
        _ = try store.claimJob(owner: "slow-owner", lease: 10, at: t0)
        _ = try store.claimJob(owner: "live-owner", lease: 600, at: t0)
        let recovered = try store.recoverJobs(at: t0.addingTimeInterval(11)) { $0 != "dead-owner" }
        XCTAssertEqual(Set(recovered), [dead.id, expired.id])
        XCTAssertEqual(try store.job(id: dead.id)?.status, .queued)
        XCTAssertTrue(try XCTUnwrap(store.job(id: dead.id)?.lastError).contains("dead.png: the worker analysing it (dead-owner) stopped"))
        XCTAssertEqual(try store.job(id: alive.id)?.status, .analysing)
        // The recovered jobs are due at once; the live one keeps its lease after a heartbeat.
        XCTAssertEqual(try store.heartbeatJobs(owner: "live-owner", lease: 600, at: t0.addingTimeInterval(11)), 1)
        XCTAssertEqual(try store.job(id: alive.id)?.leaseExpiresAt, t0.addingTimeInterval(611))
        XCTAssertEqual(try store.claimJob(owner: "new", lease: 60, at: t0.addingTimeInterval(11))?.id, dead.id)
        // The dead owner, should it come back, cannot finish what is no longer its own.
        XCTAssertThrowsError(try store.completeJob(id: dead.id, owner: "dead-owner", JobCompletion(status: .ready), at: t0))
    }

    func testTwoConnectionsClaimingAtOnceNeverGetTheSameJob() throws {
        let setup = try makeStore()
        for i in 0..<40 { _ = try setup.enqueueJob(JobRequest(source: "/f\(i).png"), at: t0) }
        let path = self.path
        let t0 = self.t0
        let claims = ClaimLog()
        let group = DispatchGroup()
        for worker in 0..<4 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let store = try SQLiteStore(path: path)
                    while let job = try store.claimJob(owner: "w\(worker)", lease: 60, at: t0) { claims.add(job.id) }
                } catch {
                    claims.fail("\(error)")
                }
            }
        }
        group.wait()
        XCTAssertEqual(claims.errors, [])
        XCTAssertEqual(claims.ids.count, 40)
        XCTAssertEqual(Set(claims.ids).count, 40, "a job was claimed twice")
    }

    func testRequeueAndCountsAndCosts() throws {
        let store = try makeStore()
        let a = try store.enqueueJob(JobRequest(source: "/a.png", campaign: "c1"), at: t0).job
        let b = try store.enqueueJob(JobRequest(source: "/b.png", campaign: "c1"), at: t0).job
        _ = try store.enqueueJob(JobRequest(source: "/c.png"), at: t0)
        _ = try store.claimJob(owner: "w", lease: 60, at: t0)
        try store.failJob(id: a.id, owner: "w", reason: "a.png: gave up", at: t0)
        _ = try store.claimJob(owner: "w", lease: 60, at: t0)
        try store.completeJob(
            id: b.id, owner: "w", JobCompletion(status: .ready, campaign: "c1", provider: "anthropic", tokensIn: 10, tokensOut: 5),
            at: t0)
        XCTAssertEqual(try store.jobCounts(), [.failed: 1, .ready: 1, .queued: 1])
        XCTAssertEqual(try store.jobs(status: .failed, limit: 10, offset: 0).map(\.id), [a.id])
        XCTAssertThrowsError(try store.requeueJob(id: b.id, force: false, at: t0))
        let again = try store.requeueJob(id: a.id, force: false, at: t0)
        XCTAssertEqual(again.status, .queued)
        XCTAssertEqual(again.attempts, 0)
        XCTAssertEqual(again.lastError, "a.png: gave up")
        let costs = try store.jobCosts()
        XCTAssertEqual(costs.first?.campaign, "c1")
        XCTAssertEqual(costs.first?.tokensIn, 10)
        XCTAssertEqual(costs.first?.unpricedJobs, 1)
        XCTAssertNil(costs.last?.campaign)
    }

    func testCacheKeepsAnswersByHashProviderModelAndPrompt() throws {
        let store = try makeStore()
        let key = CachedAnalysis.Key(contentHash: "abc", provider: "openai", model: "m1", promptVersion: "p1")
        var fields = AnalysisFields(width: 10, height: 20, orientation: "portrait", formatClass: "portrait")
        fields.textDensity = 0.25
        let tags = [RawTag(text: "beach", facetHint: "theme", confidence: 0.8, source: .model, evidence: "sand")]
        try store.saveCachedAnalysis(
            CachedAnalysis(
                key: key, fields: fields, rawTags: tags, rawOutput: "{}", mediaType: "image/png", tokensIn: 7, tokensOut: 3, costUSD: 0.01))
        let hit = try XCTUnwrap(try store.cachedAnalysis(key))
        XCTAssertEqual(hit.fields, fields)
        XCTAssertEqual(hit.rawTags, tags)
        XCTAssertEqual(hit.tokensIn, 7)
        XCTAssertNil(try store.cachedAnalysis(CachedAnalysis.Key(contentHash: "abc", provider: "openai", model: "m1", promptVersion: "p2")))
        XCTAssertNil(try store.cachedAnalysis(CachedAnalysis.Key(contentHash: "abc", provider: "openai", model: nil, promptVersion: "p1")))
    }

    func testADisagreementFlagsTheAssetForReview() throws {
        let store = try makeStore()
        var r = record(path: "a.png", hash: "h", tags: [mapped("Red", entry: "red", facet: "color")])
        r.disagreements = [
            AnalysisDisagreement(field: "text_density", modelClaim: "0.40", provider: "openai", measured: "0.02", note: "over 0.15 apart")
        ]
        let saved = try store.saveIngest(r)
        XCTAssertEqual(saved.status, .needsReview)
        let analysis = try XCTUnwrap(try store.latestAnalysis(assetID: saved.id))
        XCTAssertEqual(try store.disagreements(analysisID: analysis.id), r.disagreements)
    }
}

private final class ClaimLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var ids: [Int64] = []
    private(set) var errors: [String] = []
    func add(_ id: Int64) { lock.withLock { ids.append(id) } }
    func fail(_ message: String) { lock.withLock { errors.append(message) } }
}
