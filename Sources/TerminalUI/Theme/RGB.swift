import Foundation

/// A 24-bit colour as written in theme files ("#1e1e2e").
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses "#rrggbb" (exactly six hex digits after "#").
    public init?(hex: String) {
        guard hex.count == 7, hex.first == "#", hex.dropFirst().allSatisfy(\.isHexDigit),
            let value = UInt32(hex.dropFirst(), radix: 16)
        else { return nil }
        self.init(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }

    public var description: String { String(format: "#%02x%02x%02x", r, g, b) }

    /// Relative luminance (sRGB, 0...1): which of black or white text reads better on this colour.
    public var luminance: Double {
        func channel(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// A perceptually weighted distance ("redmean"): cheap and good enough to pick the nearest
    /// palette entry, much better than plain RGB distance for greens and blues.
    public func distance(to other: RGB) -> Double {
        let rm = (Double(r) + Double(other.r)) / 2
        let dr = Double(r) - Double(other.r)
        let dg = Double(g) - Double(other.g)
        let db = Double(b) - Double(other.b)
        return ((2 + rm / 256) * dr * dr + 4 * dg * dg + (2 + (255 - rm) / 256) * db * db).squareRoot()
    }
}
