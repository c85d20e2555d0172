import XCTest

@testable import AssetScoreServer

/// The If-None-Match scanner on its own: the edges of the grammar that HTTP tests cannot reach
/// cheaply (the routes' behaviour is in DecisionTests).
final class IfNoneMatchTests: XCTestCase {
    let etag = "\"00ab\""

    func testMembersMatchWeaklyAnywhereInTheList() {
        for field in ["\"00ab\"", "W/\"00ab\"", "\"x\",\"00ab\"", "\"x\" ,\t W/\"00ab\"\t", ",,\"00ab\",,", "*", "\"x\", *"] {
            XCTAssertTrue(IfNoneMatch.matches(field, etag: etag), field)
        }
        XCTAssertTrue(IfNoneMatch.matches("\"00ab\"", etag: "W/\"00ab\""), "weak comparison ignores W/ on our side too")
    }

    func testOtherTagsAndMalformedFieldsMatchNothing() {
        for field in [
            "", " ", ",", "\"00AB\"", "00ab", "w/\"00ab\"", "W/ \"00ab\"", "\"00ab", "\"x, \"00ab\"", "\"00ab\"x", "**",
            "\"x\" \"00ab\"", "W/", "W/*",
        ] {
            XCTAssertFalse(IfNoneMatch.matches(field, etag: etag), field)
        }
    }

    func testAMalformedMemberDoesNotHideALaterGoodOne() {
        XCTAssertTrue(IfNoneMatch.matches("00ab, \"00ab\"", etag: etag))
        XCTAssertTrue(IfNoneMatch.matches("\"x\"y, W/\"00ab\"", etag: etag))
    }
}
