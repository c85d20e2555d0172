import AssetScoreCore
import AssetScoreIngest
import AssetScoreServer
import AssetScoreStorage
import FakeHTTPServer
import Foundation
import XCTest

/// POST /v1/assets: signatures, replay, idempotency, downloads, uploads.
final class WebhookTests: ServerTestCase {
    /// A real 1x1 PNG; `variant` appends bytes after IEND so each test has its own content hash.
    static func png(_ variant: String = "") -> Data {
        Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!
            + Data(variant.utf8)
    }

    func signedPost(
        _ body: Data, contentType: String = "application/json", query: String = "", delivery: String? = nil,
        secret: String = "hook-secret", at time: Date = Date()
    ) throws -> RawHTTP.Response {
        var headers = ["Content-Type": contentType, "X-AssetScore-Signature": WebhookSignature.sign(body, secret: secret, at: time)]
        if let delivery { headers["X-AssetScore-Delivery"] = delivery }
        return try http.request("POST", "/v1/assets\(query)", headers: headers, body: body, token: nil)
    }

    func testHMACMatchesRFC4231() {
        let mac = HMACSHA256.hex(key: Data("Jefe".utf8), message: Data("what do ya want for nothing?".utf8))
        XCTAssertEqual(mac, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        let longKey = HMACSHA256.hex(
            key: Data(repeating: 0xaa, count: 131), message: Data("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
        XCTAssertEqual(longKey, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    func testSignedURLWebhookDownloadsAndQueuesWithItsMetadata() throws {
        let fake = try FakeHTTPServer()
        fake.enqueue(ScriptedResponse(status: 200, headers: [("Content-Type", "image/png")], body: Self.png("a")))
        let body = Data(
            #"{"url": "\#(fake.baseURL)/dam/Summer Hero.png", "campaign": "spring", "metadata": {"alt_text": "A beach at noon", "tags": ["theme:beach"]}}"#
                .utf8)
        let r = try signedPost(body, delivery: "dlv-1")
        XCTAssertEqual(r.status, 202, r.text)
        let answer = try r.json()
        XCTAssertEqual(answer["status"] as? String, "queued")
        XCTAssertEqual(answer["duplicate"] as? Bool, false)
        let jobID = try XCTUnwrap(answer["job_id"] as? Int)
        let job = try XCTUnwrap(try otherStore().job(id: Int64(jobID)))
        XCTAssertEqual(job.campaign, "spring")
        XCTAssertEqual(job.deliveryKey, "dlv-1")
        XCTAssertEqual(job.status, .queued)
        XCTAssertTrue(job.source.hasPrefix(directory.appendingPathComponent("inbox").path), job.source)
        XCTAssertTrue(job.source.hasSuffix("-Summer-Hero.png"), job.source)
        XCTAssertEqual(FileManager.default.contents(atPath: job.source), Self.png("a"))
        let sidecar = try XCTUnwrap(FileManager.default.contents(atPath: (job.source as NSString).deletingPathExtension + ".json"))
        let meta = try XCTUnwrap(try JSONSerialization.jsonObject(with: sidecar) as? [String: Any])
        XCTAssertEqual(meta["alt_text"] as? String, "A beach at noon")
        XCTAssertEqual(meta["campaign"] as? String, "spring")
        XCTAssertEqual(fake.requests.first?.path, "/dam/Summer%20Hero.png")
    }

    func testRedeliveryAndTheSameBytesAgainAddNothing() throws {
        let fake = try FakeHTTPServer()
        fake.enqueue(ScriptedResponse(status: 200, body: Self.png("b")), ScriptedResponse(status: 200, body: Self.png("b")))
        let body = Data(#"{"url": "\#(fake.baseURL)/b.png", "campaign": "spring"}"#.utf8)
        let first = try signedPost(body, delivery: "dlv-b")
        XCTAssertEqual(first.status, 202, first.text)
        let again = try signedPost(body, delivery: "dlv-b")
        XCTAssertEqual(again.status, 200, again.text)
        XCTAssertEqual(try again.json()["duplicate"] as? Bool, true)
        XCTAssertEqual(try again.json()["reason"] as? String, "delivery")
        XCTAssertEqual(try again.json()["job_id"] as? Int, try first.json()["job_id"] as? Int)
        XCTAssertEqual(fake.requests.count, 1, "a redelivery is answered without downloading again")
        // Same bytes under another delivery id: the queued job is found by content.
        let other = try signedPost(body, delivery: "dlv-c")
        XCTAssertEqual(other.status, 200, other.text)
        XCTAssertEqual(try other.json()["reason"] as? String, "content")
        XCTAssertEqual(try other.json()["job_id"] as? Int, try first.json()["job_id"] as? Int)
        XCTAssertEqual(try otherStore().jobs(status: nil, limit: 10, offset: 0).count, 1)
    }

    /// A delivery id names one delivery: sent again with other content it is a 409 naming the
    /// id and the job it made, and nothing is downloaded, written or queued.
    func testADeliveryIDReusedForOtherContentIsAConflict() throws {
        let fake = try FakeHTTPServer()
        fake.enqueue(ScriptedResponse(status: 200, body: Self.png("x")))
        let body = Data(#"{"url": "\#(fake.baseURL)/x.png", "campaign": "spring", "metadata": {"title": "X"}}"#.utf8)
        let first = try signedPost(body, delivery: "dlv-x")
        XCTAssertEqual(first.status, 202, first.text)
        let jobID = try XCTUnwrap(try first.json()["job_id"] as? Int)
        let inbox = directory.appendingPathComponent("inbox").path
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: inbox).sorted()

        let others = [
            Data(#"{"url": "\#(fake.baseURL)/y.png", "campaign": "spring", "metadata": {"title": "X"}}"#.utf8),
            Data(#"{"url": "\#(fake.baseURL)/x.png", "campaign": "spring", "metadata": {"title": "Y"}}"#.utf8),
            Data(#"{"url": "\#(fake.baseURL)/x.png", "metadata": {"title": "X"}}"#.utf8),
        ]
        for other in others {
            let r = try signedPost(other, delivery: "dlv-x")
            XCTAssertEqual(r.status, 409, r.text)
            XCTAssertEqual(r.errorCode, "delivery_conflict")
            XCTAssertEqual(try r.json()["error"].flatMap { ($0 as? [String: Any])?["field"] as? String }, "X-AssetScore-Delivery")
            XCTAssertTrue(r.errorMessage.contains("delivery 'dlv-x' was already used for other content"), r.errorMessage)
            XCTAssertTrue(r.errorMessage.contains("job \(jobID)"), r.errorMessage)
        }
        let upload = try signedPost(Self.png("y"), contentType: "image/png", query: "?campaign=spring", delivery: "dlv-x")
        XCTAssertEqual(upload.status, 409, upload.text)
        XCTAssertEqual(fake.requests.count, 1, "a conflicting delivery downloads nothing")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox).sorted(), filesBefore, "nothing written")
        let jobs = try otherStore().jobs(status: nil, limit: 10, offset: 0)
        XCTAssertEqual(jobs.map(\.id), [Int64(jobID)], "nothing queued")
        XCTAssertEqual(jobs.first?.source.hasSuffix("-x.png"), true)

        // The same content again, even spaced and ordered differently, is still a redelivery.
        let respelled = Data(
            #"{ "metadata" : { "title" : "X" }, "campaign" : "spring", "url" : "\#(fake.baseURL)/x.png" }"#.utf8)
        for again in [body, respelled] {
            let r = try signedPost(again, delivery: "dlv-x")
            XCTAssertEqual(r.status, 200, r.text)
            XCTAssertEqual(try r.json()["reason"] as? String, "delivery")
            XCTAssertEqual(try r.json()["job_id"] as? Int, jobID)
        }
        let metricsText = try http.get("/metrics", token: nil).text
        XCTAssertTrue(metricsText.contains("assetscore_webhooks_total{result=\"delivery_conflict\"} 4"), metricsText)
    }

    /// Uploads: a redelivery with a fresh multipart boundary is the same delivery; other bytes
    /// under the same id are not.
    func testAnUploadRedeliveredWithANewBoundaryIsNotAConflict() throws {
        func multipart(_ png: Data, boundary: String, title: String = "Snow") -> Data {
            var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"campaign\"\r\n\r\nspring\r\n".utf8)
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"title\": \"\(title)\"}\r\n".utf8)
            body += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"snow.png\"\r\nContent-Type: image/png\r\n\r\n"
                    .utf8)
            return body + png + Data("\r\n--\(boundary)--\r\n".utf8)
        }
        func post(_ png: Data, boundary: String, title: String = "Snow") throws -> RawHTTP.Response {
            try signedPost(
                multipart(png, boundary: boundary, title: title), contentType: "multipart/form-data; boundary=\(boundary)",
                delivery: "up-1")
        }
        let first = try post(Self.png("snow"), boundary: "AAA111")
        XCTAssertEqual(first.status, 202, first.text)
        let again = try post(Self.png("snow"), boundary: "BBB222")
        XCTAssertEqual(again.status, 200, again.text)
        XCTAssertEqual(try again.json()["reason"] as? String, "delivery")
        XCTAssertEqual(try again.json()["job_id"] as? Int, try first.json()["job_id"] as? Int)
        XCTAssertEqual(try post(Self.png("rain"), boundary: "AAA111").status, 409)
        XCTAssertEqual(try post(Self.png("snow"), boundary: "AAA111", title: "Ice").status, 409)
        XCTAssertEqual(try otherStore().jobs(status: nil, limit: 10, offset: 0).count, 1)
    }

    /// A job queued before deliveries kept a digest cannot be compared: its id is answered as a
    /// redelivery, as it always was.
    func testADeliveryWithoutAStoredDigestIsStillARedelivery() throws {
        let old = try otherStore().enqueueJob(
            JobRequest(source: "/srv/inbox/old.png", campaign: "spring", deliveryKey: "old-1"), at: Date())
        let r = try signedPost(Self.png("anything"), contentType: "image/png", query: "?campaign=spring", delivery: "old-1")
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(try r.json()["reason"] as? String, "delivery")
        XCTAssertEqual(try r.json()["job_id"] as? Int, Int(old.job.id))
    }

    func testBytesAlreadyStoredAsAnAssetAreNotQueuedAgain() throws {
        var h = SHA256()
        h.update(Self.png("stored"))
        var record = record("/srv/assets/spring/stored.png", [("red", "color")])
        record.asset.contentHash = h.hexDigest()
        let stored = try otherStore().saveIngest(record)
        let r = try signedPost(Self.png("stored"), contentType: "image/png", query: "?campaign=spring")
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(try r.json()["asset_id"] as? Int, Int(stored.id))
        XCTAssertEqual(try r.json()["reason"] as? String, "content")
        XCTAssertEqual(try otherStore().jobs(status: nil, limit: 10, offset: 0).count, 0)
    }

    func testUnsignedTamperedAndWrongSecretAreRefused() throws {
        let body = Data(#"{"url": "https://example.com/a.png"}"#.utf8)
        let unsigned = try http.request("POST", "/v1/assets", headers: ["Content-Type": "application/json"], body: body, token: nil)
        XCTAssertEqual(unsigned.status, 401)
        XCTAssertEqual(unsigned.errorCode, "bad_signature")
        let wrong = try signedPost(body, secret: "not-the-secret")
        XCTAssertEqual(wrong.status, 401)
        XCTAssertEqual(wrong.errorCode, "bad_signature")
        let signature = WebhookSignature.sign(body, secret: "hook-secret")
        let tampered = try http.request(
            "POST", "/v1/assets", headers: ["Content-Type": "application/json", "X-AssetScore-Signature": signature],
            body: Data(#"{"url": "https://example.com/b.png"}"#.utf8), token: nil)
        XCTAssertEqual(tampered.status, 401)
        let garbage = try http.request(
            "POST", "/v1/assets", headers: ["Content-Type": "application/json", "X-AssetScore-Signature": "t=abc,v1=zz"], body: body,
            token: nil)
        XCTAssertEqual(garbage.status, 401)
        // An API token is not a webhook signature.
        let token = try http.request("POST", "/v1/assets", headers: ["Content-Type": "application/json"], body: body)
        XCTAssertEqual(token.status, 401)
        XCTAssertEqual(try otherStore().jobs(status: nil, limit: 10, offset: 0).count, 0)
    }

    func testAReplayedWebhookOutsideTheWindowIsRefused() throws {
        let body = Data(#"{"url": "https://example.com/a.png"}"#.utf8)
        let old = try signedPost(body, at: Date().addingTimeInterval(-301))
        XCTAssertEqual(old.status, 401)
        XCTAssertEqual(old.errorCode, "stale_signature")
        XCTAssertTrue(old.errorMessage.contains("replay refused"), old.errorMessage)
        let future = try signedPost(body, at: Date().addingTimeInterval(400))
        XCTAssertEqual(future.errorCode, "stale_signature")
    }

    /// Found by attack: t=-2^63 made the age larger than Int.max and the message's Int(_:)
    /// trapped, so one unsigned request killed the service.
    func testAnExtremeSignatureTimestampIsRefusedNotACrash() throws {
        let body = Data(#"{"url": "https://example.com/a.png"}"#.utf8)
        let zeros = String(repeating: "0", count: 64)
        for t in ["-9223372036854775808", "9223372036854775807", "0"] {
            let r = try http.request(
                "POST", "/v1/assets", headers: ["Content-Type": "application/json", "X-AssetScore-Signature": "t=\(t),v1=\(zeros)"],
                body: body, token: nil)
            XCTAssertEqual(r.status, 401, "t=\(t): \(r.text)")
            XCTAssertEqual(r.errorCode, "stale_signature", "t=\(t)")
        }
        XCTAssertEqual(try http.get("/healthz").status, 200)
    }

    func testDirectUploadsRawAndMultipart() throws {
        let raw = try signedPost(
            Self.png("raw"), contentType: "image/png", query: "?campaign=spring&filename=hero%20one.png", delivery: "raw-1")
        XCTAssertEqual(raw.status, 202, raw.text)
        let rawJob = try XCTUnwrap(try otherStore().job(id: Int64(try XCTUnwrap(try raw.json()["job_id"] as? Int))))
        XCTAssertTrue(rawJob.source.hasSuffix("-hero-one.png"), rawJob.source)

        let boundary = "XyZ123"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"campaign\"\r\n\r\nspring\r\n".utf8)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"title\": \"Winter\"}\r\n".utf8)
        body += Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"snow.png\"\r\nContent-Type: image/png\r\n\r\n".utf8)
        body += Self.png("multi") + Data("\r\n--\(boundary)--\r\n".utf8)
        let multi = try signedPost(body, contentType: "multipart/form-data; boundary=\(boundary)")
        XCTAssertEqual(multi.status, 202, multi.text)
        let job = try XCTUnwrap(try otherStore().job(id: Int64(try XCTUnwrap(try multi.json()["job_id"] as? Int))))
        XCTAssertTrue(job.source.hasSuffix("-snow.png"), job.source)
        XCTAssertEqual(FileManager.default.contents(atPath: job.source), Self.png("multi"))

        let notImage = try signedPost(Data("GIF? no, text".utf8), contentType: "image/gif")
        XCTAssertEqual(notImage.status, 422)
        XCTAssertEqual(notImage.errorCode, "not_an_image")
        let badMeta = try signedPost(Data(#"{"url": "https://example.com/a.png", "metadata": {"colour": "red"}}"#.utf8))
        XCTAssertEqual(badMeta.status, 422)
        XCTAssertTrue(badMeta.errorMessage.contains("metadata.colour: unknown field"), badMeta.errorMessage)
    }

    func testAFailedDownloadIsNamedAndASlowOneDoesNotHoldUpDecisions() throws {
        let fake = try FakeHTTPServer()
        fake.enqueue(ScriptedResponse(status: 404, body: Data("gone".utf8)))
        let missing = try signedPost(Data(#"{"url": "\#(fake.baseURL)/gone.png"}"#.utf8))
        XCTAssertEqual(missing.status, 502)
        XCTAssertEqual(missing.errorCode, "download_failed")
        XCTAssertTrue(missing.errorMessage.contains("answered 404"), missing.errorMessage)

        // Two downloads that take 1.5 s each, on a 2-thread pool: decisions still answer at once.
        fake.enqueue(
            ScriptedResponse(status: 200, body: Self.png("slow1"), delay: 1.5),
            ScriptedResponse(status: 200, body: Self.png("slow2"), delay: 1.5))
        let group = DispatchGroup()
        for i in 1...2 {
            let body = Data(#"{"url": "\#(fake.baseURL)/slow\#(i).png", "campaign": "spring"}"#.utf8)
            let headers = [
                "Content-Type": "application/json", "X-AssetScore-Signature": WebhookSignature.sign(body, secret: "hook-secret"),
            ]
            let client: RawHTTP = http
            DispatchQueue.global().async(group: group) {
                _ = try? client.request("POST", "/v1/assets", headers: headers, body: body, token: nil)
            }
        }
        usleep(300_000)
        let started = Date()
        XCTAssertEqual(try http.get("/v1/decide?campaign=spring&user_id=u-red").status, 200)
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.5)
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(try otherStore().jobs(status: nil, limit: 10, offset: 0).count, 2)
    }
}

/// Downloads from private, loopback or link-local addresses are refused by default.
final class WebhookSSRFTests: ServerTestCase {
    override func configure(_ c: inout ServerConfiguration) {
        c.allowPrivateDownloads = false
    }

    func testLoopbackAndMetadataAddressesAreRefusedBeforeAnyConnection() throws {
        let fake = try FakeHTTPServer()
        fake.enqueue(ScriptedResponse(status: 200, body: WebhookTests.png()))
        for url in [
            "\(fake.baseURL)/x.png", "http://169.254.169.254/latest/meta-data/iam", "http://10.0.0.1/a.png",
            "http://[::1]:\(fake.port)/a.png",
        ] {
            let body = Data(#"{"url": "\#(url)"}"#.utf8)
            let r = try http.request(
                "POST", "/v1/assets",
                headers: [
                    "Content-Type": "application/json", "X-AssetScore-Signature": WebhookSignature.sign(body, secret: "hook-secret"),
                ],
                body: body, token: nil)
            XCTAssertEqual(r.status, 422, "\(url): \(r.text)")
            XCTAssertEqual(r.errorCode, "url_refused", url)
            XCTAssertTrue(r.errorMessage.contains("not allowed"), r.errorMessage)
        }
        XCTAssertEqual(fake.requests.count, 0, "the loopback server was never reached")
        XCTAssertEqual(try otherStore().jobs(status: nil, limit: 10, offset: 0).count, 0)
    }
}
