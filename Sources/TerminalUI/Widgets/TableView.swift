import Foundation

/// A table: a header row, then rows of cells laid out in columns, one row selectable.
public enum TableView {
    /// Draws the header and as many rows as fit; returns the scroll offset used (as `ListView`).
    @discardableResult
    public static func draw(
        into buffer: inout ScreenBuffer, in rect: Rect, columns: [TableColumn], rows: [[Span]],
        selected: Int?, offset: Int, focused: Bool, emptyText: String = ""
    ) -> Int {
        draw(
            into: &buffer, in: rect, columns: columns, count: rows.count, row: { rows[$0] }, selected: selected, offset: offset,
            focused: focused, emptyText: emptyText)
    }

    /// The same table with rows made on demand: `row(i)` is called only for the rows that show,
    /// so a pane listing 500 loaded items formats the twenty on screen, not all of them.
    @discardableResult
    public static func draw(
        into buffer: inout ScreenBuffer, in rect: Rect, columns: [TableColumn], count: Int, row: (Int) -> [Span],
        selected: Int?, offset: Int, focused: Bool, emptyText: String = ""
    ) -> Int {
        buffer.fill(rect, role: .listNormal)
        guard rect.height >= 1, rect.width >= 1 else { return 0 }
        let widths = TableColumn.layout(columns, total: rect.width)
        drawRow(
            into: &buffer, y: rect.y, x: rect.x, cells: columns.map { Span($0.title) }, columns: columns, widths: widths, role: .tableHeader
        )
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        guard !body.isEmpty else { return 0 }
        if count == 0 {
            buffer.write(emptyText, x: body.x + 1, y: body.y, maxWidth: body.width - 1, role: .dim, overflow: .ellipsis)
            return 0
        }
        let start = ListView.scrollOffset(selected: selected, offset: offset, visibleRows: body.height, count: count)
        for (line, index) in (start..<min(count, start + body.height)).enumerated() {
            let y = body.y + line
            drawRow(into: &buffer, y: y, x: body.x, cells: row(index), columns: columns, widths: widths, role: .listNormal)
            if index == selected {
                buffer.paint(
                    Rect(x: body.x, y: y, width: body.width, height: 1), role: focused ? .listSelectedFocused : .listSelectedBlurred)
            }
        }
        return start
    }

    private static func drawRow(
        into buffer: inout ScreenBuffer, y: Int, x: Int, cells: [Span], columns: [TableColumn], widths: [Int], role: Role
    ) {
        var column = x
        for (i, width) in widths.enumerated() where width > 0 {
            let cell = i < cells.count ? cells[i] : Span("")
            var start = column
            if columns[i].alignment == .right {
                start += max(0, width - ScreenBuffer.width(of: cell.text))
            }
            buffer.write(cell.text, x: start, y: y, maxWidth: width - (start - column), role: cell.role ?? role, overflow: .ellipsis)
            column += width + 1
        }
        if role == .tableHeader {
            buffer.paint(Rect(x: x, y: y, width: max(0, column - 1 - x), height: 1), role: role)
        }
    }
}
