import AssetScoreIngest
import Foundation

/// Checks `Authorization: Bearer <token>` against the configured API tokens.
///
/// Tokens are compared as SHA-256 digests with a loop that always runs over every byte of
/// every token, so neither the position of the first wrong byte nor the length of a token can
/// be learnt from response times.
public struct TokenCheck: Sendable {
    private let digests: [[UInt8]]

    public init(tokens: [String]) {
        digests = tokens.filter { !$0.isEmpty }.map { Self.digest($0) }
    }

    /// No tokens configured: every request passes.
    public var isOpen: Bool { digests.isEmpty }

    /// Throws 401 without a bearer token, 403 with a wrong one.
    public func authorize(_ request: HTTPRequest) throws {
        guard !isOpen else { return }
        guard let header = request.header("authorization"), !header.isEmpty else {
            throw APIError.unauthorized("this endpoint needs an API token: send 'Authorization: Bearer <token>'")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthorized("the Authorization header must be 'Bearer <token>'")
        }
        let given = Self.digest(String(parts[1]).trimmingCharacters(in: .whitespaces))
        var matched: UInt8 = 0
        for d in digests { matched |= ConstantTime.equal(d, given) ? 1 : 0 }
        guard matched == 1 else { throw APIError.forbidden("the API token is not valid") }
    }

    static func digest(_ text: String) -> [UInt8] {
        var h = SHA256()
        h.update(Data(text.utf8))
        return Array(h.finalize())
    }
}

/// Comparison whose time depends only on the lengths, never on where the bytes differ.
public enum ConstantTime {
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
