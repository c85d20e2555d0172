import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// Items by impact: occurrences, then campaigns, then id. Occurrences count tags of latest
    /// analyses and user and persona attributes waiting on the item (or, for decided items,
    /// settled by it).
    public func reviewItems(status: ReviewStatus?) throws -> [ReviewItem] {
        try reviewDetails(try reviewRanking(status: status, facet: nil, search: nil).entries[...], assetIDLimit: nil)
    }

    /// A slice of the ranking (see `reviewRanking`), completed with one query for its rows.
    public func reviewPage(status: ReviewStatus?, facet: String?, search: String?, limit: Int, offset: Int) throws
        -> [ReviewItem]
    {
        guard limit > 0 else { return [] }
        let entries = try reviewRanking(status: status, facet: facet, search: search).entries
        let start = min(max(offset, 0), entries.count)
        return try reviewDetails(entries[start..<min(start + limit, entries.count)], assetIDLimit: StorePaging.reviewAssetIDLimit)
    }

    public func reviewCount(status: ReviewStatus?, facet: String?, search: String?) throws -> Int {
        let (filter, values) = reviewFilter(status: status, facet: facet, search: search)
        return Int(try db.queryFirst("SELECT COUNT(*) FROM review_items r \(filter)", values: values) { $0.int64(0) } ?? 0)
    }

    /// One item with its full impact; the counts are subqueries on this item's links alone, so
    /// a decision's before-and-after snapshots stay cheap on a big database.
    public func reviewItem(id: Int64) throws -> ReviewItem? {
        try db.queryFirst(Self.reviewItemSQL, -1, id) { try reviewItemRow($0, counted: true) }
    }

    /// Parameters: the asset id limit (-1 for all), the item id.
    static let reviewItemSQL = """
        SELECT \(reviewColumns("r")), \(occurrenceCount("r.id")), \(userCount("r.id")), \(personaCount("r.id")),
            \(campaignList("r.id")), \(assetIDList("r.id"))
        FROM review_items r WHERE r.id = ?
        """

    public func rejections() throws -> Set<RejectionKey> {
        Set(
            try db.query("SELECT facet, normalized FROM review_items WHERE status = 'rejected'") {
                RejectionKey(facet: $0.text(0), normalized: $0.text(1))
            })
    }

    // MARK: The impact order

    /// The impact order of every item the filter selects, with the counts that decide it.
    ///
    /// One GROUP BY over the covering link indexes counts occurrences, distinct campaigns,
    /// users and personas of every item at once; that is the cost of a review page, so the result is kept
    /// until the change token moves (any commit, here or in another process). Inside a
    /// transaction of this connection, whose writes the token does not see yet, it is computed
    /// afresh and not kept.
    func reviewRanking(status: ReviewStatus?, facet: String?, search: String?) throws -> ReviewRanking {
        let key = ReviewRanking.Key(
            token: try changeToken(), status: status?.rawValue, facet: facet, search: SQLPattern.search(search))
        return try reviewRankingCache.value(for: key, inTransaction: db.isInTransaction) {
            let statement = reviewRankingStatement(status: status, facet: facet, search: search)
            let entries = try db.query(statement.sql, values: statement.values) { row in
                ReviewRanking.Entry(
                    id: row.int64(0), occurrences: row.int(1), userCount: row.int(2), personaCount: row.int(3),
                    campaignsJSON: row.text(4))
            }
            return ReviewRanking(key: key, entries: entries)
        }
    }

    /// The statement `reviewRanking` runs.
    func reviewRankingStatement(status: ReviewStatus?, facet: String?, search: String?) -> (sql: String, values: [SQLiteValue]) {
        let (filter, values) = reviewFilter(status: status, facet: facet, search: search)
        let sql = """
            \(Self.linksCTE),
            tag_impact(item, tags, campaigns) AS (
                SELECT l.item, COUNT(*), json_group_array(DISTINCT s.campaign)
                FROM tag_links l JOIN assets s ON s.latest_analysis_id = l.analysis
                GROUP BY l.item),
            user_impact(item, attributes, users) AS (
                SELECT item, COUNT(*), COUNT(DISTINCT user) FROM user_links GROUP BY item),
            persona_impact(item, attributes, personas) AS (
                SELECT item, COUNT(*), COUNT(DISTINCT persona) FROM persona_links GROUP BY item)
            SELECT r.id, COALESCE(ti.tags, 0) + COALESCE(ui.attributes, 0) + COALESCE(pi.attributes, 0) AS occurrences,
                COALESCE(ui.users, 0), COALESCE(pi.personas, 0),
                COALESCE(ti.campaigns, '[]'), COALESCE(json_array_length(ti.campaigns), 0) AS campaign_count
            FROM review_items r
            LEFT JOIN tag_impact ti ON ti.item = r.id
            LEFT JOIN user_impact ui ON ui.item = r.id
            LEFT JOIN persona_impact pi ON pi.item = r.id
            \(filter)
            ORDER BY occurrences DESC, campaign_count DESC, r.id
            """
        return (sql, values)
    }

    /// The rows of `entries`, in their order, with the impact the ranking counted and the asset
    /// ids read now (at most `assetIDLimit`, nil for all), in one query over their ids.
    private func reviewDetails(_ entries: ArraySlice<ReviewRanking.Entry>, assetIDLimit: Int?) throws -> [ReviewItem] {
        guard !entries.isEmpty else { return [] }
        let statement = reviewDetailsStatement(ids: entries.map(\.id), assetIDLimit: assetIDLimit)
        var rows: [Int64: ReviewItem] = [:]
        for item in try db.query(statement.sql, values: statement.values, row: { try reviewItemRow($0, counted: false) }) {
            rows[item.id] = item
        }
        return try entries.compactMap { entry in
            // An item deleted since the ranking was counted is left out; the next token reloads.
            guard var item = rows[entry.id] else { return nil }
            item.occurrences = entry.occurrences
            item.userCount = entry.userCount
            item.personaCount = entry.personaCount
            item.campaigns = try json.decode([String].self, from: entry.campaignsJSON, what: "campaigns of review item \(entry.id)")
                .sorted()
            return item
        }
    }

    /// The statement `reviewDetails` runs: the ids go in as one JSON array.
    func reviewDetailsStatement(ids: [Int64], assetIDLimit: Int?) -> (sql: String, values: [SQLiteValue]) {
        let sql = """
            SELECT \(Self.reviewColumns("r")), \(Self.assetIDList("r.id"))
            FROM review_items r WHERE r.id IN (SELECT value FROM json_each(?))
            """
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        return (sql, [.integer(Int64(assetIDLimit ?? -1)), .text(list)])
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
            WHERE resolved_by_item IS NOT NULL AND review_item_id IS NULL),
        persona_links(item, persona) AS (
            SELECT review_item_id, persona_id FROM persona_attributes WHERE review_item_id IS NOT NULL
            UNION ALL
            SELECT resolved_by_item, persona_id FROM persona_attributes
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

    /// `SELECT <columns>` of the rows of `table` (user or persona attributes, aliased `u`)
    /// linked to `item`, once per branch.
    private static func attributeBranches(_ table: String, _ columns: String, _ item: String, separator: String) -> String {
        """
        SELECT \(columns) FROM \(table) u WHERE u.review_item_id = \(item)
        \(separator)
        SELECT \(columns) FROM \(table) u WHERE u.resolved_by_item = \(item) AND u.review_item_id IS NULL
        """
    }

    /// Tags of latest analyses plus user and persona attributes linked to `item`.
    private static func occurrenceCount(_ item: String) -> String {
        """
        (SELECT COUNT(*) FROM (\(latestTagBranches("1", item, separator: "UNION ALL"))))
            + (SELECT COUNT(*) FROM (\(attributeBranches("user_attributes", "1", item, separator: "UNION ALL"))))
            + (SELECT COUNT(*) FROM (\(attributeBranches("persona_attributes", "1", item, separator: "UNION ALL"))))
        """
    }

    private static func userCount(_ item: String) -> String {
        "(SELECT COUNT(*) FROM (\(attributeBranches("user_attributes", "u.user_id", item, separator: "UNION"))))"
    }

    private static func personaCount(_ item: String) -> String {
        "(SELECT COUNT(*) FROM (\(attributeBranches("persona_attributes", "u.persona_id", item, separator: "UNION"))))"
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

    /// Reads the item columns, then (when `counted`) occurrences, user and persona counts and
    /// campaign JSON, then the asset id list.
    private func reviewItemRow(_ row: SQLiteRow, counted: Bool) throws -> ReviewItem {
        let id = row.int64(0)
        guard let status = ReviewStatus(rawValue: row.text(4)) else {
            throw StorageError.corrupt("review_items.status of item \(id): unknown status '\(row.text(4))'")
        }
        let assetColumn = counted ? 14 : 10
        let assetIDs = try row.text(assetColumn).split(separator: ",").map { text -> Int64 in
            guard let value = Int64(text) else { throw StorageError.corrupt("asset id '\(text)' linked to review item \(id)") }
            return value
        }.sorted()
        var item = ReviewItem(
            id: id, facet: row.text(1), normalized: row.text(2), sampleText: row.text(3), status: status,
            candidates: try json.decode(
                [MappingCandidate].self, from: row.text(5), what: "review_items.candidates of item \(id)"),
            assetIDs: assetIDs, decidedEntry: row.optionalText(6), decidedBy: row.optionalText(7),
            decidedAt: try row.optionalText(8).map { try StoredDate.date($0, what: "review_items.decided_at of item \(id)") },
            createdAt: try StoredDate.date(row.text(9), what: "review_items.created_at of item \(id)"))
        if counted {
            item.occurrences = row.int(10)
            item.userCount = row.int(11)
            item.personaCount = row.int(12)
            item.campaigns = try json.decode([String].self, from: row.text(13), what: "campaigns of review item \(id)").sorted()
        }
        return item
    }
}
