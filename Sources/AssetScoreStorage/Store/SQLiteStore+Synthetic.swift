import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// Writes a synthetic database: campaigns, then assets and users, `batchSize` rows per
    /// transaction, through the same `saveIngest` / `saveFailure` / `saveUsers` paths an ingest
    /// and a CRM import use, so the rows keep every invariant of real ones.
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
        for start in stride(from: 0, to: options.assets, by: options.batchSize) {
            let end = min(start + options.batchSize, options.assets)
            do {
                // In index order, so ids do not depend on the batch size.
                try db.transaction {
                    let now = Date()
                    for index in start..<end {
                        switch data.asset(at: index) {
                        case .analysed(let record):
                            summary.tags += try appendNewAsset(record, entries: entries, campaigns: &campaigns, at: now)
                        case .failed(let asset):
                            try saveFailure(asset)
                            summary.failedAssets += 1
                        }
                    }
                }
            } catch {
                throw StorageError.invalidInput(
                    "synthetic database: stopped after \(start) of \(options.assets) assets (the last batch was rolled back): \(error)")
            }
            summary.assets = end
            progress?(end, total)
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
