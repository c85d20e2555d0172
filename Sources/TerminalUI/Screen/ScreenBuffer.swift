import Foundation

/// An in-memory screen: `width` x `height` cells that panes draw into and backends flush.
///
/// Everything the console shows is drawn here first, so screens can be compared as text in tests
/// without a terminal, and the one backend that talks to ncurses only copies cells.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Image previews the terminal may draw in pixels (sixel, kitty) over their symbol cells.
    public internal(set) var graphics: [GraphicPlacement] = []

    public init(width: Int, height: Int, role: Role = .normal) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(role), count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); a blank `normal` cell outside the buffer.
    public subscript(x x: Int, y y: Int) -> Cell {
        guard contains(x: x, y: y) else { return .blank() }
        return cells[y * width + x]
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && x < width && y >= 0 && y < height }

    /// The cells of row `y`.
    public func row(_ y: Int) -> ArraySlice<Cell> {
        guard y >= 0 && y < height else { return [] }
        return cells[(y * width)..<((y + 1) * width)]
    }

    /// Stores one cell, blanking the other half of any wide character it overwrites, so a wide
    /// character is always whole. A wide cell that would not fit before the right edge becomes a blank.
    mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        var cell = cell
        if cell.width == 2 && x + 1 >= width { cell = .blank(cell.role) }
        breakWideCharacter(at: x, y: y)
        if cell.width == 2 { breakWideCharacter(at: x + 1, y: y) }
        cells[y * width + x] = cell
        if cell.width == 2 { cells[y * width + x + 1] = .continuation(cell.role) }
    }

    /// If (x, y) holds half of a wide character, blanks the other half (keeping its role).
    private mutating func breakWideCharacter(at x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        let index = y * width + x
        let current = cells[index]
        if current.width == 0 && x > 0 {
            cells[index - 1] = .blank(cells[index - 1].role)
        } else if current.width == 2 && x + 1 < width {
            cells[index + 1] = .blank(cells[index + 1].role)
        }
        cells[index] = .blank(current.role)
    }

    /// Fills `rect` (clipped to the buffer) with `character`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", role: Role) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let cell = Self.cell(for: character, role: role)
        for y in area.y..<area.maxY {
            var x = area.x
            while x < area.maxX {
                if cell.width == 2 && x + 1 >= area.maxX {
                    put(.blank(role), x: x, y: y)
                } else {
                    put(cell, x: x, y: y)
                }
                x += cell.width
            }
        }
    }

    /// Changes the role of every cell in `rect` without touching the characters (a selection bar).
    public mutating func paint(_ rect: Rect, role: Role) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { cells[y * width + x].role = role }
        }
    }
}
