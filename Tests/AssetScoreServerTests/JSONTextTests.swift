import Foundation
import XCTest

@testable import AssetScoreServer

/// The hand-written JSON of decision bodies must be JSON, whatever text an asset carries.
final class JSONTextTests: XCTestCase {
    func testAwkwardTextRoundTrips() throws {
        let nasty = "He said \"hi\"\\\n\t\u{0}\u{1b}[31m\u{7f} café 🌊 </script>"
        var inner = JSONText()
        inner.string("alt_text", nasty)
        inner.int("width", nil)
        var j = JSONText()
        j.object("asset", inner)
        j.object("none", nil)
        j.number("score", 2.655)
        j.number("tiny", 1e-7)
        j.number("nan", .nan)
        j.bool("fallback", true)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: j.data) as? [String: Any])
        XCTAssertEqual((object["asset"] as? [String: Any])?["alt_text"] as? String, nasty)
        XCTAssertTrue((object["asset"] as? [String: Any])?["width"] is NSNull)
        XCTAssertTrue(object["none"] is NSNull)
        XCTAssertEqual(object["score"] as? Double, 2.655)
        XCTAssertEqual(object["tiny"] as? Double, 1e-7)
        XCTAssertTrue(object["nan"] is NSNull)
        XCTAssertEqual(Hex.string([0x00, 0x0f, 0xa0, 0xff]), "000fa0ff")
    }

    func testConstantTimeEquality() {
        XCTAssertTrue(ConstantTime.equal(Array("secret".utf8), Array("secret".utf8)))
        XCTAssertFalse(ConstantTime.equal(Array("secret".utf8), Array("secreT".utf8)))
        XCTAssertFalse(ConstantTime.equal(Array("secret".utf8), Array("secretsecret".utf8)), "a repetition is not the token")
        XCTAssertFalse(ConstantTime.equal(Array("secret".utf8), Array("secre".utf8)))
        XCTAssertFalse(ConstantTime.equal(Array("secret".utf8), []))
    }
}
