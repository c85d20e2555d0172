import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

/// The generator behind `assetscore generate`: counts, determinism, the Zipf-like queue.
final class SyntheticDatabaseTests: StoreTestCase {
    private func generate(
        at file: String? = nil, _ options: SyntheticOptions
    ) throws -> (store: SQLiteStore, summary: SyntheticSummary) {
        let store = try SQLiteStore(path: file ?? path)
        if try store.loadDictionary().entries.isEmpty {
            _ = try store.importDictionary(facets: Self.facets, entries: Self.entries, source: "test-dictionary", actor: "setup")
        }
        let mapper = Mapper(dictionary: try store.loadDictionary(), normalizer: Normalizer())
        let data = try SyntheticDatabase(
            options: options, dictionary: try store.loadDictionary(), map: { facet, text in mapper.map(text, facet: facet) })
        return (store, try store.generate(data, actor: "test"))
    }

    /// Everything that identifies the generated rows (not `updated_at`, which is the write time).
    private func fingerprint(_ store: SQLiteStore) throws -> [String] {
        let assets = try store.assets(campaign: nil, status: nil).map { a in
            "\(a.id) \(a.campaign) \(a.path) \(a.contentHash) \(a.status.rawValue) \(a.createdAt.timeIntervalSince1970) "
                + (try store.tags(assetID: a.id).map { "\($0.raw.text)/\($0.entry ?? "-")/\($0.reviewItemID ?? 0)" }.joined(separator: ","))
        }
        let items = try store.reviewItems(status: nil).map { "\($0.id) \($0.facet) \($0.normalized) \($0.occurrences) \($0.userCount)" }
        let users = try store.users(limit: 1000, offset: 0).map { u in
            "\(u.id) " + u.attributes.map { "\($0.facet)=\($0.value)@\($0.weight)" }.joined(separator: ",")
        }
        return assets + items + users
    }

    func testGeneratesExactlyWhatWasAskedFor() throws {
        let (store, summary) = try generate(SyntheticOptions(assets: 400, reviewItems: 150, campaigns: 4, users: 30, seed: 11))
        XCTAssertEqual(summary.assets, 400)
        XCTAssertEqual(summary.reviewItems, 150)
        XCTAssertEqual(summary.users, 30)
        XCTAssertEqual(summary.campaigns, 4)
        let counts = try store.assetCounts()
        XCTAssertEqual(counts.total, 400)
        XCTAssertEqual(counts.byCampaign.count, 4)
        XCTAssertEqual(counts.count(status: .failed), summary.failedAssets)
        XCTAssertEqual(
            counts.count(status: .ready) + counts.count(status: .needsReview) + summary.failedAssets, 400,
            "every other asset was analysed")
        XCTAssertGreaterThan(counts.count(status: .needsReview), 0)
        XCTAssertEqual(try store.reviewCount(status: .pending), 150)
        XCTAssertEqual(try store.userCount(), 30)

        let items = try store.reviewItems(status: .pending)
        XCTAssertTrue(items.allSatisfy { $0.occurrences >= 1 }, "every item waits on at least one tag")
        let texts = Set(items.map(\.sampleText))
        XCTAssertTrue(texts.contains("夏のセール"), "awkward strings are in a queue this big")
        XCTAssertTrue(texts.contains { $0.count > 250 }, "and a tag longer than any column")
        // Every mapped tag points at a real entry, and statuses follow the waiting tags.
        let entries = Set(try store.loadDictionary().entries.map(\.id))
        for asset in try store.assetPage(campaign: nil, status: nil, search: nil, limit: 60, offset: 0) where asset.status != .failed {
            let tags = try store.tags(assetID: asset.id)
            XCTAssertFalse(tags.isEmpty)
            XCTAssertTrue(tags.compactMap(\.entry).allSatisfy(entries.contains))
            let waits = tags.contains { $0.reviewItemID != nil }
            XCTAssertEqual(asset.status, waits ? .needsReview : .ready, asset.path)
        }
    }

    func testTheQueueIsHeadHeavyLikeZipf() throws {
        let (store, _) = try generate(SyntheticOptions(assets: 1000, reviewItems: 100, campaigns: 5, users: 0, seed: 5))
        let occurrences = try store.reviewItems(status: .pending).map(\.occurrences)
        XCTAssertEqual(occurrences.count, 100)
        XCTAssertGreaterThanOrEqual(occurrences[0], 30, "the top text is on about 4% of the assets")
        XCTAssertGreaterThanOrEqual(occurrences[0], 2 * occurrences[1] - 2, "the second is seen about half as often")
        XCTAssertEqual(occurrences[50], 1, "the median text is seen once")
        XCTAssertGreaterThan(
            occurrences.prefix(10).reduce(0, +), 2 * occurrences.suffix(50).reduce(0, +),
            "the top tenth outweighs the bottom half twice over")
    }

    func testTheSameSeedGivesTheSameDatabaseWhateverTheBatchSize() throws {
        let one = directory.appendingPathComponent("one.db").path
        let two = directory.appendingPathComponent("two.db").path
        let three = directory.appendingPathComponent("three.db").path
        let (a, _) = try generate(at: one, SyntheticOptions(assets: 300, reviewItems: 40, campaigns: 3, users: 20, seed: 42))
        let (b, _) = try generate(at: two, SyntheticOptions(assets: 300, reviewItems: 40, campaigns: 3, users: 20, seed: 42, batchSize: 7))
        let (c, _) = try generate(at: three, SyntheticOptions(assets: 300, reviewItems: 40, campaigns: 3, users: 20, seed: 43))
        let fingerprintA = try fingerprint(a)
        let fingerprintB = try fingerprint(b)
        XCTAssertEqual(fingerprintA.count, 300 + 40 + 20)
        XCTAssertEqual(fingerprintB.count, fingerprintA.count)
        for (rowA, rowB) in zip(fingerprintA, fingerprintB) where rowA != rowB {
            return XCTFail("the batch size changed a row:\n\(rowA)\n\(rowB)")
        }
        XCTAssertNotEqual(fingerprintA, try fingerprint(c))
    }

    func testASecondRunWithTheSameSeedIsRefusedAndWritesNothing() throws {
        let options = SyntheticOptions(assets: 50, reviewItems: 10, campaigns: 2, users: 5, seed: 9)
        let (store, _) = try generate(options)
        let audit = try store.auditCount()
        XCTAssertThrowsError(try generate(options)) { error in
            XCTAssertTrue("\(error)".contains("seed 9"), "\(error)")
        }
        XCTAssertEqual(try store.assetCounts().total, 50)
        XCTAssertEqual(try store.auditCount(), audit)
        let (_, other) = try generate(SyntheticOptions(assets: 50, reviewItems: 10, campaigns: 2, users: 0, seed: 10))
        XCTAssertEqual(other.assets, 50, "another seed adds to the same database")
        XCTAssertEqual(try store.assetCounts().total, 100)
    }

    func testNonsenseOptionsAreRefusedByName() throws {
        let bad: [(SyntheticOptions, String)] = [
            (SyntheticOptions(assets: -1, reviewItems: 0), "assets"),
            (SyntheticOptions(assets: 10, reviewItems: -5), "review items"),
            (SyntheticOptions(assets: 0, reviewItems: 5), "at least one asset"),
            (SyntheticOptions(assets: 10, reviewItems: 0, campaigns: 0), "campaign"),
            (SyntheticOptions(assets: 10, reviewItems: 0, users: -1), "users"),
            (SyntheticOptions(assets: 10, reviewItems: SyntheticOptions.maximumReviewItems + 1), "at most"),
        ]
        for (options, word) in bad {
            XCTAssertThrowsError(try options.validate()) { XCTAssertTrue("\($0)".contains(word), "\($0)") }
        }
        let store = try SQLiteStore(path: path)
        XCTAssertThrowsError(
            try SyntheticDatabase(options: SyntheticOptions(assets: 5, reviewItems: 1), dictionary: try store.loadDictionary()) { _, text in
                MappingResult(
                    input: text, facet: nil, normalized: text, entry: nil, method: .unmapped, confidence: 0, candidates: [], explanation: ""
                )
            }
        ) { XCTAssertTrue("\($0)".contains("no active entries"), "\($0)") }
    }
}
