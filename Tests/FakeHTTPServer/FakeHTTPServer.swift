import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A scripted HTTP/1.1 server on 127.0.0.1 for client tests: plain POSIX sockets, one thread
/// per connection, one request per connection (every answer says Connection: close).
///
/// Answers come from a queue filled with `enqueue`; when it is empty the server answers 500
/// "no scripted response" so a test that sends more than it planned fails loudly. Every request
/// is recorded byte for byte before it is answered, so a test can inspect it even when the
/// client gave up waiting.
public final class FakeHTTPServer: @unchecked Sendable {
    public enum StartError: Error { case socket(String) }

    public let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var script: [ScriptedResponse] = []
    private var recorded: [RecordedRequest] = []
    private var stopped = false

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StartError.socket("socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw StartError.socket("bind/listen: \(String(cString: strerror(errno)))")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: actual.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// http://127.0.0.1:PORT
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    public func enqueue(_ responses: ScriptedResponse...) {
        lock.withLock { script.append(contentsOf: responses) }
    }

    /// Every request received so far, in order of arrival.
    public var requests: [RecordedRequest] { lock.withLock { recorded } }

    /// Stops accepting; connections in progress finish on their own threads.
    public func stop() {
        let wasStopped = lock.withLock { () -> Bool in
            defer { stopped = true }
            return stopped
        }
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        while !isStopped {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = HTTPRequestReader(fd: fd).read() else {
            close(fd)
            return
        }
        let response = lock.withLock { () -> ScriptedResponse in
            recorded.append(request)
            return script.isEmpty ? .json(500, #"{"error":"no scripted response"}"#) : script.removeFirst()
        }
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        let wire = response.wireHead + response.body
        switch response.delivery {
        case .normal:
            writeAll(fd, wire)
            close(fd)
        case .closeWithoutAnswer:
            close(fd)
        case .closeAfter(let bytes):
            writeAll(fd, response.wireHead + response.body.prefix(bytes))
            close(fd)
        case .resetAfter(let bytes):
            writeAll(fd, response.wireHead + response.body.prefix(bytes))
            Thread.sleep(forTimeInterval: 0.05)
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            close(fd)
        case .drip(let chunk, let interval):
            var offset = 0
            while offset < wire.count {
                let end = min(wire.count, offset + max(1, chunk))
                guard writeAll(fd, wire.subdata(in: offset..<end)) else { break }
                offset = end
                Thread.sleep(forTimeInterval: interval)
            }
            close(fd)
        }
    }

    /// Writes everything, without SIGPIPE when the client has gone; false when it has.
    @discardableResult
    private func writeAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }
}
