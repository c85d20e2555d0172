import Foundation

/// A CIELAB colour under the D65 white point (the white of sRGB).
///
/// Lab is used because distances in it follow perceived differences far better than RGB,
/// which is what clustering and colour naming need.
struct LabColor: Sendable, Hashable {
    var l: Double
    var a: Double
    var b: Double

    init(l: Double, a: Double, b: Double) {
        self.l = l
        self.a = a
        self.b = b
    }

    var chroma: Double { (a * a + b * b).squareRoot() }

    /// Hue angle in degrees, 0..<360.
    var hue: Double {
        let h = atan2(b, a) * 180 / .pi
        return h < 0 ? h + 360 : h
    }

    /// Squared Euclidean distance (CIE76 ΔE squared): cheap, used inside k-means.
    func distanceSquared(to other: LabColor) -> Double {
        let dl = l - other.l, da = a - other.a, db = b - other.b
        return dl * dl + da * da + db * db
    }

    var array: [Double] { [l, a, b] }
}

/// An 8-bit sRGB colour.
struct RGBColor: Sendable, Hashable {
    var r: UInt8
    var g: UInt8
    var b: UInt8

    /// Parses "#rrggbb", "rrggbb" or "#rgb"; nil for anything else.
    init?(hex: String) {
        var text = hex.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("#") { text.removeFirst() }
        if text.count == 3 { text = text.map { "\($0)\($0)" }.joined() }
        guard text.count == 6, text.allSatisfy(\.isHexDigit), let value = UInt32(text, radix: 16) else { return nil }
        r = UInt8(value >> 16 & 0xFF)
        g = UInt8(value >> 8 & 0xFF)
        b = UInt8(value & 0xFF)
    }

    init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    var hex: String { String(format: "#%02x%02x%02x", r, g, b) }
}
