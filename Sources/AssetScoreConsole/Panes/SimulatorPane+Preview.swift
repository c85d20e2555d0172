import AssetScoreCore
import Foundation
import TerminalUI

extension SimulatorPane {
    /// The narrowest pane that shows the winner's preview beside the ranking.
    static let previewMinimumWidth = 100

    /// Draws the winner's preview at the right of `rect` under a "Winner" heading, when the pane
    /// is wide enough and a provider is given; returns how many columns it took (0 for none).
    static func drawWinnerPreview(
        _ s: SimulatorState, previews: PreviewProvider?, into buffer: inout ScreenBuffer, rightOf rect: Rect, paneWidth: Int
    ) -> Int {
        guard let previews, paneWidth >= previewMinimumWidth, rect.height >= 4, let winner = s.decision?.winner else { return 0 }
        let columns = min(36, paneWidth / 4)
        let cells = previews(winner.path, columns, rect.height - 1)
        guard !cells.isEmpty else { return 0 }
        let x = rect.maxX - columns
        let name = FileName.of(winner.path)
        buffer.write("★ " + name, x: x, y: rect.y, maxWidth: columns, role: .scoreWinner, overflow: .ellipsis)
        buffer.blitPicture(cells, in: Rect(x: x, y: rect.y + 1, width: columns, height: rect.height - 1), source: winner.path)
        return columns + 1
    }
}
