import Foundation

/// One answer the fake server gives, with the misbehaviour to act out.
public struct ScriptedResponse: Sendable {
    /// How the bytes go out (or do not).
    public enum Delivery: Sendable {
        /// Status line, headers and body at once.
        case normal
        /// Full headers (Content-Length of the whole body), then only `bytes` of the body, then close.
        case closeAfter(bytes: Int)
        /// As `closeAfter`, but the close is an RST (SO_LINGER 0): "connection reset by peer".
        case resetAfter(bytes: Int)
        /// Closes the connection without sending anything.
        case closeWithoutAnswer
        /// The whole response, `chunk` bytes at a time with `interval` between chunks.
        case drip(chunk: Int, interval: TimeInterval)
    }

    public var status: Int
    public var headers: [(String, String)]
    public var body: Data
    /// Seconds to wait after reading the request, before sending anything.
    public var delay: TimeInterval
    public var delivery: Delivery

    public init(
        status: Int = 200, headers: [(String, String)] = [], body: Data = Data(), delay: TimeInterval = 0, delivery: Delivery = .normal
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.delivery = delivery
    }

    /// A JSON answer with Content-Type set.
    public static func json(_ status: Int = 200, _ text: String, headers: [(String, String)] = [], delay: TimeInterval = 0) -> ScriptedResponse {
        ScriptedResponse(
            status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(text.utf8), delay: delay)
    }

    /// The bytes on the wire: status line, headers (Content-Length and Connection: close added
    /// unless given), blank line, body. A Content-Length given with an empty value means "send
    /// none": the body then ends when the connection closes.
    var wireHead: Data {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        var fields = headers
        if !fields.contains(where: { $0.0.lowercased() == "content-length" }) { fields.append(("Content-Length", "\(body.count)")) }
        fields.removeAll { $0.0.lowercased() == "content-length" && $0.1.isEmpty }
        if !fields.contains(where: { $0.0.lowercased() == "connection" }) { fields.append(("Connection", "close")) }
        for (name, value) in fields { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return Data(head.utf8)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        case 529: "Overloaded"
        default: "Status"
        }
    }
}
