import CVips
import Foundation
import TerminalUI
import XCTest

@testable import AssetScorePreview

/// Previews decoded off the caller's thread: "loading…" at once, the same picture as an
/// in-place render once the background decode is done, pixels prepared with it.
final class ImagePreviewBackgroundTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("assetscore-preview-bg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func writePNG(_ name: String, width: Int, height: Int, pixel: [UInt8]) throws -> URL {
        try PNGFixture.write(name, in: directory, width: width, height: height, pixel: pixel)
    }

    func testLoadingFirstThenTheSamePictureAsInPlace() throws {
        let file = try writePNG("red.png", width: 200, height: 100, pixel: [220, 20, 30])
        let preview = ImagePreview()
        let first = preview.renderInBackground(file: file, columns: 20, rows: 10)
        XCTAssertEqual(first.failure, "loading")
        XCTAssertEqual(first.rows, 10)
        XCTAssertEqual(first.columns, 20)
        XCTAssertTrue(first.cells.allSatisfy { $0.allSatisfy { $0.picture == nil } }, "a placeholder makes no pixel placement")
        let text = first.cells.map { String($0.map(\.character)) }.joined()
        XCTAssertTrue(text.contains("loading…"), text)
        preview.waitForBackgroundDecodes()
        XCTAssertFalse(preview.isLoading(file: file, columns: 20, rows: 10))
        let ready = preview.renderInBackground(file: file, columns: 20, rows: 10)
        XCTAssertEqual(ready, ImagePreview().render(file: file, columns: 20, rows: 10))
        XCTAssertNil(ready.failure)
    }

    func testABadFileGetsItsPlaceholderFromTheBackgroundToo() throws {
        let broken = directory.appendingPathComponent("broken.png")
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: broken)
        let preview = ImagePreview()
        XCTAssertEqual(preview.renderInBackground(file: broken, columns: 20, rows: 3).failure, "loading")
        preview.waitForBackgroundDecodes()
        let shown = preview.renderInBackground(file: broken, columns: 20, rows: 3)
        XCTAssertEqual(shown, ImagePreview().render(file: broken, columns: 20, rows: 3))
        XCTAssertNotEqual(shown.failure, "loading")
    }

    func testRequestsRunNewestFirstAndEachOnce() throws {
        let files = try (0..<4).map { try writePNG("f\($0).png", width: 120, height: 60, pixel: [UInt8(40 * $0), 90, 200]) }
        let preview = ImagePreview()
        for _ in 0..<3 {
            for f in files { _ = preview.renderInBackground(file: f, columns: 12, rows: 6) }
        }
        preview.waitForBackgroundDecodes()
        XCTAssertEqual(preview.cachedCount, files.count, "each file decoded once, however often it was asked for")
        for f in files { XCTAssertNil(preview.renderInBackground(file: f, columns: 12, rows: 6).failure) }
    }

    /// After a terminal has drawn pixels once, a background decode prepares that variant, so
    /// the terminal's request for it when the picture shows is a cache hit.
    func testTheLastPixelVariantIsPreparedWithThePicture() throws {
        let seen = try writePNG("seen.png", width: 100, height: 100, pixel: [10, 200, 10])
        let file = try writePNG("red.png", width: 200, height: 100, pixel: [220, 20, 30])
        let preview = ImagePreview()
        XCTAssertNotNil(preview.graphic(file: seen, columns: 10, rows: 5, mode: .sixel, cellSize: (10, 20)))
        XCTAssertEqual(preview.cachedGraphicsCount, 1)
        _ = preview.renderInBackground(file: file, columns: 20, rows: 10)
        preview.waitForBackgroundDecodes()
        let picture = preview.renderInBackground(file: file, columns: 20, rows: 10)
        XCTAssertEqual(preview.cachedGraphicsCount, 2)
        let payload = preview.graphic(file: file, columns: picture.columns, rows: picture.rows, mode: .sixel, cellSize: (10, 20))
        XCTAssertEqual(preview.cachedGraphicsCount, 2, "the terminal's request was served from the cache")
        XCTAssertTrue(String(decoding: try XCTUnwrap(payload), as: UTF8.self).hasPrefix("\u{1B}P"))
    }
}
