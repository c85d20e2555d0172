import Foundation

/// How dates are stored: ISO-8601 UTC text with milliseconds, e.g. `2025-03-01T09:30:00.125Z`.
///
/// One fixed-width format everywhere keeps rows readable with the sqlite3 shell and makes text
/// order equal time order, so `ORDER BY created_at` needs no conversion.
public enum StoredDate {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let wholeSeconds = Date.ISO8601FormatStyle()

    /// Rounds to the nearest millisecond. The milliseconds are written by hand because the
    /// format style truncates, and a parsed `.561` (stored as a binary double just below it)
    /// would otherwise be written back as `.560`.
    public static func text(_ date: Date) -> String {
        let totalMS = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = totalMS >= 0 ? totalMS / 1000 : (totalMS - 999) / 1000
        let millis = Int(totalMS - seconds * 1000)
        let whole = wholeSeconds.format(Date(timeIntervalSince1970: Double(seconds)))
        let digits = String(millis)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Parses a stored date; `what` names the column for the error.
    public static func date(_ text: String, what: String) throws -> Date {
        do {
            return try style.parse(text)
        } catch {
            throw StorageError.corrupt("\(what): '\(text)' is not an ISO-8601 date with milliseconds")
        }
    }
}
