import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the C callbacks of one transfer share with the Swift code that started it.
///
/// libcurl calls the callbacks on the thread that runs curl_easy_perform, one at a time, so
/// this object needs no lock; it lives exactly as long as one `send`.
final class TransferState {
    let maxBytes: Int
    let policy: AddressPolicy
    var headers = HTTPHeaders()
    var body = Data()
    var headerBytes = 0
    var tooLarge = false
    /// The first address the policy refused, and its kind.
    var refused: (IPAddress, AddressKind)?

    /// Header bytes are capped separately: a body limit alone would let a server send endless
    /// header lines.
    static let maxHeaderBytes = 256 * 1024

    init(maxBytes: Int, policy: AddressPolicy) {
        self.maxBytes = maxBytes
        self.policy = policy
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> TransferState {
        Unmanaged<TransferState>.fromOpaque(pointer!).takeUnretainedValue()
    }

    /// Body bytes: refuse (return 0, which aborts with CURLE_WRITE_ERROR) past the limit.
    static let writeBody: curl_write_callback = { data, size, count, context in
        let state = TransferState.from(context)
        let length = size * count
        guard state.body.count + length <= state.maxBytes else {
            state.tooLarge = true
            return 0
        }
        if let data, length > 0 { state.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length) }
        return length
    }

    /// One header line per call, status lines included; a new status line (after a redirect or
    /// a 100 Continue) starts a new set of fields.
    static let writeHeader: curl_write_callback = { data, size, count, context in
        let state = TransferState.from(context)
        let length = size * count
        state.headerBytes += length
        guard state.headerBytes <= TransferState.maxHeaderBytes, let data else {
            state.tooLarge = true
            return 0
        }
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            state.headers = HTTPHeaders()
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            state.headers.add(name, value)
        }
        return length
    }

    /// Runs before every connect(): the one place that sees the address actually used, so the
    /// address policy is enforced here. Returning CURL_SOCKET_BAD makes libcurl skip the address.
    static let openSocket: curl_opensocket_callback = { context, purpose, address in
        let state = TransferState.from(context)
        guard let address else { return CURL_SOCKET_BAD }
        var raw = [UInt8](repeating: 0, count: 16)
        let length = Int(shim_curl_sockaddr_ip(address, &raw))
        guard length == 4 || length == 16, let ip = IPAddress(bytes: Array(raw.prefix(length))) else {
            return CURL_SOCKET_BAD
        }
        guard state.policy.permits(ip) else {
            if state.refused == nil { state.refused = (ip, ip.kind) }
            return CURL_SOCKET_BAD
        }
        return socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
    }
}
