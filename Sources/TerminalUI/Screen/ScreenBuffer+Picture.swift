import Foundation

extension Role {
    /// Picture cells (image previews): drawn with their own colours where the terminal has them;
    /// this role is what a monochrome terminal, or one out of colour pairs, shows instead.
    public static let picture: Role = "picture"
}

extension ScreenBuffer {
    /// Copies `picture` (rows of cells, top row first) into `rect`, clipped to both the rectangle
    /// and the buffer; rows or columns the picture lacks are left as they were.
    ///
    /// Picture cells are one column each; a wide cell in the grid is drawn as a blank so the
    /// grid's columns stay aligned with the buffer's.
    public mutating func blit(_ picture: [[Cell]], in rect: Rect) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for (row, cells) in picture.enumerated() {
            let y = rect.y + row
            guard y >= area.y else { continue }
            guard y < area.maxY else { break }
            for (column, cell) in cells.enumerated() {
                let x = rect.x + column
                guard x >= area.x else { continue }
                guard x < area.maxX else { break }
                put(cell.width == 1 ? cell : .blank(cell.role), x: x, y: y)
            }
        }
    }
}
