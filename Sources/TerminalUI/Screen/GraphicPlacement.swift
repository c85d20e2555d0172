import Foundation

/// How a terminal draws image previews: chafa symbols in cells (any terminal), or real pixels
/// with the sixel or kitty graphics protocol where the terminal has one.
public enum GraphicsMode: String, Sendable, CaseIterable {
    case symbols
    case sixel
    case kitty
}

/// An image preview that covers `rect` with picture cells, which a terminal with pixel graphics
/// may draw as pixels instead.
///
/// The buffer keeps the symbol cells underneath either way: the pure renderer and its text
/// snapshots do not change with the terminal, and a terminal that cannot draw pixels (or a
/// placement something else has since covered) shows the symbols.
public struct GraphicPlacement: Hashable, Sendable {
    /// The image file the cells were made from.
    public var source: String
    public var rect: Rect

    public init(source: String, rect: Rect) {
        self.source = source
        self.rect = rect
    }
}

extension ScreenBuffer {
    /// Copies a preview's picture cells into `rect` (as `blit` does) and records where they went,
    /// so a pixel-graphics terminal can draw `source` there. Placeholders (cells that are not
    /// pictures) are blitted without a placement.
    public mutating func blitPicture(_ picture: [[Cell]], in rect: Rect, source: String) {
        blit(picture, in: rect)
        let columns = picture.map(\.count).min() ?? 0
        let placed = Rect(x: rect.x, y: rect.y, width: min(columns, rect.width), height: min(picture.count, rect.height))
        guard !placed.isEmpty, placed == placed.intersection(bounds), picture.first?.first?.picture != nil else { return }
        graphics.removeAll { $0.rect.intersection(placed).isEmpty == false }
        graphics.append(GraphicPlacement(source: source, rect: placed))
    }

    /// The placements whose cells are all still picture cells: anything drawn over a preview
    /// since (an overlay, a prompt) hides the pixels too.
    public var visibleGraphics: [GraphicPlacement] {
        graphics.filter { placement in
            let r = placement.rect
            for y in r.y..<r.maxY {
                for x in r.x..<r.maxX where self[x: x, y: y].picture == nil { return false }
            }
            return true
        }
    }
}
