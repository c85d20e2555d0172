import Foundation
import XCTest

@testable import AssetScoreCore

final class SegmentImportTests: XCTestCase {
    private let facets: Set<String> = ["tone", "theme", "color"]

    private func run(_ data: Data, name: String = "body.json", batch: Int = 1_000) throws -> ([UserProfile], UserImportSummary) {
        var users: [UserProfile] = []
        let summary = try SegmentBatchImporter(facets: facets, options: UserImportOptions(batchSize: batch))
            .importData(data, name: name) { users += $0.users }
        return (users, summary)
    }

    func testIdentifyFixtureGivesAUser() throws {
        let url = try ImportFixtures.corpus("crm/segment/analytics-go_fixtures/test-enqueue-identify.json")
        var users: [UserProfile] = []
        let summary = try SegmentBatchImporter(facets: facets).importFile(at: url) { users += $0.users }
        XCTAssertEqual(users.map(\.id), ["B"])
        XCTAssertEqual(users[0].attributes, [])
        XCTAssertEqual(users[0].source, "segment:test-enqueue-identify.json")
        XCTAssertEqual(summary.records, 1)
        XCTAssertEqual(summary.skippedCalls, [:])
    }

    func testTrackAndOtherCallsAreCountedAsSkipped() throws {
        let names = [
            "test-many-track.json", "test-enqueue-alias.json", "test-enqueue-group.json", "test-enqueue-page.json",
            "test-enqueue-screen.json", "test-context-track.json",
        ]
        var skipped: [String: Int] = [:]
        var records = 0
        for name in names {
            let url = try ImportFixtures.corpus("crm/segment/analytics-go_fixtures/\(name)")
            var users: [UserProfile] = []
            let summary = try SegmentBatchImporter(facets: facets).importFile(at: url) { users += $0.users }
            XCTAssertEqual(users, [], name)
            skipped.merge(summary.skippedCalls, uniquingKeysWith: +)
            records += summary.records
        }
        XCTAssertEqual(skipped, ["track": 4, "alias": 1, "group": 1, "page": 1, "screen": 1])
        XCTAssertEqual(records, 8)
    }

    /// The identify fixture with traits added, in the shapes Segment sources send.
    func testIdentifyTraitsBecomeAttributesAndOtherTraitsAreCounted() throws {
        let url = try ImportFixtures.corpus("crm/segment/analytics-go_fixtures/test-enqueue-identify.json")
        guard case .object(var root) = try JSONValue.parse(Data(contentsOf: url)),
            case .array(var calls)? = root.first(where: { $0.0 == "batch" })?.1,
            case .object(var identify) = calls[0]
        else { return XCTFail("fixture layout changed") }
        identify.append(
            (
                "traits",
                .object([
                    ("email", .string("b@example.com")),
                    ("Tone", .array([.string("warm"), .string("calm")])),
                    ("theme", .object([("value", .string("travel")), ("weight", .number(0.4))])),
                    ("color", .number(3)),
                    ("age", .number(34)),
                ])
            ))
        calls[0] = .object(identify)
        calls.append(
            .object([
                ("type", .string("identify")), ("anonymousId", .string("anon-1")),
                (
                    "traits",
                    .object([("theme", .array([.object([("value", .string("beach")), ("weight", .number(1))]), .string("city")]))])
                ),
            ]))
        calls.append(
            .object([
                ("type", .string("identify")), ("userId", .string("B")), ("traits", .object([("tone", .string("warm"))])),
            ]))
        calls.append(.object([("type", .string("track")), ("userId", .string("B")), ("event", .string("Download"))]))
        root = root.map { $0.0 == "batch" ? ("batch", .array(calls)) : $0 }
        let (users, summary) = try run(Data(JSONValue.object(root).compact.utf8))

        XCTAssertEqual(users.map(\.id), ["B", "anon-1"])
        XCTAssertEqual(
            users[0].attributes.map { "\($0.facet)=\($0.value)@\($0.weight)" },
            [
                "tone=warm@1.0", "tone=calm@1.0", "theme=travel@0.4",
            ])
        XCTAssertTrue(users[0].attributes.allSatisfy { $0.entry == nil && $0.method == .unmapped })
        XCTAssertEqual(users[1].attributes.map(\.value), ["beach", "city"])
        XCTAssertEqual(summary.records, 4)
        XCTAssertEqual(summary.skippedCalls, ["track": 1])
        XCTAssertEqual(summary.skippedTraits, ["email": 1, "age": 1, "color": 1])
        XCTAssertTrue(
            summary.notes.contains("trait \"color\" holds a number, not a string, an array of strings or {\"value\", \"weight\"}; skipped"),
            "\(summary.notes)")
        XCTAssertTrue(summary.notes.contains("trait \"email\" is not a facet and was skipped"), "\(summary.notes)")
    }

    func testMalformedBodiesAreErrorsNamingThePlace() {
        func check(_ json: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try run(Data(json.utf8)), file: file, line: line) {
                XCTAssertEqual("\($0)", expected, file: file, line: line)
            }
        }
        check(#"{"sentAt": "x"}"#, "body.json: batch: is required and must be an array of calls")
        check(#"{"batch": [{"type": "identify", "traits": {}}]}"#, "body.json: batch[0]: identify call has neither userId nor anonymousId")
        check(#"{"batch": [{"userId": "a"}]}"#, "body.json: batch[0].type: is required and must be a string")
        check(
            #"{"batch": [{"type": "identify", "userId": "a", "traits": {"tone": {"value": "warm", "weight": 7}}}]}"#,
            "body.json: batch[0].traits.tone.weight: weight 7 is outside -1...1")
        check("[1]", "body.json: expected a Segment batch object, found an array")
    }
}
