import TerminalUI
import XCTest

final class PictureCellTests: XCTestCase {
    private let red = RGB(200, 0, 0)
    private let blue = RGB(0, 0, 200)

    func testBlitCopiesPictureCellsClippedToTheRectAndTheBuffer() {
        var buffer = ScreenBuffer(width: 10, height: 4)
        let grid = (0..<3).map { _ in (0..<5).map { _ in Cell(picture: "▀", foreground: red, background: blue) } }
        buffer.blit(grid, in: Rect(x: 7, y: 2, width: 4, height: 4))
        XCTAssertEqual(buffer.text(), "\n\n       ▀▀▀\n       ▀▀▀", "clipped at the right edge and the bottom")
        XCTAssertEqual(buffer[x: 7, y: 2].picture, PictureColors(foreground: red, background: blue))
        XCTAssertNil(buffer[x: 6, y: 2].picture)
        XCTAssertEqual(buffer.roleMap(), "2 7-9 picture\n3 7-9 picture")
    }

    func testPictureCellsRefuseControlAndWideCharacters() {
        XCTAssertEqual(Cell(picture: "\u{1B}", foreground: red, background: blue).character, " ")
        XCTAssertEqual(Cell(picture: "\u{9B}", foreground: red, background: blue).character, " ")
        XCTAssertEqual(Cell(picture: "漢", foreground: red, background: blue).character, " ")
        XCTAssertEqual(Cell(picture: "▞", foreground: red, background: blue).width, 1)
    }

    func testBlitOverAWideCharacterKeepsTheRowWhole() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.write("漢字", x: 0, y: 0, role: .normal)
        buffer.blit([[Cell(picture: "█", foreground: red, background: blue)]], in: Rect(x: 1, y: 0, width: 1, height: 1))
        XCTAssertEqual(buffer.line(0), " █字")
    }

    func testRoleCellsHaveNoPictureColours() {
        XCTAssertNil(Cell("a").picture)
        XCTAssertNil(Cell.blank().picture)
    }

    func testOnlyColourlessThemesDropPictureColours() throws {
        XCTAssertFalse(ResolvedTheme(try ThemeCatalog().load("monochrome")).usesColor)
        for name in ["default-dark", "light", "high-contrast"] {
            XCTAssertTrue(ResolvedTheme(try ThemeCatalog().load(name)).usesColor, name)
        }
    }

    // MARK: placements for pixel graphics

    private func strip(_ width: Int) -> [[Cell]] {
        [(0..<width).map { _ in Cell(picture: "▀", foreground: RGB(200, 0, 0), background: RGB(0, 0, 200)) }]
    }

    func testBlitPictureRecordsWhereThePictureWent() {
        var buffer = ScreenBuffer(width: 20, height: 5)
        buffer.blitPicture(strip(6) + strip(6), in: Rect(x: 3, y: 1, width: 10, height: 4), source: "a.png")
        XCTAssertEqual(buffer.graphics, [GraphicPlacement(source: "a.png", rect: Rect(x: 3, y: 1, width: 6, height: 2))])
        XCTAssertEqual(buffer.visibleGraphics.count, 1)
    }

    func testPlaceholdersAndClippedPicturesGetNoPlacement() {
        var buffer = ScreenBuffer(width: 20, height: 5)
        buffer.blitPicture([[Cell.blank(.dim)]], in: Rect(x: 0, y: 0, width: 1, height: 1), source: "placeholder")
        // Half outside the buffer: pixels would not match the cells, so symbols only.
        buffer.blitPicture(strip(6), in: Rect(x: 17, y: 0, width: 6, height: 1), source: "clipped")
        XCTAssertEqual(buffer.graphics, [])
    }

    func testAPictureDrawnOverIsNoLongerVisibleAndANewOneReplacesAnOverlappingOne() {
        var buffer = ScreenBuffer(width: 20, height: 5)
        buffer.blitPicture(strip(6), in: Rect(x: 0, y: 0, width: 6, height: 1), source: "a.png")
        buffer.write("overlay", x: 2, y: 0, maxWidth: 7, role: .normal)
        XCTAssertEqual(buffer.graphics.count, 1)
        XCTAssertEqual(buffer.visibleGraphics, [], "text over the picture hides the pixels too")
        buffer.blitPicture(strip(6), in: Rect(x: 2, y: 0, width: 6, height: 1), source: "b.png")
        XCTAssertEqual(buffer.graphics.map(\.source), ["b.png"])
        XCTAssertEqual(buffer.visibleGraphics.map(\.source), ["b.png"])
    }
}
