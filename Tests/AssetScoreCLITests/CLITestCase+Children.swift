import FakeHTTPServer
import Foundation
import XCTest

extension CLITestCase {
    /// The environment for a binary started in the background: this test's database and actor,
    /// and a config folder of its own (so the user's config file never changes a result).
    var childEnvironment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["ASSETSCORE_DB"] = nil
        env["ASSETSCORE_ACTOR"] = "tester"
        env["XDG_CONFIG_HOME"] = workDir.path
        return env
    }

    /// Polls `condition` every 20 ms until it holds, failing the test after `timeout`.
    func waitUntil(_ what: String, timeout: TimeInterval = 60, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            usleep(20_000)
        }
        XCTFail("timed out waiting until \(what)")
    }
}

/// A CLI test with a fake model provider on loopback, started and stopped around each test.
class ModelServerCLITestCase: CLITestCase {
    var server: FakeHTTPServer!

    override func setUpWithError() throws {
        try super.setUpWithError()
        server = try FakeHTTPServer()
    }

    override func tearDownWithError() throws {
        server?.stop()
        try super.tearDownWithError()
    }
}
