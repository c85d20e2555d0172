import Foundation
import XCTest

/// Runs the real `assetscore` binary against a temporary database, as a user would.
class CLITestCase: XCTestCase {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    var workDir: URL!
    var dbPath: String { workDir.appendingPathComponent("test.db").path }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let sampleAssets = packageRoot.appendingPathComponent("sample-assets")
    static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    /// The executable in the build products folder that holds the test bundle (on Linux the
    /// bundle URL is that folder itself; elsewhere it is the .xctest inside it).
    static var binary: URL {
        var folder = Bundle(for: CLITestCase.self).bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("assetscore")
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var path: String
        var description: String { "assetscore binary not built at \(path): build with 'swift build --build-tests' first" }
    }

    override func setUpWithError() throws {
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent("assetscore-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw BinaryMissing(path: Self.binary.path)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: workDir)
    }

    func corpusDir(_ sub: String) throws -> URL {
        let url = Self.corpus.appendingPathComponent(sub)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("../shared/corpus not found (\(url.path)): tests on real files skipped")
        }
        return url
    }

    @discardableResult
    func run(_ args: [String], db: Bool = true, cwd: URL? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = (db ? ["--db", dbPath] : []) + args
        p.currentDirectoryURL = cwd ?? Self.packageRoot
        var env = ProcessInfo.processInfo.environment
        env["ASSETSCORE_DB"] = nil
        env["ASSETSCORE_ACTOR"] = "tester"
        p.environment = env
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // Read both pipes concurrently so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Run(
            status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs and asserts success, showing stderr when it fails.
    @discardableResult
    func ok(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        let r = try run(args)
        XCTAssertEqual(r.status, 0, "assetscore \(args.joined(separator: " ")) failed: \(r.stderr)", file: file, line: line)
        return r
    }

    func write(_ name: String, _ text: String) throws -> URL {
        let url = workDir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }
}
