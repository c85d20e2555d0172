import Foundation
import XCTest

/// The terminal comes back whole however the program ends.
final class RestoreUnderTmuxTests: SmokeTestCase {
    func testQuit() throws {
        let session = try start()
        waitForScreen(session)
        session.send("q")
        let screen = assertEnded(session, status: [0])
        XCTAssertTrue(screen.contains("terminal-smoke: bye after 0 keys"), screen)
    }

    func testCtrlC() throws {
        let session = try start()
        waitForScreen(session)
        session.send("C-c")
        let screen = assertEnded(session, status: [130])
        XCTAssertTrue(screen.contains("shell saw SIGINT"), "the program died of SIGINT, as a Ctrl-C should:\n\(screen)")
    }

    func testSigterm() throws {
        let session = try start()
        let screen = waitForScreen(session)
        guard
            let pid = screen.split(separator: "\n").compactMap({ line -> Int32? in
                guard let range = line.range(of: "pid ") else { return nil }
                return Int32(line[range.upperBound...].prefix { $0.isNumber })
            }).first
        else { return XCTFail("no pid on screen:\n\(screen)") }
        XCTAssertEqual(kill(pid, SIGTERM), 0)
        _ = assertEnded(session, status: [143])
    }

    func testAnErrorAfterDrawingRestoresBeforeTheMessage() throws {
        let session = try start(arguments: ["--fail-after-draw"])
        let screen = assertEnded(session, status: [1])
        XCTAssertTrue(screen.contains("terminal-smoke: error: simulated failure after the first draw"), screen)
    }

    func testACrashRestores() throws {
        let session = try start(arguments: ["--crash-after-draw"])
        // A Swift trap is SIGILL (132) or SIGTRAP (133) depending on the platform.
        _ = assertEnded(session, status: [132, 133, 134])
    }

    func testUnknownTermIsAClearErrorWithoutGarbage() throws {
        let cases: [(String?, String)] = [
            (
                "nonexistent-term",
                "terminal-smoke: error: unknown terminal type 'nonexistent-term' (TERM): this system has no terminfo entry for it"
            ),
            ("dumb", "terminal-smoke: error: terminal type 'dumb' (TERM) cannot move the cursor"),
            (nil, "terminal-smoke: error: TERM is not set"),
        ]
        for (term, message) in cases {
            let session = try start(term: term)
            let screen = assertEnded(session, status: [1])
            let joined = screen.split(separator: "\n").joined()  // the 80-column pane wraps the message
            XCTAssertTrue(joined.contains(message), "\(term ?? "no TERM"):\n\(screen)")
            let raw = session.capture(escapes: true)
            XCTAssertFalse(raw.contains("\u{1B}"), "nothing but the message may be written: \(raw.debugDescription)")
            let lines = screen.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.first?.hasPrefix("terminal-smoke: error: "), true, "the message is the first thing on screen:\n\(screen)")
            session.kill()
        }
    }
}
