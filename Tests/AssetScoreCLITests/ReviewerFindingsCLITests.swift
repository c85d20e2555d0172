import Foundation
import XCTest

/// Regressions for what a hostile review of the CLI found.
final class ReviewerFindingsCLITests: CLITestCase {
    func testExportRefusesAFolderAndLeavesItAlone() throws {
        try ok(["init"])
        try ok(["ingest", Self.sampleAssets.appendingPathComponent("app-launch").path])
        let keep = workDir.appendingPathComponent("keep")
        try FileManager.default.createDirectory(at: keep, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: keep.appendingPathComponent("f.txt"))
        let r = try run(["export", "--campaign", "app-launch", "--output", keep.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("keep"), r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: keep.appendingPathComponent("f.txt").path), "the folder is untouched")
    }

    func testAFailedAssetIsRetriedAndASidecarChangeIsPickedUp() throws {
        try ok(["init"])
        let folder = workDir.appendingPathComponent("retry")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let image = folder.appendingPathComponent("a.png")
        try FileManager.default.copyItem(at: Self.sampleAssets.appendingPathComponent("app-launch/app-icon-128.png"), to: image)
        let sidecar = folder.appendingPathComponent("a.json")
        try Data("{\"tags\": [1]}".utf8).write(to: sidecar)
        func ingestA() throws -> [String: Any] {
            let all = try XCTUnwrap(try run(["ingest", image.path, "--json"]).json() as? [[String: Any]])
            return try XCTUnwrap(all.first)
        }
        XCTAssertEqual(try ingestA()["status"] as? String, "failed")
        try Data("{\"tags\": [\"family\"]}".utf8).write(to: sidecar)
        let fixed = try ingestA()
        XCTAssertTrue(["ready", "needs_review"].contains(fixed["status"] as? String), "\(fixed)")
        XCTAssertEqual(try ingestA()["status"] as? String, "unchanged")
        try Data("{\"tags\": [\"family\", \"beach\"]}".utf8).write(to: sidecar)
        let changed = try ingestA()
        XCTAssertEqual(changed["asset_id"] as? Int, fixed["asset_id"] as? Int)
        XCTAssertGreaterThan(try XCTUnwrap(changed["version"] as? Int), try XCTUnwrap(fixed["version"] as? Int))
    }

    func testNamesThatAreNotUTF8AreReportedNotDropped() throws {
        try ok(["init"])
        let folder = workDir.appendingPathComponent("latin")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var path = Array(folder.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".png".utf8)
        path.append(0)
        let fd = path.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
        }
        XCTAssertGreaterThanOrEqual(fd, 0)
        close(fd)
        let out = try XCTUnwrap(try run(["ingest", folder.path, "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(out.count, 1)
        XCTAssertEqual(out.first?["status"] as? String, "skipped")
        XCTAssertTrue((out.first?["reason"] as? String)?.contains("UTF-8") == true)
    }

    func testReadCommandsDoNotCreateADatabase() throws {
        let r = try run(["assets"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("assetscore init"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dbPath))
    }

    func testAttributeAndWeightChecks() throws {
        try ok(["init"])
        try ok(["ingest", Self.sampleAssets.appendingPathComponent("app-launch").path])
        XCTAssertEqual(try run(["decide", "--campaign", "app-launch", "--attr", "nosuch=beach"]).status, 2)
        XCTAssertEqual(try run(["decide", "--campaign", "app-launch", "--attr", "theme=beach:5"]).status, 2)
        XCTAssertEqual(try run(["decide", "--campaign", "app-launch", "--attr", "theme=beach:-0.5"]).status, 0)
        XCTAssertEqual(try run(["campaign", "weight", "app-launch", "theme=1.7e308"]).status, 2)
    }

    func testConsoleSettingsFileErrorsNameTheLine() throws {
        try ok(["init"])
        let config = workDir.appendingPathComponent("xdg/assetscore")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data("# settings\ntheme = light\ncolour = red\n".utf8).write(to: config.appendingPathComponent("config"))
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = ["--db", dbPath, "console", "--script", "q"]
        p.environment = ["XDG_CONFIG_HOME": workDir.appendingPathComponent("xdg").path, "PATH": "/usr/bin:/bin"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 1)
        XCTAssertTrue(text.contains("config:3: unknown setting 'colour'"), text)
    }
}
