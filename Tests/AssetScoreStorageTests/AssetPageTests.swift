import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

/// `assetPage`, `assetCount` and `assetCounts`: pages of the newest-first list, filters and search.
final class AssetPageTests: StoreTestCase {
    private let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// Twelve assets over two campaigns, one per minute (later index = newer); every third one
    /// waits for review, one failed. Two share a creation time so the id breaks the tie.
    private func seeded() throws -> SQLiteStore {
        let store = try makeStore()
        for n in 0..<12 {
            let campaign = n % 2 == 0 ? "spring" : "autumn"
            let tags = n % 3 == 0 ? [unmapped("odd\(n)", hint: "theme")] : [mapped("red", entry: "red", facet: "color")]
            var r = record(campaign: campaign, path: "/work/\(campaign)/Banner_\(n).png", hash: "h\(n)", tags: tags)
            r.asset.createdAt = start.addingTimeInterval(Double(n == 11 ? 10 : n) * 60)
            try store.saveIngest(r)
        }
        var failed = Asset(
            campaign: "spring", path: "/work/spring%_folder/broken 100%_off.png", contentHash: "broken", size: 1,
            mediaType: "image/png", createdAt: start.addingTimeInterval(-60))
        failed.failureReason = "cannot decode"
        try store.saveFailure(failed)
        try store.upsertCampaign(Campaign(id: "empty"))
        return store
    }

    func testPagesFollowTheFullListNewestFirst() throws {
        let store = try seeded()
        for (campaign, status) in [(nil, nil), ("spring", nil), (nil, AssetStatus.needsReview), ("autumn", .ready)] {
            let all = try store.assets(campaign: campaign, status: status)
            XCTAssertFalse(all.isEmpty)
            var paged: [Asset] = []
            var offset = 0
            while true {
                let page = try store.assetPage(campaign: campaign, status: status, search: nil, limit: 5, offset: offset)
                paged += page
                offset += 5
                if page.count < 5 { break }
            }
            XCTAssertEqual(paged, all, "campaign \(campaign ?? "any"), status \(status?.rawValue ?? "any")")
            XCTAssertEqual(try store.assetCount(campaign: campaign, status: status, search: nil), all.count)
        }
        let newest = try store.assetPage(campaign: nil, status: nil, search: nil, limit: 3, offset: 0)
        XCTAssertEqual(
            newest.map(\.path).map { URL(fileURLWithPath: $0).lastPathComponent }, ["Banner_11.png", "Banner_10.png", "Banner_9.png"])
        // Banner_10 and Banner_11 share a time: the higher id comes first.
        XCTAssertEqual(newest[0].createdAt, newest[1].createdAt)
        XCTAssertGreaterThan(newest[0].id, newest[1].id)
        XCTAssertEqual(try store.assetPage(campaign: nil, status: nil, search: nil, limit: 0, offset: 0), [])
        XCTAssertEqual(try store.assetPage(campaign: nil, status: nil, search: nil, limit: 5, offset: 100), [])
        XCTAssertEqual(try store.assetPage(campaign: "nowhere", status: nil, search: nil, limit: 5, offset: 0), [])
    }

    func testSearchMatchesTheFileNameIgnoringCaseAndTakesWildcardsLiterally() throws {
        let store = try seeded()
        func names(_ search: String?, campaign: String? = nil) throws -> [String] {
            try store.assetPage(campaign: campaign, status: nil, search: search, limit: 50, offset: 0)
                .map { URL(fileURLWithPath: $0.path).lastPathComponent }
        }
        XCTAssertEqual(try names("banner_1"), ["Banner_11.png", "Banner_10.png", "Banner_1.png"])
        XCTAssertEqual(try names("BANNER_1", campaign: "autumn"), ["Banner_11.png", "Banner_1.png"])
        XCTAssertEqual(try names("work"), [], "the directory is not part of the file name")
        XCTAssertEqual(try names("spring"), [], "nor is the campaign folder")
        XCTAssertEqual(try names("100%_"), ["broken 100%_off.png"])
        XCTAssertEqual(try names("%"), ["broken 100%_off.png"], "% is a character, not a wildcard")
        XCTAssertEqual(try names("r_1"), ["Banner_11.png", "Banner_10.png", "Banner_1.png"])
        XCTAssertEqual(try names("r%1"), [], "no wildcard between r and 1")
        XCTAssertEqual(try names("").count, 13, "an empty search filters nothing")
        XCTAssertEqual(try store.assetCount(campaign: nil, status: nil, search: "banner_1"), 3)
        XCTAssertEqual(try store.assetCount(campaign: "spring", status: .failed, search: "BROKEN"), 1)
    }

    /// Counts equal a count of the assets themselves, for every campaign and status.
    private func assertCountsMatchTheAssets(_ store: SQLiteStore, file: StaticString = #filePath, line: UInt = #line) throws {
        let counts = try store.assetCounts()
        let all = try store.assets(campaign: nil, status: nil)
        XCTAssertEqual(counts.total, all.count, file: file, line: line)
        for status in AssetStatus.allCases {
            XCTAssertEqual(counts.count(status: status), all.filter { $0.status == status }.count, status.rawValue, file: file, line: line)
            for campaign in ["spring", "autumn"] {
                XCTAssertEqual(
                    counts.count(campaign: campaign, status: status),
                    all.filter { $0.status == status && $0.campaign == campaign }.count, "\(campaign) \(status.rawValue)",
                    file: file, line: line)
            }
        }
    }

    func testCountsPerStatusAndCampaignInOneCall() throws {
        let store = try seeded()
        try assertCountsMatchTheAssets(store)
        let counts = try store.assetCounts()
        XCTAssertEqual(counts.count(campaign: "spring"), 7)
        XCTAssertEqual(counts.count(campaign: "autumn"), 6)
        XCTAssertEqual(counts.byCampaign["empty"], [:], "a campaign without assets is listed")
        XCTAssertEqual(counts.count(campaign: "nowhere"), 0)
        XCTAssertEqual(counts.byStatus[.failed], 1)
        XCTAssertEqual(counts.byStatus[.needsReview], 4)
        XCTAssertNil(counts.byStatus[.queued])
        XCTAssertEqual(try SQLiteStore(path: path).assetCounts(), counts)

        // Statuses that change later (a decision, a failed re-read, a new version) move the counts too.
        let odd = try item(store, facet: "theme", normalized: "odd0")
        try store.decide(itemID: odd.id, decision: .reject, actor: "ann")
        var broken = try XCTUnwrap(try store.asset(campaign: "autumn", path: "/work/autumn/Banner_1.png"))
        broken.failureReason = "unreadable now"
        try store.saveFailure(broken)
        let fifth = try XCTUnwrap(try store.asset(campaign: "autumn", path: "/work/autumn/Banner_5.png"))
        XCTAssertEqual(fifth.status, .ready)
        try store.saveIngest(
            record(id: fifth.id, campaign: "autumn", path: fifth.path, hash: "h5-v2", tags: [unmapped("new", hint: "theme")]))
        try assertCountsMatchTheAssets(store)
        XCTAssertEqual(try store.assetCounts().count(status: .failed), 2)
        XCTAssertEqual(try store.assetCounts().count(status: .needsReview), 4, "one less by the decision, one more by the new version")
    }
}

/// `usersPage` and the audit readers.
final class UserPageAndAuditTests: StoreTestCase {
    func testUsersPageSearchesByIdPrefixWithAttributesInOneGo() throws {
        let store = try makeStore()
        var users = (1...7).map { n in
            UserProfile(
                id: String(format: "user-%02d", n),
                attributes: [
                    UserAttribute(facet: "theme", value: "Beach", weight: 0.5, entry: "beach", method: .exact, normalized: "beach"),
                    UserAttribute(facet: "color", value: "Red", weight: Double(n) / 10, entry: "red", method: .exact, normalized: "red"),
                ], source: "crm")
        }
        users.append(UserProfile(id: "user-bare", attributes: [], source: "crm"))
        users.append(UserProfile(id: "a*b", attributes: [UserAttribute(facet: "theme", value: "zorbing")], source: "crm"))
        users.append(UserProfile(id: "aXb", attributes: [], source: "crm"))
        users.append(UserProfile(id: "[x]", attributes: [], source: "crm"))
        try store.saveUsers(users, actor: "test")

        let all = try store.usersPage(search: nil, limit: 100, offset: 0)
        XCTAssertEqual(
            all.map(\.id), ["[x]", "a*b", "aXb", "user-01", "user-02", "user-03", "user-04", "user-05", "user-06", "user-07", "user-bare"])
        for user in all { XCTAssertEqual(user, try store.user(id: user.id), "page row of \(user.id) equals the single read") }
        XCTAssertEqual(try store.users(limit: 3, offset: 2).map(\.id), ["aXb", "user-01", "user-02"])
        XCTAssertEqual(try store.usersPage(search: "user-0", limit: 3, offset: 3).map(\.id), ["user-04", "user-05", "user-06"])
        XCTAssertEqual(try store.usersPage(search: "user-b", limit: 10, offset: 0).map(\.attributes), [[]])
        XCTAssertEqual(try store.usersPage(search: "a*", limit: 10, offset: 0).map(\.id), ["a*b"], "* is a character")
        XCTAssertEqual(try store.usersPage(search: "[", limit: 10, offset: 0).map(\.id), ["[x]"])
        XCTAssertEqual(try store.usersPage(search: "USER", limit: 10, offset: 0), [], "ids are case-sensitive")
        XCTAssertEqual(try store.usersPage(search: "", limit: 2, offset: 0).count, 2)
        XCTAssertEqual(try store.usersPage(search: nil, limit: 0, offset: 0), [])
        let waiting = try XCTUnwrap(try store.usersPage(search: "a*b", limit: 1, offset: 0).first?.attributes.first)
        XCTAssertNotNil(waiting.reviewItemID, "an unmapped attribute keeps its review link")
    }

    func testRecentAuditByPrefixAndTrailByExactSubject() throws {
        let store = try makeStore()
        try store.addAlias(entry: "red", alias: "scarlet", hidden: false, actor: "ann")
        try store.addAlias(entry: "blue", alias: "azure", hidden: false, actor: "bob")
        try store.saveIngest(record(path: "a.png", hash: "a", tags: [unmapped("odd", hint: "theme"), unmapped("weird", hint: "theme")]))
        let items = try store.reviewItems(status: .pending)
        try store.decide(itemID: items[0].id, decision: .reject, actor: "ann")
        try store.decide(itemID: items[1].id, decision: .map(entry: "red"), actor: "bob")
        try store.addAlias(entry: "red", alias: "ruby", hidden: false, actor: "cy")

        let reviews = try store.recentAudit(subjectPrefix: "review:", limit: 10)
        XCTAssertEqual(reviews.map(\.subject), ["review:\(items[1].id)", "review:\(items[0].id)"])
        XCTAssertEqual(reviews.map(\.actor), ["bob", "ann"])
        XCTAssertEqual(try store.recentAudit(subjectPrefix: "review:", limit: 1).count, 1)
        let everything = try store.auditLog(limit: 1000)
        let red = try store.auditTrail(subject: "red", limit: 10)
        XCTAssertEqual(red, everything.filter { $0.subject == "red" }, "newest first, exactly this subject")
        XCTAssertEqual(red.first?.actor, "cy")
        XCTAssertEqual(red.map(\.actor).filter { $0 != "setup" }, ["cy", "ann"])
        let re = try store.recentAudit(subjectPrefix: "re", limit: 100)
        XCTAssertEqual(re, everything.filter { $0.subject.hasPrefix("re") })
        XCTAssertGreaterThanOrEqual(re.count, 4, "'red' and both 'review:' subjects")
        XCTAssertEqual(try store.recentAudit(subjectPrefix: nil, limit: 3), try store.auditLog(limit: 3))
        XCTAssertEqual(try store.recentAudit(subjectPrefix: "*", limit: 10), [])
    }
}
