import Foundation

/// Plain-text views of a buffer, for snapshot tests and `--dump-screen` style debugging.
extension ScreenBuffer {
    /// Row `y` as the terminal would show it (continuation cells skipped).
    public func line(_ y: Int, trimmingTrailingSpaces: Bool = true) -> String {
        var text = String(row(y).filter { !$0.isContinuation }.map(\.character))
        if trimmingTrailingSpaces {
            while text.last == " " { text.removeLast() }
        }
        return text
    }

    /// The buffer as lines of text, one per row, joined with "\n".
    public func text(trimmingTrailingSpaces: Bool = true) -> String {
        (0..<height).map { line($0, trimmingTrailingSpaces: trimmingTrailingSpaces) }.joined(separator: "\n")
    }

    /// Runs of cells with the same role, one per line: "row first-last role" (columns inclusive),
    /// leaving out runs of `omitting` so a test lists only what matters.
    public func roleMap(omitting: Role? = .normal) -> String {
        var lines: [String] = []
        for y in 0..<height {
            let cells = Array(row(y))
            var start = 0
            while start < cells.count {
                let role = cells[start].role
                var end = start
                while end + 1 < cells.count && cells[end + 1].role == role { end += 1 }
                if role != omitting { lines.append("\(y) \(start)-\(end) \(role)") }
                start = end + 1
            }
        }
        return lines.joined(separator: "\n")
    }
}
