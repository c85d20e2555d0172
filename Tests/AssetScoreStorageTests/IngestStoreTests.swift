import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

final class IngestStoreTests: StoreTestCase {
    func testSavesAssetAnalysisAndTagsWithStatus() throws {
        let store = try makeStore()
        let candidates = [MappingCandidate(entry: "red", facet: "color", label: "Red", score: 0.6)]
        let saved = try store.saveIngest(
            record(
                path: "hero.png", hash: "aaa",
                tags: [
                    mapped("Red", entry: "red", facet: "color", source: .color),
                    unmapped("scarlett", hint: "color", candidates: candidates),
                    unmapped("SALE", hint: nil, source: .ocr),
                ]))
        XCTAssertGreaterThan(saved.id, 0)
        XCTAssertEqual(saved.status, .needsReview)
        XCTAssertEqual(try store.asset(campaign: "spring", contentHash: "aaa")?.id, saved.id)
        XCTAssertEqual(try store.asset(campaign: "spring", path: "hero.png")?.id, saved.id)
        XCTAssertEqual(try store.campaign("spring")?.name, "spring", "the campaign is created on first ingest")

        let analysis = try XCTUnwrap(try store.latestAnalysis(assetID: saved.id))
        XCTAssertEqual(analysis.version, 1)
        XCTAssertEqual(analysis.assetID, saved.id)
        XCTAssertEqual(analysis.fields.keywords, ["Red", "scarlett", "SALE"])
        XCTAssertEqual(analysis.rawOutput, "{\"ok\":true}")

        let tags = try store.tags(assetID: saved.id)
        XCTAssertEqual(tags.map(\.raw.text), ["Red", "scarlett", "SALE"])
        XCTAssertEqual(tags[0].entry, "red")
        XCTAssertNil(tags[0].reviewItemID)
        let item = try XCTUnwrap(tags[1].reviewItemID)
        XCTAssertNil(tags[2].reviewItemID, "hint tags never wait for review")
        XCTAssertEqual(tags[2].method, .unmapped)

        let items = try store.reviewItems(status: .pending)
        XCTAssertEqual(items.count, 1)
        XCTAssertEqual(items[0].id, item)
        XCTAssertEqual(items[0].sampleText, "scarlett")
        XCTAssertEqual(items[0].candidates, candidates)
        XCTAssertEqual(items[0].assetIDs, [saved.id])
        XCTAssertEqual(items[0].campaigns, ["spring"])
        XCTAssertEqual(items[0].occurrences, 1)
    }

    func testOnlyHintTagsUnmappedMeansReady() throws {
        let store = try makeStore()
        let saved = try store.saveIngest(
            record(
                path: "a.png", hash: "a",
                tags: [
                    mapped("red", entry: "red", facet: "color"), unmapped("banner", hint: nil, source: .filename),
                ]))
        XCTAssertEqual(saved.status, .ready)
        XCTAssertTrue(try store.reviewItems(status: nil).isEmpty)
    }

    func testFailureMidwayLeavesNothingOfANewAsset() throws {
        let store = try makeStore()
        let reviewBefore = try count("review_items")
        XCTAssertThrowsError(
            try store.saveIngest(
                record(
                    campaign: "autumn", path: "bad.png", hash: "bad",
                    tags: [
                        mapped("red", entry: "red", facet: "color"),
                        unmapped("brand new", hint: "theme"),
                        mapped("teal", entry: "teal", facet: "color"),
                    ]))
        ) { error in
            XCTAssertTrue("\(error)".contains("bad.png") && "\(error)".contains("'teal'"), "\(error)")
        }
        XCTAssertTrue(try store.assets(campaign: nil, status: nil).isEmpty)
        XCTAssertEqual(try count("analyses"), 0)
        XCTAssertEqual(try count("asset_tags"), 0)
        XCTAssertEqual(try count("review_items"), reviewBefore)
        XCTAssertNil(try store.campaign("autumn"))
    }

    func testSQLiteFailureMidwayRollsBackAnExistingAssetsNewVersion() throws {
        let store = try makeStore()
        let first = try store.saveIngest(record(path: "a.png", hash: "v1", tags: [mapped("red", entry: "red", facet: "color")]))
        // A trigger makes SQLite itself refuse the third tag, after asset and analysis rows were written.
        try rawConnection().execute(
            script: """
                CREATE TRIGGER refuse_boom BEFORE INSERT ON asset_tags WHEN NEW.raw_text = 'boom'
                BEGIN SELECT RAISE(ABORT, 'boom refused'); END;
                """)
        XCTAssertThrowsError(
            try store.saveIngest(
                record(
                    id: first.id, path: "a.png", hash: "v2",
                    tags: [
                        mapped("blue", entry: "blue", facet: "color"), unmapped("new theme", hint: "theme"),
                        unmapped("boom", hint: "theme"),
                    ]))
        ) { error in
            guard case .sqlite(let code, let message, let sql, _) = error as? StorageError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(code, 1811)  // SQLITE_CONSTRAINT_TRIGGER
            XCTAssertEqual(message, "boom refused")
            XCTAssertTrue(sql?.contains("INSERT INTO asset_tags") == true)
        }
        let after = try XCTUnwrap(try store.asset(id: first.id))
        XCTAssertEqual(after, first)
        XCTAssertEqual(try store.analyses(assetID: first.id).map(\.version), [1])
        XCTAssertEqual(try store.tags(assetID: first.id).map(\.entry), ["red"])
        XCTAssertTrue(try store.reviewItems(status: nil).isEmpty)
    }

    func testChangedBytesGiveANewAnalysisVersion() throws {
        let store = try makeStore()
        let first = try store.saveIngest(record(path: "a.png", hash: "v1", tags: [unmapped("odd", hint: "theme")]))
        XCTAssertEqual(first.status, .needsReview)
        var next = record(id: first.id, path: "a.png", hash: "v2", tags: [mapped("blue", entry: "blue", facet: "color")])
        next.asset.size = 999
        next.analysis.version = 77  // ignored: the store numbers versions
        let second = try store.saveIngest(next)
        XCTAssertEqual(second.id, first.id)
        XCTAssertEqual(second.contentHash, "v2")
        XCTAssertEqual(second.size, 999)
        XCTAssertEqual(second.status, .ready)
        XCTAssertEqual(try store.analyses(assetID: first.id).map(\.version), [1, 2])
        XCTAssertEqual(try store.latestAnalysis(assetID: first.id)?.version, 2)
        XCTAssertEqual(try store.tags(assetID: first.id).map(\.raw.text), ["blue"])
        XCTAssertNil(try store.asset(campaign: "spring", contentHash: "v1"))
        // The old analysis no longer counts towards the review queue.
        XCTAssertEqual(try store.reviewItems(status: .pending).first?.occurrences, 0)
        let third = try store.saveIngest(record(id: first.id, path: "a.png", hash: "v3", tags: []))
        XCTAssertEqual(try store.latestAnalysis(assetID: third.id)?.version, 3)
    }

    func testSameBytesTwiceIsAConflictNamingTheStoredAsset() throws {
        let store = try makeStore()
        let first = try store.saveIngest(record(path: "a.png", hash: "same", tags: []))
        XCTAssertThrowsError(try store.saveIngest(record(path: "copy.png", hash: "same", tags: []))) { error in
            XCTAssertTrue("\(error)".contains("asset \(first.id) (a.png)"), "\(error)")
        }
        // Another campaign may hold the same bytes.
        XCTAssertNoThrow(try store.saveIngest(record(campaign: "autumn", path: "a.png", hash: "same", tags: [])))
    }

    func testSaveFailureStoresReasonForNewAndExistingAssets() throws {
        let store = try makeStore()
        var broken = Asset(campaign: "spring", path: "broken.gif", contentHash: "", size: 3, mediaType: "image/gif")
        broken.failureReason = "broken.gif: not a GIF (bad signature)"
        let failed = try store.saveFailure(broken)
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.failureReason, "broken.gif: not a GIF (bad signature)")
        XCTAssertEqual(failed.contentHash, "")
        // Two unreadable files do not collide on their unknown hash.
        broken.path = "other.gif"
        XCTAssertNoThrow(try store.saveFailure(broken))

        let good = try store.saveIngest(record(path: "a.png", hash: "ok", tags: []))
        var later = good
        later.failureReason = "a.png: truncated"
        let refailed = try store.saveFailure(later)
        XCTAssertEqual(refailed.id, good.id)
        XCTAssertEqual(refailed.status, .failed)
        XCTAssertEqual(try store.assets(campaign: "spring", status: .failed).count, 3)
        XCTAssertNil(try store.scoringTags(campaign: "spring")[good.id])
        // A later successful analysis clears the failure.
        let back = try store.saveIngest(record(id: good.id, path: "a.png", hash: "ok", tags: []))
        XCTAssertEqual(back.status, .ready)
        XCTAssertNil(back.failureReason)
    }

    func testScoringTagsUseLatestAnalysesOfScorableAssetsOnly() throws {
        let store = try makeStore()
        let a = try store.saveIngest(record(path: "a.png", hash: "a1", tags: [mapped("red", entry: "red", facet: "color")]))
        try store.saveIngest(record(id: a.id, path: "a.png", hash: "a2", tags: [mapped("blue", entry: "blue", facet: "color")]))
        let b = try store.saveIngest(record(path: "b.png", hash: "b", tags: [unmapped("odd", hint: "theme")]))
        let empty = try store.saveIngest(record(path: "c.png", hash: "c", tags: []))
        try store.saveIngest(record(campaign: "autumn", path: "x.png", hash: "x", tags: [mapped("red", entry: "red", facet: "color")]))
        var failed = Asset(campaign: "spring", path: "f.png", contentHash: "f", size: 1, mediaType: "image/png")
        failed.failureReason = "f.png: unreadable"
        try store.saveFailure(failed)

        let tags = try store.scoringTags(campaign: "spring")
        XCTAssertEqual(Set(tags.keys), [a.id, b.id, empty.id])
        XCTAssertEqual(tags[a.id]?.map(\.entry), ["blue"])
        XCTAssertEqual(tags[a.id]?.first?.assetID, a.id)
        XCTAssertEqual(tags[b.id]?.map(\.method), [.unmapped])
        XCTAssertEqual(tags[empty.id]?.count, 0)
    }

    func testAssetsListNewestFirstWithFilters() throws {
        let store = try makeStore()
        var old = record(path: "old.png", hash: "o", tags: [])
        old.asset.createdAt = Date(timeIntervalSince1970: 1_000)
        let o = try store.saveIngest(old)
        let n = try store.saveIngest(record(path: "new.png", hash: "n", tags: [unmapped("odd", hint: nil)]))
        XCTAssertEqual(try store.assets(campaign: nil, status: nil).map(\.id), [n.id, o.id])
        XCTAssertEqual(try store.assets(campaign: "spring", status: .ready).map(\.id), [o.id])
        XCTAssertEqual(try store.assets(campaign: "autumn", status: nil).map(\.id), [])
        XCTAssertEqual(try store.asset(id: o.id)?.createdAt.timeIntervalSince1970 ?? 0, 1_000, accuracy: 0.001)
    }

    func testCampaignsRoundTripWithWeightsAndFallback() throws {
        let store = try makeStore()
        let asset = try store.saveIngest(record(path: "a.png", hash: "a", tags: []))
        let campaign = Campaign(id: "spring", name: "Spring sale", facetWeights: ["tone": 2, "color": 0.5], fallbackAssetID: asset.id)
        try store.upsertCampaign(campaign)
        XCTAssertEqual(try store.campaign("spring"), campaign)
        try store.upsertCampaign(Campaign(id: "autumn"))
        XCTAssertEqual(try store.campaigns().map(\.id), ["autumn", "spring"])
        XCTAssertThrowsError(try store.upsertCampaign(Campaign(id: "autumn", fallbackAssetID: asset.id))) {
            XCTAssertTrue("\($0)".contains("belongs to campaign 'spring'"), "\($0)")
        }
        let raw = try rawConnection().scalarText("SELECT facet_weights FROM campaigns WHERE id = 'spring'")
        XCTAssertEqual(raw, "{\"color\":0.5,\"tone\":2}")
    }

    func testRecordsServedDecisions() throws {
        let store = try makeStore()
        let asset = try store.saveIngest(record(path: "a.png", hash: "a", tags: []))
        let winner = ScoredVariant(assetID: asset.id, path: "a.png", score: 1.5, contributions: [], unresolvedTags: 0)
        let decision = Decision(campaign: "spring", subject: "u1", winner: winner, ranking: [winner], usedFallback: false, notes: [])
        try store.recordDecision(decision)
        let row = try rawConnection().queryFirst("SELECT id, campaign, subject, asset_id, score FROM decisions") {
            ($0.text(0), $0.text(1), $0.optionalText(2), $0.optionalInt64(3), $0.optionalDouble(4))
        }
        XCTAssertEqual(row?.0, decision.id)
        XCTAssertEqual(row?.3, asset.id)
        XCTAssertEqual(row?.4, 1.5)
        XCTAssertThrowsError(try store.recordDecision(decision), "ids are unique")
        let elsewhere = Decision(campaign: "winter", subject: nil, winner: nil, ranking: [], usedFallback: true, notes: [])
        XCTAssertThrowsError(try store.recordDecision(elsewhere)) { XCTAssertTrue("\($0)".contains("'winter'"), "\($0)") }
    }
}
