import AssetScoreCore
import Foundation

/// Model answers by (content hash, provider, model, prompt version), and the cross-check
/// disagreements stored with an analysis.
extension SQLiteStore {
    public func cachedAnalysis(_ key: CachedAnalysis.Key) throws -> CachedAnalysis? {
        try db.queryFirst(
            """
            SELECT fields, raw_tags, raw_output, media_type, tokens_in, tokens_out, cost_usd, created_at FROM analysis_cache
            WHERE content_hash = ? AND provider = ? AND model = ? AND prompt_version = ?
            """, key.contentHash, key.provider, key.model, key.promptVersion
        ) { row in
            let what = "analysis_cache row for \(key.provider)/\(key.model) of \(key.contentHash)"
            return CachedAnalysis(
                key: key, fields: try json.decode(AnalysisFields.self, from: row.text(0), what: what + " (fields)"),
                rawTags: try json.decode([RawTag].self, from: row.text(1), what: what + " (raw_tags)"), rawOutput: row.text(2),
                mediaType: row.text(3), tokensIn: row.int(4), tokensOut: row.int(5), costUSD: row.optionalDouble(6),
                createdAt: try StoredDate.date(row.text(7), what: what + " (created_at)"))
        }
    }

    public func saveCachedAnalysis(_ entry: CachedAnalysis) throws {
        let k = entry.key
        try db.run(
            """
            INSERT OR REPLACE INTO analysis_cache (content_hash, provider, model, prompt_version, fields, raw_tags, raw_output,
                media_type, tokens_in, tokens_out, cost_usd, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            k.contentHash, k.provider, k.model, k.promptVersion, try json.encode(entry.fields), try json.encode(entry.rawTags),
            entry.rawOutput, entry.mediaType, entry.tokensIn, entry.tokensOut, entry.costUSD, StoredDate.text(entry.createdAt))
    }

    public func disagreements(analysisID: Int64) throws -> [AnalysisDisagreement] {
        try db.query(
            "SELECT field, model_claim, provider, measured, note FROM analysis_disagreements WHERE analysis_id = ? ORDER BY id",
            analysisID
        ) { AnalysisDisagreement(field: $0.text(0), modelClaim: $0.text(1), provider: $0.text(2), measured: $0.text(3), note: $0.optionalText(4)) }
    }

    func insertDisagreements(_ list: [AnalysisDisagreement], analysisID: Int64) throws {
        for d in list {
            try db.run(
                "INSERT INTO analysis_disagreements (analysis_id, field, provider, model_claim, measured, note) VALUES (?, ?, ?, ?, ?, ?)",
                analysisID, d.field, d.provider, d.modelClaim, d.measured, d.note)
        }
    }

    /// SQL true when the analysis `analysisExpression` names has a disagreement: an asset with
    /// one needs review until it is analysed again.
    static func hasDisagreementSQL(_ analysisExpression: String) -> String {
        "EXISTS (SELECT 1 FROM analysis_disagreements d WHERE d.analysis_id = \(analysisExpression))"
    }
}
