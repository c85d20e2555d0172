import XCTest

@testable import AssetScoreCore

/// `Mapper.remapFunction(near:)` against the full mapper: for texts that did not map before an
/// entry gained names, it must give exactly the full mapper's answer.
final class MapperNearTests: XCTestCase {
    static let facets = [
        Facet(id: "theme", label: "Theme"), Facet(id: "tone", label: "Tone"), Facet(id: "color", label: "Colour"),
    ]
    static let entries = [
        DictionaryEntry(id: "beach", facet: "theme", label: "Beach", aliases: ["seaside"]),
        DictionaryEntry(id: "mountains", facet: "theme", label: "Mountains"),
        DictionaryEntry(id: "winter", facet: "theme", label: "Winter"),
        DictionaryEntry(id: "warm", facet: "tone", label: "Warm"),
        DictionaryEntry(id: "turquoise", facet: "color", label: "Turquoise"),
        DictionaryEntry(id: "retro", facet: "theme", label: "Retro"),
    ]

    func testScreenedRemapAgreesWithTheFullMapperOnTextsThatDidNotMap() {
        let texts: [(String?, String)] = [
            ("theme", "staycation"), ("theme", "Staycation"), ("theme", "stay-cations"), ("theme", "staycaton"),
            (nil, "STAYCATION"), ("tone", "staycation"), ("theme", "retro wave"), ("theme", "retro-waves"),
            ("theme", "retrowave"), ("theme", "birdwatching"), ("theme", "zorbing"), ("color", "turquise blue"),
            ("theme", "mountain retreat"), ("theme", "snowy"), ("tone", "playful"),
        ]
        let before = Mapper(dictionary: AttributeDictionary(facets: Self.facets, entries: Self.entries), normalizer: Normalizer())
        let pending = texts.filter { before.map($0.1, facet: $0.0).entry == nil }
        XCTAssertGreaterThan(pending.count, 10)
        // Decisions as the review makes them: an alias on an existing entry, and a new entry.
        var withAlias = Self.entries
        withAlias[0].aliases.append("Staycation")
        let newEntry = Self.entries + [DictionaryEntry(id: "retro-wave", facet: "theme", label: "Retro wave")]
        var mappedSomewhere = 0
        for (entries, changed) in [(withAlias, "beach"), (newEntry, "retro-wave")] {
            let after = Mapper(dictionary: AttributeDictionary(facets: Self.facets, entries: entries), normalizer: Normalizer())
            let near = after.remapFunction(near: changed)
            for (facet, text) in pending {
                let full = after.map(text, facet: facet)
                let screened = near(facet, text)
                XCTAssertEqual(screened.entry, full.entry, "\(text) (\(facet ?? "any facet")) near \(changed)")
                if full.entry != nil {
                    XCTAssertEqual(screened, full, text)
                    mappedSomewhere += 1
                }
            }
        }
        // The case must include texts that now map, or the agreement is only about nothing.
        XCTAssertGreaterThanOrEqual(mappedSomewhere, 4)
    }

    func testUnknownEntryFallsBackToTheFullMapper() {
        let m = Mapper(dictionary: AttributeDictionary(facets: Self.facets, entries: Self.entries), normalizer: Normalizer())
        XCTAssertEqual(m.remapFunction(near: "nope")("theme", "Beach"), m.map("Beach", facet: "theme"))
    }
}
