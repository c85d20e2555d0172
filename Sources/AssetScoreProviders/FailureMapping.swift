import AssetScoreCore
import AssetScoreHTTP
import AssetScoreIngest
import Foundation

/// Classifies transport errors and non-2xx answers into `ProviderFailure`, so the worker knows
/// whether waiting and retrying can help.
enum FailureMapping {
    static func failure(for error: HTTPClientError) -> ProviderFailure {
        switch error {
        case .timedOut, .connectionReset, .connectionRefused, .cannotResolve:
            return .unavailable(retryAfter: nil, message: error.description)
        case .addressRefused, .invalidRequest, .tooManyRedirects:
            return .misconfigured(message: error.description)
        case .responseTooLarge:
            return .invalidOutput(field: "response body", message: error.description)
        case .tls, .transferFailed:
            return .unavailable(retryAfter: nil, message: error.description)
        }
    }

    /// 429 and overload (529, or an `overloaded_error` body) are rate limits; 408 and 5xx are
    /// outages; any other 4xx is the request's fault and is not retried.
    static func failure(for response: HTTPResponse, now: Date = Date()) -> ProviderFailure {
        let status = response.status
        let (type, detail) = errorMessage(response.body)
        let message = "HTTP \(status)" + (detail.map { ": \($0)" } ?? "")
        let wait = RateLimitHeaders.retryAfter(response.headers, now: now)
        if status == 429 || status == 529 || type == "overloaded_error" || type == "rate_limit_error" {
            return .rateLimited(retryAfter: wait, message: message)
        }
        if status == 408 || status >= 500 {
            return .unavailable(retryAfter: wait, message: message)
        }
        return .rejected(status: status, message: detail ?? "HTTP \(status) without an error message")
    }

    /// The provider's error type and message: OpenAI and Anthropic put them in
    /// `error.type`/`error.message`, Ollama in a plain `error` string. Terminal-safe and short.
    static func errorMessage(_ body: Data) -> (type: String?, message: String?) {
        guard let json = try? JSONValue.parse(body) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return (nil, text.isEmpty ? nil : SafeText.display(text, limit: 200))
        }
        if let text = json["error"]?.stringValue { return (nil, SafeText.display(text, limit: 300)) }
        let error = json["error"]
        let type = error?["type"]?.stringValue
        let message = error?["message"]?.stringValue ?? json["message"]?.stringValue
        return (type, message.map { SafeText.display($0, limit: 300) })
    }
}
