import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A tiny HTTP/1.1 client over a plain socket, so tests control every byte: malformed requests,
/// huge headers, slow clients, bodies cut short.
struct RawHTTP {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: Data

        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw Failure("body is not a JSON object: \(String(decoding: body, as: UTF8.self))")
            }
            return object
        }
        var text: String { String(decoding: body, as: UTF8.self) }
        /// `error.code` of an error body.
        var errorCode: String? { ((try? json())?["error"] as? [String: Any])?["code"] as? String }
        var errorMessage: String { (((try? json())?["error"] as? [String: Any])?["message"] as? String) ?? "" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    let port: UInt16

    /// A connected socket with a receive timeout.
    func connect(timeout: TimeInterval = 5) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket: \(String(cString: strerror(errno)))") }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - floor(timeout)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw Failure("connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    static func send(_ fd: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                guard n > 0 else { throw Failure("send: \(String(cString: strerror(errno)))") }
                offset += n
            }
        }
    }

    /// Reads until the peer closes (requests say `Connection: close`) and parses the response.
    static func readResponse(_ fd: Int32) throws -> Response {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 {
                data.append(buffer, count: n)
                if let r = try? parse(data), r.complete { return r.response }
                continue
            }
            if n == 0 { break }
            throw Failure("recv: \(String(cString: strerror(errno))) after \(data.count) bytes")
        }
        return try parse(data).response
    }

    static func parse(_ data: Data) throws -> (response: Response, complete: Bool) {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { throw Failure("no complete header in \(data.count) bytes") }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure("bad status line '\(head[0])'") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = data[end.upperBound...]
        let length = headers["content-length"].flatMap(Int.init)
        let complete = length.map { body.count >= $0 } ?? false
        return (Response(status: status, headers: headers, body: Data(length.map { body.prefix($0) } ?? body)), complete)
    }

    /// One request on its own connection.
    func request(
        _ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil, token: String? = "test-token"
    ) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let fd = try connect()
        defer { close(fd) }
        try Self.send(fd, Data(head.utf8) + (body ?? Data()))
        return try Self.readResponse(fd)
    }

    func get(_ path: String, token: String? = "test-token", headers: [String: String] = [:]) throws -> Response {
        try request("GET", path, headers: headers, token: token)
    }

    func postJSON(_ path: String, _ json: String, token: String? = "test-token", contentType: String = "application/json") throws
        -> Response
    {
        try request("POST", path, headers: ["Content-Type": contentType], body: Data(json.utf8), token: token)
    }

    /// Raw bytes on a new connection; the response, or nil when the server just closed it.
    func raw(_ bytes: Data) throws -> Response? {
        let fd = try connect()
        defer { close(fd) }
        try? Self.send(fd, bytes)
        return try? Self.readResponse(fd)
    }
}
