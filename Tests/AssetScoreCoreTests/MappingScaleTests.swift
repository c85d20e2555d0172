import XCTest

@testable import AssetScoreCore

/// The mapper with a dictionary the size of the IAB taxonomies: still exact where it must be,
/// its trigram shortcut finding what a full scan finds, and fast.
final class MappingScaleTests: XCTestCase {
    /// Deterministic pseudo-random numbers, so the synthetic dictionary is the same on every run.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    struct Synthetic {
        var dictionary: AttributeDictionary
        /// Entries whose label is one word of at least seven letters, for typo checks.
        var typoTargets: [DictionaryEntry]
    }

    static func synthetic(count: Int) -> Synthetic {
        var random = Generator(state: 42)
        let consonants = Array("bcdfghklmnprstvz")
        let vowels = Array("aeiou")
        let normalizer = Normalizer()
        var usedKeys: Set<String> = []
        func word() -> String {
            while true {
                var w = ""
                for _ in 0..<(2 + random.next(3)) {
                    w.append(consonants[random.next(consonants.count)])
                    w.append(vowels[random.next(vowels.count)])
                }
                if random.next(2) == 0 { w.append(consonants[random.next(consonants.count)]) }
                let key = normalizer.key(w)
                if usedKeys.insert(key).inserted { return w }
            }
        }
        let facets = ["iab-content", "iab-audience", "iab-product", "theme"].map { Facet(id: $0, label: $0) }
        var entries: [DictionaryEntry] = []
        for i in 0..<count {
            let facet = facets[i % facets.count].id
            let first = word()
            var label = first.prefix(1).uppercased() + first.dropFirst()
            if i % 4 == 1 {
                let second = word()
                label += " " + second.prefix(1).uppercased() + second.dropFirst()
                usedKeys.insert(normalizer.key(label))
            }
            let aliases = i % 3 == 0 ? [word()] : []
            let hidden = i % 5 == 0 ? [word()] : []
            // Every tenth entry sits under an earlier entry of its facet, as in IAB's tiers.
            let broader = i % 10 == 9 ? entries[i - 4].id : nil
            entries.append(
                DictionaryEntry(
                    id: String(format: "e%05d", i), facet: facet, label: label,
                    aliases: aliases, hiddenLabels: hidden, broader: broader))
        }
        let typoTargets = entries.filter { !$0.label.contains(" ") && $0.label.count >= 7 }
        return Synthetic(dictionary: AttributeDictionary(facets: facets, entries: entries), typoTargets: typoTargets)
    }

    func testLargeDictionaryStaysCorrect() {
        let synthetic = Self.synthetic(count: 2_000)
        let entries = synthetic.dictionary.entries
        XCTAssertEqual(entries.count, 2_000)
        let mapper = Mapper(dictionary: synthetic.dictionary, normalizer: Normalizer())

        for e in entries {
            let exact = mapper.map(e.label, facet: e.facet)
            XCTAssertEqual(exact.entry, e.id, exact.explanation)
            XCTAssertEqual(exact.method, .exact)
            let anyFacet = mapper.map(e.label.uppercased() + "!", facet: nil)
            XCTAssertEqual(anyFacet.entry, e.id, anyFacet.explanation)
            XCTAssertEqual(anyFacet.method, .normalized)
            for alias in e.aliases {
                XCTAssertEqual(mapper.map(alias, facet: e.facet).entry, e.id)
                XCTAssertEqual(mapper.map(alias, facet: e.facet).method, .alias)
            }
            for hidden in e.hiddenLabels {
                XCTAssertEqual(mapper.map(hidden, facet: nil).method, .hiddenLabel)
            }
        }
    }

    func testTypoMappingAtScale() {
        let synthetic = Self.synthetic(count: 2_000)
        let mapper = Mapper(dictionary: synthetic.dictionary, normalizer: Normalizer())
        var accepted = 0
        var wrong: [String] = []
        let targets = synthetic.typoTargets
        XCTAssertGreaterThan(targets.count, 300)
        for e in targets {
            // Drop one interior letter: the most common typing error.
            var letters = Array(e.label.lowercased())
            letters.remove(at: letters.count / 2)
            let typo = String(letters)
            let result = mapper.map(typo, facet: e.facet)
            guard let mapped = result.entry else { continue }
            XCTAssertEqual(result.method, .fuzzy)
            if mapped == e.id { accepted += 1 } else { wrong.append("\(typo) -> \(mapped) instead of \(e.id)") }
        }
        // Random syllable words are much denser than a real vocabulary, so a few typos land
        // nearer another word; the bar is "almost never wrong, mostly right".
        XCTAssertLessThanOrEqual(wrong.count, targets.count / 50, wrong.joined(separator: "; "))
        XCTAssertGreaterThanOrEqual(accepted, targets.count * 3 / 4, "accepted \(accepted) of \(targets.count)")
    }

    /// The trigram index must not hide what a full scan finds: the best candidate at all, and
    /// every candidate among spellings that share a trigram with the query (the bounded pool
    /// must lose none of them). Spellings sharing no trigram are only weak look-alikes.
    func testTrigramCandidatesMatchAFullScan() {
        let synthetic = Self.synthetic(count: 2_000)
        let mapper = Mapper(dictionary: synthetic.dictionary, normalizer: Normalizer())
        let index = mapper.index
        let minimum = MappingThresholds.default.candidateMinimum
        var random = Generator(state: 7)
        for e in synthetic.typoTargets.prefix(200) {
            var letters = Array(e.label.lowercased().unicodeScalars)
            let i = 1 + random.next(letters.count - 1)
            letters[i] = Array("bcdfghklmnprstvzaeiou".unicodeScalars)[random.next(21)]
            let query = String(String.UnicodeScalarView(letters))
            let key = mapper.normalizer.key(query)
            let q = Array(key.unicodeScalars)
            let grams = MappingIndex.trigrams(of: q)
            var all: [Int: Double] = [:]
            var sharing: [Int: Double] = [:]
            for name in index.names where index.entries[name.source].facet == e.facet {
                let ratio = Double(min(q.count, name.key.count)) / Double(max(q.count, name.key.count))
                guard ratio >= Mapper.candidateLengthRatio else { continue }
                let score = FuzzySimilarity.similarity(q, name.key, tokensA: [q], tokensB: name.tokens)
                guard score >= minimum else { continue }
                all[name.target] = max(all[name.target] ?? 0, score)
                if !grams.isDisjoint(with: MappingIndex.trigrams(of: name.key)) {
                    sharing[name.target] = max(sharing[name.target] ?? 0, score)
                }
            }
            let viaIndex = mapper.fuzzyCandidates(key: key, scope: e.facet).map(\.score)
            XCTAssertEqual(viaIndex.first ?? 0, all.values.max() ?? 0, "best for \(query) in \(e.facet)")
            XCTAssertEqual(viaIndex, sharing.values.sorted(by: >), "\(query) in \(e.facet)")
        }
    }

    func testLargeDictionaryIsFast() {
        let synthetic = Self.synthetic(count: 2_000)
        let clock = ContinuousClock()
        var mapper: Mapper?
        let build = clock.measure { mapper = Mapper(dictionary: synthetic.dictionary, normalizer: Normalizer()) }
        guard let mapper else { return XCTFail("no mapper") }
        let queries = synthetic.dictionary.entries.prefix(500).flatMap {
            [$0.label, String($0.label.dropLast()) + "x", "zzqx " + $0.label]
        }
        var mapped = 0
        let lookups = clock.measure {
            for q in queries where mapper.map(q, facet: nil).entry != nil { mapped += 1 }
        }
        XCTAssertGreaterThanOrEqual(mapped, 500)
        // Generous bounds for an unoptimised build on a shared two-core machine; a linear scan with
        // full similarity per entry would take far longer.
        XCTAssertLessThan(build, .seconds(10), "index build took \(build)")
        XCTAssertLessThan(lookups, .seconds(20), "\(queries.count) lookups took \(lookups)")
        print("MappingScaleTests: build \(build), \(queries.count) lookups \(lookups)")
    }
}
