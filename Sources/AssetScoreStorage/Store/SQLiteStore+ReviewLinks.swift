import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// Finds (or creates) the review item for a text the mapper did not map.
    ///
    /// - Parameters:
    ///   - waits: whether the text may wait for an operator (false for hint sources, which are
    ///     only settled by decisions made for other texts).
    ///   - create: whether a missing pending item is created (only for texts flagged unmapped).
    func reviewLink(
        facet: String, normalized: String, sampleText: String, candidates: [MappingCandidate], waits: Bool, create: Bool,
        at now: Date
    ) throws -> ReviewLink {
        let existing = try db.queryFirst(
            "SELECT id, status, decided_entry, candidates FROM review_items WHERE facet = ? AND normalized = ?",
            facet, normalized
        ) { ($0.int64(0), $0.text(1), $0.optionalText(2), $0.text(3)) }
        guard let (id, statusText, decidedEntry, storedCandidates) = existing else {
            guard waits && create else { return .none }
            try db.run(
                """
                INSERT INTO review_items (facet, normalized, sample_text, status, candidates, created_at)
                VALUES (?, ?, ?, 'pending', ?, ?)
                """,
                facet, normalized, sampleText, try json.encode(candidates), StoredDate.text(now))
            return .waiting(item: db.lastInsertRowID)
        }
        switch ReviewStatus(rawValue: statusText) {
        case .pending:
            guard waits else { return .none }
            if storedCandidates == "[]" && !candidates.isEmpty {
                try db.run("UPDATE review_items SET candidates = ? WHERE id = ?", try json.encode(candidates), id)
            }
            return .waiting(item: id)
        case .rejected:
            return .rejected(item: id)
        case .mapped, .created:
            guard let decidedEntry,
                let entryFacet = try db.scalarText("SELECT facet FROM entries WHERE id = ?", decidedEntry)
            else { return .none }
            return .decided(item: id, entry: decidedEntry, facet: entryFacet)
        case nil:
            throw StorageError.corrupt("review_items.status of item \(id): unknown status '\(statusText)'")
        }
    }

    /// Applies what the review queue knows to a tag about to be stored; returns the tag as it
    /// should be stored and the item that settled it, if any.
    func linkedTag(_ tag: AssetTag, at now: Date) throws -> (tag: AssetTag, resolvedBy: Int64?) {
        var tag = tag
        tag.reviewItemID = nil
        guard tag.entry == nil, tag.method == .unmapped || tag.method == .rejected else { return (tag, nil) }
        let link = try reviewLink(
            facet: tag.facet, normalized: tag.normalized, sampleText: tag.raw.text, candidates: tag.candidates,
            waits: !tag.raw.source.isHint, create: tag.method == .unmapped, at: now)
        switch link {
        case .none:
            break
        case .waiting(let item):
            tag.method = .unmapped
            tag.reviewItemID = item
        case .rejected:
            tag.method = .rejected
            tag.mappingConfidence = 0
        case .decided(_, let entry, let facet):
            tag.entry = entry
            tag.facet = facet
            tag.method = .decision
            tag.mappingConfidence = 1
        }
        return (tag, link.resolvingItem)
    }

    /// The same for a user attribute; attributes always wait (a CRM value is never a hint).
    func linkedAttribute(_ attribute: UserAttribute, at now: Date) throws -> (attribute: UserAttribute, resolvedBy: Int64?) {
        var attribute = attribute
        attribute.reviewItemID = nil
        attribute.normalized = attribute.normalized ?? TextFold.fold(attribute.value)
        guard attribute.entry == nil, attribute.method == .unmapped || attribute.method == .rejected else {
            return (attribute, nil)
        }
        let link = try reviewLink(
            facet: attribute.facet, normalized: attribute.normalized ?? "", sampleText: attribute.value, candidates: [],
            waits: true, create: attribute.method == .unmapped, at: now)
        switch link {
        case .none:
            break
        case .waiting(let item):
            attribute.method = .unmapped
            attribute.reviewItemID = item
        case .rejected:
            attribute.method = .rejected
        case .decided(_, let entry, _):
            attribute.entry = entry
            attribute.method = .decision
        }
        return (attribute, link.resolvingItem)
    }

    /// Sets ready / needs_review from the latest analysis, for assets that are scorable now
    /// (queued, analysing and failed assets keep their status). One statement for all of them:
    /// a decision on a popular text touches thousands of assets. Only rows whose status changes
    /// are written (and get a new `updated_at`).
    func refreshStatuses(_ assetIDs: some Sequence<Int64>, at now: Date) throws {
        let ids = Set(assetIDs)
        guard !ids.isEmpty else { return }
        try db.run(
            """
            UPDATE assets SET status = x.computed, updated_at = ?
            FROM (
                SELECT a.id AS id,
                    CASE WHEN EXISTS (
                        SELECT 1 FROM asset_tags t
                        WHERE t.analysis_id = a.latest_analysis_id
                          AND t.method = 'unmapped' AND t.source NOT IN (\(Self.hintSourcesSQL)))
                        OR \(Self.hasDisagreementSQL("a.latest_analysis_id"))
                    THEN 'needs_review' ELSE 'ready' END AS computed
                FROM assets a
                WHERE a.id IN (SELECT value FROM json_each(?)) AND a.status IN ('ready', 'needs_review')) AS x
            WHERE assets.id = x.id AND assets.status <> x.computed
            """, StoredDate.text(now), "[" + ids.map(String.init).joined(separator: ",") + "]")
    }

    /// needs_review when a non-hint tag of the latest analysis is still unmapped, or a model and the
    /// measurement disagree in it; else ready.
    func computedStatus(assetID: Int64) throws -> AssetStatus {
        let waiting = try db.scalarInt(
            """
            SELECT EXISTS (
                SELECT 1 FROM asset_tags t
                WHERE t.analysis_id = (SELECT id FROM analyses WHERE asset_id = ? ORDER BY version DESC LIMIT 1)
                  AND t.method = 'unmapped' AND t.source NOT IN (\(Self.hintSourcesSQL)))
                OR \(Self.hasDisagreementSQL("(SELECT id FROM analyses WHERE asset_id = ? ORDER BY version DESC LIMIT 1)"))
            """, assetID, assetID)
        return waiting == 1 ? .needsReview : .ready
    }

    /// The hint sources as an SQL list, derived from `TagSource.isHint` so both never disagree.
    static let hintSourcesSQL = TagSource.allCases.filter(\.isHint).map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// Distinct assets owning the tags that match `condition` (an SQL predicate on `t`).
    func assetIDs(ofTagsWhere condition: String, _ values: any SQLiteBindable...) throws -> [Int64] {
        try db.query(
            "SELECT DISTINCT a.asset_id FROM asset_tags t JOIN analyses a ON a.id = t.analysis_id WHERE \(condition)",
            values: values.map(\.sqliteValue)
        ) { $0.int64(0) }
    }
}
