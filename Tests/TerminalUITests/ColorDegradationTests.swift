import TerminalUI
import XCTest

final class ColorDegradationTests: XCTestCase {
    func testNearest256() {
        XCTAssertEqual(ColorDegradation.index256(RGB(255, 0, 0)), 196)
        XCTAssertEqual(ColorDegradation.index256(RGB(0, 0, 0)), 16)
        XCTAssertEqual(ColorDegradation.index256(RGB(255, 255, 255)), 231)
        XCTAssertEqual(ColorDegradation.index256(RGB(0x5F, 0xAF, 0xFF)), 75, "an exact cube colour maps to itself")
        XCTAssertEqual(ColorDegradation.index256(RGB(0x80, 0x80, 0x80)), 244, "greys use the grey ramp")
        XCTAssertEqual(ColorDegradation.index256(RGB(0x1C, 0x1C, 0x1C)), 234)
        XCTAssertEqual(ColorDegradation.index256(RGB(0xD0, 0xD0, 0xD0)), 252)
        XCTAssertEqual(ColorDegradation.index256(RGB(0x00, 0x5F, 0x87)), 24)
    }

    func testEveryIndexMapsBackToItself() {
        for index in 16..<256 {
            let rgb = ColorDegradation.rgb(ofIndex: index)!
            let back = ColorDegradation.index256(rgb)
            XCTAssertEqual(ColorDegradation.rgb(ofIndex: back), rgb, "index \(index)")
        }
    }

    func testNearest8() {
        XCTAssertEqual(ColorDegradation.index8(RGB(255, 0, 0)), 1)
        XCTAssertEqual(ColorDegradation.index8(RGB(0x1C, 0x1C, 0x1C)), 0)
        XCTAssertEqual(ColorDegradation.index8(RGB(0xD0, 0xD0, 0xD0)), 7)
        XCTAssertEqual(ColorDegradation.index8(RGB(0x00, 0x5F, 0xD7)), 4)
        XCTAssertEqual(ColorDegradation.index8(RGB(0xFF, 0xD7, 0x5F)), 3)
        XCTAssertEqual(ColorDegradation.index8(RGB(0x87, 0xD7, 0x87)), 2, "a pastel green stays green, not white")
        XCTAssertEqual(ColorDegradation.index8(RGB(0xFF, 0xAF, 0x5F)), 3, "orange becomes yellow")
        XCTAssertEqual(ColorDegradation.index8(RGB(0xD7, 0x87, 0xD7)), 5)
        XCTAssertEqual(ColorDegradation.index8(RGB(0x00, 0xFF, 0xFF)), 6)
        XCTAssertEqual(ColorDegradation.index8(RGB(0x80, 0x80, 0x80)), 7)
        XCTAssertEqual(ColorDegradation.index8(RGB(0x58, 0x58, 0x58)), 0)
        XCTAssertEqual(ColorDegradation.index8(RGB(0x1E, 0x1E, 0x2E)), 0, "too dark to have a hue")
    }

    func testDegradeByDepth() {
        let style = Style(foreground: RGB(255, 0, 0), background: nil, attributes: [.bold])
        XCTAssertEqual(ColorDegradation.degrade(style, to: .trueColor), TerminalStyle(foreground: .rgb(RGB(255, 0, 0)), attributes: .bold))
        XCTAssertEqual(ColorDegradation.degrade(style, to: .indexed256), TerminalStyle(foreground: .index(196), attributes: .bold))
        XCTAssertEqual(ColorDegradation.degrade(style, to: .ansi8), TerminalStyle(foreground: .index(1), attributes: .bold))
        XCTAssertEqual(ColorDegradation.degrade(style, to: .monochrome), TerminalStyle(attributes: .bold))
    }

    func testColoursThatMergeDoNotMakeTextInvisible() {
        let darkOnBlack = Style(foreground: RGB(0x30, 0x30, 0x30), background: RGB(0, 0, 0))
        XCTAssertEqual(ColorDegradation.degrade(darkOnBlack, to: .ansi8), TerminalStyle(foreground: .index(7), background: .index(0)))
        let paleOnWhite = Style(foreground: RGB(0xE0, 0xE0, 0xE0), background: RGB(0xFA, 0xFA, 0xFA))
        XCTAssertEqual(ColorDegradation.degrade(paleOnWhite, to: .ansi8), TerminalStyle(foreground: .index(0), background: .index(7)))
        let same = Style(foreground: RGB(1, 2, 3), background: RGB(1, 2, 3))
        XCTAssertEqual(
            ColorDegradation.degrade(same, to: .ansi8), TerminalStyle(foreground: .index(0), background: .index(0)),
            "a theme asking for invisible text gets it")
    }

    func testDepthFromColourCount() {
        XCTAssertEqual(ColorDepth(colors: 0), .monochrome)
        XCTAssertEqual(ColorDepth(colors: 2), .monochrome)
        XCTAssertEqual(ColorDepth(colors: 8), .ansi8)
        XCTAssertEqual(ColorDepth(colors: 16), .ansi8)
        XCTAssertEqual(ColorDepth(colors: 256), .indexed256)
        XCTAssertEqual(ColorDepth(colors: 16_777_216), .indexed256, "without the RGB flag, indexes are used")
        XCTAssertEqual(ColorDepth(colors: 16_777_216, direct: true), .trueColor)
    }
}
