import Foundation

/// What one request has sent so far, kept between libmicrohttpd's calls of the access handler
/// (once after the headers, once per chunk of body, once at the end).
final class PendingRequest {
    let limit: Int
    let started: UInt64
    var body = Data()
    /// The body went past `limit`: the rest is read and dropped, then 413 is answered.
    var tooLarge = false
    var dropped = 0
    /// A response was queued early (413 from Content-Length); later calls do nothing.
    var answered = false

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
            return dropped <= max(limit, 1 << 20) * 4
        }
        body.append(contentsOf: chunk)
        return true
    }
}
