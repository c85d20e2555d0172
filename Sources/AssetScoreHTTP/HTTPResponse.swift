import Foundation

/// What came back: status, header fields of the final response, the body, and the address the
/// connection really went to (after DNS), for logs and for tests of the address policy.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data
    /// The IP address connected to, e.g. "127.0.0.1"; empty when libcurl did not report one.
    public var primaryIP: String
    /// Redirects followed to reach this response (0 unless the client allows redirects).
    public var redirectCount: Int

    public init(status: Int, headers: HTTPHeaders, body: Data, primaryIP: String = "", redirectCount: Int = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.primaryIP = primaryIP
        self.redirectCount = redirectCount
    }

    /// The body as UTF-8 text, with invalid sequences replaced (never fails).
    public var text: String { String(decoding: body, as: UTF8.self) }
}
