import CMicroHTTPD
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A libmicrohttpd daemon with an internal thread pool, calling one Swift handler per request.
///
/// libmicrohttpd parses HTTP, enforces the connection limits and timeouts and polls sockets
/// (epoll) on its own threads; this class only turns its callbacks into `HTTPRequest` values and
/// queues the handler's `HTTPResponse`. The handler runs on a pool thread and must not block for
/// long. `quiesce` stops accepting while requests in flight finish; `stop` ends everything.
public final class MicroHTTPDaemon: @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
    }

    let settings: DaemonSettings
    let handler: Handler
    /// Paths whose handler may block (webhook downloads): run off the pool on `slowWork`, the
    /// connection suspended meanwhile, so a slow download never holds a thread decisions need.
    let isSlow: @Sendable (String) -> Bool
    let slowWork = OperationQueue()
    private var daemon: OpaquePointer?
    private var quiesced = false
    private let lock = NSLock()
    private var inFlight = 0
    private var closing = false
    /// The port actually bound (differs from the configured one for port 0).
    public private(set) var port: UInt16 = 0

    public init(
        settings: DaemonSettings, slowConcurrency: Int = 4, isSlow: @escaping @Sendable (String) -> Bool = { _ in false },
        handler: @escaping Handler
    ) {
        self.settings = settings
        self.handler = handler
        self.isSlow = isSlow
        slowWork.maxConcurrentOperationCount = max(1, slowConcurrency)
        slowWork.name = "assetscore-slow-requests"
    }

    deinit { stop() }

    /// Binds and starts the pool; throws naming the address when it cannot listen.
    public func start() throws {
        var flags =
            UInt32(MHD_USE_AUTO_INTERNAL_THREAD.rawValue) | UInt32(MHD_USE_ITC.rawValue)
            | UInt32(MHD_ALLOW_SUSPEND_RESUME.rawValue)
        if settings.address.isIPv6 { flags |= UInt32(MHD_USE_IPv6.rawValue) }
        let context = Unmanaged.passUnretained(self).toOpaque()
        errno = 0
        let started: OpaquePointer? = settings.address.withSocketAddress { address in
            var s = assetscore_mhd_settings(
                flags: flags, address: address, threads: UInt32(max(1, settings.threads)),
                connection_timeout_seconds: UInt32(max(1, settings.connectionTimeout)),
                connection_memory_limit: max(8192, settings.connectionMemoryLimit),
                connection_limit: UInt32(max(1, settings.connectionLimit)),
                per_ip_connection_limit: UInt32(max(0, settings.perIPConnectionLimit)), listen_backlog: 511)
            return assetscore_mhd_start(&s, accessHandler, context, completedHandler, context)
        }
        guard let started else {
            let why = errno == 0 ? "is the address in use or not on this machine?" : String(cString: strerror(errno))
            throw StartFailure(description: "cannot listen on \(settings.address): \(why)")
        }
        daemon = started
        port = assetscore_mhd_bound_port(started)
    }

    /// Requests between their headers and the end of their response.
    public var requestsInFlight: Int { lock.withLock { inFlight } }

    /// Open connections, idle keep-alive ones included.
    public var openConnections: Int {
        lock.withLock { daemon.map { Int(assetscore_mhd_current_connections($0)) } ?? 0 }
    }

    /// Stops accepting connections; connections already open are served, and their responses
    /// say `Connection: close` so keep-alive clients go away. The listening socket is closed at
    /// once: left open, the kernel would go on completing handshakes nobody will serve.
    public func quiesce() {
        lock.withLock {
            closing = true
            guard let daemon, !quiesced else { return }
            quiesced = true
            let fd = MHD_quiesce_daemon(daemon)
            if fd >= 0 { close(fd) }
        }
    }

    /// Waits until no request is in flight or `timeout` passes; true when none is left.
    @discardableResult
    public func drain(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while requestsInFlight > 0 {
            if Date() > deadline { return false }
            usleep(10_000)
        }
        return true
    }

    /// Ends the daemon, closing open connections (and the listening socket unless quiesced).
    public func stop() {
        let d: OpaquePointer? = lock.withLock {
            defer { daemon = nil }
            return daemon
        }
        // A slow handler resumes its connection when done: the daemon must outlive it.
        slowWork.waitUntilAllOperationsAreFinished()
        if let d { MHD_stop_daemon(d) }
    }

    fileprivate func begin() { lock.withLock { inFlight += 1 } }
    fileprivate func end() { lock.withLock { inFlight -= 1 } }
    fileprivate var isClosing: Bool { lock.withLock { closing } }
}

// MARK: - Callbacks

/// Called after the headers (with no body yet), once per body chunk, and once at the end.
private func accessHandler(
    cls: UnsafeMutableRawPointer?, connection: OpaquePointer?, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?,
    version: UnsafePointer<CChar>?, uploadData: UnsafePointer<CChar>?, uploadSize: UnsafeMutablePointer<Int>?,
    state: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
    guard let cls, let connection, let state, let uploadSize else { return .NO }
    let daemon = Unmanaged<MicroHTTPDaemon>.fromOpaque(cls).takeUnretainedValue()
    let path = url.map { String(cString: $0) } ?? "/"

    guard let existing = state.pointee else {
        let pending = PendingRequest(limit: daemon.settings.bodyLimit(path))
        state.pointee = Unmanaged.passRetained(pending).toOpaque()
        daemon.begin()
        if let length = lookup(connection, .HEADER_KIND, "Content-Length"), let n = Int(length), n > pending.limit {
            // A client that sends its body without waiting (no Expect: 100-continue) is still
            // writing when an early 413 closes the connection: the unread bytes make the kernel
            // reset it and the client sees a broken pipe instead of the JSON error. A body within
            // what `append` drains anyway is read and dropped first, then answered.
            let waits = lookup(connection, .HEADER_KIND, "Expect")?.lowercased() == "100-continue"
            if !waits && n <= pending.drainLimit {
                pending.tooLarge = true
                return .YES
            }
            pending.answered = true
            return queue(connection, APIError.payloadTooLarge(limit: pending.limit).response, closing: true)
        }
        return .YES
    }
    let pending = Unmanaged<PendingRequest>.fromOpaque(existing).takeUnretainedValue()
    if uploadSize.pointee > 0 {
        let count = uploadSize.pointee
        uploadSize.pointee = 0
        if pending.answered { return .YES }
        guard let uploadData else { return .YES }
        return pending.append(UnsafeRawBufferPointer(start: uploadData, count: count)) ? .YES : .NO
    }
    if pending.answered { return .YES }
    if let ready = pending.ready {
        pending.answered = true
        pending.ready = nil
        return queue(connection, ready, closing: daemon.isClosing)
    }
    if pending.suspended { return .YES }
    if pending.tooLarge {
        pending.answered = true
        return queue(connection, APIError.payloadTooLarge(limit: pending.limit).response, closing: true)
    }
    let arguments = queryArguments(connection)
    var built = HTTPRequest(
        method: method.map { String(cString: $0) } ?? "GET", path: path, query: arguments.values,
        headers: values(connection, .HEADER_KIND, lowercased: true), body: pending.body,
        remoteAddress: assetscore_mhd_client_address(connection).flatMap { ListenAddress.text(of: $0) })
    built.queryProblems = arguments.problems
    let request = built
    pending.body = Data()
    if daemon.isSlow(path) {
        pending.suspended = true
        MHD_suspend_connection(connection)
        let handle = ConnectionHandle(pointer: connection)
        daemon.slowWork.addOperation { [handler = daemon.handler] in
            pending.ready = handler(request)
            MHD_resume_connection(handle.pointer)
        }
        return .YES
    }
    pending.answered = true
    return queue(connection, daemon.handler(request), closing: daemon.isClosing)
}

/// A connection pointer handed to the thread that resumes it; libmicrohttpd allows resuming
/// from any thread.
private struct ConnectionHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// Called when the response was sent (or the connection failed): the request is over.
private func completedHandler(
    cls: UnsafeMutableRawPointer?, connection: OpaquePointer?, state: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
    reason: MHD_RequestTerminationCode
) {
    guard let cls, let state, let existing = state.pointee else { return }
    Unmanaged<PendingRequest>.fromOpaque(existing).release()
    state.pointee = nil
    Unmanaged<MicroHTTPDaemon>.fromOpaque(cls).takeUnretainedValue().end()
}

private func lookup(_ connection: OpaquePointer, _ kind: MHD_ValueKind, _ key: String) -> String? {
    MHD_lookup_connection_value(connection, kind, key).map { String(cString: $0) }
}

/// Collects headers or query arguments; a key without a value maps to "".
private final class ValueCollector {
    var values: [String: String] = [:]
    let lowercased: Bool
    init(lowercased: Bool) { self.lowercased = lowercased }
}

private func values(_ connection: OpaquePointer, _ kind: MHD_ValueKind, lowercased: Bool) -> [String: String] {
    let collector = ValueCollector(lowercased: lowercased)
    withExtendedLifetime(collector) {
        _ = MHD_get_connection_values(
            connection, kind,
            { cls, _, key, value in
                guard let cls, let key else { return .YES }
                let c = Unmanaged<ValueCollector>.fromOpaque(cls).takeUnretainedValue()
                let name = c.lowercased ? String(cString: key).lowercased() : String(cString: key)
                let v = value.map { String(cString: $0) } ?? ""
                if let old = c.values[name] {
                    // Repeated headers mean a list; a repeated query argument keeps its first value.
                    if c.lowercased { c.values[name] = old + ", " + v }
                } else {
                    c.values[name] = v
                }
                return .YES
            }, Unmanaged.passUnretained(collector).toOpaque())
    }
    return collector.values
}

/// Query arguments with their decoded lengths, so what a C string would hide is seen.
private final class ArgumentCollector {
    var values: [String: String] = [:]
    var problems: [String: String] = [:]
}

private func queryArguments(_ connection: OpaquePointer) -> (values: [String: String], problems: [String: String]) {
    let collector = ArgumentCollector()
    withExtendedLifetime(collector) {
        _ = MHD_get_connection_values_n(
            connection, .GET_ARGUMENT_KIND,
            { cls, _, key, keySize, value, valueSize in
                guard let cls, let key else { return .YES }
                let c = Unmanaged<ArgumentCollector>.fromOpaque(cls).takeUnretainedValue()
                let keyBytes = UnsafeRawBufferPointer(start: key, count: keySize)
                let valueBytes =
                    value.map { UnsafeRawBufferPointer(start: $0, count: valueSize) } ?? UnsafeRawBufferPointer(start: nil, count: 0)
                let name = String(decoding: keyBytes, as: UTF8.self)
                let text = String(decoding: valueBytes, as: UTF8.self)
                if c.values[name] != nil {
                    c.problems[name] = c.problems[name] ?? "is given more than once"
                    return .YES
                }
                c.values[name] = text
                if keyBytes.contains(0) || valueBytes.contains(0) {
                    c.problems[name] = "contains a NUL byte (%00)"
                } else if String(validating: keyBytes, as: UTF8.self) == nil || String(validating: valueBytes, as: UTF8.self) == nil {
                    c.problems[name] = "is not valid UTF-8 (percent-encode UTF-8 bytes only)"
                }
                return .YES
            }, Unmanaged.passUnretained(collector).toOpaque())
    }
    return (collector.values, collector.problems)
}

private func queue(_ connection: OpaquePointer, _ response: HTTPResponse, closing: Bool) -> MHD_Result {
    let created: OpaquePointer? = response.body.withUnsafeBytes { raw in
        MHD_create_response_from_buffer(
            raw.count, UnsafeMutableRawPointer(mutating: raw.baseAddress), .RESPMEM_MUST_COPY)
    }
    guard let created else { return .NO }
    defer { MHD_destroy_response(created) }
    for (name, value) in response.headers {
        _ = MHD_add_response_header(created, name, value)
    }
    if closing { _ = MHD_add_response_header(created, "Connection", "close") }
    return MHD_queue_response(connection, UInt32(response.status), created)
}
