import Foundation

/// CIELAB coordinates of a `#rrggbb` colour, so generated dominant colours carry the same
/// numbers the analyser would write for them.
enum SyntheticColor {
    /// sRGB (D65) to CIELAB; nil for text that is not `#rrggbb`.
    static func lab(hex: String) -> [Double]? {
        let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        func linear(_ channel: UInt32) -> Double {
            let c = Double(channel & 0xFF) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let (r, g, b) = (linear(value >> 16), linear(value >> 8), linear(value))
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        let (fx, fy, fz) = (f(x), f(y), f(z))
        return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)].map { ($0 * 100).rounded() / 100 }
    }
}
