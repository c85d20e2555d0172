import XCTest

@testable import AssetScoreCore

/// A small hand-built dictionary that exercises every step of the mapping pipeline.
enum MappingFixture {
    static func dictionary() -> AttributeDictionary {
        let facets = [
            Facet(id: "color", label: "Colour"),
            Facet(id: "tone", label: "Tone"),
            Facet(id: "theme", label: "Theme"),
            Facet(id: "material", label: "Material"),
            Facet(id: "cooking", label: "Cooking"),
            // Short words are allowed to match fuzzily here, so the similarity itself must refuse "red" -> "bed".
            Facet(
                id: "room", label: "Room",
                thresholds: MappingThresholds(
                    fuzzyAccept: 0.88, candidateMinimum: 0.45,
                    fuzzyMinimumLength: 3)),
        ]
        let entries = [
            DictionaryEntry(
                id: "red", facet: "color", label: "Red", aliases: ["crimson", "Scarlet"],
                hiddenLabels: ["rd"], hex: "#d62828"),
            DictionaryEntry(id: "turquoise", facet: "color", label: "Turquoise", hiddenLabels: ["turqoise"]),
            DictionaryEntry(id: "purple", facet: "color", label: "Purple"),
            DictionaryEntry(id: "orange", facet: "color", label: "Orange"),
            DictionaryEntry(id: "pink", facet: "color", label: "Pink", aliases: ["blush"]),
            DictionaryEntry(id: "warm", facet: "tone", label: "Warm"),
            DictionaryEntry(id: "vibrant", facet: "tone", label: "Vibrant"),
            DictionaryEntry(id: "high-contrast", facet: "tone", label: "High Contrast"),
            DictionaryEntry(id: "summer", facet: "theme", label: "Summer"),
            DictionaryEntry(
                id: "summertime", facet: "theme", label: "Summertime", status: .deprecated,
                replacedBy: "summer"),
            DictionaryEntry(id: "retro", facet: "theme", label: "Retro", status: .deprecated),
            DictionaryEntry(id: "back-to-school", facet: "theme", label: "Back to School"),
            DictionaryEntry(id: "travel", facet: "theme", label: "Travel", aliases: ["tourism"]),
            DictionaryEntry(id: "winter-sports", facet: "theme", label: "Winter Sports"),
            DictionaryEntry(id: "mountains", facet: "theme", label: "Mountains"),
            DictionaryEntry(id: "beaches", facet: "theme", label: "Beaches", broader: "travel"),
            DictionaryEntry(id: "creme-brulee", facet: "theme", label: "Crème Brûlée"),
            DictionaryEntry(id: "news", facet: "theme", label: "News"),
            DictionaryEntry(id: "analysis", facet: "theme", label: "Analysis"),
            DictionaryEntry(id: "bus", facet: "theme", label: "Bus"),
            DictionaryEntry(id: "glass", facet: "material", label: "Glass"),
            DictionaryEntry(id: "simmer", facet: "cooking", label: "Simmer"),
            DictionaryEntry(id: "bed", facet: "room", label: "Bed"),
        ]
        return AttributeDictionary(facets: facets, entries: entries)
    }

    static func mapper(stemmer: (any Stemmer)? = nil) -> Mapper {
        Mapper(
            dictionary: dictionary(), normalizer: Normalizer(stemmer: stemmer),
            rejections: [
                RejectionKey(facet: "theme", normalized: "sale"),
                RejectionKey(facet: "", normalized: "click here"),
            ])
    }
}

final class MappingTableTests: XCTestCase {
    struct Row {
        var input: String
        var facet: String?
        var entry: String?
        var method: MappingMethod
        /// Expected confidence; nil means "the fuzzy similarity, at or above the facet's threshold".
        var confidence: Double?
        var line: UInt
    }

    private func row(
        _ input: String, _ facet: String?, _ entry: String?, _ method: MappingMethod,
        _ confidence: Double? = nil, line: UInt = #line
    ) -> Row {
        Row(input: input, facet: facet, entry: entry, method: method, confidence: confidence, line: line)
    }

    func testMappingTable() {
        let mapper = MappingFixture.mapper()
        let long300 = String(repeating: "abcdefghij", count: 30)
        let rows: [Row] = [
            // Exact labels, case-sensitive after trimming.
            row("Red", "color", "red", .exact, 1),
            row("  Red \n", nil, "red", .exact, 1),
            row("Back to School", "theme", "back-to-school", .exact, 1),
            row("Crème Brûlée", nil, "creme-brulee", .exact, 1),
            // Aliases and hidden labels compare normalised.
            row("crimson", "color", "red", .alias, 1),
            row("SCARLET", nil, "red", .alias, 1),
            row("rd", "color", "red", .hiddenLabel, 0.97),
            row("turqoise", nil, "turquoise", .hiddenLabel, 0.97),
            row("Turqoises", "color", "turquoise", .hiddenLabel, 0.97 * 0.95),
            // Case, width, diacritics and punctuation reach the normalised key.
            row("red", "color", "red", .normalized, 0.95),
            row("RED", nil, "red", .normalized, 0.95),
            row("ＲＥＤ", "color", "red", .normalized, 0.95),
            row("Crème brûlée", "theme", "creme-brulee", .normalized, 0.95),
            row("creme brulee", nil, "creme-brulee", .normalized, 0.95),
            row("Back-to-School!", "theme", "back-to-school", .normalized, 0.95),
            row("back_to_school", nil, "back-to-school", .normalized, 0.95),
            row("high-contrast", "tone", "high-contrast", .normalized, 0.95),
            row("🔥 Summer 🔥", "theme", "summer", .normalized, 0.95),
            row("\u{0}red\u{7}", "color", "red", .normalized, 0.95),
            // Plurals, including words that only look plural.
            row("beach", "theme", "beaches", .normalized, 0.95),
            row("Summers", "theme", "summer", .normalized, 0.95),
            row("GLASS", "material", "glass", .normalized, 0.95),
            row("news", "theme", "news", .normalized, 0.95),
            row("analyses", "theme", "analysis", .normalized, 0.95),
            row("buses", "theme", "bus", .normalized, 0.95),
            // Typos accepted by the fuzzy step.
            row("sumer", "theme", "summer", .fuzzy),
            row("vibrnt", "tone", "vibrant", .fuzzy),
            row("turquise", "color", "turquoise", .fuzzy),
            row("purpel", nil, "purple", .fuzzy),
            row("Vibrnt!", nil, "vibrant", .fuzzy),
            row("turquoyse", "color", "turquoise", .fuzzy),
            row("wintter sports", "theme", "winter-sports", .fuzzy),
            row("Mountians", "theme", "mountains", .fuzzy),
            // A letter added inside a word usually spells another word: review, not a mapping.
            row("bluish", "color", nil, .unmapped, 0),
            row("bleach", "theme", nil, .unmapped, 0),
            row("tourist", "theme", nil, .unmapped, 0),
            // Short or unrelated words refused.
            row("red", "room", nil, .unmapped, 0),
            row("summer", "cooking", nil, .unmapped, 0),
            row("gren", "color", nil, .unmapped, 0),
            row("xyzzy", nil, nil, .unmapped, 0),
            row("glasses", "material", nil, .unmapped, 0),
            // The facet hint restricts; an unknown facet searches everywhere.
            row("Warm", "color", nil, .unmapped, 0),
            row("Warm", nil, "warm", .exact, 1),
            row("Warm", "mood", "warm", .exact, 1),
            row("Summer", "tone", nil, .unmapped, 0),
            // Deprecated entries map to their replacement, or not at all.
            row("Summertime", "theme", "summer", .exact, 1),
            row("summertime", nil, "summer", .normalized, 0.95),
            row("Retro", "theme", nil, .unmapped, 0),
            // Remembered rejections, per facet hint.
            row("Sale!", "theme", nil, .rejected, 1),
            row("SALE", "theme", nil, .rejected, 1),
            row("sale", "tone", nil, .unmapped, 0),
            row("Click here", nil, nil, .rejected, 1),
            // Degenerate inputs never crash and never map.
            row("", nil, nil, .unmapped, 0),
            row("   \t\n", "color", nil, .unmapped, 0),
            row("🔥🎉", nil, nil, .unmapped, 0),
            row(long300, nil, nil, .unmapped, 0),
            row(String(repeating: "summer ", count: 45), "theme", nil, .unmapped, 0),
            row("\u{1}\u{2}\u{1B}[31m", nil, nil, .unmapped, 0),
            row("\u{FFFD}\u{FEFF}\u{200D}", nil, nil, .unmapped, 0),
        ]
        XCTAssertGreaterThanOrEqual(rows.count, 30)
        for r in rows {
            let result = mapper.map(r.input, facet: r.facet)
            let label = "map(\(r.input.debugDescription), facet: \(r.facet ?? "nil")) -> \(result.explanation)"
            XCTAssertEqual(result.entry, r.entry, label, line: r.line)
            XCTAssertEqual(result.method, r.method, label, line: r.line)
            if let c = r.confidence {
                XCTAssertEqual(result.confidence, c, accuracy: 1e-9, label, line: r.line)
            } else {
                XCTAssertGreaterThanOrEqual(result.confidence, MappingThresholds.default.fuzzyAccept, label, line: r.line)
                XCTAssertLessThan(result.confidence, 1, label, line: r.line)
            }
            XCTAssertEqual(result.input, r.input, line: r.line)
            XCTAssertEqual(result.normalized, Normalizer().normalize(r.input), line: r.line)
            XCTAssertFalse(result.explanation.isEmpty, label, line: r.line)
            XCTAssertFalse(result.explanation.contains("\n"), label, line: r.line)
            XCTAssertLessThanOrEqual(result.candidates.count, Mapper.candidateLimit, label, line: r.line)
            XCTAssertEqual(
                result.candidates.map(\.score), result.candidates.map(\.score).sorted(by: >), label,
                line: r.line)
            if let entry = result.entry {
                XCTAssertEqual(result.facet, MappingFixture.dictionary().entry(entry)?.facet, label, line: r.line)
            } else {
                XCTAssertEqual(result.facet, r.facet, label, line: r.line)
            }
        }
    }

    func testUnmappedNearMissListsCandidatesBestFirst() {
        let mapper = MappingFixture.mapper()
        let result = mapper.map("summer", facet: "cooking")
        XCTAssertNil(result.entry)
        XCTAssertEqual(result.candidates.first?.entry, "simmer")
        XCTAssertTrue(result.explanation.contains("Simmer (cooking)"), result.explanation)
        XCTAssertTrue(result.explanation.contains("below the 0.89"), result.explanation)
        for c in result.candidates { XCTAssertGreaterThanOrEqual(c.score, MappingThresholds.default.candidateMinimum) }
    }

    func testNearWordsGoToReviewWithTheirLookAlikeAsCandidate() {
        let mapper = MappingFixture.mapper()
        for (text, facet, lookAlike) in [("bluish", "color", "pink"), ("bleach", "theme", "beaches"), ("tourist", "theme", "travel")] {
            let result = mapper.map(text, facet: facet)
            XCTAssertNil(result.entry, result.explanation)
            XCTAssertEqual(result.candidates.first?.entry, lookAlike, result.explanation)
            XCTAssertTrue(result.explanation.contains("needed to map without review"), result.explanation)
        }
    }

    func testFuzzyPrefersTheCloserWordAcrossFacets() {
        // "sumer" is near both Summer (theme) and Simmer (cooking); Summer is clearly closer.
        let result = MappingFixture.mapper().map("sumer", facet: nil)
        XCTAssertEqual(result.entry, "summer")
        XCTAssertEqual(result.method, .fuzzy)
        XCTAssertEqual(result.candidates.first?.entry, "summer")
        XCTAssertTrue(result.explanation.contains("Summer (theme)"), result.explanation)
    }

    func testExplanationsSayWhy() {
        let mapper = MappingFixture.mapper()
        XCTAssertEqual(mapper.map("crimson", facet: "color").explanation, "'crimson' is an alias of Red (color).")
        XCTAssertEqual(
            mapper.map("Summertime", facet: nil).explanation,
            "'Summertime' is the label of Summertime (theme), which is deprecated and replaced by Summer (theme).")
        XCTAssertTrue(mapper.map("Retro", facet: nil).explanation.contains("deprecated without a replacement"))
        XCTAssertTrue(mapper.map("red", facet: "room").explanation.contains("closest to Bed (room)"))
        XCTAssertTrue(mapper.map("ab", facet: "room").explanation.contains("shorter than the 3"))
        XCTAssertTrue(mapper.map("abc", facet: "theme").explanation.contains("shorter than the 5"))
        XCTAssertTrue(mapper.map("Sale", facet: "theme").explanation.contains("rejected"))
        XCTAssertTrue(mapper.map("🔥", facet: nil).explanation.contains("nothing to map"))
        let long = mapper.map(String(repeating: "x", count: 300), facet: nil).explanation
        XCTAssertLessThan(long.count, 200, long)
    }

    func testTiesResolveByEntryID() {
        let dictionary = AttributeDictionary(
            facets: [Facet(id: "a", label: "A"), Facet(id: "b", label: "B")],
            entries: [
                DictionaryEntry(id: "zeta", facet: "b", label: "Orange"),
                DictionaryEntry(id: "alpha", facet: "a", label: "Orange"),
                DictionaryEntry(id: "m1", facet: "a", label: "Lantern", aliases: ["glow"]),
                DictionaryEntry(id: "m0", facet: "b", label: "Glow"),
            ])
        let mapper = Mapper(dictionary: dictionary, normalizer: Normalizer())
        XCTAssertEqual(mapper.map("Orange", facet: nil).entry, "alpha")
        XCTAssertEqual(mapper.map("Orange", facet: "b").entry, "zeta")
        XCTAssertEqual(mapper.map("orange", facet: nil).entry, "alpha")
        XCTAssertEqual(mapper.map("Oranje", facet: nil).candidates.map(\.entry).prefix(2), ["alpha", "zeta"])
        // A label, in any case, wins over another entry's alias: earlier steps decide first.
        XCTAssertEqual(mapper.map("Glow", facet: nil).entry, "m0")
        XCTAssertEqual(mapper.map("glow", facet: nil).entry, "m0")
        XCTAssertEqual(mapper.map("glow", facet: "a").entry, "m1")
    }

    func testALabelIsNotTakenOverByAnotherEntrysAlias() {
        // As a store would hold it after `dict add --facet theme --label Sea --alias beach`.
        let dictionary = AttributeDictionary(
            facets: [Facet(id: "theme", label: "Theme")],
            entries: [
                DictionaryEntry(id: "beach", facet: "theme", label: "Beach"),
                DictionaryEntry(id: "sea", facet: "theme", label: "Sea", aliases: ["beach", "Ocean"]),
            ])
        let mapper = Mapper(dictionary: dictionary, normalizer: Normalizer())
        for text in ["beach", "BEACH", " Beach!"] {
            let result = mapper.map(text, facet: "theme")
            XCTAssertEqual(result.entry, "beach", result.explanation)
            XCTAssertEqual(result.method, .normalized, result.explanation)
            XCTAssertEqual(
                result.explanation, "\(Mapper.quoted(text)) normalised to 'beach' is the label of Beach (theme).")
        }
        XCTAssertEqual(mapper.map("Beach", facet: "theme").method, .exact)
        XCTAssertEqual(mapper.map("beach", facet: nil).entry, "beach")
        XCTAssertEqual(mapper.map("ocean", facet: "theme").entry, "sea")
    }

    func testANameSharedWithinAFacetGoesToReviewWithEveryEntry() {
        // IAB Audience 1.1 has "Retired" under Employment Status and under Employment Role.
        let dictionary = AttributeDictionary(
            facets: [Facet(id: "audience", label: "Audience"), Facet(id: "other", label: "Other")],
            entries: [
                DictionaryEntry(id: "a-status", facet: "audience", label: "Employment Status"),
                DictionaryEntry(id: "a-role", facet: "audience", label: "Employment Role"),
                DictionaryEntry(id: "a-40", facet: "audience", label: "Retired", broader: "a-role"),
                DictionaryEntry(id: "a-32", facet: "audience", label: "Retired", broader: "a-status"),
                DictionaryEntry(id: "o-1", facet: "other", label: "Pensioner", aliases: ["retired"]),
            ])
        let mapper = Mapper(dictionary: dictionary, normalizer: Normalizer())
        for (text, facet) in [("Retired", "audience"), ("retired", "audience"), ("Retired", nil), ("RETIREDS", "audience")] {
            let result = mapper.map(text, facet: facet)
            XCTAssertNil(result.entry, result.explanation)
            XCTAssertEqual(result.method, .unmapped)
            XCTAssertEqual(Set(result.candidates.map(\.entry)), ["a-32", "a-40"], result.explanation)
            XCTAssertTrue(result.explanation.contains("2 entries of audience"), result.explanation)
            XCTAssertTrue(result.explanation.contains("Retired [a-32, under Employment Status]"), result.explanation)
            XCTAssertTrue(result.explanation.hasSuffix("so it needs review."), result.explanation)
        }
        // Another facet's alias is no rival when the hint names that facet.
        XCTAssertEqual(mapper.map("retired", facet: "other").entry, "o-1")
    }

    func testTheKeyIsReportedBesideTheNormalisedText() throws {
        let mapper = MappingFixture.mapper()
        let result = mapper.map("Winters Sports", facet: "theme")
        XCTAssertEqual(result.entry, "winter-sports")
        XCTAssertEqual(result.method, .normalized)
        XCTAssertEqual(result.normalized, "winters sports")
        XCTAssertEqual(result.key, "winter sport")
        XCTAssertEqual(
            result.explanation, "'Winters Sports' has the key 'winter sport', as has Winter Sports (theme).")
        let json = try XCTUnwrap(
            JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
        XCTAssertEqual(json["normalized"] as? String, "winters sports")
        XCTAssertEqual(json["key"] as? String, "winter sport")
        let label = mapper.map("winter sports", facet: "theme")
        XCTAssertEqual(label.explanation, "'winter sports' normalised to 'winter sports' is the label of Winter Sports (theme).")
        XCTAssertEqual(label.key, "winter sport")
        let decoded = try JSONDecoder().decode(MappingResult.self, from: JSONEncoder().encode(result))
        XCTAssertEqual(decoded, result)
        XCTAssertEqual(mapper.map("Red", facet: nil).key, "red")
        XCTAssertEqual(mapper.map("wintter sports", facet: "theme").key, "wintter sport")
    }

    func testStemmerWidensTheNormalisedStep() {
        let plain = MappingFixture.mapper()
        let stemming = MappingFixture.mapper(stemmer: SuffixStemmer())
        XCTAssertNotEqual(plain.map("Travelling", facet: "theme").method, .normalized)
        let stemmed = stemming.map("Travelling", facet: "theme")
        XCTAssertEqual(stemmed.entry, "travel")
        XCTAssertEqual(stemmed.method, .normalized)
    }

    func testTyposOfWordsTheStemmerShortensStillMap() {
        // Snowball turns "purple" into "purpl" but leaves the typo "purpel" alone; compared by
        // key only, the typo would look like a letter typed in addition.
        struct FinalEStemmer: Stemmer {
            func stem(_ word: String) -> String { word.count > 4 && word.hasSuffix("e") ? String(word.dropLast()) : word }
        }
        let mapper = MappingFixture.mapper(stemmer: FinalEStemmer())
        for (text, entry) in [("purpel", "purple"), ("turquoyse", "turquoise"), ("orange", "orange")] {
            XCTAssertEqual(mapper.map(text, facet: "color").entry, entry, text)
        }
        XCTAssertNil(mapper.map("bluish", facet: "color").entry)
    }

    func testMappingIsDeterministic() {
        let a = MappingFixture.mapper()
        let b = MappingFixture.mapper()
        for text in ["sumer", "Oranje", "summer", "xyz", "Back-to-School!", "purpel", "vibrnt"] {
            for facet in [nil, "theme", "color"] as [String?] {
                XCTAssertEqual(a.map(text, facet: facet), b.map(text, facet: facet), text)
            }
        }
    }
}
