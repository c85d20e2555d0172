import Foundation
import XCTest

@testable import AssetScoreCore

final class UserImportTests: XCTestCase {
    private let fixed = Date(timeIntervalSince1970: 1_700_000_000)

    private func options(batch: Int = 1_000, facets: Set<String>? = nil) -> UserImportOptions {
        UserImportOptions(batchSize: batch, knownFacets: facets, timestamp: fixed)
    }

    private func attrs(_ user: UserProfile) -> [String] {
        user.attributes.map { "\($0.facet)=\($0.value)@\(JSONValue.numberText($0.weight))" }
    }

    private func csvBatches(
        _ text: String, batch: Int = 1_000, facets: Set<String>? = nil, shape: UserCSVImporter.Shape? = nil
    ) throws -> ([UserBatch], UserImportSummary) {
        var batches: [UserBatch] = []
        let summary = try UserCSVImporter(options: options(batch: batch, facets: facets), shape: shape)
            .importData(Data(text.utf8), name: "users.csv") { batches.append($0) }
        return (batches, summary)
    }

    private func jsonlBatches(_ text: String, batch: Int = 1_000, facets: Set<String>? = nil) throws -> ([UserBatch], UserImportSummary) {
        var batches: [UserBatch] = []
        let summary = try UserJSONLinesImporter(options: options(batch: batch, facets: facets))
            .importData(Data(text.utf8), name: "users.jsonl") { batches.append($0) }
        return (batches, summary)
    }

    private func assertError(_ body: () throws -> Any, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) {
            XCTAssertEqual("\($0)", expected, file: file, line: line)
        }
    }

    // MARK: CSV, long shape

    func testLongCSVAggregatesSpreadOutRowsOfAUser() throws {
        let (batches, summary) = try csvBatches(
            """
            user_id,facet,value,weight
            u1,tone,warm,0.8
            u2,theme,travel,
            u1,Theme,beach,1
            u1,tone,warm,0.6
            """)
        XCTAssertEqual(batches.count, 1)
        let users = batches[0].users
        XCTAssertEqual(users.map(\.id), ["u1", "u2"])
        XCTAssertEqual(attrs(users[0]), ["tone=warm@0.6", "theme=beach@1"])
        XCTAssertEqual(attrs(users[1]), ["theme=travel@1"])
        XCTAssertEqual(users[0].source, "csv:users.csv")
        XCTAssertEqual(users[0].updatedAt, fixed)
        XCTAssertNil(users[0].attributes[0].entry)
        XCTAssertEqual(users[0].attributes[0].method, .unmapped)
        XCTAssertEqual(summary.records, 4)
        XCTAssertEqual(summary.users, 2)
        XCTAssertEqual(summary.attributes, 3)
        XCTAssertEqual(summary.continuedUsers, 0)
    }

    func testLongCSVWithoutWeightColumnDefaultsToOne() throws {
        let (batches, _) = try csvBatches("user_id;facet;value\nu1;tone;calm\n")
        XCTAssertEqual(attrs(batches[0].users[0]), ["tone=calm@1"])
    }

    func testBatchesCloseWhenFullAndMarkContinuations() throws {
        var text = "user_id,facet,value\n"
        for i in 0..<5 { text += "u\(i),tone,v\(i)\n" }
        text += "u0,theme,late\n"  // u0 already went out in the first batch
        let (batches, summary) = try csvBatches(text, batch: 2)
        XCTAssertEqual(batches.map { $0.users.map(\.id) }, [["u0", "u1"], ["u2", "u3"], ["u4", "u0"]])
        XCTAssertEqual(batches.map(\.continuations), [[], [], ["u0"]])
        XCTAssertEqual(attrs(batches[2].users[1]), ["theme=late@1"])
        XCTAssertEqual(summary.users, 5)
        XCTAssertEqual(summary.batches, 3)
        XCTAssertEqual(summary.continuedUsers, 1)
        // What the caller does with a continuation.
        let merged = batches[0].users[0].merging(batches[2].users[1])
        XCTAssertEqual(attrs(merged), ["tone=v0@1", "theme=late@1"])
    }

    func testGroupedRowsAreNeverSplitAcrossBatches() throws {
        let (batches, summary) = try csvBatches("user_id,facet,value\nu1,tone,a\nu1,tone,b\nu2,tone,c\nu2,tone,d\nu2,theme,e\n", batch: 1)
        XCTAssertEqual(batches.map { $0.users.map(\.id) }, [["u1"], ["u2"]])
        XCTAssertEqual(summary.continuedUsers, 0)
        XCTAssertEqual(batches[1].users[0].attributes.count, 3)
    }

    func testNegativeWeightsAreDislikesInLongAndWideFiles() throws {
        let (long, _) = try csvBatches("user_id,facet,value,weight\nu1,tone,dark,-0.5\n")
        XCTAssertEqual(long[0].users[0].attributes.map(\.weight), [-0.5])
        let (wide, _) = try csvBatches("user_id,tone\nu1,dark:-1|warm:0.25\n")
        XCTAssertEqual(wide[0].users[0].attributes.map(\.weight), [-1, 0.25])
        assertError({ try self.csvBatches("user_id,facet,value,weight\nu1,tone,dark,-1.5\n") }, "users.csv:2: weight -1.5 is outside -1...1")
    }

    func testLongCSVErrorsNameTheLine() {
        assertError(
            { try self.csvBatches("user_id,facet,value,weight\nu1,tone,warm,1\nu2,tone,warm,heavy\n") },
            "users.csv:3: weight \"heavy\" is not a number")
        assertError(
            { try self.csvBatches("user_id,facet,value,weight\nu1,tone,warm,80\n") },
            "users.csv:2: weight 80 is outside -1...1")
        assertError({ try self.csvBatches("user_id,facet,value\n,tone,warm\n") }, "users.csv:2: empty user_id")
        assertError({ try self.csvBatches("user_id,facet,value\nu1,tone,\n") }, "users.csv:2: empty value")
        assertError(
            { try self.csvBatches("user_id,facet,value,email\n") },
            "users.csv:1: unknown column \"email\" in long CSV (allowed: user_id, facet, value, weight)")
        assertError({ try self.csvBatches("id,facet,value\n") }, "users.csv:1: missing column user_id")
        assertError({ try self.csvBatches("user_id,facet,value\nu1,tone,\"warm\n") }, "users.csv:2: unterminated quoted field")
    }

    func testUnknownFacetsAreSkippedAndCounted() throws {
        let (batches, summary) = try csvBatches(
            "user_id,facet,value\nu1,tone,warm\nu1,shoe_size,42\nu2,shoe_size,40\n", facets: ["tone", "theme"])
        XCTAssertEqual(batches[0].users.map(\.id), ["u1", "u2"])
        XCTAssertEqual(attrs(batches[0].users[0]), ["tone=warm@1"])
        XCTAssertEqual(batches[0].users[1].attributes, [])
        XCTAssertEqual(summary.skippedFacets, ["shoe_size": 2])
        XCTAssertEqual(summary.notes, ["facet \"shoe_size\" is not a known facet; its rows were skipped"])
    }

    // MARK: CSV, wide shape

    func testWideCSVSplitsCellsAndReadsWeights() throws {
        let (batches, summary) = try csvBatches(
            """
            user_id,tone,theme,color
            u1,warm:0.8|calm,travel,
            u2,,"beach | city:0.25",red:1
            """)
        let users = batches[0].users
        XCTAssertEqual(attrs(users[0]), ["tone=warm@0.8", "tone=calm@1", "theme=travel@1"])
        XCTAssertEqual(attrs(users[1]), ["theme=beach@1", "theme=city@0.25", "color=red@1"])
        XCTAssertEqual(summary.records, 2)
        XCTAssertEqual(summary.attributes, 6)
    }

    func testWideCSVKeepsColonsThatAreNotWeights() throws {
        let (batches, _) = try csvBatches("user_id,theme\nu1,tone:playful|time: late\n")
        XCTAssertEqual(attrs(batches[0].users[0]), ["theme=tone:playful@1", "theme=time: late@1"])
    }

    func testWideCSVUnknownColumnsAreCountedAndBadWeightsRejected() throws {
        let (batches, summary) = try csvBatches(
            "user_id,tone,email\nu1,warm,a@example.com\nu2,cool,\n", facets: ["tone"])
        XCTAssertEqual(batches[0].users.map { attrs($0) }, [["tone=warm@1"], ["tone=cool@1"]])
        XCTAssertEqual(summary.skippedFacets, ["email": 1])
        assertError(
            { try self.csvBatches("user_id,tone\nu1,warm:1.5\n") },
            "users.csv:2: column tone: \"warm:1.5\": weight 1.5 is outside -1...1")
        assertError({ try self.csvBatches("user_id,tone,\nu1,warm,\n") }, "users.csv:1: column 3 of the header has no name")
    }

    func testShapeCanBeForced() throws {
        // A wide file whose facets happen to be called facet and value.
        let (batches, _) = try csvBatches("user_id,facet,value\nu1,a,b\n", shape: .wide)
        XCTAssertEqual(attrs(batches[0].users[0]), ["facet=a@1", "value=b@1"])
    }

    func testWideCSVStreamsFromAFileInBatches() throws {
        var text = "user_id,tone,theme\n"
        for i in 0..<2_500 { text += "u\(i),warm,t\(i % 7)\n" }
        let url = try ImportFixtures.temporaryFile("wide.csv", text)
        defer { ImportFixtures.removeTemporary(url) }
        var sizes: [Int] = []
        let summary = try UserCSVImporter(options: options(batch: 1_000)).importFile(at: url) { sizes.append($0.users.count) }
        XCTAssertEqual(sizes, [1_000, 1_000, 500])
        XCTAssertEqual(summary.users, 2_500)
        XCTAssertEqual(summary.attributes, 5_000)
    }

    // MARK: JSON Lines

    func testJSONLinesBothAttributeForms() throws {
        let (batches, summary) = try jsonlBatches(
            """
            {"user_id": "u1", "attributes": [{"facet": "tone", "value": "warm", "weight": 0.8}]}

            {"user_id": 42, "attributes": {"tone": ["warm", {"value": "calm", "weight": 0.3}], "theme": "travel", "color": {"value": "red", "weight": 0.5}}}\r
            {"user_id": "u1", "attributes": {"theme": "beach"}}
            """)
        let users = batches[0].users
        XCTAssertEqual(users.map(\.id), ["u1", "42"])
        XCTAssertEqual(attrs(users[0]), ["tone=warm@0.8", "theme=beach@1"])
        // Object members come in sorted order, so the result does not depend on the JSON parser.
        XCTAssertEqual(attrs(users[1]), ["color=red@0.5", "theme=travel@1", "tone=warm@1", "tone=calm@0.3"])
        XCTAssertEqual(users[0].source, "jsonl:users.jsonl")
        XCTAssertEqual(summary.records, 3)
    }

    func testJSONLinesErrorsNameTheLineAndPath() {
        let good = #"{"user_id": "u1", "attributes": []}"#
        assertError(
            { try self.jsonlBatches("\(good)\n{\"user_id\": \"u2\", \"attributes\": [\n") },
            "users.jsonl:2: not valid JSON: Unexpected end of file during JSON parse.")
        assertError(
            { try self.jsonlBatches("\(good)\n\(good)\n{\"attributes\": []}\n") },
            "users.jsonl:3: user_id: is required and must be a non-empty string")
        assertError(
            { try self.jsonlBatches(#"{"user_id": "u1", "attributes": [{"facet": "tone", "value": "warm", "weight": 2}]}"#) },
            "users.jsonl:1: attributes[0].weight: weight 2 is outside -1...1")
        assertError(
            { try self.jsonlBatches(#"{"user_id": "u1", "attributes": {"tone": 5}}"#) },
            #"users.jsonl:1: attributes.tone: expected a string, an array of strings or {"value": ..., "weight": ...}, found a number"#)
        assertError({ try self.jsonlBatches("\(good)\n[1, 2]\n") }, "users.jsonl:2: expected an object, found an array")
        assertError(
            { try self.jsonlBatches(#"{"user_id": "u1", "attributes": [], "email": "x"}"#) },
            "users.jsonl:1: email: unknown key (allowed: user_id, attributes)")
        assertError(
            { try self.jsonlBatches(#"{"user_id": "u1", "attributes": [{"facet": "tone", "value": ""}]}"#) },
            "users.jsonl:1: attributes[0].value: is required and must be a non-empty string")
        var bytes = Array("\(good)\n{\"user_id\": \"caf".utf8)
        bytes += [0xE9]
        bytes += Array("\", \"attributes\": []}\n".utf8)
        XCTAssertThrowsError(try UserJSONLinesImporter().importData(Data(bytes), name: "users.jsonl") { _ in }) {
            XCTAssertEqual("\($0)", "users.jsonl:2: invalid UTF-8 (byte 0xE9); save the file as UTF-8")
        }
    }

    func testJSONLinesUnknownFacetsAreCounted() throws {
        let (batches, summary) = try jsonlBatches(
            #"{"user_id": "u1", "attributes": {"tone": "warm", "mood": ["a", "b"]}}"#, facets: ["tone"])
        XCTAssertEqual(attrs(batches[0].users[0]), ["tone=warm@1"])
        XCTAssertEqual(summary.skippedFacets, ["mood": 2])
    }

    func testJSONLinesFromAFile() throws {
        let url = try ImportFixtures.temporaryFile("u.jsonl", "\u{FEFF}{\"user_id\": \"u1\", \"attributes\": {\"tone\": \"warm\"}}\n")
        defer { ImportFixtures.removeTemporary(url) }
        var users: [UserProfile] = []
        try UserJSONLinesImporter().importFile(at: url) { users += $0.users }
        XCTAssertEqual(users.map(\.id), ["u1"])
    }
}
