import AssetScoreCore
import AssetScoreIngest
import Foundation

/// One decision as served: the JSON body (built once, then reused from the cache) and what the
/// service needs to count and record it.
public struct DecisionAnswer: Sendable {
    public var decision: Decision
    public var body: Data
    /// A strong validator of `body`, for `If-None-Match`.
    public var etag: String
    public var fallback: Bool

    /// The JSON shape of a decision: flat, with `null` rather than missing keys, so a Liquid
    /// template can read `{{ d.asset.url }}` or `{% if d.fallback %}` without guards.
    struct Body: Encodable {
        struct AssetBody: Encodable {
            var id: Int64
            var url: String?
            var path: String
            var altText: String?
            var width: Int?
            var height: Int?
            var mediaType: String

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(id, forKey: .id)
                try c.encode(url, forKey: .url)
                try c.encode(path, forKey: .path)
                try c.encode(altText, forKey: .altText)
                try c.encode(width, forKey: .width)
                try c.encode(height, forKey: .height)
                try c.encode(mediaType, forKey: .mediaType)
            }
            enum Keys: String, CodingKey {
                case id, url, path, width, height
                case altText = "alt_text"
                case mediaType = "media_type"
            }
        }
        var decisionID: String
        var campaign: String
        var userID: String?
        var asset: AssetBody?
        var score: Double
        var reasons: String
        var fallback: Bool
        var fallbackReason: FallbackReason?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(decisionID, forKey: .decisionID)
            try c.encode(campaign, forKey: .campaign)
            try c.encode(userID, forKey: .userID)
            try c.encode(asset, forKey: .asset)
            try c.encode(score, forKey: .score)
            try c.encode(reasons, forKey: .reasons)
            try c.encode(fallback, forKey: .fallback)
            try c.encode(fallbackReason, forKey: .fallbackReason)
        }
        enum Keys: String, CodingKey {
            case campaign, asset, score, reasons, fallback
            case decisionID = "decision_id"
            case userID = "user_id"
            case fallbackReason = "fallback_reason"
        }
    }

    /// The decision id names the answer: campaign, subject, asset, score and reasons. Repeated
    /// calls for one recipient (Braze renders HTML, text and AMP separately) get the same id while
    /// the answer is the same, across cache reloads and restarts, and a changed answer a new one.
    static func decisionID(campaign: String, subject: String?, assetID: Int64?, score: Double, reasons: String, fallback: Bool)
        -> String
    {
        var h = SHA256()
        let text = [
            "assetscore-decision-v1", campaign, subject ?? "", assetID.map(String.init) ?? "-", String(score.bitPattern),
            reasons, fallback ? "fallback" : "scored",
        ].joined(separator: "\u{0}")
        h.update(Data(text.utf8))
        return "d_" + String(h.hexDigest().prefix(32))
    }

    static func etag(of body: Data) -> String {
        var h = SHA256()
        h.update(body)
        return "\"" + String(h.hexDigest().prefix(24)) + "\""
    }

    /// Scores rounded to four decimals: enough to compare, short in the body.
    static func rounded(_ score: Double) -> Double { (score * 10_000).rounded() / 10_000 }
}
