import AssetScoreCore
import CSQLite
import Foundation

extension SQLiteStore {
    /// Stores new assets with their first analysis the way `saveIngest` does, minus the
    /// lookups a batch can do once: entry ids come from `entries`, the status is worked out from
    /// the tags in hand instead of read back, and a duplicate hash is caught by the UNIQUE
    /// constraint instead of a query. Runs in the caller's transaction (one per batch).
    ///
    /// Only for an asset that is new (`id == 0`); returns how many tags were stored.
    func appendNewAsset(
        _ record: IngestRecord, fieldsJSON: String?, entries: Set<String>, campaigns: inout Set<String>, at now: Date
    ) throws -> Int {
        precondition(record.asset.id == 0, "appendNewAsset stores new assets only")
        let asset = record.asset
        if !campaigns.contains(asset.campaign) {
            try ensureCampaign(asset.campaign)
            campaigns.insert(asset.campaign)
        }
        var linked: [(tag: AssetTag, resolvedBy: Int64?)] = []
        var waiting = false
        for tag in record.tags {
            let (stored, resolvedBy) = try linkedTag(tag, at: now)
            if let entry = stored.entry, !entries.contains(entry) {
                throw StorageError.invalidInput(
                    "\(asset.path): tag '\(tag.raw.text)' is mapped to entry '\(entry)', which does not exist")
            }
            if stored.method == .unmapped && !stored.raw.source.isHint { waiting = true }
            linked.append((stored, resolvedBy))
        }
        let status: AssetStatus = waiting ? .needsReview : .ready
        do {
            try db.run(
                """
                INSERT INTO assets (campaign, path, content_hash, size, media_type, width, height, status,
                    failure_reason, alt_text, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)
                """,
                asset.campaign, asset.path, asset.contentHash.isEmpty ? nil : asset.contentHash, asset.size,
                asset.mediaType, asset.width, asset.height, status.rawValue, asset.altText,
                StoredDate.text(asset.createdAt), StoredDate.text(now))
        } catch StorageError.sqlite(let code, _, _, _) where code == Self.uniqueViolation {
            throw StorageError.conflict(
                "\(asset.path): the same bytes are already stored in campaign '\(asset.campaign)'")
        }
        let assetID = db.lastInsertRowID
        let analysisID = try insertAnalysis(record.analysis, assetID: assetID, version: 1, fieldsJSON: fieldsJSON)
        for (tag, resolvedBy) in linked {
            try insertTag(tag, analysisID: analysisID, resolvedBy: resolvedBy)
        }
        return linked.count
    }

    /// SQLITE_CONSTRAINT_UNIQUE, a macro expression Swift does not import.
    static let uniqueViolation = SQLITE_CONSTRAINT | (8 << 8)

    /// Every entry id, for checking mapped tags without a query each.
    func entryIDs() throws -> Set<String> {
        Set(try db.query("SELECT id FROM entries") { $0.text(0) })
    }
}
