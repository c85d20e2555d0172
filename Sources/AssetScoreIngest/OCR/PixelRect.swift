import Foundation

/// A half-open pixel rectangle [x0, x1) x [y0, y1).
struct PixelRect: Sendable, Hashable {
    var x0: Int
    var y0: Int
    var x1: Int
    var y1: Int

    var area: Int { max(0, x1 - x0) * max(0, y1 - y0) }

    /// The area covered by the union of rectangles, overlaps counted once.
    ///
    /// Word boxes of one line often overlap; summing areas would overstate text density. The
    /// sweep cuts the plane into vertical strips at every box edge and merges the y-intervals
    /// of the boxes spanning each strip; word counts are small, so O(n² log n) is fine.
    static func unionArea(_ rects: [PixelRect]) -> Int {
        let boxes = rects.filter { $0.area > 0 }
        let xs = Array(Set(boxes.flatMap { [$0.x0, $0.x1] })).sorted()
        guard xs.count > 1 else { return 0 }
        var total = 0
        for i in 0..<(xs.count - 1) {
            let left = xs[i], right = xs[i + 1]
            let spans = boxes.filter { $0.x0 <= left && $0.x1 >= right }.map { ($0.y0, $0.y1) }.sorted { $0 < $1 }
            var covered = 0
            var current: (Int, Int)?
            for span in spans {
                if let c = current, span.0 <= c.1 {
                    current = (c.0, max(c.1, span.1))
                } else {
                    if let c = current { covered += c.1 - c.0 }
                    current = span
                }
            }
            if let c = current { covered += c.1 - c.0 }
            total += covered * (right - left)
        }
        return total
    }
}
