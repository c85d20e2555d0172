import XCTest

@testable import AssetScoreIngest

final class ColorClustererTests: XCTestCase {
    private func lab(_ hex: String) -> LabColor { ColorConversion.lab(RGBColor(hex: hex)!) }

    func testTwoColoursGiveTwoClustersWithTheirShares() {
        let clusters = ColorClusterer.cluster([
            WeightedColor(lab: lab("#ff0000"), weight: 700), WeightedColor(lab: lab("#0000ff"), weight: 300),
        ])
        XCTAssertEqual(clusters.count, 2)
        XCTAssertEqual(ColorConversion.rgb(clusters[0].lab).hex, "#ff0000")
        XCTAssertEqual(clusters[0].share, 0.7, accuracy: 1e-9)
        XCTAssertEqual(ColorConversion.rgb(clusters[1].lab).hex, "#0000ff")
        XCTAssertEqual(clusters[1].share, 0.3, accuracy: 1e-9)
    }

    func testShadesCloserThanThresholdAreMerged() {
        let clusters = ColorClusterer.cluster([
            WeightedColor(lab: lab("#ff0000"), weight: 500), WeightedColor(lab: lab("#fe0101"), weight: 500),
            WeightedColor(lab: lab("#00ff00"), weight: 100),
        ])
        XCTAssertEqual(clusters.count, 2)
        XCTAssertEqual(clusters[0].share, 1000.0 / 1100, accuracy: 1e-9)
    }

    func testAtLeastFiveColoursWhenThereAreThatMany() {
        let hexes = ["#ff0000", "#00ff00", "#0000ff", "#ffff00", "#000000", "#ffffff", "#ff00ff"]
        var colors: [WeightedColor] = []
        // Each colour as a small cloud of shades, so k-means has real work to do.
        for (i, hex) in hexes.enumerated() {
            let base = lab(hex)
            for d in 0..<5 {
                colors.append(WeightedColor(lab: LabColor(l: base.l + Double(d) * 0.2, a: base.a, b: base.b), weight: Double(10 + i)))
            }
        }
        let clusters = ColorClusterer.cluster(colors)
        XCTAssertGreaterThanOrEqual(clusters.count, 5)
        XCTAssertEqual(clusters.reduce(0) { $0 + $1.share }, 1, accuracy: 1e-9)
        // The heaviest cloud (magenta) comes first, its centre within a just-noticeable difference.
        XCTAssertLessThan(ColorDifference.ciede2000(clusters[0].lab, lab("#ff00ff")), 2)
    }

    func testDeterministic() {
        var colors: [WeightedColor] = []
        for i in 0..<300 {
            let v = Double(i)
            colors.append(
                WeightedColor(
                    lab: LabColor(
                        l: (v * 7).truncatingRemainder(dividingBy: 100), a: (v * 13).truncatingRemainder(dividingBy: 80) - 40,
                        b: (v * 3).truncatingRemainder(dividingBy: 60) - 30), weight: Double(1 + i % 7)))
        }
        XCTAssertEqual(ColorClusterer.cluster(colors), ColorClusterer.cluster(colors))
    }

    func testEmptyInputGivesNoClusters() {
        XCTAssertEqual(ColorClusterer.cluster([]), [])
        XCTAssertEqual(ColorClusterer.cluster([WeightedColor(lab: lab("#ffffff"), weight: 0)]), [])
    }
}

final class ColorStatisticsTests: XCTestCase {
    private func buffer(_ colors: [[UInt8]]) -> PixelBuffer {
        let bands = colors[0].count
        return PixelBuffer(width: colors.count, height: 1, bands: bands, bytes: colors.flatMap { $0 })
    }

    func testBlackAndWhite() {
        let stats = ColorStatistics.measure(buffer([[0, 0, 0], [255, 255, 255], [0, 0, 0], [255, 255, 255]]))
        XCTAssertEqual(stats.brightness ?? -1, 0.5, accuracy: 0.005)
        XCTAssertEqual(stats.contrast ?? -1, 0.5, accuracy: 0.005)
        XCTAssertEqual(stats.colorfulness ?? -1, 0, accuracy: 1e-9)
        XCTAssertEqual(stats.warmth, 0)
        XCTAssertEqual(stats.chromaticShare, 0)
        XCTAssertEqual(stats.bins.count, 2)
    }

    /// Pure red: rg = 255 and yb = 127.5 everywhere, so M = 0.3 * sqrt(255² + 127.5²).
    func testColourfulnessOfPureRed() {
        let stats = ColorStatistics.measure(buffer([[255, 0, 0], [255, 0, 0]]))
        XCTAssertEqual(stats.colorfulness ?? -1, 0.3 * (255.0 * 255 + 127.5 * 127.5).squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(stats.warmth, 1)
        XCTAssertEqual(stats.brightness ?? -1, 0.532408, accuracy: 0.0001)
        XCTAssertEqual(stats.contrast ?? -1, 0, accuracy: 1e-9)
    }

    /// Half red, half blue: opponents differ per pixel, so the spread term counts too.
    func testColourfulnessWithSpread() {
        let stats = ColorStatistics.measure(buffer([[255, 0, 0], [0, 0, 255]]))
        // rg: 255, 0 -> mean 127.5, sd 127.5; yb: 127.5, -255 -> mean -63.75, sd 191.25.
        let expected = (127.5 * 127.5 + 191.25 * 191.25).squareRoot() + 0.3 * (127.5 * 127.5 + 63.75 * 63.75).squareRoot()
        XCTAssertEqual(stats.colorfulness ?? -1, expected, accuracy: 1e-9)
        XCTAssertEqual(stats.warmth ?? -9, 0, accuracy: 0.1, "equal warm and cool chroma cancel out")
    }

    func testTransparentPixelsDoNotCount() {
        let stats = ColorStatistics.measure(buffer([[255, 0, 0, 255], [0, 255, 0, 127], [0, 0, 255, 0], [255, 0, 0, 128]]))
        XCTAssertEqual(stats.visiblePixels, 2)
        XCTAssertEqual(stats.transparentShare, 0.5)
        XCTAssertEqual(stats.bins.count, 1)
        XCTAssertEqual(stats.warmth, 1)
        let none = ColorStatistics.measure(buffer([[9, 9, 9, 0]]))
        XCTAssertNil(none.brightness)
        XCTAssertEqual(none.transparentShare, 1)
        XCTAssertEqual(none.bins, [])
    }
}
