import AssetScoreHTTP
import XCTest

final class HTTPHeadersTests: XCTestCase {
    func testLookupIgnoresCaseAndKeepsOrder() {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "retry-after": "3"]
        headers.add("Set-Cookie", "a=1")
        headers.add("set-cookie", "b=2")
        XCTAssertEqual(headers["RETRY-AFTER"], "3")
        XCTAssertEqual(headers["content-type"], "application/json")
        XCTAssertEqual(headers.values("Set-Cookie"), ["a=1", "b=2"])
        headers.set("SET-COOKIE", "c=3")
        XCTAssertEqual(headers.values("set-cookie"), ["c=3"])
        XCTAssertEqual(headers.fields.first?.name, "Content-Type")
        XCTAssertNil(headers["missing"])
    }
}
