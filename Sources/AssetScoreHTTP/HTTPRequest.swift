import Foundation

/// One HTTP request: method, URL, header fields and an optional body.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: HTTPHeaders
    public var body: Data?

    public init(method: String = "GET", url: URL, headers: HTTPHeaders = HTTPHeaders(), body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// scheme://host:port without path, query or user info: what errors may show.
    ///
    /// The path and query can carry secrets (signed download URLs, `?key=`), so no error or
    /// log line built from a request ever includes them.
    public var origin: String {
        var components = URLComponents()
        components.scheme = url.scheme
        components.host = url.host
        components.port = url.port
        return components.string ?? "(invalid URL)"
    }
}
