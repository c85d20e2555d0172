import AssetScoreCore
import AssetScoreIngest
import Foundation

/// One decision as served: the JSON body (built once, then reused from the cache) and what the
/// service needs to count and record it.
///
/// A class, so the cache holds one pointer per entry: growing a dictionary of 100,000 answers
/// then moves pointers, not whole decisions, while requests wait for its lock.
public final class DecisionAnswer: Sendable {
    public let decision: Decision
    public let body: Data
    /// A strong validator of `body`, for `If-None-Match`.
    public let etag: String
    public let fallback: Bool

    init(decision: Decision, body: Data, etag: String, fallback: Bool) {
        self.decision = decision
        self.body = body
        self.etag = etag
        self.fallback = fallback
    }

    /// The JSON of a decision: flat, with `null` rather than missing keys, so a Liquid template
    /// can read `{{ d.asset.url }}` or `{% if d.fallback %}` without guards. Keys are sorted.
    struct Body {
        struct AssetBody {
            var id: Int64
            var url: String?
            var path: String
            var altText: String?
            var width: Int?
            var height: Int?
            var mediaType: String

            var json: JSONText {
                var j = JSONText()
                j.string("alt_text", altText)
                j.int("height", height.map(Int64.init))
                j.int("id", id)
                j.string("media_type", mediaType)
                j.string("path", path)
                j.string("url", url)
                j.int("width", width.map(Int64.init))
                return j
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

        var data: Data {
            var j = JSONText()
            j.object("asset", asset?.json)
            j.string("campaign", campaign)
            j.string("decision_id", decisionID)
            j.bool("fallback", fallback)
            j.string("fallback_reason", fallbackReason?.rawValue)
            j.string("reasons", reasons)
            j.number("score", score)
            j.string("user_id", userID)
            return j.data
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
        return "d_" + Hex.string(h.finalize().prefix(16))
    }

    /// A validator for `If-None-Match`: FNV-1a (64 bits) of the body is plenty to tell two
    /// bodies of one URL apart, and costs nothing next to a cryptographic hash.
    static func etag(of body: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        body.withUnsafeBytes { raw in
            for byte in raw {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// Scores rounded to four decimals: enough to compare, short in the body.
    static func rounded(_ score: Double) -> Double { (score * 10_000).rounded() / 10_000 }
}
