import AssetScoreHTTP
import FakeHTTPServer
import XCTest

/// The client against a scripted server on loopback: what it sends, and every way a transfer can fail.
final class HTTPClientTests: XCTestCase {
    private var server: FakeHTTPServer!

    override func setUpWithError() throws {
        server = try FakeHTTPServer()
    }

    override func tearDown() {
        server.stop()
    }

    private func client(
        total: TimeInterval = 5, connect: TimeInterval = 2, maxBytes: Int = 1 << 20, redirects: Int = 0,
        lowSpeedTime: TimeInterval = 30, policy: AddressPolicy = .publicAndLoopback
    ) -> HTTPClient {
        HTTPClient(
            options: HTTPClientOptions(
                connectTimeout: connect, totalTimeout: total, lowSpeedTime: lowSpeedTime, maxResponseBytes: maxBytes,
                maxRedirects: redirects, addressPolicy: policy))
    }

    private func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(server.port)\(path)")! }

    func testSendsExactlyTheRequestAndReadsTheResponse() throws {
        server.enqueue(.json(201, #"{"ok":true}"#, headers: [("X-Request-Id", "abc"), ("retry-after", "7")]))
        var headers: HTTPHeaders = ["Authorization": "Bearer t0k", "Content-Type": "application/json"]
        headers.add("X-Two", "1")
        headers.add("X-Two", "2")
        let body = Data(#"{"a":[1,2]}"#.utf8)
        let response = try client().send(HTTPRequest(method: "POST", url: url("/v1/things?x=1"), headers: headers, body: body))

        XCTAssertEqual(response.status, 201)
        XCTAssertEqual(response.text, #"{"ok":true}"#)
        XCTAssertEqual(response.headers["x-request-id"], "abc")
        XCTAssertEqual(response.headers["Retry-After"], "7")
        XCTAssertEqual(response.primaryIP, "127.0.0.1")
        let request = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.target, "/v1/things?x=1")
        XCTAssertEqual(request.header("authorization"), "Bearer t0k")
        XCTAssertEqual(request.header("Content-Type"), "application/json")
        XCTAssertEqual(request.headers.filter { $0.0 == "X-Two" }.map(\.1), ["1", "2"])
        XCTAssertNil(request.header("Expect"), "no 100-continue handshake")
        XCTAssertEqual(request.body, body)
    }

    func testLargeBodyIsSentWithoutExpectContinue() throws {
        server.enqueue(.json(200, "{}"))
        let body = Data(repeating: 0x61, count: 3 * 1024 * 1024)
        _ = try client().send(HTTPRequest(method: "POST", url: url("/big"), body: body))
        XCTAssertEqual(server.requests.first?.body.count, body.count)
        XCTAssertNil(server.requests.first?.header("Expect"))
    }

    func testGetAndPutMethods() throws {
        server.enqueue(.json(200, "{}"), .json(204, ""))
        XCTAssertEqual(try client().send(HTTPRequest(url: url("/g"))).status, 200)
        XCTAssertEqual(try client().send(HTTPRequest(method: "PUT", url: url("/p"), body: Data("x".utf8))).status, 204)
        XCTAssertEqual(server.requests.map(\.method), ["GET", "PUT"])
        XCTAssertEqual(server.requests.last?.body, Data("x".utf8))
    }

    func testSlowAnswerTimesOut() {
        server.enqueue(ScriptedResponse(status: 200, body: Data("late".utf8), delay: 3))
        let started = Date()
        XCTAssertThrowsError(try client(total: 0.7).send(HTTPRequest(url: url("/slow")))) { error in
            guard case .timedOut(let origin, _) = error as? HTTPClientError else { return XCTFail("\(error)") }
            XCTAssertEqual(origin, "http://127.0.0.1:\(server.port)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.5)
    }

    /// A server that trickles bytes is cut off by the low-speed limit long before the total timeout.
    func testStalledTransferEndsOnTheLowSpeedLimit() {
        let body = Data(repeating: 0x41, count: 400)
        server.enqueue(ScriptedResponse(status: 200, body: body, delivery: .drip(chunk: 1, interval: 0.6)))
        let options = HTTPClientOptions(
            connectTimeout: 2, totalTimeout: 60, lowSpeedLimit: 100, lowSpeedTime: 1, addressPolicy: .publicAndLoopback)
        let started = Date()
        XCTAssertThrowsError(try HTTPClient(options: options).send(HTTPRequest(url: url("/drip")))) { error in
            guard case .timedOut = error as? HTTPClientError else { return XCTFail("\(error)") }
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    func testDripWithinLimitsArrivesWhole() throws {
        server.enqueue(ScriptedResponse(status: 200, body: Data("0123456789".utf8), delivery: .drip(chunk: 7, interval: 0.01)))
        XCTAssertEqual(try client().send(HTTPRequest(url: url("/d"))).text, "0123456789")
    }

    func testResetMidBodyIsConnectionReset() {
        server.enqueue(ScriptedResponse(status: 200, body: Data(repeating: 0x42, count: 5000), delivery: .resetAfter(bytes: 100)))
        XCTAssertThrowsError(try client().send(HTTPRequest(url: url("/reset")))) { error in
            guard case .connectionReset = error as? HTTPClientError else { return XCTFail("\(error)") }
        }
    }

    func testCloseMidBodyAndEmptyAnswerAreConnectionReset() {
        server.enqueue(
            ScriptedResponse(status: 200, body: Data(repeating: 0x42, count: 5000), delivery: .closeAfter(bytes: 10)),
            ScriptedResponse(delivery: .closeWithoutAnswer))
        for path in ["/cut", "/nothing"] {
            XCTAssertThrowsError(try client().send(HTTPRequest(url: url(path))), path) { error in
                guard case .connectionReset = error as? HTTPClientError else { return XCTFail("\(path): \(error)") }
            }
        }
    }

    func testConnectionRefused() throws {
        let closed = try FakeHTTPServer()
        let port = closed.port
        closed.stop()
        XCTAssertThrowsError(try client().send(HTTPRequest(url: URL(string: "http://127.0.0.1:\(port)/")!))) { error in
            guard case .connectionRefused = error as? HTTPClientError else { return XCTFail("\(error)") }
        }
    }

    func testResponseOverTheLimitIsAborted() {
        // One with Content-Length (refused up front) and one without (counted while reading).
        server.enqueue(
            ScriptedResponse(status: 200, body: Data(repeating: 0x43, count: 10_000)),
            ScriptedResponse(status: 200, headers: [("Content-Length", "")], body: Data(repeating: 0x43, count: 10_000)))
        for _ in 0..<2 {
            XCTAssertThrowsError(try client(maxBytes: 1000).send(HTTPRequest(url: url("/huge")))) { error in
                XCTAssertEqual(error as? HTTPClientError, .responseTooLarge(origin: "http://127.0.0.1:\(server.port)", limit: 1000))
            }
        }
    }

    func testRedirectsAreNotFollowedByDefault() throws {
        server.enqueue(ScriptedResponse(status: 302, headers: [("Location", "/elsewhere")]))
        let response = try client().send(HTTPRequest(url: url("/start")))
        XCTAssertEqual(response.status, 302)
        XCTAssertEqual(response.headers["location"], "/elsewhere")
        XCTAssertEqual(server.requests.count, 1)
    }

    func testRedirectLimit() throws {
        server.enqueue(
            ScriptedResponse(status: 302, headers: [("Location", "/two")]), .json(200, #"{"at":"two"}"#, headers: [("X-At", "two")]))
        let followed = try client(redirects: 1).send(HTTPRequest(url: url("/one")))
        XCTAssertEqual(followed.status, 200)
        XCTAssertEqual(followed.redirectCount, 1)
        XCTAssertEqual(followed.headers["X-At"], "two")
        XCTAssertNil(followed.headers["Location"], "headers are those of the final response")

        server.enqueue(ScriptedResponse(status: 302, headers: [("Location", "/b")]), ScriptedResponse(status: 302, headers: [("Location", "/c")]))
        XCTAssertThrowsError(try client(redirects: 1).send(HTTPRequest(url: url("/a")))) { error in
            guard case .tooManyRedirects(_, 1) = error as? HTTPClientError else { return XCTFail("\(error)") }
        }
    }

    /// The policy is enforced on the address connected to, so a name and a redirect are caught too.
    func testAddressPolicyIsEnforcedAfterResolutionAndOnRedirects() {
        XCTAssertThrowsError(try client(policy: .publicOnly).send(HTTPRequest(url: url("/")))) { error in
            guard case .addressRefused(_, "127.0.0.1", .loopback) = error as? HTTPClientError else { return XCTFail("\(error)") }
        }
        let byName = URL(string: "http://localhost:\(server.port)/")!
        XCTAssertThrowsError(try client(policy: .publicOnly).send(HTTPRequest(url: byName))) { error in
            guard case .addressRefused(_, _, .loopback) = error as? HTTPClientError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(server.requests.count, 0, "refused before any connection")

        server.enqueue(ScriptedResponse(status: 302, headers: [("Location", "http://169.254.169.254/latest/meta-data/")]))
        XCTAssertThrowsError(try client(connect: 1, redirects: 3).send(HTTPRequest(url: url("/hop")))) { error in
            guard case .addressRefused(_, "169.254.169.254", .linkLocal) = error as? HTTPClientError else { return XCTFail("\(error)") }
        }
    }

    func testBadRequestsAreRefusedBeforeSending() {
        let cases = [
            HTTPRequest(url: URL(string: "file:///etc/passwd")!),
            HTTPRequest(url: URL(string: "ftp://127.0.0.1/")!),
            HTTPRequest(url: url("/"), headers: ["X-Evil": "a\r\nHost: other"]),
            HTTPRequest(method: "GET /x", url: url("/")),
        ]
        for request in cases {
            XCTAssertThrowsError(try client().send(request)) { error in
                guard case .invalidRequest = error as? HTTPClientError else { return XCTFail("\(error)") }
            }
        }
        XCTAssertEqual(server.requests.count, 0)
    }

    func testConcurrentRequestsEachGetTheirOwnAnswer() throws {
        for i in 0..<8 { server.enqueue(.json(200, "{\"n\":\(i)}")) }
        let results = NSLock()
        nonisolated(unsafe) var statuses: [Int] = []
        let client = client()
        let base = server.baseURL
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let status = (try? client.send(HTTPRequest(url: base.appendingPathComponent("c\(i)"))).status) ?? -1
            results.withLock { statuses.append(status) }
        }
        XCTAssertEqual(statuses, Array(repeating: 200, count: 8))
        XCTAssertEqual(Set(server.requests.map(\.target)).count, 8)
    }
}
