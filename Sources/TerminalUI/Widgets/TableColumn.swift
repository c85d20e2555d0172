import Foundation

/// One column of a `TableView`: its title, how wide it may be, and how its text lines up.
public struct TableColumn: Hashable, Sendable {
    public enum Width: Hashable, Sendable {
        /// Exactly this many columns (while there is room).
        case fixed(Int)
        /// At least `min` columns, then a share of what is left in proportion to `weight`.
        case flexible(min: Int, weight: Int)
    }

    public enum Alignment: Hashable, Sendable { case left, right }

    public var title: String
    public var width: Width
    public var alignment: Alignment

    public init(_ title: String, width: Width, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }

    /// Widths for `columns` in `total` columns with `spacing` between them. Fixed and minimum
    /// widths come first, left to right; columns that no longer fit get 0 (hidden), so a narrow
    /// terminal keeps the leftmost columns whole rather than every column cut to nothing.
    public static func layout(_ columns: [TableColumn], total: Int, spacing: Int = 1) -> [Int] {
        var widths = Array(repeating: 0, count: columns.count)
        var placed = Array(repeating: false, count: columns.count)
        var left = total
        for (i, column) in columns.enumerated() {
            let want: Int
            switch column.width {
            case .fixed(let n): want = n
            case .flexible(let min, _): want = min
            }
            let gap = i == 0 ? 0 : spacing
            // A flexible column with no minimum fits as long as its gap does; it grows below.
            if left >= want + gap && (want > 0 || gap < left) {
                widths[i] = want
                placed[i] = true
                left -= want + gap
                continue
            }
            // The first column that does not fit gets what is left if that is enough to read
            // (cut with "…"); it and every column after it are otherwise hidden.
            if left - gap >= 3 {
                widths[i] = left - gap
                placed[i] = true
                left = 0
            }
            break
        }
        let flexible = columns.indices.filter {
            if case .flexible(_, let w) = columns[$0].width { return w > 0 && placed[$0] }
            return false
        }
        let weights = flexible.map { i -> Int in
            if case .flexible(_, let w) = columns[i].width { return w }
            return 0
        }
        let weightTotal = weights.reduce(0, +)
        if weightTotal > 0 && left > 0 {
            var given = 0
            for (n, i) in flexible.enumerated() {
                let share = n == flexible.count - 1 ? left - given : left * weights[n] / weightTotal
                widths[i] += share
                given += share
            }
        }
        return widths
    }
}
