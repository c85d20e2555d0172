import AssetScoreServer
import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Nothing a client sends may crash or stall the service.
final class RobustnessTests: ServerTestCase {
    override func configure(_ c: inout ServerConfiguration) {
        c.maxBodyBytes = 4096
        c.connectionMemoryLimit = 16 * 1024
    }

    func testBodyOverTheLimitIs413WhetherAnnouncedOrChunked() throws {
        let big = Data(repeating: UInt8(ascii: "a"), count: 10_000)
        let announced = try http.request("POST", "/v1/decide", headers: ["Content-Type": "application/json"], body: big)
        XCTAssertEqual(announced.status, 413)
        XCTAssertEqual(announced.errorCode, "payload_too_large")
        // Chunked: no Content-Length, the limit is found while reading.
        var chunked = "POST /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer test-token\r\n"
        chunked += "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        var bytes = Data(chunked.utf8)
        for _ in 0..<5 { bytes += Data("7D0\r\n".utf8) + Data(repeating: UInt8(ascii: "b"), count: 2000) + Data("\r\n".utf8) }
        bytes += Data("0\r\n\r\n".utf8)
        let r = try XCTUnwrap(try http.raw(bytes))
        XCTAssertEqual(r.status, 413)
        XCTAssertEqual(try http.get("/healthz").status, 200)
    }

    /// Found by attack: `user_id=ab%00cd` was decided for user "ab" (the C string ended at the
    /// NUL), `%ff` became U+FFFD and a repeated name silently kept its first value. Each is now a
    /// 400 naming the parameter, and nothing of the raw bytes comes back unescaped.
    func testNULInvalidUTF8AndRepeatedQueryParametersAreRefusedByName() throws {
        let cases = [
            ("/v1/decide?campaign=spring&user_id=u-beach%00%1b%5b31m", "user_id", "NUL"),
            ("/v1/decide?campaign=spr%00ing&user_id=u-beach", "campaign", "NUL"),
            ("/v1/decide?campaign=spring&user_id=%ff%fe%c0%80", "user_id", "UTF-8"),
            ("/v1/decide?campaign=spring&campaign=empty&user_id=u-red", "campaign", "more than once"),
            ("/v1/decide?campaign=spring&user_id=u-red&user_id=u-beach", "user_id", "more than once"),
        ]
        for (path, field, words) in cases {
            let r = try http.get(path)
            XCTAssertEqual(r.status, 400, "\(path): \(r.text)")
            XCTAssertEqual(r.errorCode, "bad_request", path)
            XCTAssertEqual(((try r.json()["error"] as? [String: Any])?["field"] as? String), field, path)
            XCTAssertTrue(r.errorMessage.contains(words), "\(path): \(r.errorMessage)")
            XCTAssertFalse(r.body.contains(0x1B), "no raw escape byte in \(path)")
        }
        let fine = try http.get("/v1/decide?campaign=spring&user_id=u-beach&other=1&other=2")
        XCTAssertEqual(fine.status, 200, "a repeated parameter the route does not read is ignored: \(fine.text)")
        XCTAssertEqual(try fine.json()["user_id"] as? String, "u-beach")
    }

    /// Found by attack: a 1.2 MB batch of 10,000 events sent by a client that does not wait for
    /// 100-continue (Python, most webhook senders) got a broken pipe, not the 413: the early
    /// answer closed the connection with the body unread. Bodies up to the drain limit are now
    /// read and dropped first.
    func testAnOversizedBodySentWithoutWaitingStillGetsThe413() throws {
        let size = 3 << 20
        let chunk = Data(repeating: UInt8(ascii: "x"), count: 64 * 1024)
        for attempt in 0..<5 {
            // As such clients do: headers, then the body in pieces, then read.
            let fd = try http.connect()
            defer { close(fd) }
            let head =
                "POST /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer test-token\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(size)\r\n\r\n"
            try RawHTTP.send(fd, Data(head.utf8))
            var sent = 0
            while sent < size {
                guard (try? RawHTTP.send(fd, chunk)) != nil else { break }
                sent += chunk.count
            }
            XCTAssertEqual(sent, size, "attempt \(attempt): the server closed while the body was sent")
            let r = try RawHTTP.readResponse(fd)
            XCTAssertEqual(r.status, 413, "attempt \(attempt)")
            XCTAssertEqual(r.errorCode, "payload_too_large", "attempt \(attempt)")
        }
        // Far past the drain limit the answer stays early (nobody reads gigabytes to refuse them).
        let head = "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-token\r\nContent-Length: 99999999999\r\n\r\n"
        let early = try XCTUnwrap(try http.raw(Data(head.utf8)))
        XCTAssertEqual(early.status, 413)
        XCTAssertEqual(try http.get("/healthz").status, 200)
    }

    func testHugeHeadersAreRefusedAndTheServiceGoesOn() throws {
        let huge = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "h", count: 40_000))\r\nConnection: close\r\n\r\n"
        let r = try XCTUnwrap(try http.raw(Data(huge.utf8)), "the server answers instead of just closing")
        XCTAssertTrue([413, 431].contains(r.status), "got \(r.status)")
        var many = "GET /healthz HTTP/1.1\r\nHost: x\r\n"
        for i in 0..<3000 { many += "X-H\(i): v\r\n" }
        many += "Connection: close\r\n\r\n"
        let r2 = try XCTUnwrap(try http.raw(Data(many.utf8)))
        XCTAssertTrue([413, 431].contains(r2.status), "got \(r2.status)")
        XCTAssertEqual(try http.get("/healthz").status, 200)
    }

    func testGarbageGetsAnErrorOrACloseAndTheServiceGoesOn() throws {
        // Junk on 20 connections at once: some is refused at once, some waits for a line end
        // until the connection timeout; meanwhile everyone else is served.
        var generator = SystemRandomNumberGenerator()
        var junk: [Data] = (0..<17).map { _ in Data((0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) }) }
        junk += [
            Data("GET\r\n\r\n".utf8), Data("POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n".utf8),
            Data("GET /healthz HTTP/9.9\r\n\r\n".utf8),
        ]
        var open: [Int32] = []
        defer { for fd in open { close(fd) } }
        for bytes in junk {
            let fd = try http.connect(timeout: 5)
            try? RawHTTP.send(fd, bytes)
            open.append(fd)
        }
        XCTAssertEqual(try http.get("/healthz").status, 200)
        for fd in open {
            if let r = try? RawHTTP.readResponse(fd) { XCTAssertGreaterThanOrEqual(r.status, 400) }
        }
        let raw = try http.postJSON("/v1/decide", "{\"campaign\": \"spr\u{0}ing\"}")
        XCTAssertEqual(raw.status, 400, "a raw control character is not JSON")
        let nul = try http.postJSON("/v1/decide", #"{"campaign": "spr\u0000ing\u001b[31m"}"#)
        XCTAssertEqual(nul.status, 404)
        XCTAssertFalse(nul.errorMessage.contains("\u{1b}"))
        XCTAssertFalse(nul.errorMessage.contains("\u{0}"))
        XCTAssertEqual(try http.get("/healthz").status, 200)
    }

    func testSlowClientsDoNotStallOthersAndAreDisconnected() throws {
        // Ten clients send half a request and stop.
        var slow: [Int32] = []
        defer { for fd in slow { close(fd) } }
        for _ in 0..<10 {
            let fd = try http.connect(timeout: 6)
            try RawHTTP.send(fd, Data("POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n".utf8))
            slow.append(fd)
        }
        let started = Date()
        for _ in 0..<20 { XCTAssertEqual(try http.get("/v1/decide?campaign=spring&user_id=u-red").status, 200) }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "other clients are served while the slow ones wait")
        // After the connection timeout (2 s here) the server closes them.
        var buffer = [UInt8](repeating: 0, count: 16)
        let n = recv(slow[0], &buffer, buffer.count, 0)
        XCTAssertLessThanOrEqual(n, 0, "the idle connection was closed, not answered")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5.5)
    }

    func testUnknownPathsAndMethods() throws {
        let missing = try http.get("/v2/whatever")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.errorCode, "not_found")
        let method = try http.request("PUT", "/v1/events", body: Data())
        XCTAssertEqual(method.status, 405)
        XCTAssertEqual(method.headers["allow"], "POST")
    }
}
