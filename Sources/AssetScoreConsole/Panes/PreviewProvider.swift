import Foundation
import TerminalUI

/// Draws an image preview: (file path, columns, rows) → rows of picture cells, at most that size.
///
/// The console takes this from outside (the CLI wires libvips and chafa) so it needs no image
/// library and rendering stays a pure function of the state and the provider.
public typealias PreviewProvider = @Sendable (_ path: String, _ columns: Int, _ rows: Int) -> [[Cell]]

/// Where previews go in a pane, and drawing one there.
enum PreviewBox {
    /// Draws the preview of `path` in the top-right corner of `rect`, a third of its width
    /// (at most 40 columns) and at most half its height; returns the rectangle it took, empty
    /// when there is no provider or no room (the pane then uses all of `rect`).
    @discardableResult
    static func draw(_ path: String, previews: PreviewProvider?, into buffer: inout ScreenBuffer, topRightOf rect: Rect) -> Rect {
        guard let previews, rect.width >= 60, rect.height >= 6 else { return Rect(x: rect.maxX, y: rect.y, width: 0, height: 0) }
        let columns = min(40, rect.width / 3)
        let rows = min(16, rect.height / 2)
        let cells = previews(path, columns, rows)
        let used = Rect(x: 0, y: 0, width: min(columns, cells.map(\.count).max() ?? 0), height: min(rows, cells.count))
        guard !used.isEmpty else { return Rect(x: rect.maxX, y: rect.y, width: 0, height: 0) }
        let area = Rect(x: rect.maxX - used.width - 1, y: rect.y, width: used.width, height: used.height)
        buffer.blitPicture(cells, in: area, source: path)
        return area
    }
}
