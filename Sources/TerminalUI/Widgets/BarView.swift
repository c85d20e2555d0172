import Foundation

/// A horizontal bar for charts and scores, drawn with eighth-block characters so a bar 10 cells
/// wide still shows differences of 1/80.
public enum BarView {
    static let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The bar for `fraction` (clamped to 0...1; NaN counts as 0) in `width` columns, padded
    /// with spaces to exactly `width`.
    public static func text(fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let f = fraction.isNaN ? 0 : min(1, max(0, fraction))
        let eighths = Int((f * Double(width * 8)).rounded())
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { bar.append(partials[eighths % 8 - 1]) }
        return bar + String(repeating: " ", count: width - bar.count)
    }

    /// Draws the bar at (x, y) in `role` (default `score.bar`).
    public static func draw(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, fraction: Double, role: Role = .scoreBar) {
        buffer.write(text(fraction: fraction, width: width), x: x, y: y, maxWidth: width, role: role)
    }
}
