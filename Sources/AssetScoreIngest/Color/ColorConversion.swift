import Foundation

/// sRGB <-> CIE XYZ <-> CIELAB (D65), per IEC 61966-2-1 and CIE 15.
///
/// 8-bit sRGB decoding goes through a 256-entry table because the statistics convert every
/// pixel of the thumbnail.
enum ColorConversion {
    /// D65 reference white (Y = 1).
    static let whiteX = 0.95047
    static let whiteY = 1.0
    static let whiteZ = 1.08883

    /// sRGB companding removed: code value 0...255 -> linear light 0...1.
    static let linearTable: [Double] = (0...255).map { decodeGamma(Double($0) / 255) }

    static func decodeGamma(_ v: Double) -> Double {
        v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
    }

    static func encodeGamma(_ v: Double) -> Double {
        v <= 0.0031308 ? v * 12.92 : 1.055 * pow(v, 1 / 2.4) - 0.055
    }

    static func lab(_ c: RGBColor) -> LabColor {
        lab(r: c.r, g: c.g, b: c.b)
    }

    static func lab(r: UInt8, g: UInt8, b: UInt8) -> LabColor {
        labFromLinear(linearTable[Int(r)], linearTable[Int(g)], linearTable[Int(b)])
    }

    /// Linear-light sRGB (0...1 each) to Lab.
    static func labFromLinear(_ r: Double, _ g: Double, _ b: Double) -> LabColor {
        let x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
        let z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b
        let fx = f(x / whiteX), fy = f(y / whiteY), fz = f(z / whiteZ)
        return LabColor(l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz))
    }

    /// Lab to 8-bit sRGB, clipping colours outside the sRGB gamut.
    static func rgb(_ lab: LabColor) -> RGBColor {
        let fy = (lab.l + 16) / 116
        let fx = fy + lab.a / 500
        let fz = fy - lab.b / 200
        let x = whiteX * fInverse(fx), y = whiteY * fInverse(fy), z = whiteZ * fInverse(fz)
        let r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z
        let g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z
        let b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z
        func byte(_ v: Double) -> UInt8 {
            UInt8((encodeGamma(min(1, max(0, v))) * 255).rounded())
        }
        return RGBColor(r: byte(r), g: byte(g), b: byte(b))
    }

    private static let epsilon = 216.0 / 24389.0  // (6/29)^3
    private static let kappa = 24389.0 / 27.0  // (29/3)^3

    private static func f(_ t: Double) -> Double {
        t > epsilon ? cbrt(t) : (kappa * t + 16) / 116
    }

    private static func fInverse(_ t: Double) -> Double {
        let cube = t * t * t
        return cube > epsilon ? cube : (116 * t - 16) / kappa
    }
}
