import Foundation

/// Parses a Retry-After header value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
public enum RetryAfter {
    /// Seconds to wait from `now`; nil when the value is neither form. A date in the past gives
    /// 0, and the answer is capped at `limit` so a hostile or broken server cannot park a job
    /// for a year.
    public static func seconds(_ value: String, now: Date = Date(), limit: TimeInterval = 86_400) -> TimeInterval? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) {
            guard let seconds = Double(text) else { return nil }
            return min(seconds, limit)
        }
        // Not in the grammar, but some servers send "1.5": accept a plain non-negative decimal.
        if let seconds = Double(text), seconds >= 0, seconds.isFinite, text.first?.isNumber == true {
            return min(seconds, limit)
        }
        guard let date = httpDate(text) else { return nil }
        return min(max(0, date.timeIntervalSince(now)), limit)
    }

    /// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), plus the obsolete RFC 850 and asctime
    /// forms that recipients must still accept.
    public static func httpDate(_ text: String) -> Date? {
        // asctime pads one-digit days with a second space ("Nov  6").
        let text = text.split(separator: " ").joined(separator: " ")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
