import Foundation
import XCTest

/// Previews in pixels: the picture cells go down as usual, then the graphic is written over them
/// at exactly their position, with the cursor saved and restored around it; taking the picture
/// away takes the pixels away (kitty: a delete command; sixel: the rows are repainted).
///
/// tmux does not show sixel or kitty images, so the test reads the raw bytes the program wrote
/// (tmux pipe-pane) rather than the screen.
final class PixelGraphicsUnderTmuxTests: SmokeTestCase {
    private func run(mode: String) throws -> (log: String, row: Int, column: Int, session: Any) {
        let log = NSTemporaryDirectory() + "assetscore-pixels-\(UUID().uuidString).log"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: log) }
        let session = try start(arguments: ["--graphics", mode], outputLog: log)
        let screen = waitForScreen(session)
        guard let line = screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(where: { $0.contains("▀▀▀▀▄▄▄▄") }) else {
            XCTFail("no picture strip:\n\(screen)")
            return ("", 0, 0, session)
        }
        let text = String(screen.split(separator: "\n", omittingEmptySubsequences: false)[line])
        let column = text.distance(from: text.startIndex, to: text.range(of: "▀▀▀▀")!.lowerBound)
        session.send("p")
        _ = session.wait { $0.contains("(1 keys)") }
        session.send("p")
        _ = session.wait { $0.contains("(2 keys)") }
        session.send("q")
        _ = assertEnded(session, status: [0])
        let bytes = (try? Data(contentsOf: URL(fileURLWithPath: log))) ?? Data()
        return (String(decoding: bytes, as: UTF8.self), line, column, session)
    }

    private func occurrences(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    func testSixelIsWrittenAtThePicturesCellsAndAgainAfterItWasHidden() throws {
        let result = try run(mode: "sixel")
        let placed = "\u{1B}7\u{1B}[\(result.row + 1);\(result.column + 1)H\u{1B}Pq#0;2;100;0;0#0~~~~~~~~\u{1B}\\\u{1B}8"
        // Shown, hidden with p, shown again with p: written twice, never while hidden.
        XCTAssertEqual(occurrences(placed, in: result.log), 2, result.log.debugDescription.suffix(2000).description)
        XCTAssertEqual(occurrences("\u{1B}Pq", in: result.log), 2)
    }

    func testKittyImageIsPlacedOverTheCellsAndDeletedWhenHiddenAndAtExit() throws {
        let result = try run(mode: "kitty")
        let placed = "\u{1B}7\u{1B}[\(result.row + 1);\(result.column + 1)H\u{1B}_Ga=T,f=24,s=1,v=1,c=8,r=1;/wAA\u{1B}\\\u{1B}8"
        XCTAssertEqual(occurrences(placed, in: result.log), 2, result.log.debugDescription.suffix(2000).description)
        let delete = "\u{1B}_Ga=d,d=A\u{1B}\\"
        // Once when p hides it, once at exit.
        XCTAssertEqual(occurrences(delete, in: result.log), 2, result.log.debugDescription.suffix(2000).description)
        let first = result.log.range(of: placed)!
        let hidden = result.log.range(of: delete)!
        XCTAssertLessThan(first.lowerBound, hidden.lowerBound, "the image is deleted after it was placed")
    }

    func testSymbolModeWritesNoGraphics() throws {
        let result = try run(mode: "symbols")
        XCTAssertFalse(result.log.contains("\u{1B}Pq") || result.log.contains("\u{1B}_G"), result.log.debugDescription.suffix(500).description)
        XCTAssertTrue(result.log.contains("▀▀▀▀"), "the picture cells are still drawn")
    }
}
