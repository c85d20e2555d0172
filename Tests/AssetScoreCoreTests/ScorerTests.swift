import XCTest

@testable import AssetScoreCore

final class ScorerTests: XCTestCase {
    // MARK: Fixture

    static let dictionary = AttributeDictionary(
        facets: [
            Facet(id: "color", label: "Colour", weight: 1),
            Facet(id: "tone", label: "Tone", weight: 2),
            Facet(id: "theme", label: "Theme", weight: 1),
        ],
        entries: [
            DictionaryEntry(id: "red", facet: "color", label: "Red"),
            DictionaryEntry(id: "blue", facet: "color", label: "Blue"),
            DictionaryEntry(id: "scarlet", facet: "color", label: "Scarlet", status: .deprecated, replacedBy: "red"),
            DictionaryEntry(id: "warm", facet: "tone", label: "Warm"),
            DictionaryEntry(id: "cool", facet: "tone", label: "Cool"),
            DictionaryEntry(id: "travel", facet: "theme", label: "Travel"),
            DictionaryEntry(id: "beaches", facet: "theme", label: "Beaches", broader: "travel"),
            DictionaryEntry(id: "tropical-beaches", facet: "theme", label: "Tropical Beaches", broader: "beaches"),
            DictionaryEntry(id: "city-breaks", facet: "theme", label: "City Breaks", broader: "travel"),
        ])

    func asset(_ id: Int64, status: AssetStatus = .ready) -> Asset {
        Asset(
            id: id, campaign: "spring", path: "v\(id).png", contentHash: String(repeating: "0", count: 64), size: 1,
            mediaType: "image/png", status: status)
    }

    func tag(
        _ asset: Int64, _ entry: String?, raw: Double = 1, mapping: Double = 1, review: Int64? = nil,
        source: TagSource = .embedded
    ) -> AssetTag {
        AssetTag(
            assetID: asset,
            raw: RawTag(
                text: entry ?? "???", facetHint: nil, confidence: raw, source: source,
                evidence: "test"),
            facet: "", normalized: entry ?? "???", entry: entry, method: entry == nil ? .unmapped : .exact,
            mappingConfidence: mapping, reviewItemID: review)
    }

    func likes(_ entry: String?, _ weight: Double = 1, facet: String = "theme", value: String? = nil) -> UserAttribute {
        UserAttribute(
            facet: facet, value: value ?? entry ?? "?", weight: weight, entry: entry,
            method: entry == nil ? .unmapped : .exact)
    }

    func scorer(_ tags: [Int64: [AssetTag]], assets: [Int64] = [1, 2, 3], campaign: Campaign? = nil) -> Scorer {
        Scorer(
            dictionary: Self.dictionary, campaign: campaign ?? Campaign(id: "spring"), assets: assets.map { asset($0) },
            tags: tags)
    }

    // MARK: Tests

    func testExactNumbersForAHandBuiltCase() {
        let s = scorer([
            1: [tag(1, "red", raw: 0.8), tag(1, "warm", raw: 0.8, mapping: 0.95)],
            2: [tag(2, "blue"), tag(2, "warm", raw: 0.5)],
            3: [tag(3, "cool")],
        ])
        let d = s.decide(attributes: [likes("red", 1, facet: "color"), likes("warm", 0.5, facet: "tone")], subject: "u1")
        XCTAssertEqual(d.campaign, "spring")
        XCTAssertEqual(d.subject, "u1")
        XCTAssertFalse(d.usedFallback)
        XCTAssertEqual(d.ranking.map(\.assetID), [1, 2, 3])
        // red: 1 × 1 × 1 × 0.8; warm: 0.5 × 2 (tone weight) × 1 × (0.8 × 0.95).
        XCTAssertEqual(d.ranking[0].score, 0.8 + 0.76, accuracy: 1e-12)
        XCTAssertEqual(d.ranking[1].score, 0.5, accuracy: 1e-12)
        XCTAssertEqual(d.ranking[2].score, 0)
        XCTAssertEqual(d.winner?.assetID, 1)
        XCTAssertEqual(d.winner?.path, "v1.png")

        let c = d.ranking[0].contributions
        XCTAssertEqual(c.map(\.userEntry), ["red", "warm"])
        XCTAssertEqual(c[0].reason, "likes Red (color)")
        XCTAssertEqual(c[1].reason, "likes Warm (tone)")
        XCTAssertEqual(c[1].attributeWeight, 0.5)
        XCTAssertEqual(c[1].facetWeight, 2)
        XCTAssertEqual(c[1].match, 1)
        XCTAssertEqual(c[1].confidence, 0.76, accuracy: 1e-12)
        XCTAssertEqual(c[1].value, 0.76, accuracy: 1e-12)
        XCTAssertEqual(c[1].facet, "tone")
        XCTAssertEqual(c[1].assetEntry, "warm")
        XCTAssertTrue(d.ranking[2].contributions.isEmpty)
        XCTAssertTrue(d.notes.isEmpty, "\(d.notes)")
    }

    func testPartialCreditForBroaderAndNarrower() {
        let s = scorer(
            [
                1: [tag(1, "beaches")],
                2: [tag(2, "tropical-beaches")],
                3: [tag(3, "travel", raw: 0.5)],
                4: [tag(4, "city-breaks")],
            ], assets: [1, 2, 3, 4])

        // The user likes Travel: Beaches is one level narrower, Tropical Beaches two.
        let travel = s.decide(attributes: [likes("travel")], subject: nil)
        XCTAssertEqual(travel.ranking.map(\.assetID), [1, 3, 4, 2])
        XCTAssertEqual(score(travel, 1), 0.5, accuracy: 1e-12)
        XCTAssertEqual(score(travel, 4), 0.5, accuracy: 1e-12)
        XCTAssertEqual(score(travel, 2), 0.25, accuracy: 1e-12)
        XCTAssertEqual(score(travel, 3), 0.5, accuracy: 1e-12)  // same entry, tag confidence 0.5
        XCTAssertEqual(contribution(travel, 1)?.reason, "likes Travel, matched narrower Travel > Beaches")
        XCTAssertEqual(
            contribution(travel, 2)?.reason,
            "likes Travel, matched narrower Travel > Beaches > Tropical Beaches")
        XCTAssertEqual(contribution(travel, 2)?.match, 0.25)

        // The user likes Tropical Beaches: Beaches is broader by one, Travel by two, City Breaks is unrelated.
        let tropical = s.decide(attributes: [likes("tropical-beaches")], subject: nil)
        XCTAssertEqual(score(tropical, 2), 1, accuracy: 1e-12)
        XCTAssertEqual(score(tropical, 1), 0.5, accuracy: 1e-12)
        XCTAssertEqual(score(tropical, 3), 0.25 * 0.5, accuracy: 1e-12)
        XCTAssertEqual(score(tropical, 4), 0)
        XCTAssertEqual(
            contribution(tropical, 1)?.reason,
            "likes Tropical Beaches, matched broader Beaches > Tropical Beaches")
        XCTAssertEqual(
            contribution(tropical, 3)?.reason,
            "likes Tropical Beaches, matched broader Travel > Beaches > Tropical Beaches")

        // Siblings share a parent but are not broader or narrower of each other.
        let city = s.decide(attributes: [likes("city-breaks")], subject: nil)
        XCTAssertEqual(score(city, 1), 0)
        XCTAssertEqual(score(city, 4), 1)
    }

    func testBestTagWinsOverPartialOnes() {
        // An asset tagged with both Travel and Beaches gives a Travel fan the full match, once.
        let s = scorer([1: [tag(1, "beaches"), tag(1, "travel", raw: 0.9), tag(1, "tropical-beaches")]], assets: [1])
        let d = s.decide(attributes: [likes("travel")], subject: nil)
        XCTAssertEqual(d.ranking[0].contributions.count, 1)
        XCTAssertEqual(d.ranking[0].score, 0.9, accuracy: 1e-12)
        XCTAssertEqual(d.ranking[0].contributions[0].assetEntry, "travel")
        // A weak exact tag loses to a strong partial one: best means largest match × confidence.
        let weak = scorer([1: [tag(1, "travel", raw: 0.2), tag(1, "beaches")]], assets: [1])
        let w = weak.decide(attributes: [likes("travel")], subject: nil)
        XCTAssertEqual(w.ranking[0].score, 0.5, accuracy: 1e-12)
        XCTAssertEqual(w.ranking[0].contributions[0].assetEntry, "beaches")
    }

    func testCampaignFacetWeightOverride() {
        let tags: [Int64: [AssetTag]] = [1: [tag(1, "red")], 2: [tag(2, "warm")]]
        let attributes = [likes("red", facet: "color"), likes("warm", facet: "tone")]
        // Default weights: tone 2 beats colour 1.
        let plain = scorer(tags, assets: [1, 2]).decide(attributes: attributes, subject: nil)
        XCTAssertEqual(plain.winner?.assetID, 2)
        XCTAssertEqual(score(plain, 2), 2)
        // The campaign halves tone and triples colour.
        let campaign = Campaign(id: "spring", facetWeights: ["tone": 0.5, "color": 3])
        let weighted = scorer(tags, assets: [1, 2], campaign: campaign).decide(attributes: attributes, subject: nil)
        XCTAssertEqual(weighted.winner?.assetID, 1)
        XCTAssertEqual(score(weighted, 1), 3)
        XCTAssertEqual(score(weighted, 2), 0.5)
        XCTAssertEqual(contribution(weighted, 2)?.facetWeight, 0.5)
    }

    func testTieBreakByAssetID() {
        let s = scorer([3: [tag(3, "red")], 2: [tag(2, "red")], 5: [tag(5, "blue")]], assets: [5, 3, 2])
        let d = s.decide(attributes: [likes("red", facet: "color")], subject: nil)
        XCTAssertEqual(d.ranking.map(\.assetID), [2, 3, 5])
        XCTAssertEqual(d.winner?.assetID, 2)
        XCTAssertFalse(d.usedFallback)
        XCTAssertTrue(d.notes.contains { $0.contains("tied") && $0.contains("v2.png") && $0.contains("v3.png") }, "\(d.notes)")
        // Same input, same answer.
        XCTAssertEqual(s.decide(attributes: [likes("red", facet: "color")], subject: nil).ranking, d.ranking)
    }

    func testFallbackWhenNothingMatches() {
        let tags: [Int64: [AssetTag]] = [1: [tag(1, "red")], 2: [tag(2, "blue")], 3: [tag(3, "warm")]]
        let withFallback = scorer(tags, campaign: Campaign(id: "spring", fallbackAssetID: 2))
        let d = withFallback.decide(attributes: [likes("cool", facet: "tone")], subject: "u2")
        XCTAssertTrue(d.usedFallback)
        XCTAssertEqual(d.winner?.assetID, 2)
        XCTAssertEqual(d.ranking.map(\.assetID), [1, 2, 3])
        XCTAssertEqual(
            d.notes.first,
            "No variant matched any of the profile's mapped attributes, so v2.png was served as the campaign's fallback.")

        // The named fallback is not a variant (failed, say): the lowest id is served.
        let missing = scorer(tags, assets: [3, 2], campaign: Campaign(id: "spring", fallbackAssetID: 1))
        let m = missing.decide(attributes: [], subject: nil)
        XCTAssertTrue(m.usedFallback)
        XCTAssertEqual(m.winner?.assetID, 2)
        XCTAssertTrue(m.notes[0].contains("no mapped attributes"), m.notes[0])
        XCTAssertTrue(m.notes[0].contains("fallback asset 1 is not a scorable variant"), m.notes[0])

        // No fallback named at all.
        let none = scorer(tags).decide(attributes: [likes(nil, value: "zorbing")], subject: nil)
        XCTAssertTrue(none.usedFallback)
        XCTAssertEqual(none.winner?.assetID, 1)
        XCTAssertTrue(none.notes.contains("Unmapped profile attribute was ignored: theme: zorbing."), "\(none.notes)")
    }

    func testNegativeWeightsPushVariantsDown() {
        let tags: [Int64: [AssetTag]] = [1: [tag(1, "red", raw: 0.8), tag(1, "warm")], 2: [tag(2, "warm")], 3: []]
        let d = scorer(tags).decide(
            attributes: [likes("red", -1, facet: "color"), likes("warm", 0.25, facet: "tone")],
            subject: nil)
        // v1: -0.8 + 0.25 × 2 = -0.3; v2: 0.5; v3: 0.
        XCTAssertEqual(d.ranking.map(\.assetID), [2, 3, 1])
        XCTAssertEqual(score(d, 1), -0.3, accuracy: 1e-12)
        XCTAssertEqual(d.winner?.assetID, 2)
        XCTAssertEqual(d.ranking[2].contributions.last?.reason, "dislikes Red (color)")
        XCTAssertEqual(d.ranking[2].contributions.last?.value ?? 0, -0.8, accuracy: 1e-12)

        // Only a dislike: the disliked variant sinks and a neutral one wins without fallback.
        let only = scorer(tags, campaign: Campaign(id: "spring", fallbackAssetID: 1))
            .decide(attributes: [likes("red", -2, facet: "color")], subject: nil)
        XCTAssertFalse(only.usedFallback)
        XCTAssertEqual(only.ranking.map(\.assetID), [2, 3, 1])
        XCTAssertEqual(only.winner?.assetID, 2)
        XCTAssertEqual(score(only, 1), -1.6, accuracy: 1e-12)
    }

    func testUnresolvedTagsAreNoted() {
        let tags: [Int64: [AssetTag]] = [
            1: [tag(1, "red"), tag(1, nil, review: 7), tag(1, nil, review: 8), tag(1, nil, source: .ocr)],
            2: [tag(2, nil, review: 9)],
        ]
        let d = scorer(tags, assets: [1, 2]).decide(attributes: [likes("red", facet: "color")], subject: nil)
        XCTAssertEqual(d.winner?.assetID, 1)
        XCTAssertEqual(d.winner?.unresolvedTags, 2)
        XCTAssertEqual(d.ranking[1].unresolvedTags, 1)
        XCTAssertTrue(d.notes.contains("v1.png scored on mapped tags only; 2 tags await review."), "\(d.notes)")
        let single = scorer(tags, assets: [2]).decide(attributes: [likes("red", facet: "color")], subject: nil)
        XCTAssertTrue(single.notes.contains("v2.png scored on mapped tags only; 1 tag awaits review."), "\(single.notes)")
    }

    func testDuplicatesAreNotDoubleCounted() {
        // The same entry from three sources (colour analysis, XMP, sidecar) counts once, at its best.
        let tags: [Int64: [AssetTag]] = [
            1: [
                tag(1, "red", raw: 0.8, source: .color), tag(1, "red", raw: 0.6), tag(1, "red", raw: 0.9, source: .sidecar),
                tag(1, "scarlet", raw: 0.7),
            ]
        ]
        let s = scorer(tags, assets: [1])
        let d = s.decide(attributes: [likes("red", facet: "color")], subject: nil)
        XCTAssertEqual(d.ranking[0].contributions.count, 1)
        XCTAssertEqual(d.ranking[0].score, 0.9, accuracy: 1e-12)
        // Two profile attributes naming the same entry (one deprecated) count once, with the larger weight.
        let twice = s.decide(
            attributes: [likes("red", 0.5, facet: "color"), likes("scarlet", 1, facet: "color")],
            subject: nil)
        XCTAssertEqual(twice.ranking[0].contributions.count, 1)
        XCTAssertEqual(twice.ranking[0].score, 0.9, accuracy: 1e-12)
        XCTAssertEqual(twice.ranking[0].contributions[0].userEntry, "red")
    }

    func testEmptyCampaignAndUnscorableAssets() {
        let empty = scorer([:], assets: []).decide(attributes: [likes("red", facet: "color")], subject: "u")
        XCTAssertNil(empty.winner)
        XCTAssertTrue(empty.ranking.isEmpty)
        XCTAssertFalse(empty.usedFallback)
        XCTAssertEqual(empty.notes, ["Campaign spring has no scorable variants, so there is nothing to serve."])

        let s = Scorer(
            dictionary: Self.dictionary, campaign: Campaign(id: "spring"),
            assets: [asset(1, status: .failed), asset(2, status: .needsReview), asset(3, status: .queued)],
            tags: [1: [tag(1, "red")], 2: [tag(2, "blue")]])
        let d = s.decide(attributes: [likes("red", facet: "color")], subject: nil)
        XCTAssertEqual(d.ranking.map(\.assetID), [2])
        XCTAssertTrue(d.usedFallback)
    }

    func testDecideScalesWithAttributesAndVariants() {
        // 300 variants × 200 attributes must stay interactive even unoptimised.
        var tags: [Int64: [AssetTag]] = [:]
        let ids = Self.dictionary.entries.map(\.id)
        for a in 1...300 { tags[Int64(a)] = (0..<6).map { tag(Int64(a), ids[(a + $0 * 7) % ids.count], raw: 0.5) } }
        let s = scorer(tags, assets: (1...300).map(Int64.init))
        let attributes = (0..<200).map { likes(ids[$0 % ids.count], Double($0 % 5) - 1, facet: "x") }
        let clock = ContinuousClock()
        var d: Decision?
        let elapsed = clock.measure { d = s.decide(attributes: attributes, subject: nil) }
        XCTAssertEqual(d?.ranking.count, 300)
        XCTAssertLessThan(elapsed, .seconds(2), "decide took \(elapsed)")
    }

    // MARK: Helpers

    private func score(_ d: Decision, _ asset: Int64) -> Double {
        d.ranking.first { $0.assetID == asset }?.score ?? .nan
    }

    private func contribution(_ d: Decision, _ asset: Int64) -> Contribution? {
        d.ranking.first { $0.assetID == asset }?.contributions.first
    }
}
