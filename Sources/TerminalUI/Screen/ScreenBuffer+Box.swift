import Foundation

extension ScreenBuffer {
    /// Draws a border along the edge of `rect`; the inside is left as it was.
    public mutating func drawBox(_ rect: Rect, role: Role, style: BoxStyle = .light) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let top = rect.y
        let bottom = rect.maxY - 1
        let left = rect.x
        let right = rect.maxX - 1
        for x in (left + 1)..<right {
            put(Cell(style.horizontal, role: role), x: x, y: top)
            put(Cell(style.horizontal, role: role), x: x, y: bottom)
        }
        for y in (top + 1)..<bottom {
            put(Cell(style.vertical, role: role), x: left, y: y)
            put(Cell(style.vertical, role: role), x: right, y: y)
        }
        put(Cell(style.topLeft, role: role), x: left, y: top)
        put(Cell(style.topRight, role: role), x: right, y: top)
        put(Cell(style.bottomLeft, role: role), x: left, y: bottom)
        put(Cell(style.bottomRight, role: role), x: right, y: bottom)
    }
}
