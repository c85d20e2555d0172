import Foundation

/// Whole-image colour measurements over the visible pixels of a thumbnail.
///
/// Pixels with alpha below 128 are invisible in any layout, so they count towards
/// `transparentShare` only and never towards a colour or a statistic.
struct ColorStatistics: Sendable, Hashable {
    var totalPixels: Int
    var visiblePixels: Int
    /// Share of pixels with alpha < 128.
    var transparentShare: Double
    /// Mean L* / 100.
    var brightness: Double?
    /// Standard deviation of L* / 100.
    var contrast: Double?
    /// Hasler & Süsstrunk (2003) colourfulness M on 8-bit sRGB.
    var colorfulness: Double?
    /// -1 (cool) ... +1 (warm), chroma-weighted over chromatic pixels; 0 when there are none.
    var warmth: Double?
    /// Share of visible pixels with C*ab >= `chromaticThreshold`.
    var chromaticShare: Double
    /// Visible pixels binned by colour (5 bits per channel), each bin at its mean colour.
    var bins: [WeightedColor]

    /// Chroma below which a pixel counts as grey for warmth.
    static let chromaticThreshold = 15.0

    /// Bins every visible pixel by colour (5 bits per channel) and computes the Lab-based
    /// statistics from the bins at their mean colour: one Lab conversion per occupied bin instead
    /// of per pixel. Within a bin colours differ by at most 8 code values per channel, so mean
    /// and spread of L* move by well under one unit. Colourfulness is exact (integer sums).
    static func measure(_ pixels: PixelBuffer) -> ColorStatistics {
        let bands = pixels.bands
        precondition(bands == 3 || bands == 4, "colour statistics need sRGB pixels")
        let binCount = 1 << 15
        var binWeight = [Int](repeating: 0, count: binCount)
        var binSums = [Int](repeating: 0, count: binCount * 3)
        var visible = 0
        // Hasler–Süsstrunk opponents: rg = R - G, yb2 = 2 * (0.5 (R + G) - B), kept integral.
        var sumRG = 0, sumRG2 = 0, sumYB2 = 0, sumYB2Sq = 0

        pixels.bytes.withUnsafeBufferPointer { bytes in
            binWeight.withUnsafeMutableBufferPointer { weight in
                binSums.withUnsafeMutableBufferPointer { sums in
                    for p in 0..<pixels.pixelCount {
                        let o = p * bands
                        if bands == 4 && bytes[o + 3] < 128 { continue }
                        let r = Int(bytes[o]), g = Int(bytes[o + 1]), b = Int(bytes[o + 2])
                        visible += 1
                        let rg = r - g
                        let yb2 = r + g - 2 * b
                        sumRG += rg
                        sumRG2 += rg * rg
                        sumYB2 += yb2
                        sumYB2Sq += yb2 * yb2
                        let key = (r >> 3) << 10 | (g >> 3) << 5 | (b >> 3)
                        weight[key] += 1
                        sums[key * 3] += r
                        sums[key * 3 + 1] += g
                        sums[key * 3 + 2] += b
                    }
                }
            }
        }

        let total = pixels.pixelCount
        var stats = ColorStatistics(
            totalPixels: total, visiblePixels: visible,
            transparentShare: total > 0 ? Double(total - visible) / Double(total) : 0, chromaticShare: 0, bins: [])
        guard visible > 0 else { return stats }

        var sumL = 0.0, sumL2 = 0.0, warmSum = 0.0, warmWeight = 0.0, chromatic = 0.0
        for key in 0..<binCount where binWeight[key] > 0 {
            let w = Double(binWeight[key])
            let lab = ColorConversion.labFromLinear(
                ColorConversion.decodeGamma(Double(binSums[key * 3]) / w / 255),
                ColorConversion.decodeGamma(Double(binSums[key * 3 + 1]) / w / 255),
                ColorConversion.decodeGamma(Double(binSums[key * 3 + 2]) / w / 255))
            stats.bins.append(WeightedColor(lab: lab, weight: w))
            sumL += lab.l * w
            sumL2 += lab.l * lab.l * w
            let chroma = lab.chroma
            if chroma >= chromaticThreshold {
                chromatic += w
                let strength = min(chroma, 60) * w
                warmSum += warmthOfHue(lab.hue) * strength
                warmWeight += strength
            }
        }

        let n = Double(visible)
        let meanL = sumL / n
        stats.brightness = meanL / 100
        stats.contrast = max(0, sumL2 / n - meanL * meanL).squareRoot() / 100
        let meanRG = Double(sumRG) / n
        let meanYB = Double(sumYB2) / n / 2
        let varRG = max(0, Double(sumRG2) / n - meanRG * meanRG)
        let varYB = max(0, Double(sumYB2Sq) / n / 4 - meanYB * meanYB)
        stats.colorfulness = (varRG + varYB).squareRoot() + 0.3 * (meanRG * meanRG + meanYB * meanYB).squareRoot()
        stats.warmth = warmWeight > 0 ? warmSum / warmWeight : 0
        stats.chromaticShare = chromatic / n
        return stats
    }

    /// +1 for reds, oranges and yellows (h 345°...100°), -1 for cyans and blues (150°...315°;
    /// pure sRGB blue sits at 306°),
    /// linear in between (greens fall from warm to cool, purples rise from cool to warm).
    static func warmthOfHue(_ h: Double) -> Double {
        switch h {
        case ..<100: return 1
        case ..<150: return 1 - 2 * (h - 100) / 50
        case ..<315: return -1
        case ..<345: return -1 + 2 * (h - 315) / 30
        default: return 1
        }
    }
}
