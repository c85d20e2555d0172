import Foundation

/// What one request has sent so far (`@unchecked Sendable`: only one thread touches it at a
/// time, handed over through libmicrohttpd's suspend and resume), kept between libmicrohttpd's calls of the access handler
/// (once after the headers, once per chunk of body, once at the end).
final class PendingRequest: @unchecked Sendable {
    let limit: Int
    let started: UInt64
    var body = Data()
    /// The body went past `limit`: the rest is read and dropped, then 413 is answered.
    var tooLarge = false
    var dropped = 0
    /// A response was queued early (413 from Content-Length); later calls do nothing.
    var answered = false
    /// The connection is suspended while a slow handler runs on another thread.
    var suspended = false
    /// What that handler answered; set before the connection is resumed (MHD's resume takes a
    /// lock the pool thread takes too, which orders the write before the read).
    var ready: HTTPResponse?

    /// Bytes past the limit read and dropped before the 413, so the client reads the answer.
    var drainLimit: Int { max(limit, 1 << 20) * 4 }

    init(limit: Int) {
        self.limit = limit
        started = DispatchTime.now().uptimeNanoseconds
    }

    /// Takes one chunk; false when the client keeps sending far past the limit, which closes
    /// the connection instead of reading without end.
    func append(_ chunk: UnsafeRawBufferPointer) -> Bool {
        if tooLarge || body.count + chunk.count > limit {
            tooLarge = true
            dropped += chunk.count
            body = Data()
            return dropped <= drainLimit
        }
        body.append(contentsOf: chunk)
        return true
    }
}
