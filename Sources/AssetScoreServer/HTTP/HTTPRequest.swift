import Foundation

/// One complete HTTP request as the handlers see it: headers read, body accumulated.
///
/// Plain values, so handlers are pure functions of a request and can be tested without sockets.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The path without the query string, percent-decoded by libmicrohttpd.
    public var path: String
    /// Query arguments, decoded; a repeated name keeps its first value.
    public var query: [String: String]
    /// Query arguments that cannot be taken at their word, by name: a decoded NUL (C strings would
    /// cut the value there), bytes that are not UTF-8 (they would turn into U+FFFD), or the name
    /// given twice (which one a proxy or a WAF looked at is anyone's guess). `queryValue` refuses them.
    public var queryProblems: [String: String] = [:]
    /// Header names in lower case; repeated headers are joined with ", ".
    public var headers: [String: String]
    public var body: Data
    /// The peer's address ("127.0.0.1"), when known.
    public var remoteAddress: String?

    public init(
        method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: Data = Data(),
        remoteAddress: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The query argument `name`, or a 400 naming it when it is in `queryProblems`.
    public func queryValue(_ name: String) throws -> String? {
        if let problem = queryProblems[name] {
            throw APIError(status: 400, code: "bad_request", message: "query parameter '\(name)' \(problem)", field: name)
        }
        return query[name]
    }

    /// The media type of the body without parameters, lower case ("application/json").
    public var mediaType: String? {
        guard let value = header("content-type") else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return type.isEmpty ? nil : type.lowercased()
    }
}
