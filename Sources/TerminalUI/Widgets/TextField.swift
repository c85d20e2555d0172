import Foundation

/// A one-line text input: its text and cursor, edited by keys, drawn scrolled to the cursor.
public struct TextField: Equatable, Sendable {
    public private(set) var text: String
    /// Cursor position in characters, 0...text.count.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = SafeLine.of(text)
        self.cursor = self.text.count
    }

    /// Applies an editing key; returns false for keys a text field does not use (Enter, Esc, Tab,
    /// arrows up and down...), which the caller then handles.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            guard SafeLine.of(String(c)) == String(c) else { return false }
            text.insert(c, at: index(cursor))
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            text.remove(at: index(cursor - 1))
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < text.count else { return true }
            text.remove(at: index(cursor))
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"):
            text.removeSubrange(text.startIndex..<index(cursor))
            cursor = 0
        case .ctrl("k"): text.removeSubrange(index(cursor)...)
        case .ctrl("w"):
            var start = cursor
            let chars = Array(text)
            while start > 0 && chars[start - 1] == " " { start -= 1 }
            while start > 0 && chars[start - 1] != " " { start -= 1 }
            text.removeSubrange(index(start)..<index(cursor))
            cursor = start
        default: return false
        }
        return true
    }

    /// Replaces the whole text (a completion), cursor at the end.
    public mutating func set(_ newText: String) {
        text = SafeLine.of(newText)
        cursor = text.count
    }

    private func index(_ offset: Int) -> String.Index { text.index(text.startIndex, offsetBy: offset) }

    /// Draws the field in `width` columns at (x, y), scrolled so the cursor is visible; the cursor
    /// cell gets `input.cursor` when focused. Returns the cursor's screen column.
    @discardableResult
    public func draw(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, focused: Bool, placeholder: String = "") -> Int {
        guard width > 0 else { return x }
        buffer.fill(Rect(x: x, y: y, width: width, height: 1), role: .input)
        if text.isEmpty && !placeholder.isEmpty {
            buffer.write(placeholder, x: x + 1, y: y, maxWidth: width - 1, role: .inputPlaceholder, overflow: .ellipsis)
        }
        let chars = Array(text)
        let widths = chars.map { ScreenBuffer.width(of: String($0)) }
        // Start as late as needed for the cursor (and one cell after it) to fit.
        var start = 0
        var used = widths[..<cursor].reduce(0, +) + 1
        while used > width && start < cursor {
            used -= widths[start]
            start += 1
        }
        var column = x
        for i in start..<chars.count {
            guard column + widths[i] <= x + width else { break }
            buffer.write(String(chars[i]), x: column, y: y, maxWidth: width - (column - x), role: .input)
            column += widths[i]
        }
        let cursorX = x + widths[start..<cursor].reduce(0, +)
        if focused && cursorX < x + width {
            buffer.paint(Rect(x: cursorX, y: y, width: cursor < chars.count ? widths[cursor] : 1, height: 1), role: .inputCursor)
        }
        return cursorX
    }
}
