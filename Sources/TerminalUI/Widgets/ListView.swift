import Foundation

/// A scrolling list of rows with one selected row.
///
/// The caller keeps `selected` and `offset` in its state; `scrollOffset` says where the view must
/// start so the selection stays visible, and `draw` returns that same offset to store back.
public enum ListView {
    /// The first visible row that keeps `selected` on screen, moving as little as possible from
    /// `offset`, and never leaving empty rows at the bottom when the list could fill them.
    public static func scrollOffset(selected: Int?, offset: Int, visibleRows: Int, count: Int) -> Int {
        guard visibleRows > 0, count > 0 else { return 0 }
        var start = min(max(0, offset), max(0, count - visibleRows))
        if let selected = selected.map({ min(max(0, $0), count - 1) }) {
            if selected < start { start = selected }
            if selected >= start + visibleRows { start = selected - visibleRows + 1 }
        }
        return start
    }

    /// Draws `rows` into `rect`; the selected row is painted `list.selected.focused` (or `.blurred`
    /// when the pane is not focused). Returns the offset used. An empty list shows `emptyText`.
    @discardableResult
    public static func draw(
        into buffer: inout ScreenBuffer, in rect: Rect, rows: [[Span]], selected: Int?, offset: Int,
        focused: Bool, emptyText: String = ""
    ) -> Int {
        buffer.fill(rect, role: .listNormal)
        guard !rect.isEmpty else { return 0 }
        if rows.isEmpty {
            buffer.write(emptyText, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 1, role: .dim, overflow: .ellipsis)
            return 0
        }
        let start = scrollOffset(selected: selected, offset: offset, visibleRows: rect.height, count: rows.count)
        for (line, index) in (start..<min(rows.count, start + rect.height)).enumerated() {
            let y = rect.y + line
            buffer.write(rows[index], x: rect.x, y: y, maxWidth: rect.width, role: .listNormal)
            if index == selected {
                buffer.paint(
                    Rect(x: rect.x, y: y, width: rect.width, height: 1), role: focused ? .listSelectedFocused : .listSelectedBlurred)
            }
        }
        return start
    }
}
