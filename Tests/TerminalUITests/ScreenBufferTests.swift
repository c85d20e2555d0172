import AssetScoreCore
import TerminalUI
import XCTest

final class ScreenBufferTests: XCTestCase {
    func testPlainTextIsWrittenWithItsRole() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        let used = buffer.write("hello", x: 2, y: 1, role: .tagMapped)
        XCTAssertEqual(used, 5)
        XCTAssertEqual(buffer.text(), "\n  hello")
        XCTAssertEqual(buffer.roleMap(), "1 2-6 tag.mapped")
    }

    func testLongTextIsClippedNotWrapped() {
        var buffer = ScreenBuffer(width: 80, height: 3)
        let tag = String(repeating: "summer-sale-", count: 25)  // 300 characters
        XCTAssertEqual(tag.count, 300)
        buffer.write(tag, x: 0, y: 1, role: .tagUnmapped)
        XCTAssertEqual(buffer.line(0), "")
        XCTAssertEqual(buffer.line(1), String(tag.prefix(80)))
        XCTAssertEqual(buffer.line(2), "")
    }

    func testMaxWidthClipsInsideARow() {
        var buffer = ScreenBuffer(width: 20, height: 1)
        buffer.write("abcdefghij", x: 3, y: 0, maxWidth: 4, role: .normal)
        XCTAssertEqual(buffer.line(0), "   abcd")
        var cut = ScreenBuffer(width: 20, height: 1)
        cut.write("abcdefghij", x: 0, y: 0, maxWidth: 6, role: .normal, overflow: .ellipsis)
        XCTAssertEqual(cut.line(0), "abcde…")
        var fits = ScreenBuffer(width: 20, height: 1)
        fits.write("abcdef", x: 0, y: 0, maxWidth: 6, role: .normal, overflow: .ellipsis)
        XCTAssertEqual(fits.line(0), "abcdef", "no ellipsis when the text fits exactly")
    }

    func testWideCharactersTakeTwoCells() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        let used = buffer.write("a漢字b", x: 0, y: 0, role: .normal)
        XCTAssertEqual(used, 6)
        XCTAssertEqual(buffer[x: 1, y: 0].character, "漢")
        XCTAssertEqual(buffer[x: 1, y: 0].width, 2)
        XCTAssertTrue(buffer[x: 2, y: 0].isContinuation)
        XCTAssertEqual(buffer[x: 5, y: 0].character, "b")
        XCTAssertEqual(buffer.line(0), "a漢字b")
    }

    func testWideCharacterNeverStraddlesTheClipOrTheEdge() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        let used = buffer.write("ab漢字", x: 0, y: 0, maxWidth: 3, role: .normal)
        XCTAssertEqual(used, 3)
        XCTAssertEqual(buffer.line(0, trimmingTrailingSpaces: false), "ab        ")
        XCTAssertFalse(buffer[x: 2, y: 0].isContinuation)
        buffer.write("xyz漢", x: 0, y: 0, maxWidth: 3, role: .normal)
        buffer.write("漢字", x: 7, y: 1, role: .normal)
        XCTAssertEqual(buffer.line(1, trimmingTrailingSpaces: false), "       漢 ", "the second wide char would cross the right edge")
        XCTAssertEqual(buffer[x: 9, y: 1].width, 1)
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.write("漢字", x: 0, y: 0, role: .tagMapped)
        buffer.write("x", x: 1, y: 0, role: .normal)  // second half of 漢
        XCTAssertEqual(buffer.line(0, trimmingTrailingSpaces: false), " x字  ")
        buffer.write("y", x: 2, y: 0, role: .normal)  // first half of 字
        XCTAssertEqual(buffer.line(0, trimmingTrailingSpaces: false), " xy   ")
        XCTAssertFalse(buffer.cells.contains { $0.isContinuation })
        var straddle = ScreenBuffer(width: 6, height: 1)
        straddle.write("字字", x: 0, y: 0, role: .normal)
        straddle.write("漢", x: 1, y: 0, role: .normal)  // over the end of one and the start of the next
        XCTAssertEqual(straddle.line(0, trimmingTrailingSpaces: false), " 漢   ")
    }

    func testEmojiAndCombiningMarks() {
        var buffer = ScreenBuffer(width: 12, height: 1)
        let used = buffer.write("👍e\u{301}🇫🇷x", x: 0, y: 0, role: .normal)
        XCTAssertEqual(used, 6)
        XCTAssertEqual(buffer[x: 2, y: 0].character, "e\u{301}")
        XCTAssertEqual(buffer[x: 5, y: 0].character, "x")
    }

    func testHostileStringsNeverReachACell() {
        let hostile = [
            "\u{1B}[2J\u{1B}[31mred", "\u{9B}31mcsi8bit", "tab\there", "line\nbreak", "cr\rreturn",
            "\u{202E}evil\u{202C}txt.exe", "\u{2066}iso\u{2069}", "nul\u{0}bel\u{7}del\u{7F}", "\u{1B}]0;title\u{7}",
            "zero\u{200B}width", "soft\u{AD}hyphen", "para\u{2029}sep", "\u{301}lone mark",
        ]
        var buffer = ScreenBuffer(width: 40, height: hostile.count)
        for (y, text) in hostile.enumerated() { buffer.write(text, x: 0, y: y, role: .tagUnmapped) }
        for cell in buffer.cells {
            for scalar in cell.character.unicodeScalars {
                let v = scalar.value
                XCTAssertFalse(v < 0x20 || (0x7F...0x9F).contains(v), "control U+\(String(v, radix: 16)) in a cell")
                XCTAssertFalse((0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v), "bidi control in a cell")
                XCTAssertFalse([0x200B, 0xAD, 0x2028, 0x2029].contains(v), "zero-width or separator U+\(String(v, radix: 16)) in a cell")
            }
        }
        XCTAssertFalse(buffer.text().contains("\u{1B}"))
        XCTAssertEqual(buffer.line(3), "line break", "a newline in data must not wrap onto the next row")
        XCTAssertEqual(buffer.line(0), "\u{FFFD}[2J\u{FFFD}[31mred")
        for y in 0..<hostile.count {
            XCTAssertLessThanOrEqual(ScreenBuffer.width(of: buffer.line(y)), 40)
        }
    }

    func testFillPaintAndBox() {
        var buffer = ScreenBuffer(width: 6, height: 4)
        buffer.fill(Rect(x: 0, y: 0, width: 6, height: 4), with: ".", role: .dim)
        buffer.drawBox(Rect(x: 1, y: 0, width: 4, height: 3), role: .paneBorderFocused)
        buffer.paint(Rect(x: 0, y: 3, width: 2, height: 1), role: .error)
        XCTAssertEqual(buffer.text(), ".┌──┐.\n.│..│.\n.└──┘.\n......")
        XCTAssertEqual(
            buffer.roleMap(),
            """
            0 0-0 dim
            0 1-4 pane.border.focused
            0 5-5 dim
            1 0-0 dim
            1 1-1 pane.border.focused
            1 2-3 dim
            1 4-4 pane.border.focused
            1 5-5 dim
            2 0-0 dim
            2 1-4 pane.border.focused
            2 5-5 dim
            3 0-1 error
            3 2-5 dim
            """)
    }

    func testFillWithAWideCharacterLeavesNoHalfAtTheEdge() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        buffer.fill(buffer.bounds, with: "漢", role: .normal)
        XCTAssertEqual(buffer.line(0, trimmingTrailingSpaces: false), "漢漢 ")
    }

    func testOutOfBoundsWritesAreIgnored() {
        var buffer = ScreenBuffer(width: 4, height: 2)
        XCTAssertEqual(buffer.write("x", x: 0, y: 5, role: .normal), 0)
        XCTAssertEqual(buffer.write("x", x: 9, y: 0, role: .normal), 0)
        buffer.write("abcdef", x: -2, y: 0, role: .normal)
        XCTAssertEqual(buffer.line(0), "cdef")
        XCTAssertEqual(ScreenBuffer(width: 0, height: 0).text(), "")
    }
}
