import Foundation

/// How dates are stored: ISO-8601 UTC text with milliseconds, e.g. `2025-03-01T09:30:00.125Z`.
///
/// One fixed-width format everywhere keeps rows readable with the sqlite3 shell and makes text
/// order equal time order, so `ORDER BY created_at` needs no conversion.
///
/// Dates are read and written on hot paths (every decision the service records, every profile
/// it loads), so the canonical form in years 1600-9999 is converted by arithmetic on the
/// Gregorian calendar; anything else goes through Foundation's ISO-8601 format style, which
/// decides what a non-canonical text means (and counts days before 1582 on the Julian calendar).
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
        if let fast = canonicalText(seconds: seconds, millis: millis) { return fast }
        let whole = wholeSeconds.format(Date(timeIntervalSince1970: Double(seconds)))
        let digits = String(millis)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Parses a stored date; `what` names the column for the error.
    public static func date(_ text: String, what: String) throws -> Date {
        if let fast = canonicalDate(text) { return fast }
        do {
            return try style.parse(text)
        } catch {
            throw StorageError.corrupt("\(what): '\(text)' is not an ISO-8601 date with milliseconds")
        }
    }

    // MARK: The canonical form by arithmetic

    /// Years the arithmetic covers: Gregorian on both sides, four digits.
    static let canonicalYears = 1600...9999

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` for `canonicalYears`; nil outside them.
    static func canonicalText(seconds: Int64, millis: Int) -> String? {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = civil(fromDays: days)
        guard canonicalYears.contains(year) else { return nil }
        let secondOfDay = Int(seconds - days * 86_400)
        var bytes = [UInt8](repeating: 0, count: 24)
        func put(_ value: Int, _ at: Int, _ width: Int) {
            var v = value
            for i in stride(from: at + width - 1, through: at, by: -1) {
                bytes[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
        }
        put(year, 0, 4)
        bytes[4] = UInt8(ascii: "-")
        put(month, 5, 2)
        bytes[7] = UInt8(ascii: "-")
        put(day, 8, 2)
        bytes[10] = UInt8(ascii: "T")
        put(secondOfDay / 3600, 11, 2)
        bytes[13] = UInt8(ascii: ":")
        put(secondOfDay / 60 % 60, 14, 2)
        bytes[16] = UInt8(ascii: ":")
        put(secondOfDay % 60, 17, 2)
        bytes[19] = UInt8(ascii: ".")
        put(millis, 20, 3)
        bytes[23] = UInt8(ascii: "Z")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The date of a text in exactly the canonical form with valid fields; nil for any other
    /// text (which the format style then judges).
    static func canonicalDate(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count == 24, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
                b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "."), b[23] == UInt8(ascii: "Z")
            else { return nil }
            func number(_ at: Int, _ width: Int) -> Int? {
                var v = 0
                for i in at..<(at + width) {
                    let d = Int(b[i]) - 48
                    guard (0...9).contains(d) else { return nil }
                    v = v * 10 + d
                }
                return v
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                let minute = number(14, 2), let second = number(17, 2), let millis = number(20, 3),
                canonicalYears.contains(year), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24,
                minute < 60,
                second < 60
            else { return nil }
            let days = self.days(fromCivil: year, month, day)
            let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            // Summed from the reference date, as Foundation's parser does, so both give the same bits.
            return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(millis) / 1000)
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (the "days from civil" algorithm).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a count of days since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
