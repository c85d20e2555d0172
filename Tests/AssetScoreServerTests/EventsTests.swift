import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

/// POST /v1/events: batches, duplicates, per-event validation.
final class EventsTests: ServerTestCase {
    func event(_ id: String, _ type: String = "click", asset: Int64? = nil, extra: String = "") -> String {
        #"{"id": "\#(id)", "type": "\#(type)", "user_id": "u-red", "campaign": "spring", "asset_id": \#(asset ?? red), "decision_id": "d_x", "timestamp": "2026-12-01T10:00:00Z"\#(extra)}"#
    }

    func testBatchWithDuplicatesIsCountedOnceAndStored() throws {
        let batch = #"{"events": [\#(event("e1", "impression")), \#(event("e2")), \#(event("e1", "impression"))]}"#
        let first = try http.postJSON("/v1/events", batch)
        XCTAssertEqual(first.status, 200, first.text)
        XCTAssertEqual(try first.json()["accepted"] as? Int, 2)
        XCTAssertEqual(try first.json()["duplicates"] as? Int, 1)
        let again = try http.postJSON("/v1/events", batch)
        XCTAssertEqual(try again.json()["accepted"] as? Int, 0)
        XCTAssertEqual(try again.json()["duplicates"] as? Int, 3)
        let stored = try otherStore().feedback(campaign: "spring", limit: 10)
        XCTAssertEqual(stored.map(\.id), ["e1", "e2"])
        XCTAssertEqual(stored.first?.kind, .impression)
        XCTAssertEqual(stored.first?.assetID, red)
        XCTAssertEqual(stored.first?.decisionID, "d_x")
        let unixSeconds = try http.postJSON(
            "/v1/events",
            #"{"events": [{"id": "e3", "type": "conversion", "campaign": "spring", "asset_id": \#(beach), "timestamp": 1764583200}]}"#)
        XCTAssertEqual(try unixSeconds.json()["accepted"] as? Int, 1, unixSeconds.text)
    }

    func testEveryProblemIsNamedWithIndexAndFieldAndNothingIsStored() throws {
        let batch = #"""
            {"events": [\#(event("ok-1")),
                        {"id": "e2", "type": "view", "campaign": "spring", "asset_id": 1, "timestamp": "yesterday"},
                        {"id": 7, "type": "click", "campaign": "spring", "asset_id": "one", "timestamp": "2026-12-01T10:00:00Z"},
                        \#(event("e4", extra: #", "colour": "red""#))]}
            """#
        let r = try http.postJSON("/v1/events", batch)
        XCTAssertEqual(r.status, 422)
        let fields = ((try r.json()["error"] as? [String: Any])?["details"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
        XCTAssertEqual(
            Set(fields ?? []), ["events[1].type", "events[1].timestamp", "events[2].id", "events[2].asset_id", "events[3].colour"])
        XCTAssertTrue(r.errorMessage.contains("events[1].type: expected one of impression, click, conversion, got 'view'"), r.errorMessage)
        XCTAssertEqual(try otherStore().feedback(campaign: "spring", limit: 10).count, 0, "a refused batch stores nothing")
    }

    func testUnknownCampaignOrAssetOfAnotherCampaignIsRefused() throws {
        try otherStore().upsertCampaign(Campaign(id: "autumn"))
        let r = try http.postJSON(
            "/v1/events",
            #"{"events": [{"id": "a", "type": "click", "campaign": "winter", "asset_id": \#(red), "timestamp": 1764583200}, {"id": "b", "type": "click", "campaign": "autumn", "asset_id": \#(red), "timestamp": 1764583200}, {"id": "c", "type": "click", "campaign": "spring", "asset_id": 999, "timestamp": 1764583200}]}"#
        )
        XCTAssertEqual(r.status, 422)
        XCTAssertTrue(r.errorMessage.contains("events[0].campaign: no campaign 'winter'"), r.errorMessage)
        XCTAssertTrue(r.errorMessage.contains("events[1].asset_id: asset \(red) belongs to campaign 'spring'"), r.errorMessage)
        XCTAssertTrue(r.errorMessage.contains("events[2].asset_id: no asset 999"), r.errorMessage)
        let empty = try http.postJSON("/v1/events", #"{"events": []}"#)
        XCTAssertEqual(empty.status, 422)
        let notList = try http.postJSON("/v1/events", #"{"events": {"id": "x"}}"#)
        XCTAssertTrue(notList.errorMessage.contains("events: expected a list of events, got an object"), notList.errorMessage)
    }
}
