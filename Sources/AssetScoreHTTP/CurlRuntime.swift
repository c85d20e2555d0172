import CCurl
import Foundation

/// Process-wide libcurl set-up, done exactly once.
///
/// curl_global_init is not thread-safe and must run before any handle is made; a lazily
/// initialised global constant gives "exactly once, from whichever thread comes first".
enum CurlRuntime {
    static let startupFailure: String? = {
        let code = curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        return code == CURLE_OK ? nil : "libcurl failed to start: \(String(cString: curl_easy_strerror(code)))"
    }()
}
