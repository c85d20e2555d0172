import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// Items by impact: occurrences, then campaigns, then id. Occurrences count tags of latest
    /// analyses and user attributes waiting on the item (or, for decided items, settled by it).
    public func reviewItems(status: ReviewStatus?) throws -> [ReviewItem] {
        try reviewQuery(status: status, facet: nil, search: nil, limit: nil, offset: 0, assetIDLimit: nil)
    }

    public func reviewPage(status: ReviewStatus?, facet: String?, search: String?, limit: Int, offset: Int) throws
        -> [ReviewItem]
    {
        guard limit > 0 else { return [] }
        return try reviewQuery(
            status: status, facet: facet, search: search, limit: limit, offset: max(offset, 0),
            assetIDLimit: StorePaging.reviewAssetIDLimit)
    }

    public func reviewCount(status: ReviewStatus?, facet: String?, search: String?) throws -> Int {
        let (filter, values) = reviewFilter(status: status, facet: facet, search: search)
        return Int(try db.queryFirst("SELECT COUNT(*) FROM review_items r \(filter)", values: values) { $0.int64(0) } ?? 0)
    }

    /// One item with its full impact; the counts are subqueries on this item's links alone, so a decision's before-and-after snapshots stay cheap on a big database.
    public func reviewItem(id: Int64) throws -> ReviewItem? {
        try db.queryFirst(Self.reviewItemSQL, -1, id, row: reviewItemRow)
    }

    /// Parameters: the asset id limit (-1 for all), the item id.
    static let reviewItemSQL = """
        SELECT \(reviewColumns("r")), \(occurrenceCount("r.id")), \(userCount("r.id")),
            \(campaignList("r.id")), \(assetIDList("r.id"))
        FROM review_items r WHERE r.id = ?
        """

    public func rejections() throws -> Set<RejectionKey> {
        Set(
            try db.query("SELECT facet, normalized FROM review_items WHERE status = 'rejected'") {
                RejectionKey(facet: $0.text(0), normalized: $0.text(1))
            })
    }

    // MARK: The impact query

    /// Ranks the matching items in one statement: impact of every item (occurrences, the
    /// distinct campaigns, users) is aggregated from the covering link indexes (GROUP BY), the
    /// page is cut (`page` is materialised so the rest runs for its rows only), then the asset
    /// ids are read per page row.
    private func reviewQuery(
        status: ReviewStatus?, facet: String?, search: String?, limit: Int?, offset: Int, assetIDLimit: Int?
    ) throws -> [ReviewItem] {
        let statement = reviewPageStatement(
            status: status, facet: facet, search: search, limit: limit, offset: offset, assetIDLimit: assetIDLimit)
        return try db.query(statement.sql, values: statement.values, row: reviewItemRow)
    }

    /// The statement `reviewPage` and `reviewItems` run; nil limits mean all.
    func reviewPageStatement(
        status: ReviewStatus?, facet: String?, search: String?, limit: Int?, offset: Int, assetIDLimit: Int?
    ) -> (sql: String, values: [SQLiteValue]) {
        let (filter, values) = reviewFilter(status: status, facet: facet, search: search)
        let sql = """
            \(Self.linksCTE),
            tag_impact(item, tags, campaigns) AS (
                SELECT l.item, COUNT(*), json_group_array(DISTINCT s.campaign)
                FROM tag_links l JOIN assets s ON s.latest_analysis_id = l.analysis
                GROUP BY l.item),
            user_impact(item, attributes, users) AS (
                SELECT item, COUNT(*), COUNT(DISTINCT user) FROM user_links GROUP BY item),
            page(id, occurrences, campaign_count, users, campaigns) AS MATERIALIZED (
                SELECT r.id, COALESCE(ti.tags, 0) + COALESCE(ui.attributes, 0), COALESCE(json_array_length(ti.campaigns), 0),
                    COALESCE(ui.users, 0), COALESCE(ti.campaigns, '[]')
                FROM review_items r
                LEFT JOIN tag_impact ti ON ti.item = r.id
                LEFT JOIN user_impact ui ON ui.item = r.id
                \(filter)
                ORDER BY 2 DESC, 3 DESC, r.id
                LIMIT ? OFFSET ?)
            SELECT \(Self.reviewColumns("r")), p.occurrences, p.users, p.campaigns, \(Self.assetIDList("p.id"))
            FROM page p JOIN review_items r ON r.id = p.id
            ORDER BY p.occurrences DESC, p.campaign_count DESC, p.id
            """
        let paging: [SQLiteValue] = [.integer(Int64(limit ?? -1)), .integer(Int64(offset)), .integer(Int64(assetIDLimit ?? -1))]
        return (sql, values + paging)
    }

    private func reviewFilter(status: ReviewStatus?, facet: String?, search: String?) -> (String, [SQLiteValue]) {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        if let status {
            conditions.append("r.status = ?")
            values.append(.text(status.rawValue))
        }
        if let facet {
            conditions.append("r.facet = ?")
            values.append(.text(facet))
        }
        if let search = SQLPattern.search(search) {
            conditions.append("(r.sample_text LIKE ? ESCAPE '\\' OR r.normalized LIKE ? ESCAPE '\\')")
            let pattern = SQLPattern.contains(search)
            values += [.text(pattern), .text(pattern)]
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), values)
    }

    /// What links a tag or an attribute to an item: waiting on it, or settled by it (a row has
    /// one or the other). Used for the GROUP BY over every item, where it is read once whole.
    static let linksCTE = """
        WITH tag_links(item, analysis) AS (
            SELECT review_item_id, analysis_id FROM asset_tags WHERE review_item_id IS NOT NULL
            UNION ALL
            SELECT resolved_by_item, analysis_id FROM asset_tags
            WHERE resolved_by_item IS NOT NULL AND review_item_id IS NULL),
        user_links(item, user) AS (
            SELECT review_item_id, user_id FROM user_attributes WHERE review_item_id IS NOT NULL
            UNION ALL
            SELECT resolved_by_item, user_id FROM user_attributes
            WHERE resolved_by_item IS NOT NULL AND review_item_id IS NULL)
        """

    // The per-item expressions below repeat the two branches of the links instead of using the
    // CTE: SQLite cannot flatten a UNION ALL into a join, so it would materialise every link
    // and scan them for each row. Spelled out, each branch is a range on its covering index.

    /// `SELECT <columns>` of the latest-analysis tags linked to `item`, once per branch.
    private static func latestTagBranches(_ columns: String, _ item: String, separator: String) -> String {
        """
        SELECT \(columns) FROM asset_tags t JOIN assets s ON s.latest_analysis_id = t.analysis_id
            WHERE t.review_item_id = \(item)
        \(separator)
        SELECT \(columns) FROM asset_tags t JOIN assets s ON s.latest_analysis_id = t.analysis_id
            WHERE t.resolved_by_item = \(item) AND t.review_item_id IS NULL
        """
    }

    private static func attributeBranches(_ columns: String, _ item: String, separator: String) -> String {
        """
        SELECT \(columns) FROM user_attributes u WHERE u.review_item_id = \(item)
        \(separator)
        SELECT \(columns) FROM user_attributes u WHERE u.resolved_by_item = \(item) AND u.review_item_id IS NULL
        """
    }

    /// Tags of latest analyses plus user attributes linked to `item`.
    private static func occurrenceCount(_ item: String) -> String {
        """
        (SELECT COUNT(*) FROM (\(latestTagBranches("1", item, separator: "UNION ALL"))))
            + (SELECT COUNT(*) FROM (\(attributeBranches("1", item, separator: "UNION ALL"))))
        """
    }

    private static func userCount(_ item: String) -> String {
        "(SELECT COUNT(*) FROM (\(attributeBranches("u.user_id", item, separator: "UNION"))))"
    }

    /// Distinct campaigns as a JSON array (campaign ids may hold any character).
    private static func campaignList(_ item: String) -> String {
        "(SELECT json_group_array(campaign) FROM (\(latestTagBranches("s.campaign", item, separator: "UNION"))))"
    }

    /// Asset ids, comma-separated, of the most recently analysed assets first, at most the
    /// statement's next parameter (-1 for all). Each asset has one latest analysis, so distinct
    /// (analysis, asset) pairs are distinct assets; ordered by analysis, each branch walks its
    /// index backwards and the LIMIT stops it early, however many assets the item has.
    private static func assetIDList(_ item: String) -> String {
        """
        (SELECT group_concat(asset) FROM (\(latestTagBranches("t.analysis_id, s.id AS asset", item, separator: "UNION"))
            ORDER BY 1 DESC LIMIT ?))
        """
    }

    private static func reviewColumns(_ table: String) -> String {
        ["id", "facet", "normalized", "sample_text", "status", "candidates", "decided_entry", "decided_by", "decided_at", "created_at"]
            .map { "\(table).\($0)" }.joined(separator: ", ")
    }

    /// Reads the item columns, then occurrences, user count, campaign JSON and asset id list.
    private func reviewItemRow(_ row: SQLiteRow) throws -> ReviewItem {
        let id = row.int64(0)
        guard let status = ReviewStatus(rawValue: row.text(4)) else {
            throw StorageError.corrupt("review_items.status of item \(id): unknown status '\(row.text(4))'")
        }
        let assetIDs = try row.text(13).split(separator: ",").map { text -> Int64 in
            guard let value = Int64(text) else { throw StorageError.corrupt("asset id '\(text)' linked to review item \(id)") }
            return value
        }.sorted()
        return ReviewItem(
            id: id, facet: row.text(1), normalized: row.text(2), sampleText: row.text(3), status: status,
            candidates: try json.decode(
                [MappingCandidate].self, from: row.text(5), what: "review_items.candidates of item \(id)"),
            occurrences: row.int(10), assetIDs: assetIDs,
            campaigns: try json.decode([String].self, from: row.text(12), what: "campaigns of review item \(id)").sorted(),
            userCount: row.int(11), decidedEntry: row.optionalText(6), decidedBy: row.optionalText(7),
            decidedAt: try row.optionalText(8).map { try StoredDate.date($0, what: "review_items.decided_at of item \(id)") },
            createdAt: try StoredDate.date(row.text(9), what: "review_items.created_at of item \(id)"))
    }
}
