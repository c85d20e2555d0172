import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// One page of assets, newest first. Only the filters given become SQL conditions, so each
    /// combination is its own statement with its own plan: campaign and status filters walk
    /// one of the `created_at` indexes of migration 2 and stop after `limit` rows.
    public func assetPage(campaign: String?, status: AssetStatus?, search: String?, limit: Int, offset: Int) throws -> [Asset] {
        guard limit > 0 else { return [] }
        let statement = assetPageStatement(campaign: campaign, status: status, search: search, limit: limit, offset: offset)
        return try db.query(statement.sql, values: statement.values, row: Self.asset)
    }

    /// The statement `assetPage` runs (tests read its query plan).
    func assetPageStatement(campaign: String?, status: AssetStatus?, search: String?, limit: Int, offset: Int)
        -> (sql: String, values: [SQLiteValue])
    {
        let (filter, values) = assetFilter(campaign: campaign, status: status, search: search)
        return (
            "SELECT \(Self.assetColumns) FROM assets \(filter) ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
            values + [.integer(Int64(limit)), .integer(Int64(max(offset, 0)))]
        )
    }

    public func assetCount(campaign: String?, status: AssetStatus?, search: String?) throws -> Int {
        if SQLPattern.search(search) == nil {
            // Without a text search the trigger-kept `asset_counts` (same column names) answers:
            // a few rows, not a pass over every matching asset (20 ms at 100,000, on a console key).
            let (filter, values) = assetFilter(campaign: campaign, status: status, search: nil)
            return Int(try db.queryFirst("SELECT COALESCE(SUM(assets), 0) FROM asset_counts \(filter)", values: values) { $0.int64(0) } ?? 0)
        }
        let (filter, values) = assetFilter(campaign: campaign, status: status, search: search)
        return Int(try db.queryFirst("SELECT COUNT(*) FROM assets \(filter)", values: values) { $0.int64(0) } ?? 0)
    }

    /// Read from `asset_counts`, which triggers keep in step with `assets` (migration 2): a few
    /// rows instead of a pass over every asset. The LEFT JOIN lists campaigns without assets.
    public func assetCounts() throws -> AssetCounts {
        var counts = AssetCounts()
        let rows = try db.query(Self.assetCountsSQL) { ($0.text(0), $0.optionalText(1), $0.int(2)) }
        for (campaign, statusText, count) in rows {
            var perStatus = counts.byCampaign[campaign] ?? [:]
            if let statusText {
                guard let status = AssetStatus(rawValue: statusText) else {
                    throw StorageError.corrupt("assets.status in campaign '\(campaign)': unknown status '\(statusText)'")
                }
                perStatus[status] = count
                counts.byStatus[status, default: 0] += count
                counts.total += count
            }
            counts.byCampaign[campaign] = perStatus
        }
        return counts
    }

    static let assetCountsSQL = """
        SELECT c.id, n.status, COALESCE(n.assets, 0)
        FROM campaigns c LEFT JOIN asset_counts n ON n.campaign = c.id AND n.assets > 0
        """

    /// The file name is what follows the last "/": `rtrim` with every character of the path
    /// except "/" strips the name and leaves the directory, whose length says where it starts.
    /// The plain LIKE on the whole path goes first, so the longer expression only runs on rows
    /// that may match.
    static let fileNameSQL = "substr(path, length(rtrim(path, replace(path, '/', ''))) + 1)"

    private func assetFilter(campaign: String?, status: AssetStatus?, search: String?) -> (String, [SQLiteValue]) {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        if let campaign {
            conditions.append("campaign = ?")
            values.append(.text(campaign))
        }
        if let status {
            conditions.append("status = ?")
            values.append(.text(status.rawValue))
        }
        if let search = SQLPattern.search(search) {
            let pattern = SQLPattern.contains(search)
            conditions.append("path LIKE ? ESCAPE '\\' AND \(Self.fileNameSQL) LIKE ? ESCAPE '\\'")
            values += [.text(pattern), .text(pattern)]
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), values)
    }
}
