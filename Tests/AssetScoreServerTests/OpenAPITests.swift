import AssetScoreServer
import AssetScoreStorage
import FakeHTTPServer
import Foundation
import XCTest

/// Keeps docs/openapi.json true: every route served is documented, every documented
/// (method, path, status) is produced by a real request here, and every JSON response has the
/// required properties (and types) of its documented schema.
final class OpenAPITests: ServerTestCase {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/openapi.json")

    override func configure(_ c: inout ServerConfiguration) {
        c.maxBodyBytes = 4096
        c.maxUploadBytes = 8192
    }

    var doc: [String: Any] = [:]

    func testTheDocumentMatchesTheService() throws {
        doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.document)) as? [String: Any])
        XCTAssertEqual(doc["openapi"] as? String, "3.1.0")
        let paths = try XCTUnwrap(doc["paths"] as? [String: [String: Any]])

        var documented: Set<String> = []
        for (path, operations) in paths {
            for (method, operation) in operations {
                let responses = try XCTUnwrap((operation as? [String: Any])?["responses"] as? [String: Any], "\(method) \(path)")
                for status in responses.keys { documented.insert("\(method.uppercased()) \(path) \(status)") }
            }
        }
        let served = Set(service.routes.map { "\($0.method) \($0.path)" })
        let documentedOperations = Set(documented.map { $0.split(separator: " ").prefix(2).joined(separator: " ") })
        XCTAssertEqual(served, documentedOperations, "routes served vs documented")

        let probes = self.probes()
        XCTAssertEqual(Set(probes.keys), documented, "every documented status needs a probe, and only those")
        // The 503 probe breaks the database, so it runs last.
        for key in probes.keys.sorted(by: { ($0.hasSuffix("503") ? 1 : 0, $0) < ($1.hasSuffix("503") ? 1 : 0, $1) }) {
            let parts = key.split(separator: " ")
            let response = try XCTUnwrap(probes[key])()
            XCTAssertEqual(response.status, Int(parts[2]), "\(key): \(response.text)")
            let spec = try resolve(
                try XCTUnwrap(
                    ((paths[String(parts[1])]?[parts[0].lowercased()] as? [String: Any])?["responses"] as? [String: Any])?[String(parts[2])]
                        as? [String: Any]))
            guard let content = spec["content"] as? [String: Any] else {
                XCTAssertTrue(response.body.isEmpty, "\(key) documents no body")
                continue
            }
            let type = try XCTUnwrap(content.keys.first)
            XCTAssertTrue(
                response.headers["content-type"]?.hasPrefix(type) == true,
                "\(key): content type \(response.headers["content-type"] ?? "none")")
            if type == "application/json", let schema = (content[type] as? [String: Any])?["schema"] as? [String: Any] {
                let value = try JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed])
                try check(value, against: schema, at: key)
            }
        }
    }

    /// One request per documented (method, path, status).
    func probes() -> [String: () throws -> RawHTTP.Response] {
        let big = Data(repeating: UInt8(ascii: "x"), count: 5000)
        return [
            "GET /healthz 200": { try self.http.get("/healthz", token: nil) },
            "GET /healthz 503": {
                let raw = try SQLiteConnection(path: self.path)
                try raw.execute(script: "PRAGMA foreign_keys = OFF; DROP TABLE campaigns;")
                return try self.http.get("/healthz", token: nil)
            },
            "GET /metrics 200": { try self.http.get("/metrics", token: nil) },
            "GET /v1/decide 200": { try self.http.get("/v1/decide?campaign=spring&user_id=u-red") },
            "GET /v1/decide 304": {
                let etag = try self.http.get("/v1/decide?campaign=spring&user_id=u-red").headers["etag"] ?? ""
                return try self.http.get("/v1/decide?campaign=spring&user_id=u-red", headers: ["If-None-Match": etag])
            },
            "GET /v1/decide 400": { try self.http.get("/v1/decide?user_id=u-red") },
            "GET /v1/decide 401": { try self.http.get("/v1/decide?campaign=spring", token: nil) },
            "GET /v1/decide 403": { try self.http.get("/v1/decide?campaign=spring", token: "wrong") },
            "GET /v1/decide 404": { try self.http.get("/v1/decide?campaign=nope") },
            "POST /v1/decide 200": { try self.http.postJSON("/v1/decide", #"{"campaign": "spring", "attributes": {"color:red": 1}}"#) },
            "POST /v1/decide 304": {
                let body = #"{"campaign": "spring", "user_id": "u-red"}"#
                let etag = try self.http.postJSON("/v1/decide", body).headers["etag"] ?? ""
                return try self.http.request(
                    "POST", "/v1/decide", headers: ["Content-Type": "application/json", "If-None-Match": "W/" + etag],
                    body: Data(body.utf8))
            },
            "POST /v1/decide 400": { try self.http.postJSON("/v1/decide", "{") },
            "POST /v1/decide 401": { try self.http.postJSON("/v1/decide", #"{"campaign": "spring"}"#, token: nil) },
            "POST /v1/decide 403": { try self.http.postJSON("/v1/decide", #"{"campaign": "spring"}"#, token: "wrong") },
            "POST /v1/decide 404": { try self.http.postJSON("/v1/decide", #"{"campaign": "nope"}"#) },
            "POST /v1/decide 413": {
                try self.http.request("POST", "/v1/decide", headers: ["Content-Type": "application/json"], body: big)
            },
            "POST /v1/decide 415": { try self.http.postJSON("/v1/decide", "{}", contentType: "text/plain") },
            "POST /v1/decide 422": { try self.http.postJSON("/v1/decide", #"{"campaign": 1}"#) },
            "POST /v1/events 200": {
                try self.http.postJSON(
                    "/v1/events",
                    #"{"events": [{"id": "e", "type": "click", "campaign": "spring", "asset_id": \#(self.red), "timestamp": 1764583200}]}"#)
            },
            "POST /v1/events 400": { try self.http.postJSON("/v1/events", "{\"events\": [") },
            "POST /v1/events 401": { try self.http.postJSON("/v1/events", "{}", token: nil) },
            "POST /v1/events 403": { try self.http.postJSON("/v1/events", "{}", token: "wrong") },
            "POST /v1/events 413": {
                try self.http.request("POST", "/v1/events", headers: ["Content-Type": "application/json"], body: big)
            },
            "POST /v1/events 415": { try self.http.postJSON("/v1/events", "{}", contentType: "application/xml") },
            "POST /v1/events 422": { try self.http.postJSON("/v1/events", #"{"events": [{"id": "e"}]}"#) },
        ].merging(extraProbes(), uniquingKeysWith: { a, _ in a })
    }

    /// Probes of the webhook route.
    func extraProbes() -> [String: () throws -> RawHTTP.Response] {
        let client: RawHTTP = http
        func signed(_ body: Data, type: String = "application/json", delivery: String? = nil) throws -> RawHTTP.Response {
            var headers = ["Content-Type": type, "X-AssetScore-Signature": WebhookSignature.sign(body, secret: "hook-secret")]
            if let delivery { headers["X-AssetScore-Delivery"] = delivery }
            return try client.request("POST", "/v1/assets?campaign=spring", headers: headers, body: body, token: nil)
        }
        let png = WebhookTests.png("openapi")
        return [
            "POST /v1/assets 202": { try signed(png, type: "image/png", delivery: "probe-1") },
            "POST /v1/assets 200": {
                _ = try signed(WebhookTests.png("again"), type: "image/png", delivery: "probe-2")
                return try signed(WebhookTests.png("again"), type: "image/png", delivery: "probe-2")
            },
            "POST /v1/assets 400": { try signed(Data("{".utf8)) },
            "POST /v1/assets 409": {
                _ = try signed(WebhookTests.png("first"), type: "image/png", delivery: "probe-3")
                return try signed(WebhookTests.png("second"), type: "image/png", delivery: "probe-3")
            },
            "POST /v1/assets 401": {
                try client.request("POST", "/v1/assets", headers: ["Content-Type": "image/png"], body: png, token: nil)
            },
            "POST /v1/assets 413": { try signed(Data(repeating: 0x89, count: 9000), type: "image/png") },
            "POST /v1/assets 415": { try signed(Data("x".utf8), type: "text/csv") },
            "POST /v1/assets 422": { try signed(Data("not an image".utf8), type: "image/png") },
            "POST /v1/assets 502": {
                let fake = try FakeHTTPServer()
                fake.enqueue(ScriptedResponse(status: 500, body: Data()))
                return try signed(Data(#"{"url": "\#(fake.baseURL)/a.png"}"#.utf8))
            },
        ]
    }

    /// Follows a `$ref` within the document.
    func resolve(_ node: [String: Any]) throws -> [String: Any] {
        guard let ref = node["$ref"] as? String else { return node }
        var current: Any = doc
        for part in ref.dropFirst(2).split(separator: "/") {
            current = try XCTUnwrap((current as? [String: Any])?[String(part)], "unresolved \(ref)")
        }
        return try resolve(try XCTUnwrap(current as? [String: Any]))
    }

    /// Required properties and basic types, recursively; `oneOf` passes when any branch does.
    func check(_ value: Any, against node: [String: Any], at where_: String) throws {
        let schema = try resolve(node)
        if let branches = schema["oneOf"] as? [[String: Any]] {
            var failures: [String] = []
            for b in branches {
                do {
                    try strictCheck(value, against: b, at: where_)
                    return
                } catch { failures.append("\(error)") }
            }
            XCTFail("\(where_): no oneOf branch matches: \(failures)")
            return
        }
        try strictCheck(value, against: schema, at: where_)
    }

    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    func strictCheck(_ value: Any, against node: [String: Any], at where_: String) throws {
        let schema = try resolve(node)
        if schema["oneOf"] != nil { return try check(value, against: schema, at: where_) }
        let types: [String] = (schema["type"] as? [String]) ?? ((schema["type"] as? String).map { [$0] } ?? [])
        if !types.isEmpty && !types.contains(where: { Self.matches(value, $0) }) {
            throw Mismatch(description: "\(where_): \(value) is not \(types)")
        }
        guard let object = value as? [String: Any] else { return }
        for key in (schema["required"] as? [String]) ?? [] where object[key] == nil {
            throw Mismatch(description: "\(where_): required property '\(key)' missing")
        }
        for (key, sub) in (schema["properties"] as? [String: [String: Any]]) ?? [:] {
            if let v = object[key] { try check(v, against: sub, at: "\(where_).\(key)") }
        }
    }

    static func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return value is Bool
        case "integer": return (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return value is NSNumber
        default: return false
        }
    }
}
