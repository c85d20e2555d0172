import AssetScoreCore
import Foundation

/// The persistent ingestion queue: enqueue, claim with a lease, finish, retry, recover.
///
/// Every state change that reads before it writes runs in one BEGIN IMMEDIATE transaction, so
/// two processes claiming at once are serialised by SQLite's write lock and never get the same
/// job. Changes to a held job name its owner: a worker whose job was recovered meanwhile gets a
/// conflict instead of overwriting the new holder's work.
extension SQLiteStore {
    public func enqueueJob(_ request: JobRequest, at now: Date) throws -> (job: QueueJob, created: Bool) {
        guard !request.source.isEmpty else { throw StorageError.invalidInput("a job needs a source file") }
        guard !request.providers.isEmpty, request.providers.allSatisfy({ !$0.isEmpty && !$0.contains(",") }) else {
            throw StorageError.invalidInput("\(request.source): a job needs a provider chain of names without commas")
        }
        return try db.transaction {
            if let key = request.deliveryKey,
                let existing = try db.queryFirst("\(Self.jobSelect) WHERE j.delivery_key = ?", key, row: Self.job)
            {
                if let digest = request.deliveryDigest, let stored = existing.deliveryDigest, digest != stored {
                    throw StorageError.conflict(
                        "delivery '\(key)' was already used for other content: it made job \(existing.id) (\(existing.source))")
                }
                return (existing, false)
            }
            if let active = try db.queryFirst(
                """
                \(Self.jobSelect) WHERE j.source = ? AND j.status IN ('queued', 'analysing') AND j.campaign IS ? AND j.force = ?
                ORDER BY j.id LIMIT 1
                """, request.source, request.campaign, request.force, row: Self.job)
            {
                if let key = request.deliveryKey, active.deliveryKey == nil {
                    try db.run(
                        "UPDATE jobs SET delivery_key = ?, delivery_digest = ? WHERE id = ?", key, request.deliveryDigest, active.id)
                    return (try requireJob(active.id), false)
                }
                return (active, false)
            }
            let stamp = StoredDate.text(now)
            try db.run(
                """
                INSERT INTO jobs (source, campaign, providers, model, base_url, api_key_file, force, status, max_tries, delivery_key,
                    delivery_digest, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)
                """,
                request.source, request.campaign, request.providers.joined(separator: ","), request.model, request.baseURL,
                request.apiKeyFile, request.force, request.maxTries, request.deliveryKey, request.deliveryDigest, stamp, stamp)
            return (try requireJob(db.lastInsertRowID), true)
        }
    }

    public func claimJob(owner: String, lease: TimeInterval, at now: Date) throws -> QueueJob? {
        try db.transaction {
            let stamp = StoredDate.text(now)
            guard
                let id = try db.scalarInt(
                    "SELECT id FROM jobs WHERE status = 'queued' AND (not_before IS NULL OR not_before <= ?) ORDER BY id LIMIT 1",
                    stamp)
            else { return nil }
            try db.run(
                """
                UPDATE jobs SET status = 'analysing', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1,
                    not_before = NULL, updated_at = ?
                WHERE id = ? AND status = 'queued'
                """, owner, StoredDate.text(now.addingTimeInterval(lease)), stamp, id)
            return try requireJob(id)
        }
    }

    @discardableResult
    public func heartbeatJobs(owner: String, lease: TimeInterval, at now: Date) throws -> Int {
        try db.run(
            "UPDATE jobs SET lease_expires_at = ? WHERE lease_owner = ? AND status = 'analysing'",
            StoredDate.text(now.addingTimeInterval(lease)), owner)
    }

    public func completeJob(id: Int64, owner: String, _ c: JobCompletion, at now: Date) throws {
        guard c.status.isFinished else {
            throw StorageError.invalidInput("job \(id): cannot complete as '\(c.status.rawValue)'")
        }
        let changed = try db.run(
            """
            UPDATE jobs SET status = ?, lease_owner = NULL, lease_expires_at = NULL, not_before = NULL,
                asset_id = ?, campaign = COALESCE(?, campaign), content_hash = COALESCE(?, content_hash),
                provider = ?, answered_model = ?, tokens_in = tokens_in + ?, tokens_out = tokens_out + ?,
                cost_usd = CASE WHEN ? IS NULL THEN cost_usd ELSE COALESCE(cost_usd, 0) + ? END, cached = ?,
                duration_ms = ?, last_error = COALESCE(?, last_error), result = ?, updated_at = ?
            WHERE id = ? AND status = 'analysing' AND lease_owner = ?
            """,
            c.status.rawValue, c.assetID, c.campaign, c.contentHash, c.provider, c.model, c.tokensIn, c.tokensOut, c.costUSD,
            c.costUSD, c.cached, c.durationMS, c.error, c.result, StoredDate.text(now), id, owner)
        try requireHeld(id, owner: owner, changed: changed)
    }

    public func scheduleRetry(id: Int64, owner: String, _ retry: JobRetry, at now: Date) throws {
        let changed = try db.run(
            """
            UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, not_before = ?, last_error = ?,
                chain_position = ?, position_attempts = ?, tokens_in = tokens_in + ?, tokens_out = tokens_out + ?,
                cost_usd = CASE WHEN ? IS NULL THEN cost_usd ELSE COALESCE(cost_usd, 0) + ? END, updated_at = ?
            WHERE id = ? AND status = 'analysing' AND lease_owner = ?
            """,
            StoredDate.text(retry.notBefore), retry.error, retry.chainPosition, retry.positionAttempts, retry.tokensIn,
            retry.tokensOut, retry.costUSD, retry.costUSD, StoredDate.text(now), id, owner)
        try requireHeld(id, owner: owner, changed: changed)
    }

    public func failJob(id: Int64, owner: String, reason: String, at now: Date) throws {
        let changed = try db.run(
            """
            UPDATE jobs SET status = 'failed', lease_owner = NULL, lease_expires_at = NULL, not_before = NULL, last_error = ?,
                updated_at = ?
            WHERE id = ? AND status = 'analysing' AND lease_owner = ?
            """, reason, StoredDate.text(now), id, owner)
        try requireHeld(id, owner: owner, changed: changed)
    }

    @discardableResult
    public func recoverJobs(at now: Date, isOwnerAlive: (String) -> Bool) throws -> [Int64] {
        try db.transaction {
            let held = try db.query(
                "SELECT id, source, lease_owner, lease_expires_at FROM jobs WHERE status = 'analysing'",
                row: { ($0.int64(0), $0.text(1), $0.text(2), $0.optionalText(3)) })
            let stamp = StoredDate.text(now)
            var recovered: [Int64] = []
            for (id, source, owner, expiry) in held {
                let why: String
                if let expiry, expiry <= stamp {
                    why = "its lease expired at \(expiry)"
                } else if !isOwnerAlive(owner) {
                    why = "the process is gone"
                } else {
                    continue
                }
                let name = URL(fileURLWithPath: source).lastPathComponent
                try db.run(
                    """
                    UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, not_before = NULL,
                        last_error = ?, updated_at = ?
                    WHERE id = ? AND status = 'analysing' AND lease_owner = ?
                    """,
                    "\(name): the worker analysing it (\(owner)) stopped before finishing (\(why)); queued again", stamp, id,
                    owner)
                recovered.append(id)
            }
            return recovered
        }
    }

    @discardableResult
    public func requeueJob(id: Int64, force: Bool, at now: Date) throws -> QueueJob {
        try db.transaction {
            guard let job = try job(id: id) else { throw StorageError.notFound("job \(id) does not exist") }
            guard job.status == .failed || (force && job.status.isFinished) else {
                throw StorageError.conflict(
                    "job \(id) is \(job.status.rawValue.replacingOccurrences(of: "_", with: " ")): only a failed job can be retried"
                        + (job.status.isFinished ? " (re-analyse it instead)" : ""))
            }
            try db.run(
                """
                UPDATE jobs SET status = 'queued', attempts = 0, chain_position = 0, position_attempts = 0, not_before = NULL,
                    force = ?, result = NULL, updated_at = ?
                WHERE id = ?
                """, force, StoredDate.text(now), id)
            return try requireJob(id)
        }
    }

    public func job(id: Int64) throws -> QueueJob? {
        try db.queryFirst("\(Self.jobSelect) WHERE j.id = ?", id, row: Self.job)
    }

    public func job(deliveryKey: String) throws -> QueueJob? {
        try db.queryFirst("\(Self.jobSelect) WHERE j.delivery_key = ?", deliveryKey, row: Self.job)
    }

    public func jobs(status: JobStatus?, limit: Int, offset: Int) throws -> [QueueJob] {
        if let status {
            return try db.query(
                "\(Self.jobSelect) WHERE \(Self.shownStatus) = ? ORDER BY j.id DESC LIMIT ? OFFSET ?", status.rawValue, limit,
                offset, row: Self.job)
        }
        return try db.query("\(Self.jobSelect) ORDER BY j.id DESC LIMIT ? OFFSET ?", limit, offset, row: Self.job)
    }

    public func jobCounts() throws -> [JobStatus: Int] {
        var out: [JobStatus: Int] = [:]
        for (status, n) in try db.query(
            "SELECT \(Self.shownStatus), COUNT(*) FROM jobs j LEFT JOIN assets a ON a.id = j.asset_id GROUP BY 1",
            row: { ($0.text(0), $0.int(1)) })
        {
            guard let s = JobStatus(rawValue: status) else { throw StorageError.corrupt("jobs.status: unknown status '\(status)'") }
            out[s] = n
        }
        return out
    }

    public func nextJobDue(after now: Date) throws -> Date? {
        guard
            let text = try db.scalarText(
                "SELECT MIN(not_before) FROM jobs WHERE status = 'queued' AND not_before > ?", StoredDate.text(now))
        else { return nil }
        return try StoredDate.date(text, what: "jobs.not_before")
    }

    public func jobCosts() throws -> [JobCosts] {
        let model = "(provider IS NOT NULL AND provider <> 'embedded')"
        return try db.query(
            """
            SELECT campaign, COUNT(*), SUM(\(model)), SUM(cached), SUM(tokens_in), SUM(tokens_out), TOTAL(cost_usd),
                SUM(\(model) AND cached = 0 AND cost_usd IS NULL)
            FROM jobs GROUP BY campaign ORDER BY campaign IS NULL, campaign
            """
        ) {
            JobCosts(
                campaign: $0.optionalText(0), jobs: $0.int(1), modelJobs: $0.int(2), cachedJobs: $0.int(3), tokensIn: $0.int(4),
                tokensOut: $0.int(5), costUSD: $0.double(6), unpricedJobs: $0.int(7))
        }
    }

    // MARK: Helpers

    private func requireJob(_ id: Int64) throws -> QueueJob {
        guard let job = try job(id: id) else { throw StorageError.notFound("job \(id) vanished while it was being stored") }
        return job
    }

    /// Says why a change to a held job touched no row: it does not exist, or someone else has it.
    private func requireHeld(_ id: Int64, owner: String, changed: Int) throws {
        guard changed == 0 else { return }
        guard let job = try job(id: id) else { throw StorageError.notFound("job \(id) does not exist") }
        throw StorageError.conflict(
            "job \(id) (\(job.source)) is no longer held by \(owner): it is \(job.status.rawValue)"
                + (job.leaseOwner.map { " under \($0)" } ?? "") + "; it was recovered while this worker had it")
    }

    /// A finished job shows its asset's current status (a review decision makes it ready).
    static let shownStatus = """
        (CASE WHEN j.status IN ('ready', 'needs_review') AND a.status IN ('ready', 'needs_review') THEN a.status \
        ELSE j.status END)
        """

    static let jobSelect = """
        SELECT j.id, j.source, j.campaign, j.providers, j.model, j.force, \(shownStatus), j.attempts, j.max_tries, \
        j.chain_position, j.position_attempts, j.not_before, j.lease_owner, j.lease_expires_at, j.last_error, j.provider, \
        j.answered_model, j.tokens_in, j.tokens_out, j.cost_usd, j.cached, j.duration_ms, j.asset_id, j.content_hash, \
        j.delivery_key, j.result, j.created_at, j.updated_at, j.base_url, j.api_key_file, j.delivery_digest
        FROM jobs j LEFT JOIN assets a ON a.id = j.asset_id
        """

    static func job(_ row: SQLiteRow) throws -> QueueJob {
        let id = row.int64(0)
        guard let status = JobStatus(rawValue: row.text(6)) else {
            throw StorageError.corrupt("jobs.status of job \(id): unknown status '\(row.text(6))'")
        }
        func date(_ column: Int, _ name: String) throws -> Date? {
            try row.optionalText(column).map { try StoredDate.date($0, what: "jobs.\(name) of job \(id)") }
        }
        return QueueJob(
            id: id, source: row.text(1), campaign: row.optionalText(2),
            providers: row.text(3).split(separator: ",").map(String.init), model: row.optionalText(4),
            baseURL: row.optionalText(28), apiKeyFile: row.optionalText(29), force: row.bool(5),
            status: status, attempts: row.int(7), maxTries: row.optionalInt(8), chainPosition: row.int(9),
            positionAttempts: row.int(10), notBefore: try date(11, "not_before"), leaseOwner: row.optionalText(12),
            leaseExpiresAt: try date(13, "lease_expires_at"), lastError: row.optionalText(14), provider: row.optionalText(15),
            answeredModel: row.optionalText(16), tokensIn: row.int(17), tokensOut: row.int(18), costUSD: row.optionalDouble(19),
            cached: row.bool(20), durationMS: row.optionalInt(21), assetID: row.optionalInt64(22),
            contentHash: row.optionalText(23), deliveryKey: row.optionalText(24),
            deliveryDigest: row.optionalText(30), result: row.optionalText(25),
            createdAt: try date(26, "created_at") ?? Date(timeIntervalSince1970: 0),
            updatedAt: try date(27, "updated_at") ?? Date(timeIntervalSince1970: 0))
    }
}
