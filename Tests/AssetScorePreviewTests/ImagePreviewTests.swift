import CVips
import Foundation
import TerminalUI
import XCTest

@testable import AssetScorePreview

final class ImagePreviewTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("assetscore-preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func writePNG(_ name: String, width: Int, height: Int, pixel: [UInt8]) throws -> URL {
        try PNGFixture.write(name, in: directory, width: width, height: height, pixel: pixel)
    }

    private static var corpus: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/corpus").standardizedFileURL
    }

    func testSolidRedGivesRedCells() throws {
        let file = try writePNG("red.png", width: 200, height: 100, pixel: [220, 20, 30])
        let result = ImagePreview().render(file: file, columns: 20, rows: 10)
        XCTAssertNil(result.failure)
        XCTAssertEqual(result.columns, 20)
        XCTAssertEqual(result.rows, 5, "a 2:1 image in cells twice as tall as wide")
        for row in result.cells {
            XCTAssertEqual(row.count, result.columns)
            for cell in row {
                let colors = try XCTUnwrap(cell.picture)
                // Whichever of the two colours a symbol shows, a solid image makes both red.
                for c in [colors.foreground, colors.background] where cell.character != " " || c == colors.background {
                    XCTAssertGreaterThan(Int(c.r), 180, "\(c)")
                    XCTAssertLessThan(Int(c.g), 60, "\(c)")
                    XCTAssertLessThan(Int(c.b), 70, "\(c)")
                }
                XCTAssertEqual(cell.role, .picture)
            }
        }
    }

    func testTransparencyIsFlattenedOntoGrey() throws {
        let file = try writePNG("clear.png", width: 64, height: 64, pixel: [255, 0, 0, 0])
        let result = ImagePreview().render(file: file, columns: 8, rows: 8)
        XCTAssertNil(result.failure)
        let bg = try XCTUnwrap(result.cells.first?.first?.picture).background
        XCTAssertEqual(Int(bg.r), 128, accuracy: 8)
        XCTAssertEqual(Int(bg.g), 128, accuracy: 8)
    }

    func testCorruptFileGivesPlaceholder() throws {
        let file = directory.appendingPathComponent("broken.png")
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        bytes += Array("this is not a PNG chunk at all \u{1B}[31m".utf8)
        try Data(bytes).write(to: file)
        let result = ImagePreview().render(file: file, columns: 30, rows: 4)
        XCTAssertNotNil(result.failure)
        XCTAssertEqual(result.rows, 4)
        XCTAssertEqual(result.columns, 30)
        let text = result.cells.map { String($0.map(\.character)) }.joined(separator: "\n")
        XCTAssertTrue(text.hasPrefix("no preview:"), text)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no control characters: \(text)")
        XCTAssertTrue(result.cells.joined().allSatisfy { $0.picture == nil })
    }

    func testMissingAndEmptyFilesGivePlaceholders() throws {
        let empty = directory.appendingPathComponent("empty.jpg")
        try Data().write(to: empty)
        XCTAssertEqual(ImagePreview().render(file: empty, columns: 20, rows: 3).failure, "empty file")
        let missing = ImagePreview().render(file: directory.appendingPathComponent("nope.png"), columns: 20, rows: 3)
        XCTAssertEqual(missing.failure, "cannot read the file")
        XCTAssertEqual(ImagePreview().render(file: directory, columns: 20, rows: 3).failure, "not a regular file")
    }

    func testDecompressionBombIsRefusedBeforeDecoding() throws {
        let bomb = Self.corpus.appendingPathComponent("images/nasty/pillow/decompression_bomb.gif")
        guard FileManager.default.fileExists(atPath: bomb.path) else { throw XCTSkip("../shared/corpus not found: \(bomb.path)") }
        let start = Date()
        let result = ImagePreview().render(file: bomb, columns: 40, rows: 10)
        let reason = try XCTUnwrap(result.failure)
        XCTAssertTrue(reason.contains("over the 100 MP limit"), reason)
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    }

    func testCorpusImagesRenderOrFailCleanly() throws {
        let dir = Self.corpus.appendingPathComponent("images/nasty/pillow")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
            throw XCTSkip("../shared/corpus not found: \(dir.path)")
        }
        let preview = ImagePreview()
        for name in names.sorted() {
            let result = preview.render(file: dir.appendingPathComponent(name), columns: 24, rows: 8)
            XCTAssertGreaterThan(result.rows, 0, name)
            XCTAssertTrue(result.cells.allSatisfy { $0.count == result.columns }, name)
            if name == "hopper.gif" || name == "flower.webp" { XCTAssertNil(result.failure, name) }
            if name == "truncated_jpeg.jpg" || name == "broken.png" { XCTAssertNotNil(result.failure, name) }
        }
    }

    func testCacheServesRedrawsAndNoticesChanges() throws {
        let preview = ImagePreview(cacheSize: 2)
        let file = try writePNG("a.png", width: 40, height: 40, pixel: [0, 0, 255])
        let first = preview.render(file: file, columns: 10, rows: 5)
        XCTAssertEqual(preview.render(file: file, columns: 10, rows: 5), first)
        XCTAssertEqual(preview.cachedCount, 1)
        // Replaced on disk (new size and time): the new pixels show.
        _ = try writePNG("a.png", width: 80, height: 40, pixel: [0, 255, 0])
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(10)], ofItemAtPath: file.path)
        let second = preview.render(file: file, columns: 10, rows: 5)
        XCTAssertNotEqual(second, first)
        XCTAssertGreaterThan(try XCTUnwrap(second.cells.first?.first?.picture).background.g, 200)
        _ = preview.render(file: file, columns: 12, rows: 5)
        _ = preview.render(file: file, columns: 14, rows: 5)
        XCTAssertEqual(preview.cachedCount, 2, "least recently used entries are dropped")
    }

    func testNoRoomGivesAnEmptyGrid() {
        let result = ImagePreview().render(file: URL(fileURLWithPath: "/nonexistent.png"), columns: 0, rows: 5)
        XCTAssertTrue(result.cells.isEmpty)
    }

    // MARK: pixel graphics

    func testSixelPayloadIsOneCompleteSequenceSizedToTheCells() throws {
        let file = try writePNG("red.png", width: 200, height: 100, pixel: [220, 20, 30])
        let payload = try XCTUnwrap(
            ImagePreview().graphic(file: file, columns: 20, rows: 5, mode: .sixel, cellSize: (10, 20)))
        let text = String(decoding: payload, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("\u{1B}P"), text.prefix(20).debugDescription)
        XCTAssertTrue(text.hasSuffix("\u{1B}\\"), text.suffix(20).debugDescription)
        XCTAssertEqual(text.components(separatedBy: "\u{1B}P").count, 2, "one sixel image")
        // The raster attributes say how many pixels: at most the 200x100 the cells cover.
        let raster = try XCTUnwrap(text.range(of: "\"1;1;[0-9]+;[0-9]+", options: .regularExpression))
        let size = text[raster].dropFirst(5).split(separator: ";").compactMap { Int($0) }
        XCTAssertEqual(size.count, 2)
        XCTAssertLessThanOrEqual(size[0], 200)
        XCTAssertLessThanOrEqual(size[1], 100)
        XCTAssertGreaterThan(size[0], 150, "the image fills the width it was given")
    }

    func testKittyPayloadPlacesTheImageOnTheGivenCells() throws {
        let file = try writePNG("red.png", width: 200, height: 100, pixel: [220, 20, 30])
        let payload = try XCTUnwrap(
            ImagePreview().graphic(file: file, columns: 20, rows: 5, mode: .kitty, cellSize: (10, 20)))
        let text = String(decoding: payload, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("\u{1B}_G"), text.prefix(40).debugDescription)
        XCTAssertTrue(text.contains("c=20,r=5"), text.prefix(80).debugDescription)
        XCTAssertTrue(text.hasSuffix("\u{1B}\\"))
    }

    func testNoGraphicForSymbolsBadFilesOrAbsurdSizes() throws {
        let file = try writePNG("red.png", width: 20, height: 20, pixel: [220, 20, 30])
        let preview = ImagePreview()
        XCTAssertNil(preview.graphic(file: file, columns: 10, rows: 5, mode: .symbols, cellSize: (10, 20)))
        XCTAssertNil(preview.graphic(file: file, columns: 0, rows: 5, mode: .sixel, cellSize: (10, 20)))
        XCTAssertNil(preview.graphic(file: file, columns: 10, rows: 5, mode: .sixel, cellSize: (0, 0)))
        let broken = directory.appendingPathComponent("broken.png")
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: broken)
        XCTAssertNil(preview.graphic(file: broken, columns: 10, rows: 5, mode: .kitty, cellSize: (10, 20)))
        XCTAssertNil(preview.graphic(file: directory.appendingPathComponent("missing.png"), columns: 10, rows: 5, mode: .sixel, cellSize: (10, 20)))
    }

    func testDetectionFollowsTheTerminalAndIsConservative() {
        XCTAssertEqual(PixelGraphics.detect(environment: ["TERM": "xterm-kitty"]), .kitty)
        XCTAssertEqual(PixelGraphics.detect(environment: ["TERM": "foot"]), .sixel)
        XCTAssertEqual(PixelGraphics.detect(environment: ["TERM": "mlterm"]), .sixel)
        // Terminals that may or may not draw pixels (xterm without -ti vt340, tmux, the Linux console) get symbols.
        XCTAssertEqual(PixelGraphics.detect(environment: ["TERM": "xterm-256color"]), .symbols)
        XCTAssertEqual(PixelGraphics.detect(environment: ["TERM": "tmux-256color", "TMUX": "/tmp/x"]), .symbols)
        XCTAssertEqual(PixelGraphics.detect(environment: ["TERM": "linux"]), .symbols)
        XCTAssertEqual(PixelGraphics.detect(environment: [:]), .symbols)
        XCTAssertEqual(PixelGraphics.mode(named: "SIXEL", environment: [:]), .sixel)
        XCTAssertEqual(PixelGraphics.mode(named: "auto", environment: ["TERM": "xterm-kitty"]), .kitty)
        XCTAssertNil(PixelGraphics.mode(named: "iterm", environment: [:]))
    }
}
