import AssetScoreCore
import Foundation

extension SQLiteStore {
    public func asset(id: Int64) throws -> Asset? {
        try db.queryFirst("SELECT \(Self.assetColumns) FROM assets WHERE id = ?", id, row: Self.asset)
    }

    public func asset(campaign: String, contentHash: String) throws -> Asset? {
        guard !contentHash.isEmpty else { return nil }
        return try db.queryFirst(
            "SELECT \(Self.assetColumns) FROM assets WHERE campaign = ? AND content_hash = ?", campaign, contentHash,
            row: Self.asset)
    }

    /// The newest asset stored under `path`. Paths are indexed but not unique: changed bytes at a
    /// path normally update its asset, yet a caller may also store them as a new one.
    public func asset(campaign: String, path: String) throws -> Asset? {
        try db.queryFirst(
            "SELECT \(Self.assetColumns) FROM assets WHERE campaign = ? AND path = ? ORDER BY id DESC LIMIT 1",
            campaign, path, row: Self.asset)
    }

    public func assets(campaign: String?, status: AssetStatus?) throws -> [Asset] {
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
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try db.query(
            "SELECT \(Self.assetColumns) FROM assets \(filter) ORDER BY created_at DESC, id DESC", values: values,
            row: Self.asset)
    }

    /// Stores asset, analysis and tags in one transaction.
    ///
    /// The store assigns ids and the analysis version (1 for a new asset, previous + 1 for an
    /// existing one, whose hash and size are replaced); `record.analysis.version` and
    /// `assetID` are ignored. Unmapped non-hint tags wait on review items; tags whose key was
    /// already decided or rejected take that decision.
    @discardableResult
    public func saveIngest(_ record: IngestRecord) throws -> Asset {
        try db.transaction {
            let now = Date()
            let assetID = try writeAsset(record.asset, status: .analysing, at: now)
            let version = Int(try db.scalarInt("SELECT MAX(version) FROM analyses WHERE asset_id = ?", assetID) ?? 0) + 1
            let analysisID = try insertAnalysis(record.analysis, assetID: assetID, version: version)
            for tag in record.tags {
                let (stored, resolvedBy) = try linkedTag(tag, at: now)
                if let entry = stored.entry, !(try entryExists(entry)) {
                    throw StorageError.invalidInput(
                        "\(record.asset.path): tag '\(tag.raw.text)' is mapped to entry '\(entry)', which does not exist")
                }
                try insertTag(stored, analysisID: analysisID, resolvedBy: resolvedBy)
            }
            try insertDisagreements(record.disagreements, analysisID: analysisID)
            let status = try computedStatus(assetID: assetID)
            try db.run("UPDATE assets SET status = ? WHERE id = ?", status.rawValue, assetID)
            guard let saved = try asset(id: assetID) else {
                throw StorageError.notFound("asset \(assetID) vanished while it was being stored")
            }
            return saved
        }
    }

    /// Stores an asset as `failed` with its reason. With id 0 an asset with the same bytes in
    /// the campaign is updated rather than duplicated.
    @discardableResult
    public func saveFailure(_ asset: Asset) throws -> Asset {
        try db.transaction {
            var asset = asset
            if asset.id == 0, let existing = try self.asset(campaign: asset.campaign, contentHash: asset.contentHash) {
                asset.id = existing.id
            }
            let id = try writeAsset(asset, status: .failed, at: Date())
            guard let saved = try self.asset(id: id) else {
                throw StorageError.notFound("asset \(id) vanished while it was being stored")
            }
            return saved
        }
    }

    public func latestAnalysis(assetID: Int64) throws -> Analysis? {
        try db.queryFirst(
            "SELECT \(Self.analysisColumns) FROM analyses WHERE asset_id = ? ORDER BY version DESC LIMIT 1", assetID,
            row: analysis)
    }

    /// Every analysis of an asset, oldest version first.
    public func analyses(assetID: Int64) throws -> [Analysis] {
        try db.query("SELECT \(Self.analysisColumns) FROM analyses WHERE asset_id = ? ORDER BY version", assetID, row: analysis)
    }

    public func tags(assetID: Int64) throws -> [AssetTag] {
        try db.query(
            """
            SELECT \(Self.tagColumns) FROM asset_tags t JOIN analyses a ON a.id = t.analysis_id
            WHERE t.analysis_id = (SELECT id FROM analyses WHERE asset_id = ? ORDER BY version DESC LIMIT 1)
            ORDER BY t.id
            """, assetID, row: Self.tag)
    }

    /// Tags of the latest analysis of every ready or needs_review asset; a scorable asset
    /// without tags is present with an empty list so it still competes.
    public func scoringTags(campaign: String) throws -> [Int64: [AssetTag]] {
        let scorable = "('\(AssetStatus.ready.rawValue)', '\(AssetStatus.needsReview.rawValue)')"
        var out: [Int64: [AssetTag]] = [:]
        for id in try db.query(
            "SELECT id FROM assets WHERE campaign = ? AND status IN \(scorable)", campaign, row: { $0.int64(0) })
        {
            out[id] = []
        }
        for tag in try db.query(
            """
            SELECT \(Self.tagColumns) FROM asset_tags t
            JOIN analyses a ON a.id = t.analysis_id
            JOIN assets s ON s.id = a.asset_id
            WHERE s.campaign = ? AND s.status IN \(scorable)
              AND a.version = (SELECT MAX(v.version) FROM analyses v WHERE v.asset_id = s.id)
            ORDER BY t.id
            """, campaign, row: Self.tag)
        {
            out[tag.assetID, default: []].append(tag)
        }
        return out
    }

    // MARK: Writing

    /// Inserts a new asset (id 0) or updates an existing one with the record's file facts;
    /// returns its id.
    private func writeAsset(_ asset: Asset, status: AssetStatus, at now: Date) throws -> Int64 {
        try ensureCampaign(asset.campaign)
        let hash: String? = asset.contentHash.isEmpty ? nil : asset.contentHash
        if asset.id == 0 {
            if let existing = try self.asset(campaign: asset.campaign, contentHash: asset.contentHash) {
                throw StorageError.conflict(
                    "\(asset.path): the same bytes are already stored as asset \(existing.id) (\(existing.path)) "
                        + "in campaign '\(asset.campaign)'")
            }
            try db.run(
                """
                INSERT INTO assets (campaign, path, content_hash, size, media_type, width, height, status,
                    failure_reason, alt_text, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                asset.campaign, asset.path, hash, asset.size, asset.mediaType, asset.width, asset.height, status.rawValue,
                status == .failed ? asset.failureReason : nil, asset.altText, StoredDate.text(asset.createdAt),
                StoredDate.text(now))
            return db.lastInsertRowID
        }
        guard let stored = try self.asset(id: asset.id) else {
            throw StorageError.notFound("\(asset.path): asset \(asset.id) does not exist")
        }
        guard stored.campaign == asset.campaign else {
            throw StorageError.conflict(
                "\(asset.path): asset \(asset.id) belongs to campaign '\(stored.campaign)', not '\(asset.campaign)'")
        }
        try db.run(
            """
            UPDATE assets SET path = ?, content_hash = ?, size = ?, media_type = ?, width = ?, height = ?, status = ?,
                failure_reason = ?, alt_text = ?, updated_at = ?
            WHERE id = ?
            """,
            asset.path, hash, asset.size, asset.mediaType, asset.width, asset.height, status.rawValue,
            status == .failed ? asset.failureReason : nil, asset.altText, StoredDate.text(now), asset.id)
        return asset.id
    }

    /// `fieldsJSON`, when given, is `analysis.fields` already encoded (by the bulk path's
    /// producer thread).
    func insertAnalysis(_ analysis: Analysis, assetID: Int64, version: Int, fieldsJSON: String? = nil) throws -> Int64 {
        try db.run(
            """
            INSERT INTO analyses (asset_id, version, analyser, model, analyser_version, raw_output, fields, duration_ms,
                created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            assetID, version, analysis.analyser, analysis.model, analysis.analyserVersion, analysis.rawOutput,
            try fieldsJSON ?? json.encode(analysis.fields), analysis.durationMS, StoredDate.text(analysis.createdAt))
        return db.lastInsertRowID
    }

    func insertTag(_ tag: AssetTag, analysisID: Int64, resolvedBy: Int64?) throws {
        try db.run(
            """
            INSERT INTO asset_tags (analysis_id, raw_text, facet_hint, source, confidence, evidence, facet, normalized,
                entry, method, mapping_confidence, review_item_id, resolved_by_item)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            analysisID, tag.raw.text, tag.raw.facetHint, tag.raw.source.rawValue, tag.raw.confidence, tag.raw.evidence,
            tag.facet, tag.normalized, tag.entry, tag.method.rawValue, tag.mappingConfidence, tag.reviewItemID, resolvedBy)
    }

    // MARK: Rows

    static let assetColumns = """
        id, campaign, path, content_hash, size, media_type, width, height, status, failure_reason, alt_text, \
        created_at, updated_at
        """

    static func asset(_ row: SQLiteRow) throws -> Asset {
        let id = row.int64(0)
        guard let status = AssetStatus(rawValue: row.text(8)) else {
            throw StorageError.corrupt("assets.status of asset \(id): unknown status '\(row.text(8))'")
        }
        return Asset(
            id: id, campaign: row.text(1), path: row.text(2), contentHash: row.optionalText(3) ?? "", size: row.int64(4),
            mediaType: row.text(5), width: row.optionalInt(6), height: row.optionalInt(7), status: status,
            failureReason: row.optionalText(9), altText: row.optionalText(10),
            createdAt: try StoredDate.date(row.text(11), what: "assets.created_at of asset \(id)"),
            updatedAt: try StoredDate.date(row.text(12), what: "assets.updated_at of asset \(id)"))
    }

    static let analysisColumns = """
        id, asset_id, analyser, model, analyser_version, version, raw_output, fields, duration_ms, created_at
        """

    private func analysis(_ row: SQLiteRow) throws -> Analysis {
        let id = row.int64(0)
        return Analysis(
            id: id, assetID: row.int64(1), analyser: row.text(2), model: row.optionalText(3),
            analyserVersion: row.text(4), version: row.int(5), rawOutput: row.text(6),
            fields: try json.decode(AnalysisFields.self, from: row.text(7), what: "analyses.fields of analysis \(id)"),
            durationMS: row.int(8), createdAt: try StoredDate.date(row.text(9), what: "analyses.created_at of analysis \(id)"))
    }

    /// Tag columns, read with `analyses a` joined for the asset id.
    static let tagColumns = """
        t.id, a.asset_id, t.analysis_id, t.raw_text, t.facet_hint, t.confidence, t.source, t.evidence, t.facet, \
        t.normalized, t.entry, t.method, t.mapping_confidence, t.review_item_id
        """

    static func tag(_ row: SQLiteRow) throws -> AssetTag {
        let id = row.int64(0)
        guard let source = TagSource(rawValue: row.text(6)) else {
            throw StorageError.corrupt("asset_tags.source of tag \(id): unknown source '\(row.text(6))'")
        }
        guard let method = MappingMethod(rawValue: row.text(11)) else {
            throw StorageError.corrupt("asset_tags.method of tag \(id): unknown method '\(row.text(11))'")
        }
        return AssetTag(
            id: id, assetID: row.int64(1), analysisID: row.int64(2),
            raw: RawTag(
                text: row.text(3), facetHint: row.optionalText(4), confidence: row.double(5), source: source,
                evidence: row.text(7)),
            facet: row.text(8), normalized: row.text(9), entry: row.optionalText(10), method: method,
            mappingConfidence: row.double(12), reviewItemID: row.optionalInt64(13))
    }
}
