import Foundation
import XCTest

@testable import AssetScoreStorage

/// The arithmetic conversion of the canonical form agrees with Foundation's ISO-8601 format style,
/// to the bit, on random dates from year 1 to 9999 (before 1600 by leaving them to the style, which
/// counts them on the Julian calendar), and leaves every other text to it.
final class StoredDateTests: XCTestCase {
    private let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    func testCanonicalTextAndDateAgreeWithTheFormatStyle() throws {
        var generator = SystemRandomNumberGenerator()
        // Years 1 to 9999, milliseconds, and the edges of days, months and leap years.
        let earliest: Int64 = -62_135_596_800_000
        let latest: Int64 = 253_402_300_799_999
        var samples = (0..<20_000).map { _ in Int64.random(in: earliest...latest, using: &generator) }
        samples += [0, -1, 1, 999, -999, 86_399_999, -86_400_000, earliest, latest]
        samples += [951_782_400_000, 951_868_800_000, 4_107_542_400_000, 1_709_164_800_000, -2_203_891_200_000]
        samples += [-11_676_096_000_001, -11_676_096_000_000, -12_219_292_800_000]  // 1600-01-01 and the day before; 1582
        for ms in samples {
            let date = Date(timeIntervalSince1970: Double(ms) / 1000)
            let text = StoredDate.text(date)
            let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
            let whole = Date.ISO8601FormatStyle().format(Date(timeIntervalSince1970: Double(seconds)))
            let millis = String(Int(ms - seconds * 1000))
            XCTAssertEqual(text, whole.dropLast() + "." + String(repeating: "0", count: 3 - millis.count) + millis + "Z", "\(ms)")
            let parsed = try StoredDate.date(text, what: "test")
            XCTAssertEqual(parsed.timeIntervalSince1970.bitPattern, try style.parse(text).timeIntervalSince1970.bitPattern, text)
            XCTAssertEqual(StoredDate.text(parsed), text, "round trip of \(text)")
        }
    }

    func testOtherTextsAreLeftToTheFormatStyle() throws {
        for text in [
            "2025-02-29T00:00:00.000Z", "2025-02-30T00:00:00.000Z", "2025-13-01T00:00:00.000Z", "2025-01-01T24:00:00.000Z",
            "2025-01-01 00:00:00.000Z",
            "2025-01-01T00:00:00.000+01:00", "2025-01-01T00:00:00Z", "０２５-01-01T00:00:00.000Z", "not a date", "",
        ] {
            XCTAssertNil(StoredDate.canonicalDate(text), text)
            let expected = try? style.parse(text)
            let got = try? StoredDate.date(text, what: "test")
            XCTAssertEqual(got, expected, text)
        }
        XCTAssertThrowsError(try StoredDate.date("2025-02-3xT00:00:00.000Z", what: "users.updated_at")) { error in
            XCTAssertTrue("\(error)".contains("users.updated_at: '2025-02-3xT00:00:00.000Z'"), "\(error)")
        }
    }
}
