import Foundation

/// A response to queue on a connection: status, headers and the whole body.
///
/// Bodies are small (decisions, errors, metrics), so they are built in memory and copied once
/// into libmicrohttpd.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append((name, value))
    }

    /// A JSON body; nothing here is meant for caches unless the handler says otherwise.
    public static func json(_ status: Int, _ body: Data, headers: [(name: String, value: String)] = []) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")] + headers, body: body)
    }

    /// Encodes `value` with snake-case keys as the types declare them, keys sorted so equal
    /// values give equal bytes (and equal ETags).
    public static func json<T: Encodable>(_ status: Int, encoding value: T, headers: [(name: String, value: String)] = [])
        -> HTTPResponse
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return json(status, try encoder.encode(value), headers: headers)
        } catch {
            return APIError.internal("could not encode the response: \(error)").response
        }
    }
}
