import Foundation
import TerminalTestSupport
import XCTest

/// The real binary's console in a real terminal (tmux): accept a review item, switch to the
/// simulator, change weights, and see the winner change.
final class ConsoleEndToEndTests: CLITestCase {
    var session: TmuxSession?

    override func tearDownWithError() throws {
        session?.kill()
        try super.tearDownWithError()
    }

    static func findTmux() -> URL? {
        ["/usr/bin/tmux", "/usr/local/bin/tmux"].map(URL.init(fileURLWithPath:)).first {
            FileManager.default.isExecutableFile(atPath: $0.path)
        }
    }

    func startConsole(term: String = "tmux-256color", width: Int = 100, height: Int = 30) throws -> TmuxSession {
        guard let tmux = Self.findTmux() else { throw XCTSkip("tmux is not installed: the console end-to-end tests are skipped") }
        let command =
            "env -i TERM=\(term) LANG=C.UTF-8 HOME=\(workDir.path) ASSETSCORE_ACTOR=tester \(Self.binary.path) --db \(dbPath) console; "
            + "echo CONSOLE-EXIT=$?; sleep 600"
        let s = try TmuxSession(tmux: tmux, command: command, width: width, height: height)
        session = s
        return s
    }

    /// Waits until the screen contains `text`; fails with the screen when it never does.
    @discardableResult
    func waitFor(_ s: TmuxSession, _ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        if let screen = s.wait(until: { $0.contains(text) }) { return screen }
        XCTFail("'\(text)' never appeared; screen:\n\(s.capture())", file: file, line: line)
        return s.capture()
    }

    func testAcceptReviewThenChangeWeightsAndTheWinnerChanges() throws {
        try ok(["demo", "--no-real"])
        let s = try startConsole()
        waitFor(s, "1 Ingestion queue")

        s.send("2")
        // Three tags, a user's "birdwatching" and the night-owl gamer's "vintage cars".
        var screen = waitFor(s, "Tag review · 5 pending")
        XCTAssertTrue(screen.contains("staycation"), screen)
        s.send("a")
        screen = waitFor(s, "Tag review · 4 pending")
        let panes = screen.split(separator: "\n").dropLast().joined(separator: "\n")
        XCTAssertFalse(panes.contains("any        staycation"), "the accepted item leaves the queue:\n\(screen)")
        XCTAssertTrue(screen.contains("'staycation' mapped"), "the status bar says what happened:\n\(screen)")

        s.send("Tab")
        screen = waitFor(s, "Score simulator · app-launch")
        XCTAssertTrue(screen.contains("persona Deal hunter"), screen)
        XCTAssertTrue(screen.contains("★ 1. launch-offer-email-header.png"), screen)

        // The deal hunter comes to dislike sales, and colour stops counting in this campaign.
        for _ in 0..<20 { s.send("-") }
        waitFor(s, "-1.0")
        s.send("w")
        waitFor(s, "Facet weights")
        for _ in 0..<12 { s.send("-") }
        screen = waitFor(s, "★ 1. download-app-phone-square.png")
        XCTAssertFalse(screen.contains("\u{1B}"))

        s.send("q")
        screen = waitFor(s, "CONSOLE-EXIT=0")
        XCTAssertFalse(screen.contains("Score simulator"), "the terminal is restored on exit")
    }

    func testUnknownTermIsAClearErrorNotACrash() throws {
        try ok(["init"])
        let s = try startConsole(term: "no-such-terminal", width: 80, height: 24)
        let screen = waitFor(s, "CONSOLE-EXIT=1")
        XCTAssertTrue(screen.replacingOccurrences(of: "\n", with: "").contains("no-such-terminal"), screen)
    }
}
