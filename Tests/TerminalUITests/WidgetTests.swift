import TerminalUI
import XCTest

final class WidgetTests: XCTestCase {
    func testScrollOffsetKeepsTheSelectionVisible() {
        XCTAssertEqual(ListView.scrollOffset(selected: 0, offset: 0, visibleRows: 5, count: 20), 0)
        XCTAssertEqual(ListView.scrollOffset(selected: 7, offset: 0, visibleRows: 5, count: 20), 3)
        XCTAssertEqual(ListView.scrollOffset(selected: 5, offset: 3, visibleRows: 5, count: 20), 3, "no move while visible")
        XCTAssertEqual(ListView.scrollOffset(selected: 2, offset: 3, visibleRows: 5, count: 20), 2)
        XCTAssertEqual(ListView.scrollOffset(selected: 19, offset: 0, visibleRows: 5, count: 20), 15)
        XCTAssertEqual(ListView.scrollOffset(selected: 3, offset: 18, visibleRows: 5, count: 20), 3)
        XCTAssertEqual(ListView.scrollOffset(selected: nil, offset: 18, visibleRows: 5, count: 20), 15, "no empty rows at the end")
        XCTAssertEqual(ListView.scrollOffset(selected: 50, offset: 0, visibleRows: 5, count: 20), 15, "a stale selection is clamped")
        XCTAssertEqual(ListView.scrollOffset(selected: 1, offset: 4, visibleRows: 5, count: 3), 0)
        XCTAssertEqual(ListView.scrollOffset(selected: 0, offset: 0, visibleRows: 0, count: 3), 0)
    }

    func testListDrawsTheVisibleWindowAndEmptyState() {
        var buffer = ScreenBuffer(width: 8, height: 3)
        let rows = (0..<10).map { [Span("row \($0)")] }
        let offset = ListView.draw(into: &buffer, in: buffer.bounds, rows: rows, selected: 6, offset: 0, focused: false)
        XCTAssertEqual(offset, 4)
        XCTAssertEqual(buffer.text(), "row 4\nrow 5\nrow 6")
        XCTAssertEqual(buffer[x: 7, y: 2].role, .listSelectedBlurred, "the selection bar spans the row")
        var empty = ScreenBuffer(width: 16, height: 2)
        ListView.draw(into: &empty, in: empty.bounds, rows: [], selected: nil, offset: 0, focused: true, emptyText: "Nothing to review")
        XCTAssertEqual(empty.text(), " Nothing to rev…\n")
    }

    func testTableLayout() {
        let columns = [
            TableColumn("a", width: .fixed(4)),
            TableColumn("b", width: .flexible(min: 5, weight: 1)),
            TableColumn("c", width: .flexible(min: 5, weight: 3)),
        ]
        XCTAssertEqual(TableColumn.layout(columns, total: 40), [4, 5 + 6, 5 + 18])
        XCTAssertEqual(TableColumn.layout(columns, total: 16), [4, 5, 5])
        XCTAssertEqual(TableColumn.layout(columns, total: 14), [4, 5, 3], "the last column gets what is left when it can be read")
        XCTAssertEqual(TableColumn.layout(columns, total: 12), [4, 7, 0], "a hidden column's room goes to the flexible ones")
        XCTAssertEqual(TableColumn.layout(columns, total: 2), [0, 0, 0])
    }

    func testTableRightAlignsAndClips() {
        var buffer = ScreenBuffer(width: 16, height: 3)
        let columns = [TableColumn("Name", width: .flexible(min: 4, weight: 1)), TableColumn("N", width: .fixed(4), alignment: .right)]
        TableView.draw(
            into: &buffer, in: buffer.bounds, columns: columns, rows: [[Span("漢字漢字漢字"), Span("12")], [Span("b"), Span("12345")]],
            selected: nil, offset: 0, focused: true)
        XCTAssertEqual(buffer.text(), "Name           N\n漢字漢字漢…   12\nb           123…")
    }

    /// Rows made on demand: only those on screen are asked for, and the table looks the same as
    /// one drawn from every row.
    func testTableMakesOnlyTheRowsThatShow() {
        let columns = [TableColumn("n", width: .fixed(4), alignment: .right), TableColumn("text", width: .flexible(min: 4, weight: 1))]
        let all = (0..<500).map { [Span(String($0)), Span("row \($0) ✓")] }
        var eager = ScreenBuffer(width: 20, height: 6)
        let eagerStart = TableView.draw(
            into: &eager, in: eager.bounds, columns: columns, rows: all, selected: 250, offset: 0, focused: true)
        var lazy = ScreenBuffer(width: 20, height: 6)
        var asked: [Int] = []
        let lazyStart = TableView.draw(
            into: &lazy, in: lazy.bounds, columns: columns, count: all.count,
            row: { i in
                asked.append(i)
                return all[i]
            }, selected: 250, offset: 0, focused: true)
        XCTAssertEqual(lazy.text(), eager.text())
        XCTAssertEqual(lazyStart, eagerStart)
        XCTAssertEqual(asked, Array(lazyStart..<lazyStart + 5))
        XCTAssertTrue(asked.contains(250))
    }

    func testTextFieldEditing() {
        var field = TextField("hello")
        XCTAssertEqual(field.cursor, 5)
        field.handle(.left)
        field.handle(.left)
        field.handle(.character("X"))
        XCTAssertEqual(field.text, "helXlo")
        field.handle(.backspace)
        field.handle(.delete)
        XCTAssertEqual(field.text, "hello".replacingOccurrences(of: "l", with: "", options: [], range: "hel".endIndex..<"hell".endIndex))
        field.handle(.home)
        field.handle(.character("漢"))
        XCTAssertEqual(field.text, "漢helo")
        field.handle(.end)
        field.handle(.ctrl("w"))
        XCTAssertEqual(field.text, "")
        field.set("two words")
        field.handle(.ctrl("w"))
        XCTAssertEqual(field.text, "two ")
        XCTAssertFalse(field.handle(.enter), "Enter is for the caller")
        XCTAssertFalse(field.handle(.character("\u{1B}")), "no control character gets into the text")
        XCTAssertEqual(TextField("a\nb\u{1B}").text, "a b\u{FFFD}")
    }

    func testTextFieldScrollsToTheCursor() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        let field = TextField("abcdefghij")
        let cursorX = field.draw(into: &buffer, x: 0, y: 0, width: 6, focused: true)
        XCTAssertEqual(buffer.text(), "fghij")
        XCTAssertEqual(cursorX, 5)
        XCTAssertEqual(buffer[x: 5, y: 0].role, .inputCursor)
        var wide = ScreenBuffer(width: 5, height: 1)
        var kanji = TextField("漢字漢字")
        kanji.handle(.home)
        kanji.handle(.right)
        XCTAssertEqual(kanji.draw(into: &wide, x: 0, y: 0, width: 5, focused: true), 2)
        XCTAssertEqual(wide.line(0, trimmingTrailingSpaces: false), "漢字 ")
        var placeholder = ScreenBuffer(width: 10, height: 1)
        TextField().draw(into: &placeholder, x: 0, y: 0, width: 10, focused: false, placeholder: "path…")
        XCTAssertEqual(placeholder.text(), " path…")
    }

    func testBars() {
        XCTAssertEqual(BarView.text(fraction: 0, width: 4), "    ")
        XCTAssertEqual(BarView.text(fraction: 1, width: 4), "████")
        XCTAssertEqual(BarView.text(fraction: 0.5, width: 4), "██  ")
        XCTAssertEqual(BarView.text(fraction: 1.0 / 32, width: 4), "▏   ")
        XCTAssertEqual(BarView.text(fraction: 0.55, width: 10), "█████▌    ")
        XCTAssertEqual(BarView.text(fraction: 7, width: 3), "███")
        XCTAssertEqual(BarView.text(fraction: -1, width: 3), "   ")
        XCTAssertEqual(BarView.text(fraction: .nan, width: 3), "   ")
    }

    func testPaneFrameClipsTheTitle() {
        var buffer = ScreenBuffer(width: 12, height: 3)
        let inside = PaneFrame.draw(into: &buffer, in: buffer.bounds, title: "A very long title", focused: false)
        XCTAssertEqual(inside, Rect(x: 1, y: 1, width: 10, height: 1))
        XCTAssertEqual(buffer.text(), "┌ A very l…┐\n│          │\n└──────────┘")
    }
}
