import Foundation
import XCTest

@testable import AssetScoreCore

/// Shared helpers of the import tests: corpus location and temporary files.
enum ImportFixtures {
    /// `../shared/corpus` beside the package root (this file is Tests/AssetScoreCoreTests/…).
    static func corpus(_ relative: String, filePath: String = #filePath) throws -> URL {
        let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.appendingPathComponent("../shared/corpus").appendingPathComponent(relative).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("../shared/corpus not found: \(url.path)")
        }
        return url
    }

    /// Writes `data` to a fresh temporary file named `name`.
    static func temporaryFile(_ name: String, _ data: Data) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assetscore-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> URL {
        try temporaryFile(name, Data(text.utf8))
    }

    static func removeTemporary(_ url: URL) {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }
}

final class ImportErrorTests: XCTestCase {
    func testDescriptionWithLine() {
        let e = ImportError(file: "users.csv", line: 12, message: "unterminated quoted field")
        XCTAssertEqual(e.description, "users.csv:12: unterminated quoted field")
        XCTAssertEqual(e.localizedDescription, "users.csv:12: unterminated quoted field")
    }

    func testDescriptionWithPathAndWithoutLine() {
        let e = ImportError(file: "dict.json", path: "facets[0].entries[3].hex", message: "bad")
        XCTAssertEqual(e.description, "dict.json: facets[0].entries[3].hex: bad")
        XCTAssertEqual(ImportError(file: "x.csv", message: "empty").description, "x.csv: empty")
    }

    func testListDescriptionNamesEveryError() {
        let list = ImportErrorList(
            file: "d.csv",
            errors: [
                ImportError(file: "d.csv", line: 2, message: "a"), ImportError(file: "d.csv", line: 5, message: "b"),
            ])
        XCTAssertEqual(list.description, "d.csv: 2 errors; nothing was imported\n  d.csv:2: a\n  d.csv:5: b")
    }
}
