import Foundation
import TerminalCurses
import XCTest

final class NotATerminalTests: XCTestCase {
    /// Without a terminal (a pipe, CI), opening fails with a message and writes nothing to stdout.
    func testPipesAreRefusedClearly() throws {
        var folder = Bundle(for: NotATerminalTests.self).bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        let binary = folder.appendingPathComponent("terminal-smoke")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            return XCTFail("terminal-smoke not built at \(binary.path): build with 'swift build --build-tests' first")
        }
        let process = Process()
        process.executableURL = binary
        process.environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1)
        XCTAssertEqual(stdout.count, 0, "nothing on stdout")
        XCTAssertEqual(stderr, "terminal-smoke: error: standard input is not a terminal; the console needs an interactive terminal\n")
    }

    func testOpeningInATestProcessWithoutATerminalThrows() throws {
        // Opening for real here would take over the screen of whoever runs the tests.
        guard isatty(0) == 0 else { throw XCTSkip("the test runner's input is a terminal; covered by testPipesAreRefusedClearly") }
        XCTAssertThrowsError(try CursesTerminal()) { error in
            XCTAssertEqual(error as? TerminalError, .notATerminal(stream: "input"))
        }
        XCTAssertThrowsError(try CursesTerminal(), "a failed open leaves no instance claimed") { error in
            XCTAssertEqual(error as? TerminalError, .notATerminal(stream: "input"))
        }
    }

    func testErrorMessagesKeepControlCharactersOut() {
        let error = TerminalError.unknownTerminal(term: "evil\u{1B}]0;x\u{7}", noDatabase: false)
        XCTAssertFalse(error.description.contains("\u{1B}"))
        XCTAssertTrue(error.description.contains("'evil?]0;x?'"), error.description)
        XCTAssertTrue(TerminalError.unknownTerminal(term: "x", noDatabase: true).description.contains("no terminfo database"))
    }
}
