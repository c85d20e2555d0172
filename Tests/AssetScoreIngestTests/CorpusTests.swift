import AssetScoreCore
import Foundation
import XCTest

@testable import AssetScoreIngest

/// Every image of the shared corpus gets a plausible analysis or an `AnalyserError` naming the
/// file; the nasty ones get the specific outcome each is there to provoke.
final class CorpusTests: XCTestCase {
    /// Files that must fail, and how.
    static let expectedFailures: [String: AnalyserError.Kind] = [
        "nasty/pillow/truncated_jpeg.jpg": .decodeFailed,
        "nasty/pillow/broken.png": .decodeFailed,
        "nasty/sharp/truncated.png": .decodeFailed,
        // A 32x32 screen with a 65535x1321 frame placed 65280 rows down.
        "nasty/pillow/decompression_bomb.gif": .tooManyPixels,
        // 20000x14000 = 280 MP.
        "nasty/sharp/giant-image.jpg": .tooManyPixels,
        // An email open-tracking pixel: nothing to analyse or score.
        "marketing/konsav/tracker_1x1_pixel.png": .tooSmall,
    ]

    private static func images() throws -> (root: URL, files: [String]) {
        let root = try Corpus.root().appendingPathComponent("images")
        var files: [String] = []
        for folder in ["marketing", "nasty"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                files.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
            }
        }
        return (root, files.sorted())
    }

    func testEveryCorpusImageIsAnalysedOrRefusedByName() throws {
        let (root, files) = try Self.images()
        XCTAssertGreaterThan(files.count, 40, "corpus seems incomplete")
        let analyser = try EmbeddedAnalyser()
        var failed: Set<String> = []
        for name in files {
            let url = root.appendingPathComponent(name)
            do {
                let output = try analyser.analyse(file: url, colorEntries: TestPalette.entries)
                XCTAssertNil(Self.expectedFailures[name], "\(name) should have failed")
                assertPlausible(output, name)
            } catch let error as AnalyserError {
                failed.insert(name)
                XCTAssertEqual(error.kind, Self.expectedFailures[name], "\(name): \(error)")
                XCTAssertTrue(error.description.hasPrefix(url.lastPathComponent + ": "), error.description)
            }
        }
        XCTAssertEqual(failed, Set(Self.expectedFailures.keys))
    }

    private func assertPlausible(_ output: AnalyserOutput, _ name: String) {
        let f = output.fields
        XCTAssertGreaterThan(f.width, 0, name)
        XCTAssertGreaterThan(f.height, 0, name)
        XCTAssertTrue(["image/jpeg", "image/png", "image/webp", "image/gif"].contains(output.mediaType), name)
        XCTAssertLessThanOrEqual(f.dominantColors.count, 8, name)
        if !f.dominantColors.isEmpty {
            XCTAssertEqual(f.dominantColors.map(\.share).reduce(0, +), 1, accuracy: 0.002, name)
            XCTAssertEqual(f.dominantColors.map(\.share), f.dominantColors.map(\.share).sorted(by: >), name)
        }
        for color in f.dominantColors {
            XCTAssertNotNil(RGBColor(hex: color.hex), name)
            XCTAssertEqual(color.lab.count, 3, name)
            XCTAssertTrue((0...100).contains(color.lab[0]), name)
            XCTAssertNotNil(color.nearestEntry, name)
        }
        for value in [f.brightness, f.contrast].compactMap({ $0 }) { XCTAssertTrue((0...1).contains(value), name) }
        if let w = f.warmth { XCTAssertTrue((-1...1).contains(w), name) }
        if let d = f.textDensity { XCTAssertTrue((0...1).contains(d), name) }
        XCTAssertTrue((0...1).contains(f.transparentShare), name)
        XCTAssertTrue(output.rawTags.contains { $0.facetHint == "format" && $0.source == .measurement }, name)
        for tag in output.rawTags {
            XCTAssertFalse(tag.text.isEmpty, name)
            XCTAssertFalse(tag.evidence.isEmpty, name)
            XCTAssertTrue((0...1).contains(tag.confidence), "\(name): \(tag)")
        }
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(output.rawJSON.utf8)), name)
    }

    private func analyse(_ name: String) throws -> AnalyserOutput {
        let root = try Corpus.root().appendingPathComponent("images")
        return try EmbeddedAnalyser(configuration: AnalyserConfiguration(ocrEnabled: false))
            .analyse(file: root.appendingPathComponent(name), colorEntries: TestPalette.entries)
    }

    /// CMYK JPEGs are converted through their profile (or libvips's CMYK fallback) to sRGB: a
    /// dark navy background with red lettering, not inverted or washed out.
    func testCMYKJPEGGivesSRGBColours() throws {
        let output = try analyse("nasty/pillow/pil_sample_cmyk.jpg")
        let colors = output.fields.dominantColors
        XCTAssertEqual(colors.first?.nearestEntry, "black")
        XCTAssertLessThan(output.fields.brightness ?? 1, 0.3)
        let red = try XCTUnwrap(colors.first { $0.nearestEntry == "red" })
        XCTAssertGreaterThan(red.share, 0.05)
        XCTAssertLessThan(try XCTUnwrap(red.deltaE), 10)

        let photo = try analyse("nasty/sharp/Channel_digital_image_CMYK_color.jpg")
        XCTAssertEqual(photo.fields.width, 500)
        XCTAssertTrue(photo.rawJSON.contains(#""source_interpretation":"cmyk""#), photo.rawJSON)
        XCTAssertTrue(photo.fields.dominantColors.contains { $0.nearestEntry == "green" }, "the park's grass")
    }

    /// The 16-bit flag: three equal stripes, red, white and blue.
    func testSixteenBitPNGFlag() throws {
        let output = try analyse("nasty/sharp/Flag_of_the_Netherlands-16bit.png")
        let top = output.fields.dominantColors.prefix(3)
        XCTAssertEqual(Set(top.compactMap(\.nearestEntry)), ["red", "white", "blue"])
        for color in top { XCTAssertEqual(color.share, 1.0 / 3, accuracy: 0.02) }
    }

    func testFullyTransparentPNG() throws {
        let output = try analyse("nasty/sharp/full-transparent.png")
        XCTAssertEqual(output.fields.dominantColors, [])
        XCTAssertEqual(output.fields.transparentShare, 1)
        XCTAssertTrue(output.rawJSON.contains("no visible pixels"))
    }

    /// Orientation 6 on a square picture: the size cannot show it, so compare the corrected image
    /// with the upright GIF of the same photo, quadrant by quadrant.
    func testOrientationSixIsRotatedUpright() throws {
        let root = try Corpus.root().appendingPathComponent("images/nasty/pillow")
        let output = try analyse("nasty/pillow/hopper_orientation_6.jpg")
        XCTAssertEqual(output.fields.width, 128)
        XCTAssertTrue(output.rawJSON.contains(#""exif_orientation":6"#))
        let loader = ImageLoader(configuration: AnalyserConfiguration())
        let rotated = try loader.colorThumbnail(of: root.appendingPathComponent("hopper_orientation_6.jpg"), type: .jpeg, side: 128)
        let upright = try loader.colorThumbnail(of: root.appendingPathComponent("hopper.gif"), type: .gif, side: 128)
        func quadrantMeans(_ p: PixelBuffer) -> [Double] {
            var sums = [Double](repeating: 0, count: 4)
            for y in 0..<p.height {
                for x in 0..<p.width {
                    let q = (y * 2 / p.height) * 2 + (x * 2 / p.width)
                    let o = (y * p.width + x) * p.bands
                    sums[q] += (Double(p.bytes[o]) + Double(p.bytes[o + 1]) + Double(p.bytes[o + 2])) / 3
                }
            }
            return sums.map { $0 / Double(p.pixelCount / 4) }
        }
        let a = quadrantMeans(rotated), b = quadrantMeans(upright)
        for q in 0..<4 { XCTAssertEqual(a[q], b[q], accuracy: 12, "quadrant \(q): \(a) vs \(b)") }
        // The check can tell: any other turn of the picture would not match.
        for turned in [[b[2], b[0], b[3], b[1]], [b[1], b[3], b[0], b[2]], [b[3], b[2], b[1], b[0]]] {
            XCTAssertGreaterThan(zip(a, turned).map { abs($0 - $1) }.max() ?? 0, 12, "\(a) vs \(turned)")
        }
    }

    func testLandscapeOrientationsAgree() throws {
        let first = try analyse("nasty/sharp/Landscape_1.jpg")
        for n in 2...4 {
            let other = try analyse("nasty/sharp/Landscape_\(n).jpg")
            XCTAssertEqual(other.fields.width, 600)
            XCTAssertEqual(other.fields.height, 450)
            XCTAssertEqual(other.fields.brightness ?? 0, first.fields.brightness ?? 1, accuracy: 0.05)
        }
    }

    func testAnimationsUseTheFirstFrame() throws {
        let output = try analyse("nasty/pillow/iss634.gif")
        XCTAssertEqual(output.fields.width, 245)
        XCTAssertEqual(output.fields.height, 245, "one frame, not the 42-frame strip")
        XCTAssertTrue(output.rawJSON.contains("42 frames: only the first frame was analysed"))
    }

    func testPromotionalScreenshotIsRead() throws {
        let root = try Corpus.root().appendingPathComponent("images")
        let output = try EmbeddedAnalyser().analyse(
            file: root.appendingPathComponent("marketing/konsav/preview_promotional_email_screenshot.png"),
            colorEntries: TestPalette.entries)
        for word in ["responsive", "email", "templates", "mobile"] {
            XCTAssertTrue(output.fields.ocrWords.contains(word), "\(word) in \(output.fields.ocrWords)")
        }
        XCTAssertGreaterThan(output.fields.textDensity ?? 0, 0.03)
    }
}
