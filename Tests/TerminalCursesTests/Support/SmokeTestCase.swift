import Foundation
import TerminalTestSupport
import XCTest

/// Runs the real `terminal-smoke` binary in tmux, with TERM, LANG and size pinned.
///
/// The command around it reports how the program ended and the terminal modes it left behind
/// ("exit status N", then "icanon echo" when the line discipline is back to normal), then keeps
/// the pane open so the test can look at it.
class SmokeTestCase: XCTestCase {
    var sessions: [TmuxSession] = []

    static var binary: URL {
        var folder = Bundle(for: SmokeTestCase.self).bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("terminal-smoke")
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var path: String
        var description: String { "terminal-smoke not built at \(path): build with 'swift build --build-tests' first" }
    }

    static func findTmux() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("tmux")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    override func tearDown() {
        for session in sessions { session.kill() }
        sessions = []
        super.tearDown()
    }

    /// Starts the smoke program under `term` in a fresh tmux server.
    func start(
        term: String? = "tmux-256color", width: Int = 80, height: Int = 24, arguments: [String] = [], environment: [String: String] = [:],
        outputLog: String? = nil
    ) throws -> TmuxSession {
        guard let tmux = Self.findTmux() else {
            throw XCTSkip("tmux is not installed: the terminal tests that drive the real binary are skipped")
        }
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else { throw BinaryMissing(path: Self.binary.path) }
        var env = ["LANG": "C.UTF-8", "SWIFT_BACKTRACE": "enable=no"].merging(environment) { $1 }
        if let term { env["TERM"] = term }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let program = ([Self.binary.path] + arguments).map(Self.quote).joined(separator: " ")
        // With a log, the program waits until the pipe is in place, so its first bytes are kept.
        let pause = outputLog == nil ? "" : "sleep 0.5; "
        let command = """
            \(pause)trap 'echo shell saw SIGINT' INT; env -i \(assignments) \(program); echo "exit status $?"; \
            stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 600
            """
        let session = try TmuxSession(tmux: tmux, command: command, width: width, height: height)
        sessions.append(session)
        if let outputLog { try session.logOutput(to: outputLog) }
        return session
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Waits for the smoke screen to be drawn.
    @discardableResult
    func waitForScreen(_ session: TmuxSession, file: StaticString = #filePath, line: UInt = #line) -> String {
        // The status bar's "ready" is the last row drawn: a capture can land mid-frame.
        guard let screen = session.wait(until: { $0.contains("last key:") && $0.contains("ready") }) else {
            XCTFail("the smoke screen never appeared:\n\(session.capture())", file: file, line: line)
            return ""
        }
        return screen
    }

    /// Waits for the program to end, then checks the terminal is as it was: the normal screen,
    /// a visible cursor, no keypad or mouse mode, and canonical input with echo.
    func assertEnded(_ session: TmuxSession, status: [Int], file: StaticString = #filePath, line: UInt = #line) -> String {
        guard let screen = session.wait(until: { $0.contains("exit status") && $0.contains("echo") }) else {
            XCTFail("the program did not end:\n\(session.capture())", file: file, line: line)
            return ""
        }
        let reported = screen.split(separator: "\n").first { $0.hasPrefix("exit status ") }.flatMap { Int($0.dropFirst(12)) }
        XCTAssertTrue(
            reported.map(status.contains) ?? false,
            "exit status \(reported.map(String.init) ?? "?"), expected one of \(status):\n\(screen)", file: file, line: line)
        XCTAssertTrue(
            screen.contains("icanon echo"), "terminal modes not restored (want 'icanon echo'):\n\(screen)", file: file, line: line)
        XCTAssertEqual(
            session.display("#{alternate_on} #{cursor_flag} #{keypad_cursor_flag} #{mouse_any_flag}"), "0 1 0 0",
            "alternate screen, cursor, keypad and mouse modes must be back to normal", file: file, line: line)
        XCTAssertFalse(screen.contains("last key:"), "the console is still on screen:\n\(screen)", file: file, line: line)
        return screen
    }
}
