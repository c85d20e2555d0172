import AssetScoreCore
import AssetScoreIngest
import XCTest

@testable import AssetScoreProviders

final class ModelOutputTextTests: XCTestCase {
    func testFenceRules() throws {
        XCTAssertEqual(try ModelOutputText.unfenced("  {\"a\": 1}\n"), "{\"a\": 1}")
        XCTAssertEqual(try ModelOutputText.unfenced("```json\n{\"a\": \"``` x ```\"}\n```"), "{\"a\": \"``` x ```\"}")
        XCTAssertEqual(try ModelOutputText.unfenced("```\n{}\n```"), "{}")
        XCTAssertEqual(try ModelOutputText.unfenced("{\"code\": \"```swift\\nlet x\\n```\"}"), "{\"code\": \"```swift\\nlet x\\n```\"}")
        for bad in ["Sure! ```json\n{}\n```", "```json\n{}\n```\nDone.", "```python\n{}\n```", "```json {}```", "```json\n{}"] {
            XCTAssertThrowsError(try ModelOutputText.unfenced(bad), bad) { error in
                guard case .invalidOutput("(root)", _) = error as? ProviderFailure else { return XCTFail("\(error)") }
            }
        }
    }

    func testJSONIsParsedOrNamedInvalid() throws {
        XCTAssertEqual(try ModelOutputText.json(from: "```json\n{\"a\": [1, true]}\n```"), .object([("a", .array([.number(1), .bool(true)]))]))
        XCTAssertThrowsError(try ModelOutputText.json(from: "{\"a\": ")) { error in
            guard case .invalidOutput("(root)", let message) = error as? ProviderFailure else { return XCTFail("\(error)") }
            XCTAssertTrue(message.hasPrefix("not valid JSON"))
        }
        XCTAssertThrowsError(try ModelOutputText.json(from: "  "))
    }
}
