import XCTest

@testable import AssetScoreCore

final class FuzzySimilarityTests: XCTestCase {
    private func s(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    private func similarity(_ a: String, _ b: String) -> Double {
        FuzzySimilarity.similarity(
            s(a), s(b), tokensA: a.split(separator: " ").map { s(String($0)) },
            tokensB: b.split(separator: " ").map { s(String($0)) })
    }

    func testJaroWinklerKnownValues() {
        // Reference values from Winkler's papers, as quoted in most implementations.
        XCTAssertEqual(FuzzySimilarity.jaroWinkler(s("martha"), s("marhta")), 0.9611, accuracy: 0.0001)
        XCTAssertEqual(FuzzySimilarity.jaroWinkler(s("dwayne"), s("duane")), 0.84, accuracy: 0.0001)
        XCTAssertEqual(FuzzySimilarity.jaroWinkler(s("dixon"), s("dicksonx")), 0.8133, accuracy: 0.0001)
        XCTAssertEqual(FuzzySimilarity.jaroWinkler(s("abc"), s("xyz")), 0)
        XCTAssertEqual(FuzzySimilarity.jaroWinkler(s("same"), s("same")), 1)
    }

    func testWeightedDistanceCosts() {
        XCTAssertEqual(FuzzySimilarity.weightedDistance(s("summer"), s("summer")), 0)
        // A doubled letter left out is the cheapest typo.
        XCTAssertEqual(FuzzySimilarity.weightedDistance(s("sumer"), s("summer")), 0.4, accuracy: 1e-9)
        // An interior omission costs less than a substitution.
        XCTAssertEqual(FuzzySimilarity.weightedDistance(s("vibrnt"), s("vibrant")), 0.75, accuracy: 1e-9)
        XCTAssertEqual(FuzzySimilarity.weightedDistance(s("summer"), s("simmer")), 1, accuracy: 1e-9)
        // Swapped neighbours are one cheap edit, not two substitutions.
        XCTAssertEqual(FuzzySimilarity.weightedDistance(s("purpel"), s("purple")), 0.6, accuracy: 1e-9)
        // A letter added at the end makes another word more often than a typo does.
        XCTAssertEqual(FuzzySimilarity.weightedDistance(s("gamer"), s("game")), 1, accuracy: 1e-9)
        XCTAssertEqual(FuzzySimilarity.weightedDistance(s(""), s("abc")), 3)
        XCTAssertEqual(FuzzySimilarity.weightedDistance(s("ab"), s("")), 2)
        // A doubled letter costs the same whichever side has it.
        XCTAssertEqual(FuzzySimilarity.weightedDistance(s("summer"), s("sumer")), 0.4, accuracy: 1e-9)
        // A letter the typed text has in addition (not doubling a neighbour) costs a substitution:
        // it tends to spell another word. Left out of the typed text, it stays a cheap omission.
        XCTAssertEqual(FuzzySimilarity.weightedDistance(s("bleach"), s("beach")), 1, accuracy: 1e-9)
        XCTAssertEqual(FuzzySimilarity.weightedDistance(s("beach"), s("bleach")), 0.75, accuracy: 1e-9)
        XCTAssertEqual(FuzzySimilarity.weightedDistance(s("bluish"), s("blush")), 1, accuracy: 1e-9)
    }

    func testTyposClearTheDefaultThresholdAndOtherWordsDoNot() {
        let accept = MappingThresholds.default.fuzzyAccept
        for (typo, word) in [
            ("sumer", "summer"), ("vibrnt", "vibrant"), ("turquise", "turquoise"),
            ("purpel", "purple"), ("restaurent", "restaurant"), ("accomodation", "accommodation"),
            ("oragne", "orange"), ("turquoyse", "turquoise"), ("wintter sport", "winter sport"),
            ("mountian", "mountain"),
        ] {
            XCTAssertGreaterThanOrEqual(similarity(typo, word), accept, "\(typo) -> \(word)")
        }
        for (a, b) in [
            ("summer", "simmer"), ("gamer", "game"), ("sport", "short"), ("red", "bed"),
            ("light", "night"), ("ummer", "summer"), ("beige", "beigr"),
            // An inserted letter that spells another word.
            ("bleach", "beach"), ("bluish", "blush"), ("tourist", "tourism"),
        ] {
            XCTAssertLessThan(similarity(a, b), accept, "\(a) vs \(b)")
        }
    }

    func testTokenOverlapForgivesWordOrder() {
        XCTAssertGreaterThanOrEqual(similarity("school back to", "back to school"), 0.9)
        XCTAssertEqual(
            FuzzySimilarity.tokenOverlap([s("beach")], [s("beach"), s("island")]), 2.0 / 3.0,
            accuracy: 1e-9)
        XCTAssertEqual(FuzzySimilarity.tokenOverlap([s("red")], [s("blue")]), 0)
    }

    func testSimilarityBounds() {
        XCTAssertEqual(similarity("", "abc"), 0)
        XCTAssertEqual(similarity("abc", "abc"), 1)
        for (a, b) in [("a", "zzzzzzzzzzzzzzzzzzzz"), ("ab ab ab", "ab"), ("x y z", "z y x")] {
            let v = similarity(a, b)
            XCTAssertTrue((0...1).contains(v), "\(a) vs \(b) gave \(v)")
        }
    }
}
