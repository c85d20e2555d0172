import Foundation

/// Checks `Authorization: Bearer <token>` against the configured API tokens.
///
/// The given token is compared with every configured one by a loop whose length depends only on
/// the given token, so response times tell nothing about where a guess goes wrong, nor which
/// token came close. No early exit, no hashing on the request path.
public struct TokenCheck: Sendable {
    private let tokens: [[UInt8]]

    public init(tokens: [String]) {
        self.tokens = tokens.filter { !$0.isEmpty }.map { Array($0.utf8) }
    }

    /// No tokens configured: every request passes.
    public var isOpen: Bool { tokens.isEmpty }

    /// Throws 401 without a bearer token, 403 with a wrong one.
    public func authorize(_ request: HTTPRequest) throws {
        guard !isOpen else { return }
        guard let header = request.header("authorization"), !header.isEmpty else {
            throw APIError.unauthorized("this endpoint needs an API token: send 'Authorization: Bearer <token>'")
        }
        let bytes = Array(header.utf8)
        guard bytes.count > 7, bytes.prefix(7).map({ $0 | 0x20 }) == Array("bearer ".utf8) else {
            throw APIError.unauthorized("the Authorization header must be 'Bearer <token>'")
        }
        let given = Array(bytes.dropFirst(7).drop { $0 == 0x20 })
        var matched: UInt8 = 0
        for t in tokens { matched |= ConstantTime.equal(t, given) ? 1 : 0 }
        guard matched == 1 else { throw APIError.forbidden("the API token is not valid") }
    }
}

/// Comparison whose time depends only on the second argument's length (what the client sent),
/// never on the secret's bytes or on where the two differ.
public enum ConstantTime {
    public static func equal(_ secret: [UInt8], _ given: [UInt8]) -> Bool {
        guard !secret.isEmpty else { return given.isEmpty }
        var diff = UInt(bitPattern: secret.count ^ given.count)
        for i in 0..<given.count { diff |= UInt(secret[i % secret.count] ^ given[i]) }
        return diff == 0
    }
}
