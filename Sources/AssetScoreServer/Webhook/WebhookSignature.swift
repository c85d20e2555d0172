import Foundation

/// Checks `X-AssetScore-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over `"<t>.<raw body>"`.
///
/// The timestamp is inside the signed text, so it cannot be changed without the secret; a
/// request whose timestamp is more than `tolerance` from our clock (either way) is refused, so
/// a captured request cannot be replayed later. Within the window a replay is harmless: the
/// delivery id and the content hash make it add nothing. Several `v1=` values are accepted so
/// a secret can be rotated (the sender signs with both).
public struct WebhookSignature: Sendable {
    public static let header = "x-assetscore-signature"
    let secret: Data
    let tolerance: TimeInterval

    public init(secret: String, tolerance: TimeInterval) {
        self.secret = Data(secret.utf8)
        self.tolerance = tolerance
    }

    /// Throws 401 naming what is wrong: missing or malformed header, stale time, wrong signature.
    public func verify(_ request: HTTPRequest, now: Date = Date()) throws {
        guard let header = request.header(Self.header), !header.isEmpty else {
            throw APIError(
                status: 401, code: "bad_signature",
                message: "webhooks must be signed: X-AssetScore-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">")
        }
        var timestamp: Int64?
        var signatures: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2 else { continue }
            if kv[0] == "t" { timestamp = Int64(kv[1]) }
            if kv[0] == "v1", let bytes = Self.bytes(hex: kv[1]) { signatures.append(bytes) }
        }
        guard let timestamp, !signatures.isEmpty else {
            throw APIError(
                status: 401, code: "bad_signature", message: "X-AssetScore-Signature needs t=<unix seconds> and v1=<64 hex digits>")
        }
        let age = now.timeIntervalSince1970 - Double(timestamp)
        guard abs(age) <= tolerance else {
            // t is the sender's text: t=-9223372036854775808 puts the age past Int.max, which
            // Int(_:) would trap on, so the age is printed without converting it.
            let seconds = abs(age) < 1e15 ? String(Int64(abs(age))) : "more than 10^15"
            throw APIError(
                status: 401, code: "stale_signature",
                message:
                    "the signature's timestamp is \(seconds) s \(age > 0 ? "old" : "in the future"); at most \(Int64(tolerance)) s is accepted (replay refused)"
            )
        }
        let expected = HMACSHA256.mac(key: secret, message: Data("\(timestamp).".utf8) + request.body)
        var matched = false
        for s in signatures where ConstantTime.equal(s, expected) { matched = true }
        guard matched else { throw APIError(status: 401, code: "bad_signature", message: "the webhook signature does not match") }
    }

    /// The header value for `body` at `time`: what a sender computes (and the tests).
    public static func sign(_ body: Data, secret: String, at time: Date = Date()) -> String {
        let t = Int64(time.timeIntervalSince1970)
        return "t=\(t),v1=\(HMACSHA256.hex(key: Data(secret.utf8), message: Data("\(t).".utf8) + body))"
    }

    static func bytes(hex: String) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count == 64 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var i = 0
        while i < chars.count {
            guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
