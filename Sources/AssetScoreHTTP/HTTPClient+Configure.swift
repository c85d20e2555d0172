import CCurl
import Foundation

extension HTTPClient {
    /// Sets every option of one transfer. Return codes of setopt are ignored on purpose: each
    /// option used here exists in libcurl 7.85+, and a refused one would surface from perform.
    func configure(_ handle: UnsafeMutableRawPointer, request: HTTPRequest, headers: UnsafeMutablePointer<curl_slist>?, context: UnsafeMutableRawPointer) {
        _ = shim_curl_setopt_string(handle, CURLOPT_URL, request.url.absoluteString)
        _ = shim_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = shim_curl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        // Signals cannot be used for timeouts in a multi-threaded process.
        _ = shim_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        // No proxy from the environment: the address policy must see the real destination.
        _ = shim_curl_setopt_string(handle, CURLOPT_PROXY, "")

        _ = shim_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(options.connectTimeout))
        _ = shim_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(options.totalTimeout))
        _ = shim_curl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, max(1, options.lowSpeedLimit))
        _ = shim_curl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, max(1, Int(options.lowSpeedTime.rounded(.up))))
        // Refuses early when Content-Length already says too much; the write callback covers the rest.
        _ = shim_curl_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxResponseBytes))

        if options.maxRedirects > 0 {
            _ = shim_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
            _ = shim_curl_setopt_long(handle, CURLOPT_MAXREDIRS, options.maxRedirects)
        } else {
            _ = shim_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        }

        switch request.method.uppercased() {
        case "GET" where request.body == nil: _ = shim_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        case "HEAD": _ = shim_curl_setopt_long(handle, CURLOPT_NOBODY, 1)
        case "POST": _ = shim_curl_setopt_long(handle, CURLOPT_POST, 1)
        default: _ = shim_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let body = request.body {
            // COPYPOSTFIELDS copies the bytes, so the Data need not outlive this call.
            _ = shim_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            // An empty Data may have no base address; libcurl copies 0 bytes from any valid pointer.
            let bytes = body.isEmpty ? Data([0]) : body
            bytes.withUnsafeBytes { raw in
                _ = shim_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress!))
            }
        }
        _ = shim_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, headers)

        _ = shim_curl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, TransferState.writeBody)
        _ = shim_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = shim_curl_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, TransferState.writeHeader)
        _ = shim_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        _ = shim_curl_setopt_opensocket(handle, TransferState.openSocket)
        _ = shim_curl_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, context)
    }

    static func milliseconds(_ interval: TimeInterval) -> Int {
        max(1, Int((interval * 1000).rounded(.up)))
    }

    /// Maps a libcurl failure to a typed error; the transfer state says why a write or connect
    /// was refused on our side.
    func classify(_ code: CURLcode, detail: String, state: TransferState, handle: UnsafeMutableRawPointer, origin: String) -> HTTPClientError {
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(origin: origin, detail: detail)
        case CURLE_COULDNT_CONNECT:
            if let (ip, kind) = state.refused { return .addressRefused(origin: origin, address: ip.description, kind: kind) }
            return .connectionRefused(origin: origin, detail: detail)
        case CURLE_COULDNT_RESOLVE_HOST:
            return .cannotResolve(origin: origin, detail: detail)
        case CURLE_WRITE_ERROR where state.tooLarge, CURLE_FILESIZE_EXCEEDED:
            return .responseTooLarge(origin: origin, limit: options.maxResponseBytes)
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects(origin: origin, limit: options.maxRedirects)
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE:
            return .connectionReset(origin: origin, detail: detail)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return .invalidRequest("\(origin): \(detail)")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE:
            return .tls(origin: origin, detail: detail)
        default:
            return .transferFailed(origin: origin, code: Int(code.rawValue), detail: detail)
        }
    }
}
