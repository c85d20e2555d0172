import TerminalUI
import XCTest

/// Picture cells (image previews) reach the terminal in their own colours, degraded to what the
/// terminal shows, and without colour under NO_COLOR.
final class PicturesUnderTmuxTests: SmokeTestCase {
    private func pictureRow(_ capture: String) -> String {
        capture.split(separator: "\n").first { $0.contains("▀") && $0.contains("▄") }.map(String.init) ?? ""
    }

    func testPictureCellsDrawWithTheirColoursOn256ColourTerminals() throws {
        let session = try start(term: "tmux-256color")
        waitForScreen(session)
        let row = pictureRow(session.capture(escapes: true))
        let red = ColorDegradation.index256(RGB(220, 20, 30))
        let blue = ColorDegradation.index256(RGB(20, 40, 200))
        let green = ColorDegradation.index256(RGB(30, 200, 40))
        XCTAssertTrue(row.contains("38;5;\(red)") && row.contains("48;5;\(blue)"), "red over blue: \(row.debugDescription)")
        XCTAssertTrue(row.contains("38;5;\(green)"), "green over yellow: \(row.debugDescription)")
        XCTAssertTrue(session.capture().contains("▀▀▀▀▄▄▄▄ ┃"), session.capture())
    }

    func testPictureCellsDrawWithDirectColourWhereTheTerminalHasIt() throws {
        let entries = ["/usr/share/terminfo/x/xterm-direct", "/lib/terminfo/x/xterm-direct", "/etc/terminfo/x/xterm-direct"]
        guard entries.contains(where: FileManager.default.fileExists) else {
            throw XCTSkip("no xterm-direct terminfo entry here (ncurses-term provides it)")
        }
        let session = try start(term: "xterm-direct")
        let screen = waitForScreen(session)
        guard screen.contains("colours 16777216") else { throw XCTSkip("tmux does not pass direct colour through here:\n\(screen)") }
        let row = pictureRow(session.capture(escapes: true))
        XCTAssertTrue(row.range(of: "38;2;[0-9]+;[0-9]+;[0-9]+", options: .regularExpression) != nil, row.debugDescription)
    }

    func testPictureCellsLoseTheirColoursUnderNoColor() throws {
        let session = try start(environment: ["NO_COLOR": "1"])
        waitForScreen(session)
        let row = pictureRow(session.capture(escapes: true))
        XCTAssertTrue(row.contains("▀▀▀▀▄▄▄▄"), row.debugDescription)
        XCTAssertNil(row.range(of: "\u{1B}\\[[0-9;]*(38|48);", options: .regularExpression), row.debugDescription)
    }
}
