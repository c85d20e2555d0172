import Foundation

/// The layout class of a creative, from its displayed size.
///
/// Thresholds are the shared vocabulary's: icon when the longest side is <= 128 px, else by
/// aspect ratio w/h: banner >= 3, email header 1.8..<3, landscape 1.15..<1.8,
/// square 0.87..<1.15, portrait 0.5..<0.87, skyscraper < 0.5.
enum FormatClass: String, Sendable, Hashable, CaseIterable {
    case icon
    case banner
    case emailHeader = "email-header"
    case landscape
    case square
    case portrait
    case skyscraper

    /// The raw tag text (the vocabulary writes "email header" with a space).
    var tagText: String { self == .emailHeader ? "email header" : rawValue }

    static let iconMaxSide = 128

    static func classify(width: Int, height: Int) -> FormatClass {
        if max(width, height) <= iconMaxSide { return .icon }
        let aspect = Double(width) / Double(max(height, 1))
        switch aspect {
        case 3...: return .banner
        case 1.8...: return .emailHeader
        case 1.15...: return .landscape
        case 0.87...: return .square
        case 0.5...: return .portrait
        default: return .skyscraper
        }
    }

    /// "landscape", "portrait" or "square" by the same aspect thresholds.
    static func orientation(width: Int, height: Int) -> String {
        let aspect = Double(width) / Double(max(height, 1))
        if aspect >= 1.15 { return "landscape" }
        if aspect < 0.87 { return "portrait" }
        return "square"
    }

    /// How far the aspect ratio sits from the nearest class boundary, 0 (on it) ... 1 (>= 10%
    /// away in log terms); icons are always clear.
    static func clarity(width: Int, height: Int) -> Double {
        if max(width, height) <= iconMaxSide { return 1 }
        let aspect = Double(width) / Double(max(height, 1))
        let boundaries = [3, 1.8, 1.15, 0.87, 0.5]
        let nearest = boundaries.map { abs(log(aspect / $0)) }.min() ?? 1
        return min(1, nearest / 0.1)
    }
}
