import AssetScoreCore
import AssetScoreIngest
import Foundation

extension WebhookPayload {
    /// The SHA-256 of uploaded bytes (the content hash they will be stored under); nil for a URL,
    /// whose bytes are known only after the download.
    var uploadHash: String? {
        guard case .bytes(let data) = source else { return nil }
        var h = SHA256()
        h.update(data)
        return h.hexDigest()
    }

    /// What this delivery asks for, as one hex SHA-256: the source (the URL as sent, or the
    /// uploaded bytes' hash `uploadHash`), the campaign and file name as sent, and the metadata.
    ///
    /// It is taken of the parsed request, not of the raw body, so a redelivery encoded anew (a
    /// fresh multipart boundary, JSON re-serialised with other spacing or key order) has the
    /// same digest, while any change to what would be stored gives another. The campaign is
    /// the one sent, not the configured default it may fall back to: a redelivery after a
    /// restart with another default is still the same delivery.
    func digest(uploadHash: String?) -> String {
        var parts = ["assetscore-delivery-v1"]
        switch source {
        case .url(let url): parts.append("url:" + url.absoluteString)
        case .bytes: parts.append("bytes:" + (uploadHash ?? ""))
        }
        // A prefix keeps "absent" apart from any value.
        parts.append(campaign.map { "=" + $0 } ?? "-")
        parts.append(filename.map { "=" + $0 } ?? "-")
        // Parsed objects have their keys sorted, so `compact` is canonical.
        parts.append(JSONValue.object(metadata).compact)
        var h = SHA256()
        h.update(Data(parts.joined(separator: "\u{0}").utf8))
        return h.hexDigest()
    }
}
