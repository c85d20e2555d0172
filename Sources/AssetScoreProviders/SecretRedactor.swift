import AssetScoreIngest
import Foundation

/// Removes the API key from any text that leaves the provider: error messages, stored output.
///
/// The key is never put into a message on purpose; this is the second line of defence for a
/// server that echoes request headers back in its error body.
struct SecretRedactor: Sendable {
    let secret: String?

    static let placeholder = "[redacted]"

    func clean(_ text: String) -> String {
        guard let secret, secret.count >= 4 else { return text }
        return text.replacingOccurrences(of: secret, with: Self.placeholder)
    }

    func clean(_ failure: ProviderFailure) -> ProviderFailure {
        switch failure {
        case .rateLimited(let after, let m): .rateLimited(retryAfter: after, message: clean(m))
        case .unavailable(let after, let m): .unavailable(retryAfter: after, message: clean(m))
        case .refused(let m): .refused(message: clean(m))
        case .truncated(let m): .truncated(message: clean(m))
        case .invalidOutput(let field, let m): .invalidOutput(field: clean(field), message: clean(m))
        case .rejected(let status, let m): .rejected(status: status, message: clean(m))
        case .misconfigured(let m): .misconfigured(message: clean(m))
        }
    }
}
