import Foundation

/// Short, human ages for lists ("just now", "3 min ago", "2 h ago", "5 d ago", then the date).
public enum RelativeTime {
    public static func describe(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date).rounded(.down))
        if seconds < -60 { return "in the future" }
        if seconds < 10 { return "just now" }
        if seconds < 60 { return "\(seconds) s ago" }
        if seconds < 3600 { return "\(seconds / 60) min ago" }
        if seconds < 86_400 { return "\(seconds / 3600) h ago" }
        if seconds < 30 * 86_400 { return "\(seconds / 86_400) d ago" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    /// Elapsed time for durations ("0.4 s", "12 s", "3 min 05 s", "1 h 02 min").
    public static func duration(_ interval: TimeInterval) -> String {
        let t = max(0, interval)
        if t < 10 { return String(format: "%.1f s", t) }
        let s = Int(t)
        if s < 60 { return "\(s) s" }
        if s < 3600 { return String(format: "%d min %02d s", s / 60, s % 60) }
        return String(format: "%d h %02d min", s / 3600, (s % 3600) / 60)
    }
}
