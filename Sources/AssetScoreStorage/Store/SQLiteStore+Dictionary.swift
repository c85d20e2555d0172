import AssetScoreCore
import Foundation

extension SQLiteStore {
    public func loadDictionary() throws -> AttributeDictionary {
        let facets = try db.query("SELECT \(Self.facetColumns) FROM facets ORDER BY rowid", row: Self.facet)
        var aliases: [String: (visible: [String], hidden: [String])] = [:]
        for (entry, alias, hidden) in try db.query(
            "SELECT entry, alias, hidden FROM entry_aliases ORDER BY rowid", row: { ($0.text(0), $0.text(1), $0.bool(2)) })
        {
            if hidden {
                aliases[entry, default: ([], [])].hidden.append(alias)
            } else {
                aliases[entry, default: ([], [])].visible.append(alias)
            }
        }
        let entries = try db.query("SELECT \(Self.entryColumns) FROM entries ORDER BY rowid") { row in
            var entry = try Self.entry(row)
            entry.aliases = aliases[entry.id]?.visible ?? []
            entry.hiddenLabels = aliases[entry.id]?.hidden ?? []
            return entry
        }
        return AttributeDictionary(facets: facets, entries: entries)
    }

    /// Adds or updates facets and entries; never deletes anything.
    ///
    /// Aliases are merged, not replaced: an alias an operator taught the store through a review
    /// decision must survive re-importing the dictionary file it was not written back to. So an
    /// entry counts as unchanged when its fields are equal and every imported alias is stored.
    public func importDictionary(facets: [Facet], entries: [DictionaryEntry], source: String, actor: String) throws
        -> DictionaryImportSummary
    {
        try db.transaction {
            try validateImport(facets: facets, entries: entries, source: source)
            var summary = DictionaryImportSummary()
            let now = Date()
            for facet in facets {
                if let stored = try storedFacet(facet.id) {
                    if stored == facet { summary.unchanged += 1; continue }
                    try writeFacet(facet, insert: false)
                    try audit(actor: actor, action: "facet.update", subject: facet.id, before: stored, after: facet, at: now)
                    summary.facetsUpdated += 1
                } else {
                    try writeFacet(facet, insert: true)
                    try audit(actor: actor, action: "facet.add", subject: facet.id, before: Facet?.none, after: facet, at: now)
                    summary.facetsAdded += 1
                }
            }
            for incoming in entries {
                if let stored = try storedEntry(incoming.id) {
                    let merged = Self.merge(incoming, into: stored)
                    if merged == stored { summary.unchanged += 1; continue }
                    try writeEntry(merged, insert: false)
                    try writeMissingAliases(of: merged, storedAs: stored)
                    try audit(actor: actor, action: "entry.update", subject: merged.id, before: stored, after: merged, at: now)
                    summary.entriesUpdated += 1
                } else {
                    let fresh = Self.merge(incoming, into: nil)
                    try writeEntry(fresh, insert: true)
                    try writeMissingAliases(of: fresh, storedAs: nil)
                    try audit(actor: actor, action: "entry.add", subject: fresh.id, before: DictionaryEntry?.none, after: fresh, at: now)
                    summary.entriesAdded += 1
                }
            }
            let changed = summary.facetsAdded + summary.facetsUpdated + summary.entriesAdded + summary.entriesUpdated
            if changed > 0 {
                try audit(actor: actor, action: "dict.import", subject: source, before: String?.none, after: summary, at: now)
            }
            return summary
        }
    }

    public func addAlias(entry: String, alias: String, hidden: Bool, actor: String) throws {
        let text = alias.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw StorageError.invalidInput("alias for entry '\(entry)' is empty") }
        try db.transaction {
            guard let before = try storedEntry(entry) else {
                throw StorageError.notFound("entry '\(entry)' does not exist; cannot add alias '\(text)'")
            }
            guard try insertAliasIfMissing(entry: entry, alias: text, hidden: hidden) else { return }
            try audit(actor: actor, action: "alias.add", subject: entry, before: before, after: try storedEntry(entry))
        }
    }

    /// Every entry with how many tags of latest analyses and user attributes are mapped to it
    /// (0 for unused entries, so "never used" can be listed).
    /// Tags of latest analyses and user attributes per entry. Every mapped tag is counted (a
    /// million on a big database), from the covering (entry, analysis) index and the latest
    /// analysis index; the result is kept until the change token moves.
    public func entryUsage() throws -> [String: Int] {
        try entryUsageCache.value(for: try changeToken(), inTransaction: db.isInTransaction) {
            let rows = try db.query(Self.entryUsageSQL) { ($0.text(0), $0.int(1)) }
            return Dictionary(uniqueKeysWithValues: rows)
        }
    }

    static let entryUsageSQL = """
        SELECT e.id,
               (SELECT COUNT(*) FROM asset_tags t JOIN assets s ON s.latest_analysis_id = t.analysis_id
                 WHERE t.entry = e.id)
             + (SELECT COUNT(*) FROM user_attributes u WHERE u.entry = e.id)
             + (SELECT COUNT(*) FROM persona_attributes p WHERE p.entry = e.id)
        FROM entries e
        """

    // MARK: Rows

    static let facetColumns = "id, label, description, weight, fuzzy_accept, candidate_minimum, fuzzy_minimum_length"
    static let entryColumns = "id, facet, label, broader, description, status, replaced_by, hex"

    static func facet(_ row: SQLiteRow) -> Facet {
        Facet(
            id: row.text(0), label: row.text(1), description: row.optionalText(2), weight: row.double(3),
            thresholds: MappingThresholds(
                fuzzyAccept: row.double(4), candidateMinimum: row.double(5), fuzzyMinimumLength: row.int(6)))
    }

    /// An entry without its aliases.
    static func entry(_ row: SQLiteRow) throws -> DictionaryEntry {
        let id = row.text(0)
        guard let status = EntryStatus(rawValue: row.text(5)) else {
            throw StorageError.corrupt("entries.status of '\(id)': unknown status '\(row.text(5))'")
        }
        return DictionaryEntry(
            id: id, facet: row.text(1), label: row.text(2), broader: row.optionalText(3),
            description: row.optionalText(4), status: status, replacedBy: row.optionalText(6), hex: row.optionalText(7))
    }

    func storedFacet(_ id: String) throws -> Facet? {
        try db.queryFirst("SELECT \(Self.facetColumns) FROM facets WHERE id = ?", id, row: Self.facet)
    }

    /// An entry with its aliases and hidden labels, in the order they were added.
    func storedEntry(_ id: String) throws -> DictionaryEntry? {
        guard var entry = try db.queryFirst("SELECT \(Self.entryColumns) FROM entries WHERE id = ?", id, row: Self.entry)
        else { return nil }
        for (alias, hidden) in try db.query(
            "SELECT alias, hidden FROM entry_aliases WHERE entry = ? ORDER BY rowid", id, row: { ($0.text(0), $0.bool(1)) })
        {
            if hidden { entry.hiddenLabels.append(alias) } else { entry.aliases.append(alias) }
        }
        return entry
    }

    func entryExists(_ id: String) throws -> Bool {
        try db.scalarInt("SELECT 1 FROM entries WHERE id = ?", id) != nil
    }

    /// Adds an alias unless the entry already has it (in any case, as alias or hidden label).
    /// Returns whether a row was added.
    func insertAliasIfMissing(entry: String, alias: String, hidden: Bool) throws -> Bool {
        try db.run("INSERT OR IGNORE INTO entry_aliases (entry, alias, hidden) VALUES (?, ?, ?)", entry, alias, hidden) > 0
    }

    // MARK: Import helpers

    /// Refuses an import that names duplicates, unknown facets or unknown broader/replacement
    /// entries, before anything is written, with the offending id in the message.
    private func validateImport(facets: [Facet], entries: [DictionaryEntry], source: String) throws {
        var facetIDs = Set(try db.query("SELECT id FROM facets") { $0.text(0) })
        var seenFacets: Set<String> = []
        for facet in facets {
            guard !facet.id.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw StorageError.invalidInput("\(source): a facet has an empty id")
            }
            guard seenFacets.insert(facet.id).inserted else {
                throw StorageError.invalidInput("\(source): facet '\(facet.id)' appears twice")
            }
            facetIDs.insert(facet.id)
        }
        var entryFacets = Dictionary(uniqueKeysWithValues: try db.query("SELECT id, facet FROM entries") { ($0.text(0), $0.text(1)) })
        var seenEntries: [String: String] = [:]
        for entry in entries {
            guard !entry.id.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw StorageError.invalidInput("\(source): an entry of facet '\(entry.facet)' has an empty id")
            }
            if let other = seenEntries[entry.id] {
                throw StorageError.invalidInput(
                    "\(source): entry id '\(entry.id)' appears twice (facets '\(other)' and '\(entry.facet)'); ids are unique across the dictionary"
                )
            }
            seenEntries[entry.id] = entry.facet
            guard facetIDs.contains(entry.facet) else {
                throw StorageError.invalidInput(
                    "\(source): entry '\(entry.id)' names facet '\(entry.facet)', which is neither imported nor stored")
            }
            entryFacets[entry.id] = entry.facet
        }
        for entry in entries {
            if let broader = entry.broader {
                guard let facet = entryFacets[broader] else {
                    throw StorageError.invalidInput("\(source): entry '\(entry.id)' has broader entry '\(broader)', which does not exist")
                }
                guard facet == entry.facet else {
                    throw StorageError.invalidInput(
                        "\(source): entry '\(entry.id)' (facet '\(entry.facet)') has broader entry '\(broader)' in another facet ('\(facet)')"
                    )
                }
            }
            if let replacement = entry.replacedBy, entryFacets[replacement] == nil {
                throw StorageError.invalidInput("\(source): entry '\(entry.id)' is replaced by '\(replacement)', which does not exist")
            }
        }
    }

    private func writeFacet(_ facet: Facet, insert: Bool) throws {
        let t = facet.thresholds
        if insert {
            try db.run(
                """
                INSERT INTO facets (id, label, description, weight, fuzzy_accept, candidate_minimum, fuzzy_minimum_length)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                facet.id, facet.label, facet.description, facet.weight, t.fuzzyAccept, t.candidateMinimum, t.fuzzyMinimumLength)
        } else {
            try db.run(
                """
                UPDATE facets SET label = ?, description = ?, weight = ?, fuzzy_accept = ?, candidate_minimum = ?,
                    fuzzy_minimum_length = ? WHERE id = ?
                """,
                facet.label, facet.description, facet.weight, t.fuzzyAccept, t.candidateMinimum, t.fuzzyMinimumLength, facet.id)
        }
    }

    func writeEntry(_ e: DictionaryEntry, insert: Bool) throws {
        if insert {
            try db.run(
                """
                INSERT INTO entries (id, facet, label, broader, description, status, replaced_by, hex)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                e.id, e.facet, e.label, e.broader, e.description, e.status.rawValue, e.replacedBy, e.hex)
        } else {
            try db.run(
                """
                UPDATE entries SET facet = ?, label = ?, broader = ?, description = ?, status = ?, replaced_by = ?, hex = ?
                WHERE id = ?
                """,
                e.facet, e.label, e.broader, e.description, e.status.rawValue, e.replacedBy, e.hex, e.id)
        }
    }

    /// Writes the aliases of `entry` that `stored` does not have yet.
    func writeMissingAliases(of entry: DictionaryEntry, storedAs stored: DictionaryEntry?) throws {
        let have = stored.map { Set(($0.aliases + $0.hiddenLabels).map { $0.lowercased() }) } ?? []
        for alias in entry.aliases where !have.contains(alias.lowercased()) {
            _ = try insertAliasIfMissing(entry: entry.id, alias: alias, hidden: false)
        }
        for alias in entry.hiddenLabels where !have.contains(alias.lowercased()) {
            _ = try insertAliasIfMissing(entry: entry.id, alias: alias, hidden: true)
        }
    }

    /// What storing `incoming` over `stored` leaves: the incoming fields, the stored aliases,
    /// then the new aliases in import order. Case-insensitive duplicates are dropped, the way
    /// the NOCASE primary key of `entry_aliases` would drop them.
    static func merge(_ incoming: DictionaryEntry, into stored: DictionaryEntry?) -> DictionaryEntry {
        var merged = incoming
        var seen = Set(((stored?.aliases ?? []) + (stored?.hiddenLabels ?? [])).map { $0.lowercased() })
        merged.aliases = stored?.aliases ?? []
        merged.hiddenLabels = stored?.hiddenLabels ?? []
        for alias in incoming.aliases where !alias.isEmpty && seen.insert(alias.lowercased()).inserted {
            merged.aliases.append(alias)
        }
        for alias in incoming.hiddenLabels where !alias.isEmpty && seen.insert(alias.lowercased()).inserted {
            merged.hiddenLabels.append(alias)
        }
        return merged
    }
}
