import CCurl
import Foundation

/// A blocking HTTP/1.1 and HTTPS client over libcurl easy handles.
///
/// One fresh easy handle per request: no connection, cookie or DNS state is shared between
/// requests, so every connection passes the address policy and nothing of one request leaks
/// into the next. Blocking suits the callers (worker threads that own one job each); every
/// request has a connect timeout, a total timeout and a low-speed limit, so none can hang.
public struct HTTPClient: Sendable {
    public var options: HTTPClientOptions

    public init(options: HTTPClientOptions = HTTPClientOptions()) {
        self.options = options
    }

    /// Sends the request and returns any HTTP response, whatever its status; throws only when
    /// there was no complete response.
    public func send(_ request: HTTPRequest) throws(HTTPClientError) -> HTTPResponse {
        let origin = request.origin
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https", request.url.host != nil else {
            throw .invalidRequest("only http and https URLs with a host are supported (got \(origin))")
        }
        try Self.validate(request)
        if let failure = CurlRuntime.startupFailure { throw .transferFailed(origin: origin, code: -1, detail: failure) }
        guard let handle = curl_easy_init() else {
            throw .transferFailed(origin: origin, code: -1, detail: "curl_easy_init failed")
        }
        defer { curl_easy_cleanup(handle) }

        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for field in request.headers { headerList = curl_slist_append(headerList, "\(field.name): \(field.value)") }
        // libcurl sends "Expect: 100-continue" for large bodies and waits for an interim answer
        // many servers never send; an empty value removes the header.
        if request.headers["Expect"] == nil { headerList = curl_slist_append(headerList, "Expect:") }

        let state = TransferState(maxBytes: options.maxResponseBytes, policy: options.addressPolicy)
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = withExtendedLifetime(state) {
            let context = Unmanaged.passUnretained(state).toOpaque()
            configure(handle, request: request, headers: headerList, context: context)
            return errorBuffer.withUnsafeMutableBufferPointer { buffer in
                _ = shim_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
                return curl_easy_perform(handle)
            }
        }
        let detail = Self.detail(code: code, buffer: errorBuffer)
        guard code == CURLE_OK else { throw classify(code, detail: detail, state: state, handle: handle, origin: origin) }

        var status = 0
        _ = shim_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var redirects = 0
        _ = shim_curl_getinfo_long(handle, CURLINFO_REDIRECT_COUNT, &redirects)
        var ip: UnsafeMutablePointer<CChar>?
        _ = shim_curl_getinfo_string(handle, CURLINFO_PRIMARY_IP, &ip)
        return HTTPResponse(
            status: status, headers: state.headers, body: state.body, primaryIP: ip.map { String(cString: $0) } ?? "",
            redirectCount: redirects)
    }

    /// Refuses CR or LF in header fields and the method: they would let a value inject fields.
    private static func validate(_ request: HTTPRequest) throws(HTTPClientError) {
        let method = request.method
        guard !method.isEmpty, method.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) else {
            throw .invalidRequest("method \"\(method)\" is not a token")
        }
        for field in request.headers {
            let nameOK = !field.name.isEmpty && field.name.allSatisfy { $0.isASCII && !$0.isWhitespace && $0 != ":" }
            // Scalars, not Characters: "\r\n" is one Character and would match neither.
            let valueOK = !field.value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
            guard nameOK, valueOK else { throw .invalidRequest("header field \"\(field.name)\" is malformed") }
        }
    }

    private static func detail(code: CURLcode, buffer: [CChar]) -> String {
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.isEmpty ? String(cString: curl_easy_strerror(code)) : text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
