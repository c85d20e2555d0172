import Foundation

/// Why a request got no HTTP response, classified so callers can decide about retries.
///
/// Messages name the origin (scheme, host, port) only, never the path, query or header
/// fields, which may carry credentials.
public enum HTTPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The connect, total or low-speed timeout ran out.
    case timedOut(origin: String, detail: String)
    /// Nothing listens there (ECONNREFUSED), or no address could be connected to.
    case connectionRefused(origin: String, detail: String)
    /// The connection broke mid-transfer, or the server closed it without answering.
    case connectionReset(origin: String, detail: String)
    /// The response body passed `limit` bytes; the transfer was aborted.
    case responseTooLarge(origin: String, limit: Int)
    /// More redirects than allowed.
    case tooManyRedirects(origin: String, limit: Int)
    /// The address the name resolved to is not allowed by the address policy.
    case addressRefused(origin: String, address: String, kind: AddressKind)
    /// The host name did not resolve.
    case cannotResolve(origin: String, detail: String)
    /// The URL or a header field is not acceptable (scheme, CR/LF in a value).
    case invalidRequest(String)
    /// TLS handshake or certificate failure.
    case tls(origin: String, detail: String)
    /// Any other libcurl failure, with its code.
    case transferFailed(origin: String, code: Int, detail: String)

    public var description: String {
        switch self {
        case .timedOut(let o, let d): "\(o): timed out (\(d))"
        case .connectionRefused(let o, let d): "\(o): connection refused (\(d))"
        case .connectionReset(let o, let d): "\(o): connection reset (\(d))"
        case .responseTooLarge(let o, let limit): "\(o): response larger than \(limit) bytes; aborted"
        case .tooManyRedirects(let o, let limit): "\(o): more than \(limit) redirects"
        case .addressRefused(let o, let a, let k): "\(o): address \(a) is \(k.description) and not allowed"
        case .cannotResolve(let o, let d): "\(o): cannot resolve host (\(d))"
        case .invalidRequest(let d): "invalid request: \(d)"
        case .tls(let o, let d): "\(o): TLS failure (\(d))"
        case .transferFailed(let o, let code, let d): "\(o): transfer failed (libcurl \(code): \(d))"
        }
    }

    /// True for failures a later attempt may not hit: timeouts, resets, refused connections.
    public var isTransient: Bool {
        switch self {
        case .timedOut, .connectionRefused, .connectionReset, .cannotResolve: true
        default: false
        }
    }
}
