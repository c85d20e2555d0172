import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// Applies an operator's decision to a pending item and everything waiting on it.
    ///
    /// Map adds the raw sample text as an alias of the entry (unless it is already its label or
    /// an alias); create inserts the entry first (its id derived from the label when nil);
    /// reject remembers the text as not an attribute. Waiting tags, user and persona attributes,
    /// and hint tags with the same key, take the outcome; asset statuses follow; one audit row
    /// records it.
    @discardableResult
    public func decide(itemID: Int64, decision: ReviewDecision, actor: String) throws -> ReviewItem {
        try db.transaction {
            let now = Date()
            let state = try itemState(itemID)
            guard state.status == .pending else { throw alreadyDecided(state) }
            let before = try snapshot(itemID)
            var after = ReviewAuditSnapshot(item: before.item)
            let status: ReviewStatus
            let target: (id: String, facet: String)?
            switch decision {
            case .map(let entryID):
                guard let entry = try storedEntry(entryID) else {
                    throw StorageError.notFound("review item \(itemID) \(state.label): entry '\(entryID)' does not exist")
                }
                guard entry.status == .active else {
                    throw StorageError.invalidInput(
                        "review item \(itemID) \(state.label): entry '\(entryID)' is deprecated"
                            + (entry.replacedBy.map { "; map to its replacement '\($0)'" } ?? ""))
                }
                after.addedAlias = try addDecisionAlias(state.sampleText, to: entry)
                status = .mapped
                target = (entry.id, entry.facet)
            case .create(let facet, let id, let label, let broader):
                let entry = try createEntry(facet: facet, id: id, label: label, broader: broader, for: state)
                try audit(actor: actor, action: "entry.add", subject: entry.id, before: DictionaryEntry?.none, after: entry, at: now)
                after.createdEntry = entry
                status = .created
                target = (entry.id, entry.facet)
            case .reject:
                status = .rejected
                target = nil
            }
            let settled = try settle(
                state, entry: target, method: target == nil ? .rejected : .decision, confidence: target == nil ? 0 : 1)
            try db.run(
                """
                UPDATE review_items SET status = ?, decided_entry = ?, decided_by = ?, decided_at = ?, added_alias = ?,
                    created_entry = ?
                WHERE id = ?
                """,
                status.rawValue, target?.id, actor, StoredDate.text(now), after.addedAlias, after.createdEntry?.id, itemID)
            try refreshStatuses(settled.assets, at: now)
            after.item = try snapshot(itemID).item
            try audit(
                actor: actor, action: "review.\(status == .created ? "create" : status == .mapped ? "map" : "reject")",
                subject: "review:\(itemID)", before: before, after: after, at: now)
            return after.item
        }
    }

    /// Reverses the decision on an item exactly: the alias it added is removed, the entry it
    /// created is deleted unless something else uses it, the tags and the user and persona
    /// attributes it settled (and those mapped since through that alias or entry) wait again,
    /// statuses follow.
    @discardableResult
    public func undoDecision(itemID: Int64, actor: String) throws -> ReviewItem {
        try db.transaction {
            let now = Date()
            let state = try itemState(itemID)
            guard state.status != .pending else {
                throw StorageError.conflict("review item \(itemID) \(state.label) is pending: there is no decision to undo")
            }
            let before = try snapshot(itemID)
            var after = ReviewAuditSnapshot(item: before.item)
            // Texts mapped after the decision only because of the alias or entry it added.
            let dictionaryChanged = state.addedAlias != nil || state.createdEntry != nil
            let tagCondition = """
                t.resolved_by_item = ?1 OR (?2 AND t.review_item_id IS NULL AND t.resolved_by_item IS NULL
                    AND t.entry = ?3 AND t.normalized = ?4 AND COALESCE(t.facet_hint, '') = ?5)
                """
            let affected = try assetIDs(
                ofTagsWhere: tagCondition, itemID, dictionaryChanged, state.decidedEntry, state.normalized, state.facet)
            try db.run(
                """
                UPDATE asset_tags AS t SET entry = NULL, facet = ?5, method = 'unmapped', mapping_confidence = 0,
                    review_item_id = CASE WHEN t.source IN (\(Self.hintSourcesSQL)) THEN NULL ELSE ?1 END,
                    resolved_by_item = NULL
                WHERE \(tagCondition)
                """,
                itemID, dictionaryChanged, state.decidedEntry, state.normalized, state.facet)
            for table in Self.attributeTables {
                try db.run(
                    """
                    UPDATE \(table) AS u SET entry = NULL, method = 'unmapped', review_item_id = ?1, resolved_by_item = NULL
                    WHERE u.resolved_by_item = ?1 OR (?2 AND u.review_item_id IS NULL AND u.resolved_by_item IS NULL
                        AND u.entry = ?3 AND u.normalized = ?4 AND u.facet = ?5)
                    """,
                    itemID, dictionaryChanged, state.decidedEntry, state.normalized, state.facet)
            }
            try db.run(
                """
                UPDATE review_items SET status = 'pending', decided_entry = NULL, decided_by = NULL, decided_at = NULL,
                    added_alias = NULL, created_entry = NULL
                WHERE id = ?
                """, itemID)
            if let alias = state.addedAlias, let entry = state.decidedEntry {
                try db.run("DELETE FROM entry_aliases WHERE entry = ? AND alias = ?", entry, alias)
                after.removedAlias = alias
            }
            if let created = state.createdEntry {
                if let use = try entryUse(created) {
                    after.keptEntry = "entry '\(created)' was kept: \(use)"
                } else {
                    let entry = try storedEntry(created)
                    try db.run("DELETE FROM entries WHERE id = ?", created)
                    try audit(actor: actor, action: "entry.delete", subject: created, before: entry, after: DictionaryEntry?.none, at: now)
                    after.removedEntry = created
                }
            }
            try refreshStatuses(affected, at: now)
            after.item = try snapshot(itemID).item
            try audit(actor: actor, action: "review.undo", subject: "review:\(itemID)", before: before, after: after, at: now)
            return after.item
        }
    }

    /// Offers every pending item to `remap` (after the dictionary changed); items that now map
    /// are settled with the mapper's method and confidence and marked mapped by `actor`.
    /// Returns how many tags and attributes (of users and personas) got mapped.
    @discardableResult
    public func remapUnresolved(_ remap: RemapFunction, actor: String) throws -> Int {
        try db.transaction {
            let now = Date()
            var mapped = 0
            var affected: [Int64] = []
            // Every pending item's state in one read: most texts still do not map, so the
            // loop should cost the remap function, not a query per item.
            for state in try db.query(
                "SELECT \(Self.itemStateColumns) FROM review_items WHERE status = 'pending' ORDER BY id", row: Self.itemState)
            {
                let id = state.id
                let result = remap(state.facet.isEmpty ? nil : state.facet, state.sampleText)
                guard let entryID = result.entry else { continue }
                guard let entryFacet = try db.scalarText("SELECT facet FROM entries WHERE id = ?", entryID) else {
                    throw StorageError.invalidInput(
                        "re-mapping review item \(id) \(state.label) gave entry '\(entryID)', which does not exist")
                }
                let before = try snapshot(id)
                let settled = try settle(
                    state, entry: (entryID, entryFacet), method: result.method, confidence: result.confidence)
                try db.run(
                    "UPDATE review_items SET status = 'mapped', decided_entry = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                    entryID, actor, StoredDate.text(now), id)
                mapped += settled.count
                affected += settled.assets
                try audit(actor: actor, action: "review.remap", subject: "review:\(id)", before: before, after: try snapshot(id), at: now)
            }
            try refreshStatuses(affected, at: now)
            return mapped
        }
    }

    // MARK: Helpers

    func itemState(_ id: Int64) throws -> ReviewItemState {
        let state = try db.queryFirst("SELECT \(Self.itemStateColumns) FROM review_items WHERE id = ?", id, row: Self.itemState)
        guard let state else { throw StorageError.notFound("review item \(id) does not exist") }
        return state
    }

    static let itemStateColumns =
        "id, facet, normalized, sample_text, status, decided_entry, decided_by, decided_at, added_alias, created_entry"

    static func itemState(_ row: SQLiteRow) throws -> ReviewItemState {
        guard let status = ReviewStatus(rawValue: row.text(4)) else {
            throw StorageError.corrupt("review_items.status of item \(row.int64(0)): unknown status '\(row.text(4))'")
        }
        return ReviewItemState(
            id: row.int64(0), facet: row.text(1), normalized: row.text(2), sampleText: row.text(3), status: status,
            decidedEntry: row.optionalText(5), decidedBy: row.optionalText(6), decidedAt: row.optionalText(7),
            addedAlias: row.optionalText(8), createdEntry: row.optionalText(9))
    }

    private func snapshot(_ id: Int64) throws -> ReviewAuditSnapshot {
        guard let item = try reviewItem(id: id) else { throw StorageError.notFound("review item \(id) does not exist") }
        return ReviewAuditSnapshot(item: item)
    }

    private func alreadyDecided(_ state: ReviewItemState) -> StorageError {
        let outcome =
            switch state.status {
            case .rejected: "rejected"
            case .created: "answered with new entry '\(state.decidedEntry ?? "?")'"
            default: "mapped to '\(state.decidedEntry ?? "?")'"
            }
        return .conflict(
            "review item \(state.id) \(state.label) was already decided: \(outcome) by \(state.decidedBy ?? "unknown") "
                + "at \(state.decidedAt ?? "an unknown time"); undo that decision first to change it")
    }

    /// Adds the item's raw text as an alias of `entry` unless it is its label or already an
    /// alias; returns the alias added.
    private func addDecisionAlias(_ sample: String, to entry: DictionaryEntry) throws -> String? {
        let alias = sample.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !alias.isEmpty, alias.lowercased() != entry.label.lowercased() else { return nil }
        return try insertAliasIfMissing(entry: entry.id, alias: alias, hidden: false) ? alias : nil
    }

    private func createEntry(
        facet: String, id: String?, label: String, broader: String?, for state: ReviewItemState
    ) throws -> DictionaryEntry {
        let context = "review item \(state.id) \(state.label)"
        guard try storedFacet(facet) != nil else {
            throw StorageError.notFound("\(context): facet '\(facet)' does not exist")
        }
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty else { throw StorageError.invalidInput("\(context): the new entry's label is empty") }
        let entryID = id?.trimmingCharacters(in: .whitespacesAndNewlines) ?? TextFold.slug(label)
        guard !entryID.isEmpty else {
            throw StorageError.invalidInput("\(context): cannot derive an entry id from label '\(label)'; give one")
        }
        if let existing = try storedEntry(entryID) {
            throw StorageError.conflict(
                "\(context): entry id '\(entryID)' already exists (facet '\(existing.facet)', label '\(existing.label)'); "
                    + "map to it or give another id")
        }
        if let broader {
            guard let parent = try storedEntry(broader) else {
                throw StorageError.notFound("\(context): broader entry '\(broader)' does not exist")
            }
            guard parent.facet == facet else {
                throw StorageError.invalidInput(
                    "\(context): broader entry '\(broader)' is in facet '\(parent.facet)', not '\(facet)'")
            }
        }
        let sample = state.sampleText.trimmingCharacters(in: .whitespacesAndNewlines)
        let aliases = sample.isEmpty || sample.lowercased() == label.lowercased() ? [] : [sample]
        let entry = DictionaryEntry(id: entryID, facet: facet, label: label, aliases: aliases, broader: broader)
        try writeEntry(entry, insert: true)
        try writeMissingAliases(of: entry, storedAs: nil)
        return entry
    }

    /// Settles every tag and user or persona attribute waiting on `state` (and unlinked hint
    /// tags with its key): mapped to `entry`, or rejected when it is nil. Returns the assets
    /// touched and the count.
    private func settle(
        _ state: ReviewItemState, entry: (id: String, facet: String)?, method: MappingMethod, confidence: Double
    ) throws -> (assets: [Int64], count: Int) {
        let tags = try db.run(
            """
            UPDATE asset_tags SET entry = ?1, facet = COALESCE(?2, facet), method = ?3, mapping_confidence = ?4,
                review_item_id = NULL, resolved_by_item = ?5
            WHERE review_item_id = ?5
               OR (review_item_id IS NULL AND resolved_by_item IS NULL AND entry IS NULL AND method = 'unmapped'
                   AND facet = ?6 AND normalized = ?7)
            """,
            entry?.id, entry?.facet, method.rawValue, confidence, state.id, state.facet, state.normalized)
        var attributes = 0
        for table in Self.attributeTables {
            attributes += try db.run(
                """
                UPDATE \(table) SET entry = ?1, method = ?2, review_item_id = NULL, resolved_by_item = ?3
                WHERE review_item_id = ?3
                """,
                entry?.id, method.rawValue, state.id)
        }
        return (try assetIDs(ofTagsWhere: "t.resolved_by_item = ?", state.id), tags + attributes)
    }

    /// The profile attribute tables: user and persona attributes wait on items and take their
    /// decisions the same way (same link columns), so every decision and undo updates both.
    static let attributeTables = ["user_attributes", "persona_attributes"]

    /// Why an entry is still needed, or nil when nothing refers to it.
    private func entryUse(_ id: String) throws -> String? {
        let uses: [(String, String)] = [
            ("asset tags", "SELECT COUNT(*) FROM asset_tags WHERE entry = ?1"),
            ("user attributes", "SELECT COUNT(*) FROM user_attributes WHERE entry = ?1"),
            ("persona attributes", "SELECT COUNT(*) FROM persona_attributes WHERE entry = ?1"),
            ("narrower or replaced entries", "SELECT COUNT(*) FROM entries WHERE broader = ?1 OR replaced_by = ?1"),
            ("other review decisions", "SELECT COUNT(*) FROM review_items WHERE decided_entry = ?1 OR created_entry = ?1"),
        ]
        for (what, sql) in uses {
            let count = try db.scalarInt(sql, id) ?? 0
            if count > 0 { return "\(count) \(what) use it" }
        }
        return nil
    }
}
