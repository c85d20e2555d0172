import Foundation

/// A request exactly as the fake server read it off the socket.
public struct RecordedRequest: Sendable {
    public var method: String
    /// The request target as sent: path plus query.
    public var target: String
    public var version: String
    /// Header fields in wire order and spelling.
    public var headers: [(String, String)]
    public var body: Data

    public var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }

    public var query: String? {
        let parts = target.split(separator: "?", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : nil
    }

    /// The first value of a header field, case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The body parsed as a JSON object (nil when it is not one).
    public var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    /// The whole request as text, for "this secret appears nowhere" checks.
    public var rawText: String {
        "\(method) \(target) \(version)\r\n" + headers.map { "\($0.0): \($0.1)\r\n" }.joined() + "\r\n"
            + String(decoding: body, as: UTF8.self)
    }
}
