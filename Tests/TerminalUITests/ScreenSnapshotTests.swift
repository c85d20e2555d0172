import TerminalUI
import XCTest

/// A screen built from every widget, with the data a console meets: wide characters, emoji,
/// hostile strings and a 300-character tag, compared as text at 80x24 and 40x12.
final class ScreenSnapshotTests: XCTestCase {
    static let longTag = "tone:" + String(repeating: "extremely-long-tag-", count: 16).prefix(295)

    static func screen(width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let body = Rect(x: 0, y: 0, width: width, height: height - 1)
        let (left, right) = body.splitColumns(leftWidth: width / 2)
        let listArea = PaneFrame.draw(into: &buffer, in: left, title: "1 Review — 未登録タグ", focused: true)
        let (listRect, inputRect) = listArea.splitRows(topHeight: listArea.height - 1)
        let rows: [[Span]] = [
            [Span("夏のセール", role: .tagUnmapped), Span(" 12×", role: .dim)],
            [Span("🎉 party 🎉", role: .tagUnmapped)],
            [Span("\u{1B}[2J\u{1B}]0;pwned\u{7}evil", role: .tagUnmapped)],
            [Span("\u{202E}gpj.exe", role: .tagRejected)],
            [Span(String(longTag), role: .tagUnmapped)],
            [Span("summer", role: .tagMapped), Span(" → Summer", role: .dim)],
            [Span("café", role: .tagMapped)],
        ]
        ListView.draw(into: &buffer, in: listRect, rows: rows, selected: 2, offset: 0, focused: true)
        var field = TextField("夏 search")
        field.handle(.left)
        field.draw(into: &buffer, x: inputRect.x, y: inputRect.y, width: inputRect.width, focused: true)

        let simArea = PaneFrame.draw(into: &buffer, in: right, title: "3 Simulator", focused: false)
        let (tableRect, barsRect) = simArea.splitRows(topHeight: simArea.height / 2)
        let columns = [
            TableColumn("Variant", width: .flexible(min: 6, weight: 1)),
            TableColumn("Score", width: .fixed(5), alignment: .right),
            TableColumn("Why", width: .flexible(min: 8, weight: 2)),
        ]
        let tableRows: [[Span]] = [
            [Span("banner-1 ★", role: .scoreWinner), Span("0.82"), Span("colour:red 0.4, tone:warm 0.3")],
            [Span("バナー２"), Span("0.61"), Span("theme:summer 0.6")],
            [Span("sq-3"), Span("0.10"), Span("\u{9B}31mhostile")],
        ]
        TableView.draw(into: &buffer, in: tableRect, columns: columns, rows: tableRows, selected: 0, offset: 0, focused: false)
        let shares: [(String, Double)] = [("banner-1", 0.55), ("バナー２", 0.3), ("sq-3", 0.15)]
        for (i, share) in shares.enumerated() where i < barsRect.height {
            let labelWidth = min(9, barsRect.width / 3)
            buffer.write(share.0, x: barsRect.x, y: barsRect.y + i, maxWidth: labelWidth, role: .normal, overflow: .ellipsis)
            BarView.draw(
                into: &buffer, x: barsRect.x + labelWidth + 1, y: barsRect.y + i, width: barsRect.width - labelWidth - 1, fraction: share.1)
        }
        StatusBar.draw(
            into: &buffer, y: height - 1, keyMap: KeyMap(actions: SampleActions.table), pane: "review", message: "3 pending · 漢字")
        return buffer
    }

    func testScreenAt80x24() {
        Snapshot.assert(Self.screen(width: 80, height: 24), named: "screen-80x24")
    }

    func testScreenAt40x12() {
        Snapshot.assert(Self.screen(width: 40, height: 12), named: "screen-40x12")
    }

    func testEveryRowIsExactlyTheScreenWidth() {
        for (w, h) in [(80, 24), (40, 12), (23, 7)] {
            let buffer = Self.screen(width: w, height: h)
            for y in 0..<h {
                let line = buffer.line(y, trimmingTrailingSpaces: false)
                XCTAssertEqual(ScreenBuffer.width(of: line), w, "row \(y) at \(w)x\(h): \(line)")
                XCTAssertFalse(line.contains("\u{1B}") || line.contains("\u{9B}") || line.contains("\u{202E}"))
            }
        }
    }

    func testHelpOverlayOverTheScreen() {
        var buffer = Self.screen(width: 80, height: 24)
        HelpOverlay.draw(into: &buffer, in: buffer.bounds, keyMap: KeyMap(actions: SampleActions.table), pane: "review")
        Snapshot.assert(buffer, named: "help-80x24")
    }

    func testTooSmallNotice() {
        var buffer = ScreenBuffer(width: 30, height: 5)
        TooSmallNotice.draw(into: &buffer, minimumWidth: 60, minimumHeight: 16)
        XCTAssertEqual(
            buffer.text(),
            """

                  Terminal too small
                need 60x16, have 30x5
            enlarge the window, or press …

            """)
        var tiny = ScreenBuffer(width: 8, height: 1)
        TooSmallNotice.draw(into: &tiny, minimumWidth: 60, minimumHeight: 16)
        XCTAssertEqual(tiny.text(), "Termina…")
    }
}
