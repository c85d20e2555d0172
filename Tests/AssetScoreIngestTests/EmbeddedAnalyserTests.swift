import AssetScoreCore
import Foundation
import XCTest

@testable import AssetScoreIngest

/// The analyser end to end on images generated here with libvips.
final class EmbeddedAnalyserTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try TestImages.makeDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    private func analyser(_ configuration: AnalyserConfiguration = AnalyserConfiguration(ocrEnabled: false)) throws -> EmbeddedAnalyser {
        try EmbeddedAnalyser(configuration: configuration)
    }

    private func file(_ name: String) -> URL { dir.appendingPathComponent(name) }

    func testMostlyRedImage() throws {
        let url = file("summerSale_hero-1200x628.png")
        let bytes = TestImages.pixels(width: 200, height: 100, bands: 3) { x, _ in x < 160 ? [214, 40, 40] : [250, 250, 250] }
        try TestImages.write(bytes, width: 200, height: 100, bands: 3, to: url)
        let output = try analyser().analyse(file: url, colorEntries: TestPalette.entries)

        XCTAssertEqual(output.mediaType, "image/png")
        XCTAssertEqual(output.fields.width, 200)
        XCTAssertEqual(output.fields.height, 100)
        XCTAssertEqual(output.fields.formatClass, "email-header")
        XCTAssertEqual(output.fields.orientation, "landscape")
        let first = try XCTUnwrap(output.fields.dominantColors.first)
        XCTAssertGreaterThan(first.share, 0.6)
        XCTAssertEqual(first.nearestEntry, "red")
        XCTAssertLessThan(try XCTUnwrap(first.deltaE), 3)
        let lab = ColorConversion.lab(RGBColor(hex: first.hex)!)
        XCTAssertLessThan(ColorDifference.ciede2000(lab, ColorConversion.lab(RGBColor(r: 214, g: 40, b: 40))), 2)
        XCTAssertEqual(output.fields.dominantColors.map(\.share).reduce(0, +), 1, accuracy: 0.001)
        XCTAssertEqual(output.fields.filenameTokens, ["summer", "sale", "hero"])
        XCTAssertNil(output.fields.textDensity, "OCR was off")

        let red = try XCTUnwrap(output.rawTags.first { $0.source == .color && $0.text == "Red" })
        XCTAssertEqual(red.facetHint, "color")
        XCTAssertGreaterThan(red.confidence, 0.9)
        XCTAssertTrue(red.evidence.hasPrefix("covers 80% of the visible area (ΔE"), red.evidence)
        XCTAssertTrue(red.evidence.hasSuffix("from Red)"), red.evidence)
        XCTAssertTrue(output.rawTags.contains { $0.source == .color && $0.text == "White" })
        XCTAssertTrue(output.rawTags.contains { $0.text == "email header" && $0.facetHint == "format" && $0.source == .measurement })
        XCTAssertTrue(output.rawTags.contains { $0.text == "vibrant" && $0.source == .measurement })
        XCTAssertTrue(output.rawTags.contains { $0.text == "warm" && $0.source == .measurement })
        XCTAssertTrue(
            output.rawTags.contains { $0.source == .filename && $0.text == "summer" && $0.evidence == "file name token 'summer'" })
        for tag in output.rawTags {
            XCTAssertFalse(tag.evidence.isEmpty)
            XCTAssertTrue((0...1).contains(tag.confidence), "\(tag)")
            if tag.source == .measurement { XCTAssertGreaterThanOrEqual(tag.confidence, 0.8) }
            if tag.source == .heuristic {
                XCTAssertTrue(tag.evidence.hasPrefix("heuristic from image statistics"), tag.evidence)
                XCTAssertLessThanOrEqual(tag.confidence, tag.facetHint == "sentiment" ? 0.4 : 0.5)
            }
        }
        // The raw JSON is the report: it parses and carries the same fields.
        let json = try JSONSerialization.jsonObject(with: Data(output.rawJSON.utf8)) as? [String: Any]
        XCTAssertEqual(json?["media_type"] as? String, "image/png")
        XCTAssertEqual((json?["fields"] as? [String: Any])?["width"] as? Int, 200)
        XCTAssertTrue(output.analyserVersion.hasPrefix(EmbeddedAnalyser.algorithmVersion + " (libvips 8."), output.analyserVersion)
    }

    func testTransparentPixelsAreIgnored() throws {
        let url = file("half.png")
        // Left half transparent green (must not count), right half opaque blue.
        let bytes = TestImages.pixels(width: 100, height: 100, bands: 4) { x, _ in x < 50 ? [0, 255, 0, 0] : [31, 79, 209, 255] }
        try TestImages.write(bytes, width: 100, height: 100, bands: 4, to: url)
        let output = try analyser().analyse(file: url, colorEntries: TestPalette.entries)
        XCTAssertTrue(output.fields.hasAlpha)
        XCTAssertEqual(output.fields.transparentShare, 0.5, accuracy: 0.02)
        XCTAssertEqual(output.fields.dominantColors.count, 1, "\(output.fields.dominantColors)")
        XCTAssertEqual(output.fields.dominantColors.first?.nearestEntry, "blue")
        XCTAssertEqual(output.fields.dominantColors.first?.share ?? 0, 1, accuracy: 0.001)
        XCTAssertFalse(output.rawTags.contains { $0.text == "Green" })
        XCTAssertTrue(output.rawTags.contains { $0.text == "cool" })
    }

    func testFullyTransparentImageHasNoColoursAndANote() throws {
        let url = file("clear.png")
        let bytes = [UInt8](repeating: 0, count: 40 * 30 * 4)
        try TestImages.write(bytes, width: 40, height: 30, bands: 4, to: url)
        let output = try analyser().analyse(file: url, colorEntries: TestPalette.entries)
        XCTAssertEqual(output.fields.dominantColors, [])
        XCTAssertNil(output.fields.brightness)
        XCTAssertEqual(output.fields.transparentShare, 1)
        XCTAssertFalse(output.rawTags.contains { $0.source == .color || $0.source == .heuristic })
        XCTAssertTrue(output.rawJSON.contains("no visible pixels"), output.rawJSON)
        XCTAssertTrue(output.rawTags.contains { $0.text == "icon" })
    }

    func testWideImageIsABanner() throws {
        let url = file("wide.png")
        let bytes = TestImages.pixels(width: 4000, height: 500, bands: 3) { x, _ in x % 400 < 200 ? [20, 20, 20] : [240, 240, 240] }
        try TestImages.write(bytes, width: 4000, height: 500, bands: 3, to: url)
        let output = try analyser().analyse(file: url, colorEntries: TestPalette.entries)
        XCTAssertEqual(output.fields.formatClass, "banner")
        XCTAssertTrue(output.rawTags.contains { $0.text == "banner" && $0.evidence == "aspect ratio 8.00 (4000x500)" })
        XCTAssertTrue(output.rawTags.contains { $0.text == "high contrast" })
        XCTAssertTrue(output.rawTags.contains { $0.text == "muted" })
    }

    func testEXIFOrientationIsApplied() throws {
        let url = file("rotated.jpg")
        // Stored 200x100: top half red, bottom half blue; orientation 6 shows it 100x200.
        let bytes = TestImages.pixels(width: 200, height: 100, bands: 3) { _, y in y < 50 ? [220, 30, 30] : [30, 30, 220] }
        try TestImages.write(bytes, width: 200, height: 100, bands: 3, to: url, ints: ["orientation": 6])
        let output = try analyser().analyse(file: url, colorEntries: TestPalette.entries)
        XCTAssertEqual(output.fields.width, 100)
        XCTAssertEqual(output.fields.height, 200)
        XCTAssertEqual(output.fields.orientation, "portrait")
        XCTAssertEqual(output.mediaType, "image/jpeg")
        XCTAssertTrue(output.rawJSON.contains(#""exif_orientation":6"#))
    }

    func testEmbeddedKeywordsAndDescriptionBecomeTags() throws {
        let url = file("keywords.jpg")
        let bytes = TestImages.pixels(width: 64, height: 64, bands: 3) { _, _ in [200, 180, 40] }
        let iptc = MetadataTests.photoshopIPTC(
            MetadataTests.record(2, 25, Array("sale".utf8)) + MetadataTests.record(2, 25, Array("summer".utf8)))
        try TestImages.write(
            bytes, width: 64, height: 64, bands: 3, to: url,
            blobs: ["xmp-data": Array(MetadataTests.xmp.utf8), "iptc-data": iptc])
        let output = try analyser().analyse(file: url, colorEntries: [])
        XCTAssertEqual(output.fields.keywords, ["summer", "tone:playful", "Beach Holiday", "sale"])
        XCTAssertEqual(output.fields.title, "Summer sale")
        XCTAssertEqual(output.fields.imageDescription, "Family on a beach")
        let playful = try XCTUnwrap(output.rawTags.first { $0.text == "playful" })
        XCTAssertEqual(playful.facetHint, "tone")
        XCTAssertEqual(playful.source, .embedded)
        XCTAssertEqual(playful.evidence, "XMP keyword 'tone:playful'")
        XCTAssertTrue(output.rawTags.contains { $0.text == "sale" && $0.evidence == "IPTC keyword 'sale'" && $0.facetHint == nil })
        // No colour entries: colours are measured but not named, and no colour tags.
        XCTAssertNil(output.fields.dominantColors.first?.nearestEntry)
        XCTAssertFalse(output.rawTags.contains { $0.source == .color })
        XCTAssertTrue(output.rawJSON.contains("not named"))
    }

    func testEXIFDescriptionIsReadWhenNothingElseDescribesTheImage() throws {
        let url = file("described.jpg")
        let bytes = TestImages.pixels(width: 64, height: 48, bands: 3) { _, _ in [90, 120, 200] }
        // libvips writes EXIF from its "exif-ifd0-*" header strings on save.
        try TestImages.write(
            bytes, width: 64, height: 48, bands: 3, to: url,
            strings: ["exif-ifd0-ImageDescription": "Beach at dusk (Beach at dusk, ASCII, 14 components, 14 bytes)"])
        let output = try analyser().analyse(file: url, colorEntries: [])
        XCTAssertEqual(output.fields.imageDescription, "Beach at dusk")
        XCTAssertNil(output.fields.title)
    }

    func testSidecarTagsAndMalformedSidecar() throws {
        let url = file("banner-1.png")
        try TestImages.write([UInt8](repeating: 128, count: 300 * 100 * 3), width: 300, height: 100, bands: 3, to: url)
        let sidecar =
            #"{"title": "Beach", "description": "Sunny beach", "tags": ["travel", "tone:playful"], "facets": {"theme": ["summer"]}}"#
        try Data(sidecar.utf8).write(to: file("banner-1.json"))
        let output = try analyser().analyse(file: url, colorEntries: TestPalette.entries)
        XCTAssertEqual(output.fields.sidecar, sidecar)
        XCTAssertEqual(output.fields.title, "Beach")
        XCTAssertEqual(output.fields.imageDescription, "Sunny beach")
        XCTAssertTrue(output.rawTags.contains { $0.text == "travel" && $0.source == .sidecar && $0.evidence == "sidecar tag 'travel'" })
        XCTAssertTrue(output.rawTags.contains { $0.text == "playful" && $0.facetHint == "tone" && $0.source == .sidecar })
        XCTAssertTrue(output.rawTags.contains { $0.text == "summer" && $0.facetHint == "theme" && $0.source == .sidecar })
        XCTAssertTrue(output.rawTags.contains { $0.text == "Grey" && $0.source == .color })

        try Data(#"{"tags": ["travel", "#.utf8).write(to: file("banner-1.json"))
        XCTAssertThrowsError(try analyser().analyse(file: url, colorEntries: [])) { error in
            let e = error as? AnalyserError
            XCTAssertEqual(e?.kind, .invalidSidecar)
            XCTAssertTrue(String(describing: error).hasPrefix("banner-1.json: malformed sidecar JSON for banner-1.png"), "\(error)")
        }
    }

    func testTIFFAndAMisleadingExtension() throws {
        let tiff = file("stripes.tif")
        let bytes = TestImages.pixels(width: 90, height: 60, bands: 3) { x, _ in x < 45 ? [242, 140, 40] : [26, 158, 158] }
        try TestImages.write(bytes, width: 90, height: 60, bands: 3, to: tiff)
        let output = try analyser().analyse(file: tiff, colorEntries: TestPalette.entries)
        XCTAssertEqual(output.mediaType, "image/tiff")
        XCTAssertEqual(Set(output.fields.dominantColors.compactMap(\.nearestEntry)), ["orange", "teal"])

        // The same bytes named .jpg: analysed by content, with a note about the name.
        let misnamed = file("stripes.jpg")
        try FileManager.default.copyItem(at: tiff, to: misnamed)
        let again = try analyser().analyse(file: misnamed, colorEntries: TestPalette.entries)
        XCTAssertEqual(again.mediaType, "image/tiff")
        XCTAssertTrue(again.rawJSON.contains("file extension .jpg but the content is TIFF"), again.rawJSON)
    }

    func testNotAnImageIsRefusedWithItsFirstBytes() throws {
        let url = file("hero.png")
        try Data("<html><body>hi</body></html>".utf8).write(to: url)
        XCTAssertThrowsError(try analyser().analyse(file: url, colorEntries: [])) { error in
            XCTAssertEqual((error as? AnalyserError)?.kind, .unsupportedType)
            XCTAssertTrue(String(describing: error).hasPrefix("hero.png: not a supported image (starts with 3c 68 74 6d 6c 3e"), "\(error)")
        }
        let empty = file("empty.jpg")
        try Data().write(to: empty)
        XCTAssertThrowsError(try analyser().analyse(file: empty, colorEntries: [])) { error in
            XCTAssertEqual(String(describing: error), "empty.jpg: empty file")
        }
        XCTAssertThrowsError(try analyser().analyse(file: file("missing.png"), colorEntries: [])) { error in
            XCTAssertEqual((error as? AnalyserError)?.kind, .unreadable)
            XCTAssertTrue(String(describing: error).hasPrefix("missing.png: cannot read file"), "\(error)")
        }
    }

    func testTruncatedJPEGFailsClearly() throws {
        let whole = file("whole.jpg")
        let bytes = TestImages.pixels(width: 300, height: 200, bands: 3) { x, y in [UInt8(x % 256), UInt8(y % 256), UInt8((x * y) % 256)] }
        try TestImages.write(bytes, width: 300, height: 200, bands: 3, to: whole)
        let data = try Data(contentsOf: whole)
        let cut = file("x.jpg")
        try data.prefix(data.count / 2).write(to: cut)
        XCTAssertThrowsError(try analyser().analyse(file: cut, colorEntries: [])) { error in
            XCTAssertEqual((error as? AnalyserError)?.kind, .decodeFailed)
            XCTAssertTrue(String(describing: error).hasPrefix("x.jpg: truncated JPEG data"), "\(error)")
        }
    }

    func testLimitsAreConfigurable() throws {
        let url = file("small.png")
        try TestImages.write([UInt8](repeating: 9, count: 50 * 40 * 3), width: 50, height: 40, bands: 3, to: url)
        XCTAssertThrowsError(try analyser(AnalyserConfiguration(maxPixels: 1999, ocrEnabled: false)).analyse(file: url, colorEntries: [])) {
            error in
            XCTAssertEqual((error as? AnalyserError)?.kind, .tooManyPixels)
            XCTAssertTrue(String(describing: error).hasPrefix("small.png: declares 50x40 pixels"), "\(error)")
        }
        XCTAssertNoThrow(try analyser(AnalyserConfiguration(maxPixels: 2000, ocrEnabled: false)).analyse(file: url, colorEntries: []))
        XCTAssertThrowsError(try analyser(AnalyserConfiguration(maxFileBytes: 10, ocrEnabled: false)).analyse(file: url, colorEntries: []))
        { error in
            XCTAssertEqual((error as? AnalyserError)?.kind, .fileTooLarge)
        }
    }

    func testMissingOCRDataIsAClearError() {
        XCTAssertThrowsError(try EmbeddedAnalyser(configuration: AnalyserConfiguration(tessdataPath: dir.path))) { error in
            XCTAssertEqual((error as? AnalyserError)?.kind, .ocrUnavailable)
            XCTAssertTrue(String(describing: error).hasPrefix("eng.traineddata: tesseract language data not found"), "\(error)")
        }
    }

    func testRenderedTextIsReadAndDense() throws {
        let url = file("sale-banner.png")
        try TestImages.writeText("SUMMER SALE\nFREE SHIPPING TODAY", font: "DejaVu Sans Bold 40", to: url)
        let output = try analyser(AnalyserConfiguration()).analyse(file: url, colorEntries: TestPalette.entries)
        let density = try XCTUnwrap(output.fields.textDensity)
        XCTAssertGreaterThan(density, 0.2, "words: \(output.fields.ocrWords)")
        for word in ["summer", "sale", "free", "shipping", "today"] {
            XCTAssertTrue(output.fields.ocrWords.contains(word), "\(word) in \(output.fields.ocrWords)")
        }
        XCTAssertEqual(output.fields.ocrWords.first, "summer", "reading order")
        XCTAssertTrue(output.rawTags.contains { $0.text == "text heavy" && $0.evidence.hasPrefix("text covers ") })
        XCTAssertTrue(output.rawTags.contains { $0.source == .ocr && $0.text == "sale" && $0.evidence.hasPrefix("OCR word 'sale'") })
    }

    func testPlainImageHasNoText() throws {
        let url = file("plain.png")
        let bytes = TestImages.pixels(width: 400, height: 300, bands: 3) { x, y in [UInt8(100 + x / 4), UInt8(80 + y / 4), 160] }
        try TestImages.write(bytes, width: 400, height: 300, bands: 3, to: url)
        let output = try analyser(AnalyserConfiguration()).analyse(file: url, colorEntries: TestPalette.entries)
        XCTAssertEqual(output.fields.textDensity, 0)
        XCTAssertEqual(output.fields.ocrWords, [])
        XCTAssertTrue(output.rawTags.contains { $0.text == "no text" })
    }
}
