import AssetScoreCore
import AssetScoreServer
import AssetScoreStorage
import Foundation
import TerminalTestSupport
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// The real `assetscore serve` binary: start-up line, and SIGTERM during a request.
final class ServeCLITests: CLITestCase {
    func testSIGTERMLetsTheRequestInFlightFinishThenExitsZero() throws {
        try run(["init"])
        let port = try Self.freePort()
        var env = ProcessInfo.processInfo.environment
        env["XDG_CONFIG_HOME"] = workDir.path
        env["ASSETSCORE_API_TOKENS"] = "cli-token"
        env["ASSETSCORE_DB"] = nil
        let server = try Spawn.start(
            Self.binary.path, ["--db", dbPath, "serve", "--port", String(port), "--threads", "2"], environment: env)
        XCTAssertTrue(Self.waitForOutput(server, "listening on http://127.0.0.1:\(port)", timeout: 20), server.output)

        // A request whose body is half sent when the signal arrives.
        let body = Data(#"{"campaign": "no-such-campaign", "user_id": "u1"}"#.utf8)
        let fd = try Self.connect(port)
        defer { close(fd) }
        let head =
            "POST /v1/decide HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer cli-token\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
        try Self.send(fd, Data(head.utf8) + body.prefix(10))
        usleep(200_000)
        server.signal(SIGTERM)
        XCTAssertTrue(Self.waitForOutput(server, "SIGTERM: no new connections", timeout: 5), server.output)
        XCTAssertThrowsError(try Self.connect(port), "no new connections after SIGTERM")
        try Self.send(fd, body.dropFirst(10))
        let response = try Self.readAll(fd)
        XCTAssertTrue(response.hasPrefix("HTTP/1.1 404"), response)
        XCTAssertTrue(response.contains(#""code":"unknown_campaign""#), response)
        XCTAssertEqual(try server.wait(timeout: 15), 0, server.output)
        XCTAssertTrue(server.output.contains("assetscore serve: stopped"), server.output)
    }

    func testAWebhookUploadIsAnalysedByTheServersWorkerAndServed() throws {
        try run(["init"])
        let port = try Self.freePort()
        var env = ProcessInfo.processInfo.environment
        env["XDG_CONFIG_HOME"] = workDir.path
        env["ASSETSCORE_API_TOKENS"] = "cli-token"
        env["ASSETSCORE_WEBHOOK_SECRET"] = "hook-secret"
        env["ASSETSCORE_DB"] = nil
        let server = try Spawn.start(Self.binary.path, ["--db", dbPath, "serve", "--port", String(port)], environment: env)
        XCTAssertTrue(Self.waitForOutput(server, "with a queue worker", timeout: 20), server.output)
        let image = try Data(contentsOf: Self.sampleAssets.appendingPathComponent("summer-sale/beach-sunset-header.jpg"))
        let t = Int(Date().timeIntervalSince1970)
        let signature = "t=\(t),v1=" + HMACSHA256.hex(key: Data("hook-secret".utf8), message: Data("\(t).".utf8) + image)
        let posted = try Self.exchange(
            port,
            "POST /v1/assets?campaign=hooks&filename=beach.jpg HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: image/jpeg\r\n"
                + "X-AssetScore-Signature: \(signature)\r\nContent-Length: \(image.count)\r\n\r\n", body: image)
        XCTAssertTrue(posted.hasPrefix("HTTP/1.1 202"), posted)
        // The worker in the server analyses the job; the campaign then serves the asset.
        var served = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            served = try Self.exchange(
                port,
                "GET /v1/decide?campaign=hooks&user_id=u1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer cli-token\r\n\r\n"
            )
            if served.hasPrefix("HTTP/1.1 200") && served.contains(#""media_type":"image/jpeg""#) { break }
            usleep(300_000)
        }
        XCTAssertTrue(served.contains(#""fallback_reason":"unknown_user""#), served)
        XCTAssertTrue(served.contains("-beach.jpg"), served)
        server.signal(SIGINT)
        XCTAssertEqual(try server.wait(timeout: 30), 0, server.output)
    }

    /// The server's worker loaded the dictionary at start; an entry added afterwards by another
    /// process must still map the tags of assets that arrive by webhook.
    func testAnEntryAddedAfterStartMapsTheNextWebhookAsset() throws {
        try run(["init"])
        let port = try Self.freePort()
        var env = childEnvironment
        env["ASSETSCORE_API_TOKENS"] = "cli-token"
        env["ASSETSCORE_WEBHOOK_SECRET"] = "hook-secret"
        let server = try Spawn.start(Self.binary.path, ["--db", dbPath, "serve", "--port", String(port)], environment: env)
        XCTAssertTrue(Self.waitForOutput(server, "with a queue worker", timeout: 20), server.output)
        // Another process (the console, `dict add`) adds the entry while the server runs.
        _ = try SQLiteStore(path: dbPath).importDictionary(
            facets: [], entries: [DictionaryEntry(id: "lagoon", facet: "theme", label: "Lagoon")], source: "console", actor: "alice")

        let image = try Data(contentsOf: Self.sampleAssets.appendingPathComponent("summer-sale/beach-sunset-header.jpg"))
        let boundary = "hook-boundary-1"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"campaign\"\r\n\r\nhooks\r\n".utf8)
        body += Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"facets\": {\"theme\": [\"lagoon\"]}}\r\n".utf8)
        body += Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lagoon.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
                .utf8)
        body += image + Data("\r\n--\(boundary)--\r\n".utf8)
        let t = Int(Date().timeIntervalSince1970)
        let signature = "t=\(t),v1=" + HMACSHA256.hex(key: Data("hook-secret".utf8), message: Data("\(t).".utf8) + body)
        let posted = try Self.exchange(
            port,
            "POST /v1/assets HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary=\(boundary)\r\n"
                + "X-AssetScore-Signature: \(signature)\r\nX-AssetScore-Delivery: lagoon-1\r\nContent-Length: \(body.count)\r\n\r\n",
            body: body)
        XCTAssertTrue(posted.hasPrefix("HTTP/1.1 202"), posted)

        let store = try SQLiteStore(path: dbPath)
        var job: QueueJob?
        try waitUntil("the server's worker finished the webhook job") {
            job = try store.job(deliveryKey: "lagoon-1")
            return job?.status.isFinished ?? false
        }
        let assetID = try XCTUnwrap(job?.assetID, "\(String(describing: job))")
        let tag = try XCTUnwrap(try store.tags(assetID: assetID).first { $0.raw.text == "lagoon" }, "no 'lagoon' tag")
        XCTAssertEqual(tag.entry, "lagoon", "the tag maps to the entry added after the server started")
        XCTAssertNil(tag.reviewItemID, "nothing waits for review")
        server.signal(SIGINT)
        XCTAssertEqual(try server.wait(timeout: 30), 0, server.output)
    }

    /// Sends a request on a new connection and reads the whole answer.
    static func exchange(_ port: UInt16, _ head: String, body: Data = Data()) throws -> String {
        let fd = try connect(port)
        defer { close(fd) }
        try send(fd, Data(head.utf8) + body)
        return try readAll(fd)
    }

    func testBadSettingsAreNamed() throws {
        try run(["init"])
        let config = workDir.appendingPathComponent("assetscore")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "serve.port = eighty\n".write(to: config.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        env["XDG_CONFIG_HOME"] = workDir.path
        let bad = try Spawn.run(Self.binary.path, ["--db", dbPath, "serve"], environment: env)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.output.contains("serve.port must be a whole number from 0 to 65535, got 'eighty'"), bad.output)
        try "".write(to: config.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let open = try Spawn.run(Self.binary.path, ["--db", dbPath, "serve", "--host", "0.0.0.0", "--port", "0"], environment: env)
        XCTAssertEqual(open.status, 1)
        XCTAssertTrue(open.output.contains("refusing to listen on 0.0.0.0:0 without API tokens"), open.output)
        let host = try Spawn.run(Self.binary.path, ["--db", dbPath, "serve", "--host", "example.com"], environment: env)
        XCTAssertTrue(host.output.contains("host 'example.com' is not an IPv4 or IPv6 address"), host.output)
    }

    /// Waits until the child printed `text`; false after `timeout`.
    static func waitForOutput(_ child: Spawn.Child, _ text: String, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if child.output.contains(text) { return true }
            usleep(20_000)
        }
        return false
    }

    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return UInt16(bigEndian: addr.sin_port)
    }

    static func connect(_ port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var tv = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "connect: \(String(cString: strerror(errno)))"])
        }
        return fd
    }

    static func send(_ fd: Int32, _ data: Data) throws {
        let sent = data.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        XCTAssertEqual(sent, data.count)
    }

    /// Reads until the server closes the connection (it says `Connection: close` while stopping).
    static func readAll(_ fd: Int32) throws -> String {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(buffer, count: n)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
