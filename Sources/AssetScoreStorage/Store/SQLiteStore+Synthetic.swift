import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// Writes a synthetic database: campaigns, then assets and users, `batchSize` rows per
    /// transaction. Analysed assets go through the bulk path (`appendNewAsset`, which keeps the
    /// invariants of `saveIngest`), failed ones through `saveFailure`, users through `saveUsers`.
    /// A second thread builds the next batch (records and their encoded fields) while this one
    /// writes, which is about a quarter of the work.
    ///
    /// A batch is all or nothing; on an error the batches before it stay (each is complete) and
    /// the error says how many assets were written. `progress` gets (done, total) after each batch.
    @discardableResult
    public func generate(
        _ data: SyntheticDatabase, actor: String, progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> SyntheticSummary {
        let started = Date()
        let options = data.options
        var summary = SyntheticSummary()
        if options.assets > 0, case .analysed(let first) = data.asset(at: 0),
            let existing = try asset(campaign: first.asset.campaign, contentHash: first.asset.contentHash)
        {
            throw StorageError.conflict(
                "\(path) already holds the synthetic assets of seed \(options.seed) (asset \(existing.id) is the first); "
                    + "use another seed or a new database")
        }
        let pendingBefore = try pendingItemCount()
        // Index pages of a million tag rows do not fit SQLite's default 2 MB page cache; 64 MB
        // keeps them in memory while generating instead of re-reading them from the OS.
        let cacheSize = try db.scalarInt("PRAGMA cache_size") ?? -2000
        try db.execute(script: "PRAGMA cache_size = -65536")
        defer { try? db.execute(script: "PRAGMA cache_size = \(cacheSize)") }
        try db.transaction {
            for campaign in data.campaigns where try self.campaign(campaign.id) == nil {
                try upsertCampaign(campaign)
                summary.campaigns += 1
            }
        }
        let total = options.assets + options.users
        let entries = try entryIDs()
        var campaigns = Set(data.campaigns.map(\.id))
        let batches = HandOff<(start: Int, assets: [PreparedAsset])>(capacity: 2)
        let producer = DispatchGroup()
        producer.enter()
        Thread.detachNewThread {
            defer {
                batches.finish()
                producer.leave()
            }
            let encoder = StoreJSON()
            for start in stride(from: 0, to: options.assets, by: options.batchSize) {
                let prepared = (start..<min(start + options.batchSize, options.assets)).map { index -> PreparedAsset in
                    switch data.asset(at: index) {
                    case .analysed(let record): .analysed(record, fieldsJSON: try? encoder.encode(record.analysis.fields))
                    case .failed(let asset): .failed(asset)
                    }
                }
                guard batches.put((start, prepared)) else { return }
            }
        }
        // However this ends, the producer is stopped and gone before the function returns.
        defer {
            batches.cancel()
            producer.wait()
        }
        while let batch = batches.take() {
            do {
                // In index order, so ids do not depend on the batch size.
                try db.transaction {
                    let now = Date()
                    for prepared in batch.assets {
                        switch prepared {
                        case .analysed(let record, let fieldsJSON):
                            summary.tags += try appendNewAsset(
                                record, fieldsJSON: fieldsJSON, entries: entries, campaigns: &campaigns, at: now)
                        case .failed(let asset):
                            try saveFailure(asset)
                            summary.failedAssets += 1
                        }
                    }
                }
            } catch {
                throw StorageError.invalidInput(
                    "synthetic database: stopped after \(batch.start) of \(options.assets) assets (the last batch was rolled back): \(error)"
                )
            }
            summary.assets = batch.start + batch.assets.count
            progress?(summary.assets, total)
        }
        for start in stride(from: 0, to: options.users, by: options.batchSize) {
            let end = min(start + options.batchSize, options.users)
            try saveUsers((start..<end).map(data.user(at:)), actor: actor)
            summary.users = end
            progress?(options.assets + end, total)
        }
        summary.reviewItems = try pendingItemCount() - pendingBefore
        summary.seconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        try audit(
            actor: actor, action: "synthetic.generate", subject: path, before: String?.none,
            after: [
                "seed": String(options.seed), "assets": String(summary.assets), "review_items": String(summary.reviewItems),
                "users": String(summary.users), "campaigns": String(options.campaigns),
            ])
        return summary
    }

    private func pendingItemCount() throws -> Int {
        Int(try db.scalarInt("SELECT COUNT(*) FROM review_items WHERE status = 'pending'") ?? 0)
    }
}
