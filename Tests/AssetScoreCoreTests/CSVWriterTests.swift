import Foundation
import XCTest

@testable import AssetScoreCore

final class CSVWriterTests: XCTestCase {
    func testQuotesOnlyWhatNeedsIt() {
        let w = CSVWriter()
        XCTAssertEqual(w.escape("plain"), "plain")
        XCTAssertEqual(w.escape("a,b"), "\"a,b\"")
        XCTAssertEqual(w.escape("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(w.escape("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(w.escape(" padded"), "\" padded\"")
        XCTAssertEqual(CSVWriter(delimiter: .semicolon).escape("a,b"), "a,b")
    }

    func testWrittenRecordsReadBackUnchanged() throws {
        let rows = [["id", "text"], ["1", "a, \"quoted\"\r\nvalue"], ["2", " edge "], ["3", ""]]
        let w = CSVWriter(lineEnding: "\r\n")
        let data = Data(rows.map(w.line).joined().utf8)
        let reader = try CSVReader(data: data, name: "w.csv")
        var back: [[String]] = [reader.header]
        try reader.forEach { back.append($0.fields) }
        XCTAssertEqual(back, rows)
    }
}
