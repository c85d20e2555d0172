import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

/// GET and POST /v1/decide over real HTTP on loopback.
final class DecisionTests: ServerTestCase {
    func testKnownUserGetsTheMatchingVariantWithReasonsAndCachingHeaders() throws {
        let r = try http.get("/v1/decide?campaign=spring&user_id=u-beach")
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(r.headers["cache-control"], "private, max-age=300")
        XCTAssertNotNil(r.headers["etag"])
        let body = try r.json()
        let asset = try XCTUnwrap(body["asset"] as? [String: Any])
        XCTAssertEqual(asset["id"] as? Int, Int(beach))
        XCTAssertEqual(asset["url"] as? String, "https://cdn.example.com/creatives/spring/beach%20day.png")
        XCTAssertEqual(asset["alt_text"] as? String, "Alt for beach day.png")
        XCTAssertEqual(asset["width"] as? Int, 600)
        XCTAssertEqual(body["reasons"] as? String, "likes Beach (theme)")
        XCTAssertEqual(body["fallback"] as? Bool, false)
        XCTAssertTrue(body["fallback_reason"] is NSNull)
        XCTAssertEqual(body["user_id"] as? String, "u-beach")
        XCTAssertGreaterThan(body["score"] as? Double ?? 0, 0)
        XCTAssertTrue((body["decision_id"] as? String)?.hasPrefix("d_") == true)
        XCTAssertLessThan(r.body.count, 1024, "bodies stay small")
    }

    func testRepeatedCallsGetTheSameDecisionIDAndRevalidate() throws {
        let first = try http.get("/v1/decide?campaign=spring&user_id=u-red")
        let second = try http.get("/v1/decide?campaign=spring&user_id=u-red")
        XCTAssertEqual(first.text, second.text)
        XCTAssertEqual(try first.json()["decision_id"] as? String, try second.json()["decision_id"] as? String)
        let etag = try XCTUnwrap(first.headers["etag"])
        let notModified = try http.get("/v1/decide?campaign=spring&user_id=u-red", headers: ["If-None-Match": etag])
        XCTAssertEqual(notModified.status, 304)
        XCTAssertTrue(notModified.body.isEmpty)
        // A different user gets another id.
        let other = try http.get("/v1/decide?campaign=spring&user_id=u-beach")
        XCTAssertNotEqual(try other.json()["decision_id"] as? String, try first.json()["decision_id"] as? String)
    }

    /// If-None-Match compares weakly, takes a list (also as repeated lines) and `*` (RFC 9110
    /// §13.1.2); anything naming another representation, or malformed, gets the full answer.
    func testIfNoneMatchIsWeakTakesListsAndStar() throws {
        let path = "/v1/decide?campaign=spring&user_id=u-red"
        let first = try http.get(path)
        let etag = try XCTUnwrap(first.headers["etag"])
        XCTAssertTrue(etag.hasPrefix("\"") && etag.hasSuffix("\""), etag)
        let matching = [
            "W/\(etag)", "\"other\", \(etag)", "\"other\",W/\(etag)", "\"a,b\" , \t\(etag) ", "*", " * ", "\"other\", *",
        ]
        for field in matching {
            let r = try http.get(path, headers: ["If-None-Match": field])
            XCTAssertEqual(r.status, 304, "If-None-Match: \(field)")
            XCTAssertTrue(r.body.isEmpty, field)
            XCTAssertEqual(r.headers["etag"], etag, field)
            XCTAssertEqual(r.headers["cache-control"], "private, max-age=300", field)
        }
        let stale = [
            "\"other\"", "W/\"other\"", "w/\(etag)", String(etag.dropFirst().dropLast()), "\"other\", \(etag.dropLast())",
            "\"\(etag)\"", "",
        ]
        for field in stale {
            let r = try http.get(path, headers: ["If-None-Match": field])
            XCTAssertEqual(r.status, 200, "If-None-Match: \(field)")
            XCTAssertEqual(r.text, first.text, field)
            XCTAssertEqual(r.headers["etag"], etag, field)
        }
        // Repeated header lines are one list.
        let lines =
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer test-token\r\n"
            + "If-None-Match: \"other\"\r\nIf-None-Match: W/\(etag)\r\n\r\n"
        XCTAssertEqual(try http.raw(Data(lines.utf8))?.status, 304)
        // POST answers the same way for the same answer.
        let body = #"{"campaign": "spring", "user_id": "u-red"}"#
        let posted = try http.postJSON("/v1/decide", body)
        let postTag = try XCTUnwrap(posted.headers["etag"])
        let revalidated = try http.request(
            "POST", "/v1/decide", headers: ["Content-Type": "application/json", "If-None-Match": "\"x\", W/\(postTag)"],
            body: Data(body.utf8))
        XCTAssertEqual(revalidated.status, 304)
        XCTAssertTrue(revalidated.body.isEmpty)
    }

    func testSameIDAfterAnUnrelatedWriteAndANewAnswerAfterARelevantOne() throws {
        let before = try http.get("/v1/decide?campaign=spring&user_id=u-red").json()
        // Another process writes something that does not touch this user or campaign.
        try otherStore().upsertCampaign(Campaign(id: "autumn"))
        let after = try http.get("/v1/decide?campaign=spring&user_id=u-red").json()
        XCTAssertEqual(before["decision_id"] as? String, after["decision_id"] as? String)
        // The user's profile changes: the answer changes at once, with a new id.
        try otherStore().saveUsers([user("u-red", [("theme", "beach", 1)])], actor: "crm")
        let changed = try http.get("/v1/decide?campaign=spring&user_id=u-red").json()
        XCTAssertEqual((changed["asset"] as? [String: Any])?["id"] as? Int, Int(beach))
        XCTAssertNotEqual(changed["decision_id"] as? String, before["decision_id"] as? String)
    }

    func testUnknownUserGetsTheFallbackAndSaysSo() throws {
        let body = try http.get("/v1/decide?campaign=spring&user_id=stranger").json()
        XCTAssertEqual(body["fallback"] as? Bool, true)
        XCTAssertEqual(body["fallback_reason"] as? String, "unknown_user")
        XCTAssertEqual((body["asset"] as? [String: Any])?["id"] as? Int, Int(blue))
        let none = try http.get("/v1/decide?campaign=spring").json()
        XCTAssertEqual(none["fallback_reason"] as? String, "no_user")
        let dislikes = try http.get("/v1/decide?campaign=spring&user_id=u-dislikes").json()
        XCTAssertEqual(dislikes["fallback"] as? Bool, false, "a dislike still ranks the variants")
        XCTAssertNotEqual((dislikes["asset"] as? [String: Any])?["id"] as? Int, Int(red))
    }

    func testCampaignWithoutVariantsAndUnknownCampaign() throws {
        let empty = try http.get("/v1/decide?campaign=empty&user_id=u-red")
        XCTAssertEqual(empty.status, 200)
        XCTAssertEqual(try empty.json()["fallback_reason"] as? String, "no_variants")
        XCTAssertTrue(try empty.json()["asset"] is NSNull)
        let unknown = try http.get("/v1/decide?campaign=nope&user_id=u-red")
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.errorCode, "unknown_campaign")
        XCTAssertTrue(unknown.errorMessage.contains("no campaign 'nope'"), unknown.errorMessage)
        let missing = try http.get("/v1/decide?user_id=u-red")
        XCTAssertEqual(missing.status, 400)
        XCTAssertTrue(missing.errorMessage.contains("campaign"), missing.errorMessage)
    }

    func testPostWithInlineAttributesInBothForms() throws {
        let list = try http.postJSON(
            "/v1/decide", #"{"campaign": "spring", "attributes": [{"facet": "color", "value": "crimson", "weight": 0.7}]}"#)
        XCTAssertEqual(list.status, 200, list.text)
        XCTAssertEqual((try list.json()["asset"] as? [String: Any])?["id"] as? Int, Int(red), "crimson is an alias of Red")
        let object = try http.postJSON("/v1/decide", #"{"campaign": "spring", "user_id": "anon-1", "attributes": {"theme:beach": 1}}"#)
        XCTAssertEqual(object.status, 200, object.text)
        XCTAssertEqual((try object.json()["asset"] as? [String: Any])?["id"] as? Int, Int(beach))
        XCTAssertEqual(try object.json()["fallback"] as? Bool, false, "inline attributes decide for an unknown user")
        let unmapped = try http.postJSON("/v1/decide", #"{"campaign": "spring", "attributes": {"theme:volcanoes": 1}}"#)
        XCTAssertEqual(try unmapped.json()["fallback_reason"] as? String, "no_mapped_attributes")
    }

    func testPostErrorsNameTheProblem() throws {
        let malformed = try http.postJSON("/v1/decide", #"{"campaign": "spring", "#)
        XCTAssertEqual(malformed.status, 400)
        XCTAssertEqual(malformed.errorCode, "malformed_json")
        let wrongType = try http.postJSON(
            "/v1/decide", #"{"campaign": "spring", "attributes": [{"facet": "color", "value": "red", "weight": "high"}]}"#)
        XCTAssertEqual(wrongType.status, 422)
        XCTAssertTrue(wrongType.errorMessage.contains("attributes[0].weight"), wrongType.errorMessage)
        XCTAssertEqual((try wrongType.json()["error"] as? [String: Any])?["field"] as? String, "attributes[0].weight")
        let range = try http.postJSON("/v1/decide", #"{"campaign": "spring", "attributes": {"color:red": 3}}"#)
        XCTAssertEqual(range.status, 422)
        XCTAssertTrue(range.errorMessage.contains("attributes.color:red"), range.errorMessage)
        let facet = try http.postJSON("/v1/decide", #"{"campaign": "spring", "attributes": [{"facet": "mood", "value": "calm"}]}"#)
        XCTAssertEqual(facet.status, 422)
        XCTAssertTrue(facet.errorMessage.contains("unknown facet 'mood'"), facet.errorMessage)
        let typo = try http.postJSON("/v1/decide", #"{"campaign": "spring", "userId": "u-red"}"#)
        XCTAssertEqual(typo.status, 422)
        XCTAssertTrue(typo.errorMessage.contains("userId: unknown field"), typo.errorMessage)
        let notObject = try http.postJSON("/v1/decide", "[1, 2]")
        XCTAssertEqual(notObject.status, 422)
        let form = try http.postJSON("/v1/decide", "campaign=spring", contentType: "application/x-www-form-urlencoded")
        XCTAssertEqual(form.status, 415)
        XCTAssertEqual(form.errorCode, "unsupported_media_type")
    }

    func testTokens() throws {
        let none = try http.get("/v1/decide?campaign=spring&user_id=u-red", token: nil)
        XCTAssertEqual(none.status, 401)
        XCTAssertEqual(none.headers["www-authenticate"], "Bearer")
        let wrong = try http.get("/v1/decide?campaign=spring&user_id=u-red", token: "test-tokeN")
        XCTAssertEqual(wrong.status, 403)
        XCTAssertEqual(wrong.errorCode, "forbidden")
        let basic = try http.get("/v1/decide?campaign=spring", token: nil, headers: ["Authorization": "Basic dGVzdDp0ZXN0"])
        XCTAssertEqual(basic.status, 401)
        XCTAssertEqual(try http.get("/v1/decide?campaign=spring&user_id=u-red", token: "second-token").status, 200)
        let events = try http.postJSON("/v1/events", #"{"events": []}"#, token: "nope")
        XCTAssertEqual(events.status, 403)
    }

    func testServedDecisionsAreRecordedOnceInTheBackground() throws {
        let id = try XCTUnwrap(try http.get("/v1/decide?campaign=spring&user_id=u-beach").json()["decision_id"] as? String)
        for _ in 0..<3 { _ = try http.get("/v1/decide?campaign=spring&user_id=u-beach") }
        service.flushDecisions()
        let rows = try SQLiteConnection(path: path).query("SELECT id, subject, asset_id FROM decisions") {
            ($0.text(0), $0.text(1), $0.int64(2))
        }
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?.0, id)
        XCTAssertEqual(rows.first?.1, "user:u-beach")
        XCTAssertEqual(rows.first?.2, beach)
    }

    func testTheServicesOwnWritesKeepTheCacheAndOthersDropIt() throws {
        _ = try http.get("/v1/decide?campaign=spring&user_id=u-red")
        service.flushDecisions()
        _ = try http.postJSON(
            "/v1/events",
            #"{"events": [{"id": "k1", "type": "click", "campaign": "spring", "asset_id": \#(red), "timestamp": 1764583200}]}"#)
        _ = try http.get("/v1/decide?campaign=spring&user_id=u-red")
        var metrics = try http.get("/metrics", token: nil).text
        XCTAssertTrue(metrics.contains(#"assetscore_decision_cache_total{result="hit"} 1"#), "own writes keep the cache")
        try otherStore().upsertCampaign(Campaign(id: "winter"))
        _ = try http.get("/v1/decide?campaign=spring&user_id=u-red")
        metrics = try http.get("/metrics", token: nil).text
        XCTAssertTrue(metrics.contains(#"assetscore_decision_cache_total{result="miss"} 2"#), "another process's write drops it")
    }

    func testExternalChangeTokenIgnoresOwnCommits() throws {
        let mine = try otherStore()
        let other = try otherStore()
        let before = try mine.externalChangeToken()
        try mine.upsertCampaign(Campaign(id: "mine"))
        XCTAssertEqual(try mine.externalChangeToken(), before)
        XCTAssertNotEqual(try mine.changeToken(), before)
        try other.upsertCampaign(Campaign(id: "theirs"))
        XCTAssertNotEqual(try mine.externalChangeToken(), before)
    }
}
