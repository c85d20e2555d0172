import XCTest

@testable import AssetScoreIngest

final class TextReadingTests: XCTestCase {
    func testUnionAreaCountsOverlapsOnce() {
        XCTAssertEqual(PixelRect.unionArea([]), 0)
        XCTAssertEqual(PixelRect.unionArea([PixelRect(x0: 0, y0: 0, x1: 10, y1: 10)]), 100)
        // Two overlapping squares: 100 + 100 - 25.
        XCTAssertEqual(
            PixelRect.unionArea([PixelRect(x0: 0, y0: 0, x1: 10, y1: 10), PixelRect(x0: 5, y0: 5, x1: 15, y1: 15)]), 175)
        // One inside another.
        XCTAssertEqual(
            PixelRect.unionArea([PixelRect(x0: 0, y0: 0, x1: 10, y1: 10), PixelRect(x0: 2, y0: 2, x1: 4, y1: 4)]), 100)
        // Disjoint, and a degenerate box.
        XCTAssertEqual(
            PixelRect.unionArea([
                PixelRect(x0: 0, y0: 0, x1: 2, y1: 2), PixelRect(x0: 10, y0: 10, x1: 13, y1: 13),
                PixelRect(x0: 5, y0: 5, x1: 5, y1: 9),
            ]), 13)
        // A plus shape: 30 + 30 - 9 (the shared centre 3x3).
        XCTAssertEqual(
            PixelRect.unionArea([PixelRect(x0: 0, y0: 3, x1: 10, y1: 6), PixelRect(x0: 3, y0: 0, x1: 6, y1: 10)]), 51)
    }

    func testWordFilterAndDensity() {
        let words = [
            OCRWord(text: "SUMMER", confidence: 95, box: PixelRect(x0: 0, y0: 0, x1: 50, y1: 10)),
            OCRWord(text: "Sale!", confidence: 88, box: PixelRect(x0: 60, y0: 0, x1: 100, y1: 10)),
            OCRWord(text: "50%", confidence: 90, box: PixelRect(x0: 0, y0: 20, x1: 30, y1: 30)),
            OCRWord(text: "summer", confidence: 70, box: PixelRect(x0: 0, y0: 40, x1: 50, y1: 50)),
            OCRWord(text: "~x", confidence: 99, box: PixelRect(x0: 0, y0: 60, x1: 10, y1: 70)),
            OCRWord(text: "noise", confidence: 30, box: PixelRect(x0: 0, y0: 80, x1: 100, y1: 100)),
            OCRWord(text: "ij", confidence: 80, box: PixelRect(x0: 90, y0: 90, x1: 100, y1: 100)),
            OCRWord(text: "on", confidence: 91, box: PixelRect(x0: 60, y0: 20, x1: 70, y1: 30)),
        ]
        let reading = TextReading(words: words, imageWidth: 100, imageHeight: 100)
        XCTAssertEqual(reading.words.map(\.text), ["summer", "sale", "on"])
        XCTAssertEqual(reading.words.map(\.confidence), [95, 88, 91])
        // 500 + 400 + 300 ("50%" counts as text) + 500 + 100 ("on"); "~x", "ij" (short, below 85)
        // and the low-confidence box do not.
        XCTAssertEqual(reading.density, 0.18, accuracy: 1e-9)
    }

    func testFormatClasses() {
        XCTAssertEqual(FormatClass.classify(width: 4000, height: 500), .banner)
        XCTAssertEqual(FormatClass.classify(width: 600, height: 200), .banner)
        XCTAssertEqual(FormatClass.classify(width: 1180, height: 600), .emailHeader)
        XCTAssertEqual(FormatClass.classify(width: 1920, height: 1280), .landscape)
        XCTAssertEqual(FormatClass.classify(width: 800, height: 800), .square)
        XCTAssertEqual(FormatClass.classify(width: 800, height: 1200), .portrait)
        XCTAssertEqual(FormatClass.classify(width: 160, height: 600), .skyscraper)
        XCTAssertEqual(FormatClass.classify(width: 128, height: 64), .icon)
        XCTAssertEqual(FormatClass.classify(width: 1, height: 1), .icon)
        XCTAssertEqual(FormatClass.emailHeader.tagText, "email header")
        XCTAssertEqual(FormatClass.orientation(width: 100, height: 200), "portrait")
        XCTAssertEqual(FormatClass.orientation(width: 100, height: 100), "square")
        XCTAssertEqual(FormatClass.orientation(width: 300, height: 200), "landscape")
    }

    func testImageSignatures() {
        XCTAssertEqual(ImageType.sniff([0xFF, 0xD8, 0xFF, 0xE0]), .jpeg)
        XCTAssertEqual(ImageType.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), .png)
        XCTAssertEqual(ImageType.sniff(Array("GIF89a".utf8)), .gif)
        XCTAssertEqual(ImageType.sniff(Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBP".utf8)), .webp)
        XCTAssertEqual(ImageType.sniff([0x4D, 0x4D, 0x00, 0x2A]), .tiff)
        XCTAssertNil(ImageType.sniff(Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVE".utf8)))
        XCTAssertNil(ImageType.sniff(Array("<svg xmlns=".utf8)))
        XCTAssertNil(ImageType.sniff([0xFF, 0xD8]))
    }

    func testDeclaredGIFFrameLargerThanScreen() {
        // 32x32 screen with a 4-colour table, then a frame of 65535x1321 at (0, 65280).
        var gif = Array("GIF89a".utf8) + [32, 0, 32, 0, 0xF1, 0, 0] + [UInt8](repeating: 0, count: 12)
        gif += [0x21, 0xF9, 4, 0, 0, 0, 0, 0]
        gif += [0x2C, 0, 0, 0x00, 0xFF, 0xFF, 0xFF, 0x29, 0x05, 0x00]
        XCTAssertEqual(DeclaredSize.largest(in: gif, type: .gif), DeclaredSize(width: 65535, height: 66601))
        XCTAssertEqual(DeclaredSize.largest(in: Array(gif.prefix(13)), type: .gif), DeclaredSize(width: 32, height: 32))
        // A PNG header declaring 2^32-1 squared must not overflow.
        let png: [UInt8] =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [UInt8](repeating: 0xFF, count: 8)
        XCTAssertEqual(DeclaredSize.largest(in: png, type: .png)?.pixels, Int.max)
    }
}
