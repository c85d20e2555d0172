import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// Items by impact: occurrences, then campaigns, then id. Occurrences count tags of latest
    /// analyses and user attributes waiting on the item (or, for decided items, settled by it).
    public func reviewItems(status: ReviewStatus?) throws -> [ReviewItem] {
        let items: [ReviewItem]
        if let status {
            items = try db.query(
                "SELECT \(Self.reviewColumns) FROM review_items WHERE status = ?", status.rawValue, row: reviewItemRow)
        } else {
            items = try db.query("SELECT \(Self.reviewColumns) FROM review_items", row: reviewItemRow)
        }
        return try withImpact(items).sorted { a, b in
            if a.occurrences != b.occurrences { return a.occurrences > b.occurrences }
            if a.campaigns.count != b.campaigns.count { return a.campaigns.count > b.campaigns.count }
            return a.id < b.id
        }
    }

    public func reviewItem(id: Int64) throws -> ReviewItem? {
        guard let item = try db.queryFirst("SELECT \(Self.reviewColumns) FROM review_items WHERE id = ?", id, row: reviewItemRow)
        else { return nil }
        return try withImpact([item], only: id).first
    }

    public func rejections() throws -> Set<RejectionKey> {
        Set(
            try db.query("SELECT facet, normalized FROM review_items WHERE status = 'rejected'") {
                RejectionKey(facet: $0.text(0), normalized: $0.text(1))
            })
    }

    /// Fills occurrences, asset ids, campaigns and user counts from the linked tags and attributes.
    private func withImpact(_ items: [ReviewItem], only id: Int64? = nil) throws -> [ReviewItem] {
        guard !items.isEmpty else { return [] }
        var tagCounts: [Int64: Int] = [:]
        var assets: [Int64: Set<Int64>] = [:]
        var campaigns: [Int64: Set<String>] = [:]
        for (item, asset, campaign) in try db.query(
            """
            SELECT COALESCE(t.review_item_id, t.resolved_by_item), a.asset_id, s.campaign
            FROM asset_tags t
            JOIN analyses a ON a.id = t.analysis_id
            JOIN assets s ON s.id = a.asset_id
            WHERE COALESCE(t.review_item_id, t.resolved_by_item) IS NOT NULL
              AND (?1 IS NULL OR COALESCE(t.review_item_id, t.resolved_by_item) = ?1)
              AND a.version = (SELECT MAX(v.version) FROM analyses v WHERE v.asset_id = a.asset_id)
            """, id, row: { ($0.int64(0), $0.int64(1), $0.text(2)) })
        {
            tagCounts[item, default: 0] += 1
            assets[item, default: []].insert(asset)
            campaigns[item, default: []].insert(campaign)
        }
        var attributeCounts: [Int64: Int] = [:]
        var users: [Int64: Set<String>] = [:]
        for (item, user) in try db.query(
            """
            SELECT COALESCE(u.review_item_id, u.resolved_by_item), u.user_id FROM user_attributes u
            WHERE COALESCE(u.review_item_id, u.resolved_by_item) IS NOT NULL
              AND (?1 IS NULL OR COALESCE(u.review_item_id, u.resolved_by_item) = ?1)
            """, id, row: { ($0.int64(0), $0.text(1)) })
        {
            attributeCounts[item, default: 0] += 1
            users[item, default: []].insert(user)
        }
        return items.map { item in
            var item = item
            item.occurrences = tagCounts[item.id, default: 0] + attributeCounts[item.id, default: 0]
            item.assetIDs = (assets[item.id] ?? []).sorted()
            item.campaigns = (campaigns[item.id] ?? []).sorted()
            item.userCount = users[item.id]?.count ?? 0
            return item
        }
    }

    static let reviewColumns = """
        id, facet, normalized, sample_text, status, candidates, decided_entry, decided_by, decided_at, created_at
        """

    private func reviewItemRow(_ row: SQLiteRow) throws -> ReviewItem {
        let id = row.int64(0)
        guard let status = ReviewStatus(rawValue: row.text(4)) else {
            throw StorageError.corrupt("review_items.status of item \(id): unknown status '\(row.text(4))'")
        }
        return ReviewItem(
            id: id, facet: row.text(1), normalized: row.text(2), sampleText: row.text(3), status: status,
            candidates: try json.decode(
                [MappingCandidate].self, from: row.text(5), what: "review_items.candidates of item \(id)"),
            decidedEntry: row.optionalText(6), decidedBy: row.optionalText(7),
            decidedAt: try row.optionalText(8).map { try StoredDate.date($0, what: "review_items.decided_at of item \(id)") },
            createdAt: try StoredDate.date(row.text(9), what: "review_items.created_at of item \(id)"))
    }
}
