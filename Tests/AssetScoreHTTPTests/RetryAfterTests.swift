import AssetScoreHTTP
import XCTest

final class RetryAfterTests: XCTestCase {
    func testDelaySeconds() {
        XCTAssertEqual(RetryAfter.seconds("120"), 120)
        XCTAssertEqual(RetryAfter.seconds(" 0 "), 0)
        XCTAssertEqual(RetryAfter.seconds("1.5"), 1.5)
        XCTAssertEqual(RetryAfter.seconds("99999999", limit: 3600), 3600)
    }

    func testHTTPDates() {
        let now = RetryAfter.httpDate("Sun, 06 Nov 1994 08:49:37 GMT")!
        XCTAssertEqual(RetryAfter.seconds("Sun, 06 Nov 1994 08:50:07 GMT", now: now), 30)
        XCTAssertEqual(RetryAfter.seconds("Sunday, 06-Nov-94 08:49:47 GMT", now: now), 10)
        XCTAssertEqual(RetryAfter.seconds("Sun Nov  6 08:49:57 1994", now: now), 20)
        XCTAssertEqual(RetryAfter.seconds("Sun, 06 Nov 1994 08:00:00 GMT", now: now), 0, "a date in the past means now")
    }

    func testGarbageIsNil() {
        for value in ["", "soon", "-5", "1e3x", "Sun, 99 Nov 1994 08:49:37 GMT"] {
            XCTAssertNil(RetryAfter.seconds(value), value)
        }
    }
}
