import Foundation
import TerminalUI
import XCTest

/// Compares a screen with a stored text snapshot in Tests/TerminalUITests/Snapshots.
///
/// Each row is framed by "|" and padded to the buffer's width, so a row that is one column too
/// wide or too narrow (a wide character counted wrong) shows in the diff. Role runs follow.
/// Run with UPDATE_SNAPSHOTS=1 to write the files after checking a change by eye; a missing
/// snapshot otherwise fails.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    static func render(_ buffer: ScreenBuffer) -> String {
        var lines = ["# \(buffer.width)x\(buffer.height)"]
        for y in 0..<buffer.height {
            let line = buffer.line(y, trimmingTrailingSpaces: false)
            lines.append("|" + line + "|")
        }
        lines.append("# roles (row first-last role; normal omitted)")
        lines.append(buffer.roleMap())
        return lines.joined(separator: "\n") + "\n"
    }

    static func assert(_ buffer: ScreenBuffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = render(buffer)
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            XCTAssertNoThrow(try actual.write(to: url, atomically: true, encoding: .utf8), file: file, line: line)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail(
                "snapshot \(url.path) missing; check the screen below and run with UPDATE_SNAPSHOTS=1\n\(actual)", file: file, line: line)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            XCTFail(
                "snapshot \(name) differs at line \(first + 1):\n expected: \(first < e.count ? String(e[first]) : "<end>")\n   actual: \(first < a.count ? String(a[first]) : "<end>")\nwhole screen:\n\(actual)",
                file: file, line: line)
        }
    }
}
