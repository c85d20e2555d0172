import AssetScoreCore
import Foundation

/// What `write` does with text wider than the room it has.
public enum Overflow: Sendable {
    /// Cut at the edge.
    case clip
    /// Cut one column early and end with "…", so the reader sees that something is missing.
    case ellipsis
}

extension ScreenBuffer {
    /// Writes one line of text at (x, y), never past `maxWidth` columns nor the right edge.
    ///
    /// All text goes through `SafeText.display` first, so no control character, escape sequence or
    /// bidi override from data can reach a cell; newlines become spaces, so text never wraps onto
    /// the next row. Width is measured per character: a wide character takes two cells and is never
    /// split at the edge (the last column is left blank instead). Returns the columns used.
    @discardableResult
    public mutating func write(
        _ text: String, x: Int, y: Int, maxWidth: Int? = nil, role: Role, overflow: Overflow = .clip
    ) -> Int {
        guard y >= 0 && y < height, x < width else { return 0 }
        let right = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        guard right > x else { return 0 }
        let cells = Self.cells(for: text, role: role)
        let total = cells.reduce(0) { $0 + $1.width }
        let ellipsis = overflow == .ellipsis && total > right - x
        let limit = ellipsis ? right - 1 : right
        var column = x
        for cell in cells {
            if column + cell.width > limit {
                // A wide character that does not fit leaves a blank, so nothing half-drawn remains;
                // before an ellipsis the ellipsis takes that place instead.
                if cell.width == 2 && column < limit && !ellipsis {
                    put(.blank(role), x: column, y: y)
                    column += 1
                }
                break
            }
            if column >= 0 { put(cell, x: column, y: y) }
            column += cell.width
        }
        if ellipsis && column < right {
            put(Cell("…", role: role), x: column, y: y)
            column += 1
        }
        return max(0, column - max(x, 0))
    }

    /// Writes `text` padded with spaces (or cut) to exactly `width` columns.
    @discardableResult
    public mutating func write(
        _ text: String, x: Int, y: Int, paddedTo width: Int, role: Role, overflow: Overflow = .ellipsis
    ) -> Int {
        guard width > 0 else { return 0 }
        fill(Rect(x: x, y: y, width: width, height: 1), role: role)
        write(text, x: x, y: y, maxWidth: width, role: role, overflow: overflow)
        return width
    }

    /// The cells `text` becomes once made safe: one per character, wide ones flagged.
    static func cells(for text: String, role: Role) -> [Cell] {
        SafeText.display(text).map { cell(for: $0, role: role) }
    }

    /// A cell for one character. Characters a terminal would draw with no width (a lone combining
    /// mark, zero-width space, soft hyphen) or that could move the cursor (line and paragraph
    /// separators) become U+FFFD, so every cell advances the cursor by exactly its width.
    static func cell(for character: Character, role: Role) -> Cell {
        // Printable ASCII, most of what is drawn, is one column as it is.
        if let ascii = character.asciiValue, ascii >= 0x20, ascii != 0x7F { return Cell(character: character, role: role, width: 1) }
        let width = DisplayWidth.of(character)
        let first = character.unicodeScalars.first?.properties.generalCategory
        switch first {
        case .format?, .lineSeparator?, .paragraphSeparator?, .control?, .surrogate?, nil:
            return Cell(character: SafeText.replacement, role: role, width: 1)
        default:
            if width == 0 { return Cell(character: SafeText.replacement, role: role, width: 1) }
            return Cell(character: character, role: role, width: min(width, 2))
        }
    }

    /// Display width of `text` as the buffer would lay it out (after sanitising).
    public static func width(of text: String) -> Int {
        cells(for: text, role: .normal).reduce(0) { $0 + $1.width }
    }
}
