import Foundation
import TerminalUI

/// What a preview gives back: rows of cells ready to blit, and why it is a placeholder if it is one.
///
/// Callers never get an error: a file that cannot be shown still gets a grid ("no preview: ..."),
/// so a pane draws the same way whatever the file holds.
public struct PreviewResult: Sendable, Equatable {
    /// Rows of one-column cells, top first; every row has the same length. Pictures may be smaller
    /// than asked (the image's aspect is kept); placeholders fill the whole size.
    public var cells: [[Cell]]
    /// nil for a picture; otherwise the reason shown in the placeholder.
    public var failure: String?

    public init(cells: [[Cell]], failure: String?) {
        self.cells = cells
        self.failure = failure
    }

    public var isPlaceholder: Bool { failure != nil }
    public var columns: Int { cells.first?.count ?? 0 }
    public var rows: Int { cells.count }

    /// What shows while a preview decodes in the background: a `columns` x `rows` grid saying
    /// "loading…" (not a picture, so no pixel placement is made for it).
    public static func loading(columns: Int, rows: Int) -> PreviewResult {
        var result = placeholder("", columns: columns, rows: rows, text: "loading…")
        result.failure = "loading"
        return result
    }

    /// A `columns` x `rows` grid saying "no preview: <reason>", word-wrapped, in the `dim` role.
    public static func placeholder(_ reason: String, columns: Int, rows: Int) -> PreviewResult {
        placeholder(reason, columns: columns, rows: rows, text: "no preview: \(reason)")
    }

    private static func placeholder(_ reason: String, columns: Int, rows: Int, text: String) -> PreviewResult {
        let width = max(0, columns)
        let height = max(0, rows)
        var buffer = ScreenBuffer(width: width, height: height, role: .dim)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if ScreenBuffer.width(of: candidate) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        for (y, line) in lines.prefix(height).enumerated() {
            // write sanitises: a reason carrying control characters cannot reach the terminal.
            _ = buffer.write(line, x: 0, y: y, maxWidth: width, role: .dim, overflow: .ellipsis)
        }
        let cells = (0..<height).map { Array(buffer.row($0)).map { $0.width == 1 ? $0 : Cell.blank(.dim) } }
        return PreviewResult(cells: cells, failure: reason)
    }
}
