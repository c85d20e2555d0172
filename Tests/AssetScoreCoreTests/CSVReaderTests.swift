import Foundation
import XCTest

@testable import AssetScoreCore

final class CSVReaderTests: XCTestCase {
    /// Every record of `text`, read with the given chunk size.
    private func records(
        _ data: Data, name: String = "t.csv", delimiter: CSVDelimiter? = nil, hasHeader: Bool = true, chunk: Int = 65_536
    ) throws -> (header: [String], records: [CSVRecord], delimiter: CSVDelimiter) {
        let reader = try CSVReader(data: data, name: name, delimiter: delimiter, hasHeader: hasHeader, chunkSize: chunk)
        var out: [CSVRecord] = []
        try reader.forEach { out.append($0) }
        return (reader.header, out, reader.delimiter)
    }

    private func records(_ text: String, chunk: Int = 65_536) throws -> (header: [String], records: [CSVRecord], delimiter: CSVDelimiter) {
        try records(Data(text.utf8), chunk: chunk)
    }

    private func assertImportError(
        _ expression: @autoclosure () throws -> Any, _ expected: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try expression(), file: file, line: line) { error in
            XCTAssertEqual((error as? ImportError)?.description, expected, file: file, line: line)
        }
    }

    func testBOMCRLFQuotedNewlineAndDoubledQuotesAtEveryChunkSize() throws {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Array(
                "user_id,note,value\r\nu1,\"line one\r\nline two\",\"say \"\"hi\"\"\"\r\nu2,plain,\"a,b\"\r\nu3,\"\",last\r\n".utf8)
        for chunk in [1, 2, 3, 5, 7, 64, 65_536] {
            let result = try records(Data(bytes), chunk: chunk)
            XCTAssertEqual(result.header, ["user_id", "note", "value"], "chunk \(chunk)")
            XCTAssertEqual(
                result.records.map(\.fields),
                [
                    ["u1", "line one\r\nline two", "say \"hi\""],
                    ["u2", "plain", "a,b"],
                    ["u3", "", "last"],
                ], "chunk \(chunk)")
            XCTAssertEqual(result.records.map(\.line), [2, 4, 5], "chunk \(chunk)")
        }
    }

    func testLFAndLoneCRLineEnds() throws {
        XCTAssertEqual(try records("a,b\n1,2\n3,4").records.map(\.fields), [["1", "2"], ["3", "4"]])
        let cr = try records("a,b\r1,2\r3,4\r")
        XCTAssertEqual(cr.records.map(\.fields), [["1", "2"], ["3", "4"]])
        XCTAssertEqual(cr.records.map(\.line), [2, 3])
    }

    func testSemicolonAndTabAreDetectedFromTheHeaderLine() throws {
        let semi = try records("id;label;note\n1;Red;\"a, b; c\"\n")
        XCTAssertEqual(semi.delimiter, .semicolon)
        XCTAssertEqual(semi.records[0].fields, ["1", "Red", "a, b; c"])
        let tab = try records("id\tlabel\n1\tRed, dark\n")
        XCTAssertEqual(tab.delimiter, .tab)
        XCTAssertEqual(tab.records[0].fields, ["1", "Red, dark"])
        // Delimiters inside a quoted header name do not count.
        XCTAssertEqual(try records("\"a;b;c\",d\n1,2\n").delimiter, .comma)
        // A given delimiter wins over detection.
        let forced = try records(Data("a;b,c\n1;2,3\n".utf8), delimiter: .comma)
        XCTAssertEqual(forced.header, ["a;b", "c"])
    }

    func testEmptyTrailingAndBlankLinesAreSkippedWithCorrectLineNumbers() throws {
        let result = try records("a,b\n1,2\n\n\n3,4\n\n")
        XCTAssertEqual(result.records.map(\.fields), [["1", "2"], ["3", "4"]])
        XCTAssertEqual(result.records.map(\.line), [2, 5])
    }

    func testShortRecordsReadMissingFieldsAsEmptyAndExtraEmptyFieldsAreDropped() throws {
        let result = try records("a,b,c\n1\n1,2,3,,\n")
        XCTAssertEqual(result.records[0].fields, ["1"])
        XCTAssertEqual(result.records[0][2], "")
        XCTAssertEqual(result.records[1].fields, ["1", "2", "3"])
        assertImportError(try records("a,b\n1,2,3\n"), "t.csv:2: record has 3 fields but the header has 2")
    }

    func testDuplicateHeaderNamesAreRefusedCaseInsensitivelyAfterTrimming() {
        assertImportError(
            try records("id,Label, label \n1,a,b\n"), "t.csv:1: duplicate column name \"label\" (columns 2 and 3)")
    }

    func testInvalidUTF8NamesItsLine() {
        var bytes = Array("a,b\n1,ok\n2,caf".utf8)
        bytes += [0xE9]  // Latin-1 "é"
        bytes += Array("\n3,x\n".utf8)
        assertImportError(
            try records(Data(bytes), name: "users.csv"), "users.csv:3: invalid UTF-8 (byte 0xE9); save the file as UTF-8")
        // Inside a quoted field spanning lines, the line of the bad byte itself.
        var quoted = Array("a,b\n1,\"first\nsecond ".utf8)
        quoted += [0xFF]
        quoted += Array("\"\n".utf8)
        assertImportError(
            try records(Data(quoted), name: "users.csv"), "users.csv:3: invalid UTF-8 (byte 0xFF); save the file as UTF-8")
    }

    func testUnterminatedQuoteReportsTheLineWhereTheFieldBegan() {
        assertImportError(
            try records(Data("a,b\n1,2\n3,\"open\nmore\nstill\n".utf8), name: "users.csv"),
            "users.csv:3: unterminated quoted field")
    }

    func testTextAfterClosingQuoteIsAnErrorButSpacesAreNot() throws {
        XCTAssertEqual(try records("a,b\n\"x\"  ,y\n").records[0].fields, ["x", "y"])
        assertImportError(
            try records("a,b\n\"x\"z,y\n"),
            "t.csv:2: unexpected \"z\" after the closing quote of field 1; a quote inside a quoted field must be doubled")
    }

    func testQuoteInsideUnquotedFieldIsKept() throws {
        XCTAssertEqual(try records("a,b\n5'10\",x\n").records[0].fields, ["5'10\"", "x"])
    }

    func testUTF16IsRefusedWithAClearMessage() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00]
        assertImportError(try records(Data(bytes)), "t.csv:1: file is UTF-16 encoded; save it as UTF-8")
    }

    func testEmptyFileWithHeaderExpected() {
        assertImportError(try records(""), "t.csv: file is empty (expected a header line)")
        assertImportError(try records("\n\n"), "t.csv: file is empty (expected a header line)")
    }

    func testWithoutHeaderEveryRecordIsData() throws {
        let result = try records(Data("1,2\n3,4\n".utf8), hasHeader: false)
        XCTAssertEqual(result.header, [])
        XCTAssertEqual(result.records.map(\.fields), [["1", "2"], ["3", "4"]])
    }

    func testColumnLookupIsCaseInsensitive() throws {
        let reader = try CSVReader(data: Data(" User_ID ,Facet\n".utf8), name: "t.csv")
        XCTAssertEqual(reader.column("user_id"), 0)
        XCTAssertEqual(reader.column("FACET"), 1)
        XCTAssertNil(reader.column("value"))
    }

    func testFiftyThousandRowsStreamFromAFile() throws {
        var text = "user_id,facet,value,weight\r\n"
        for i in 0..<50_000 {
            text += i % 1000 == 0 ? "u\(i),tone,\"multi\nline \"\"\(i)\"\"\",0.5\r\n" : "u\(i),theme,v\(i % 97),1\r\n"
        }
        let url = try ImportFixtures.temporaryFile("big.csv", text)
        defer { ImportFixtures.removeTemporary(url) }
        // A chunk far smaller than the file: the reader never holds more than a chunk plus a record.
        let reader = try CSVReader(url: url, chunkSize: 4_096)
        var count = 0
        var last: CSVRecord?
        var multiline = 0
        while let record = try reader.next() {
            count += 1
            if record.fields[2].hasPrefix("multi\nline") { multiline += 1 }
            last = record
        }
        XCTAssertEqual(count, 50_000)
        XCTAssertEqual(multiline, 50)
        XCTAssertEqual(last?.fields, ["u49999", "theme", "v\(49_999 % 97)", "1"])
        // Header line 1, 50,000 records, 50 of them two lines long.
        XCTAssertEqual(last?.line, 50_000 + 1 + 50)
    }
}
