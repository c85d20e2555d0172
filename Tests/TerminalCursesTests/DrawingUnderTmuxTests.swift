import TerminalUI
import XCTest

/// What the real terminal shows: wide characters in place, colours from the theme, hostile text
/// inert, long text clipped, and a redraw at every size.
final class DrawingUnderTmuxTests: SmokeTestCase {
    func testWideCharactersLineUpAndRolesGetThemeColours() throws {
        let session = try start()
        let screen = waitForScreen(session)
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first?.hasPrefix("┏ terminal-smoke ━"), true, screen)
        XCTAssertTrue(lines.contains { $0.hasPrefix("┃size 80x24  colours 256  theme default-dark") }, screen)
        guard let wide = lines.first(where: { $0.hasPrefix("┃漢字テスト ok 🎉 café ") }) else {
            return XCTFail("wide line missing:\n\(screen)")
        }
        XCTAssertEqual(ScreenBuffer.width(of: wide), 80, "the right border must be in the last column: \(wide)")
        XCTAssertTrue(wide.hasSuffix("┃"), wide)
        // Emoji where the C library's width differs from ours (a variation selector, a joined
        // sequence) must still leave the border in place.
        guard let emoji = lines.first(where: { $0.hasPrefix("┃emoji: ") }) else { return XCTFail("emoji line missing:\n\(screen)") }
        XCTAssertTrue(
            emoji.hasSuffix(" end" + String(repeating: " ", count: 80 - 2 - ScreenBuffer.width(of: "emoji: ❤️ 👨‍👩‍👧 é 🇫🇷 end")) + "┃"),
            emoji.debugDescription)
        // (The emoji row is checked by its padding below: a lone regional indicator read back from
        // the screen measures differently from the flag that was drawn.)
        for line in lines.prefix(23) where !line.isEmpty && !line.hasPrefix("┃emoji: ") {
            XCTAssertEqual(ScreenBuffer.width(of: line), 80, "every framed row is 80 columns: \(line)")
        }

        let coloured = session.capture(escapes: true)
        let wideColoured = coloured.split(separator: "\n").first { $0.contains("漢字テスト") }.map(String.init) ?? ""
        XCTAssertTrue(
            wideColoured.contains("38;5;215m漢字テスト"),
            "tag.unmapped is orange (#ffaf5f -> 215) in default-dark: \(wideColoured.debugDescription)")
        XCTAssertTrue(coloured.contains("48;5;234"), "the normal background (#1c1c1c -> 234) is drawn")
    }

    func testHostileTextIsInertAndLongTextIsClipped() throws {
        let session = try start()
        let screen = waitForScreen(session)
        XCTAssertTrue(screen.contains("┃hostile: \u{FFFD}[2J\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}31m\u{FFFD}txt "), screen)
        XCTAssertNotEqual(session.display("#{pane_title}"), "pwned", "an OSC title sequence from data must not reach the terminal")
        XCTAssertTrue(screen.contains("last key:"), "the ESC [2J in data must not clear the screen")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(where: { $0.hasPrefix("┃long-tag-") }) else { return XCTFail(screen) }
        XCTAssertTrue(lines[index].hasSuffix("…┃"), "a 306-character tag is cut with an ellipsis: \(lines[index])")
        XCTAssertEqual(lines[index + 1].trimmingCharacters(in: CharacterSet(charactersIn: "┃ ")), "", "and does not wrap onto the next row")
    }

    func testResizeRedrawsAndTooSmallShowsANotice() throws {
        let session = try start()
        waitForScreen(session)
        session.resize(width: 100, height: 30)
        // Wait for the whole frame: a capture can land while the redraw is half-way down the screen.
        let big = session.wait { $0.contains("size 100x30") && $0.contains("last key: resize") && $0.contains("ready") }
        XCTAssertNotNil(big, session.capture())
        let bigLines = (big ?? "").split(separator: "\n").map(String.init)
        XCTAssertTrue(bigLines.contains { $0.hasPrefix("┃漢字テスト") && ScreenBuffer.width(of: $0) == 100 && $0.hasSuffix("┃") }, big ?? "")

        session.resize(width: 30, height: 8)
        let small = session.wait { $0.contains("Terminal too small") }
        XCTAssertNotNil(small, session.capture())
        XCTAssertTrue(small?.contains("need 40x10, have 30x8") ?? false, small ?? "")

        session.resize(width: 80, height: 24)
        XCTAssertNotNil(session.wait { $0.contains("size 80x24") && !$0.contains("too small") }, session.capture())
        session.send("q")
        _ = assertEnded(session, status: [0])
    }

    func testNoColorGivesTheMonochromeTheme() throws {
        let session = try start(environment: ["NO_COLOR": "1"])
        let screen = waitForScreen(session)
        XCTAssertTrue(screen.contains("theme monochrome"), screen)
        let coloured = session.capture(escapes: true)
        let colourCodes = try NSRegularExpression(pattern: "\u{1B}\\[[0-9;]*(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+|9[0-7]|10[0-7])[;m]")
        let matches = colourCodes.numberOfMatches(in: coloured, range: NSRange(coloured.startIndex..., in: coloured))
        XCTAssertEqual(matches, 0, "no colour with NO_COLOR:\n\(coloured.debugDescription)")
        XCTAssertTrue(coloured.contains("\u{1B}[7m") || coloured.contains(";7m"), "the selection is shown in reverse video")
    }

    func testEveryCommonTermTypeDrawsAndQuitsCleanly() throws {
        for (term, colours) in [("xterm-256color", 256), ("screen-256color", 256), ("tmux-256color", 256), ("linux", 8)] {
            let session = try start(term: term)
            let screen = waitForScreen(session)
            XCTAssertTrue(screen.contains("colours \(colours)  theme default-dark"), "\(term):\n\(screen)")
            let wide = screen.split(separator: "\n").first { $0.hasPrefix("┃漢字テスト ok") }.map(String.init) ?? ""
            XCTAssertEqual(ScreenBuffer.width(of: wide), 80, "\(term): \(wide)")
            session.send("Up")
            XCTAssertNotNil(session.wait { $0.contains("last key: up (1 keys)") }, "\(term):\n\(session.capture())")
            session.send("q")
            let end = assertEnded(session, status: [0])
            XCTAssertTrue(end.contains("terminal-smoke: bye after 1 keys"), "\(term):\n\(end)")
        }
    }
}
