import AssetScoreHTTP
import Foundation

/// How long a rate-limited or overloaded provider asks to wait.
///
/// Retry-After wins when present. Otherwise the providers' own reset headers are read where
/// they are simple: Anthropic's `anthropic-ratelimit-*-reset` (RFC 3339 times) and OpenAI's
/// `x-ratelimit-reset-*` (durations such as "1s", "6m0s", "20ms"), taking the latest reset of
/// the limits that are used up (or of all, when none says how much remains).
enum RateLimitHeaders {
    static func retryAfter(_ headers: HTTPHeaders, now: Date = Date()) -> TimeInterval? {
        if let value = headers["retry-after"], let seconds = RetryAfter.seconds(value, now: now) { return seconds }
        var exhausted: [TimeInterval] = []
        var all: [TimeInterval] = []
        for field in headers {
            let name = field.name.lowercased()
            let wait: TimeInterval?
            let remainingName: String
            if name.hasPrefix("anthropic-ratelimit-"), name.hasSuffix("-reset") {
                wait = rfc3339(field.value).map { max(0, $0.timeIntervalSince(now)) }
                remainingName = name.replacingOccurrences(of: "-reset", with: "-remaining")
            } else if name.hasPrefix("x-ratelimit-reset-") {
                wait = duration(field.value)
                remainingName = name.replacingOccurrences(of: "x-ratelimit-reset-", with: "x-ratelimit-remaining-")
            } else {
                continue
            }
            guard let wait else { continue }
            all.append(wait)
            if headers[remainingName] == "0" { exhausted.append(wait) }
        }
        let chosen = exhausted.isEmpty ? all : exhausted
        return chosen.max().map { min($0, 86_400) }
    }

    /// "1s", "6m0s", "1h2m3.5s", "20ms".
    static func duration(_ text: String) -> TimeInterval? {
        let pattern = #"^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$"#
        guard !text.isEmpty, let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return nil }
        let scales = [3600.0, 60, 1, 0.001]
        var total = 0.0
        var any = false
        for (i, scale) in scales.enumerated() {
            guard let range = Range(match.range(at: i + 1), in: text), let value = Double(text[range]) else { continue }
            total += value * scale
            any = true
        }
        return any ? total : nil
    }

    static func rfc3339(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
