import XCTest

@testable import AssetScoreIngest

final class ColorScienceTests: XCTestCase {
    func testSRGBToLabKnownValues() {
        // Reference values for the sRGB primaries and white under D65.
        let cases: [(RGBColor, LabColor)] = [
            (RGBColor(r: 255, g: 255, b: 255), LabColor(l: 100, a: 0, b: 0)),
            (RGBColor(r: 0, g: 0, b: 0), LabColor(l: 0, a: 0, b: 0)),
            (RGBColor(r: 255, g: 0, b: 0), LabColor(l: 53.2408, a: 80.0925, b: 67.2032)),
            (RGBColor(r: 0, g: 255, b: 0), LabColor(l: 87.7347, a: -86.1827, b: 83.1793)),
            (RGBColor(r: 0, g: 0, b: 255), LabColor(l: 32.2970, a: 79.1875, b: -107.8602)),
            (RGBColor(r: 128, g: 128, b: 128), LabColor(l: 53.5850, a: 0, b: 0)),
        ]
        for (rgb, expected) in cases {
            let lab = ColorConversion.lab(rgb)
            XCTAssertEqual(lab.l, expected.l, accuracy: 0.01, "L* of \(rgb.hex)")
            XCTAssertEqual(lab.a, expected.a, accuracy: 0.01, "a* of \(rgb.hex)")
            XCTAssertEqual(lab.b, expected.b, accuracy: 0.01, "b* of \(rgb.hex)")
        }
    }

    func testLabToSRGBRoundTrip() {
        for hex in ["#d62828", "#003049", "#fcbf49", "#eae2b7", "#000000", "#ffffff", "#7f7f7f", "#12ab34"] {
            let rgb = RGBColor(hex: hex)!
            XCTAssertEqual(ColorConversion.rgb(ColorConversion.lab(rgb)).hex, hex)
        }
    }

    func testOutOfGamutLabIsClipped() {
        let rgb = ColorConversion.rgb(LabColor(l: 50, a: 120, b: -120))
        XCTAssertEqual(rgb.hex.count, 7)
    }

    func testHexParsing() {
        XCTAssertEqual(RGBColor(hex: "#D62828"), RGBColor(r: 0xd6, g: 0x28, b: 0x28))
        XCTAssertEqual(RGBColor(hex: "d62828"), RGBColor(r: 0xd6, g: 0x28, b: 0x28))
        XCTAssertEqual(RGBColor(hex: "#f0a"), RGBColor(r: 0xff, g: 0x00, b: 0xaa))
        XCTAssertNil(RGBColor(hex: "#12345"))
        XCTAssertNil(RGBColor(hex: "red"))
        XCTAssertNil(RGBColor(hex: "#gggggg"))
    }

    /// The 34 test pairs of Sharma, Wu and Dalal (2005), Table 1, including the hue-wrapping
    /// and zero-chroma edge cases.
    func testCIEDE2000SharmaPairs() {
        let pairs: [(Double, Double, Double, Double, Double, Double, Double)] = [
            (50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425),
            (50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615),
            (50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412),
            (50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000),
            (50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000),
            (50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000),
            (50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669),
            (50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669),
            (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792),
            (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792),
            (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195),
            (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195),
            (50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045),
            (50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045),
            (50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461),
            (50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065),
            (50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492),
            (50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977),
            (50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030),
            (50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535),
            (50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000),
            (50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000),
            (50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000),
            (50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000),
            (60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644),
            (63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630),
            (61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731),
            (35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645),
            (22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373),
            (36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146),
            (90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441),
            (90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381),
            (6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377),
            (2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082),
        ]
        for (i, p) in pairs.enumerated() {
            let c1 = LabColor(l: p.0, a: p.1, b: p.2)
            let c2 = LabColor(l: p.3, a: p.4, b: p.5)
            XCTAssertEqual(ColorDifference.ciede2000(c1, c2), p.6, accuracy: 0.0001, "pair \(i + 1)")
            XCTAssertEqual(ColorDifference.ciede2000(c2, c1), p.6, accuracy: 0.0001, "pair \(i + 1) reversed")
        }
    }

    func testCIEDE2000OfIdenticalColoursIsZero() {
        let c = LabColor(l: 40, a: 20, b: -30)
        XCTAssertEqual(ColorDifference.ciede2000(c, c), 0, accuracy: 1e-12)
    }

    func testWarmthOfHue() {
        XCTAssertEqual(ColorStatistics.warmthOfHue(ColorConversion.lab(RGBColor(r: 255, g: 0, b: 0)).hue), 1)
        XCTAssertEqual(ColorStatistics.warmthOfHue(ColorConversion.lab(RGBColor(r: 255, g: 160, b: 0)).hue), 1)
        XCTAssertEqual(ColorStatistics.warmthOfHue(ColorConversion.lab(RGBColor(r: 0, g: 0, b: 255)).hue), -1)
        XCTAssertEqual(ColorStatistics.warmthOfHue(ColorConversion.lab(RGBColor(r: 0, g: 200, b: 220)).hue), -1)
        let purple = ColorStatistics.warmthOfHue(ColorConversion.lab(RGBColor(r: 200, g: 0, b: 200)).hue)
        XCTAssertGreaterThan(purple, -1)
        XCTAssertLessThan(purple, 1)
    }
}
