import XCTest

@testable import AssetScoreCore

/// A deliberately tiny stemmer: enough to show `key` applies a stemmer after singularising.
struct SuffixStemmer: Stemmer {
    func stem(_ word: String) -> String {
        for suffix in ["ling", "ing", "ed"] where word.hasSuffix(suffix) && word.count > suffix.count + 2 {
            return String(word.dropLast(suffix.count))
        }
        return word
    }
}

/// A stemmer that returns nothing, to check the normaliser does not let every word collide on "".
struct EmptyStemmer: Stemmer {
    func stem(_ word: String) -> String { "" }
}

final class NormalizerTests: XCTestCase {
    let n = Normalizer()

    func testNormalizeTable() {
        let rows: [(String, String, UInt)] = [
            ("Red", "red", #line),
            ("  Red  ", "red", #line),
            ("ＲＥＤ", "red", #line),
            ("Crème brûlée", "creme brulee", #line),
            ("CRÈME BRÛLÉE", "creme brulee", #line),
            ("Back-to-School!", "back to school", #line),
            ("back_to/school", "back to school", #line),
            ("Food & Drink", "food drink", #line),
            ("women's", "womens", #line),
            ("rock ’n’ roll", "rock n roll", #line),
            ("Straße", "strasse", #line),
            ("İstanbul", "istanbul", #line),
            ("Smørrebrød", "smorrebrod", #line),
            ("ﬁve", "five", #line),
            ("x²", "x2", #line),
            ("a\u{0}b\u{7}c\u{1B}", "a b c", #line),
            ("line\nbreak\ttab", "line break tab", #line),
            ("🔥 Summer 🔥", "summer", #line),
            ("1️⃣ one", "1 one", #line),
            ("sum\u{AD}mer", "summer", #line),
            ("zero\u{200B}width", "zero width", #line),
            ("", "", #line),
            ("   ", "", #line),
            ("🔥🎉", "", #line),
            ("!!!---___", "", #line),
            ("Ελληνικά", "ελληνικα", #line),
            ("한국어", "한국어", #line),
            ("हिन्दी", "हिन्दी", #line),
        ]
        for (input, expected, line) in rows {
            XCTAssertEqual(n.normalize(input), expected, "normalize(\(input.debugDescription))", line: line)
        }
    }

    func testNormalizeIsIdempotentAndDeterministic() {
        let samples = [
            "Crème brûlée", "ＲＥＤ", "Back-to-School!", "Straße", "İstanbul", "한국어", "हिन्दी",
            "ǅemal", "Ⅻ", "ﬀ", "a\u{0301}\u{0327}", "Ελληνικά ΣΊΣΥΦΟΣ", "🔥 x 🔥",
        ]
        for s in samples {
            let once = n.normalize(s)
            XCTAssertEqual(n.normalize(once), once, "normalize is not idempotent for \(s.debugDescription)")
            XCTAssertEqual(n.normalize(s), once)
            XCTAssertFalse(once.hasPrefix(" ") || once.hasSuffix(" ") || once.contains("  "), once)
        }
    }

    func testSingularTable() {
        let rows: [(String, String, UInt)] = [
            ("beaches", "beach", #line), ("boxes", "box", #line), ("dishes", "dish", #line),
            ("berries", "berry", #line), ("cities", "city", #line), ("movies", "movie", #line),
            ("cookies", "cookie", #line), ("pies", "pie", #line), ("cats", "cat", #line),
            ("glass", "glass", #line), ("glasses", "glasses", #line), ("dresses", "dress", #line),
            ("bus", "bus", #line), ("buses", "bus", #line), ("houses", "house", #line),
            ("causes", "cause", #line), ("news", "news", #line), ("analysis", "analysis", #line),
            ("analyses", "analysis", #line), ("tennis", "tennis", #line), ("series", "series", #line),
            ("status", "status", #line), ("campus", "campus", #line), ("heroes", "hero", #line),
            ("tomatoes", "tomato", #line), ("shoes", "shoe", #line), ("leaves", "leaf", #line),
            ("gloves", "glove", #line), ("children", "child", #line), ("women", "woman", #line),
            ("headaches", "headache", #line), ("niches", "niche", #line), ("sandwiches", "sandwich", #line),
            ("fitness", "fitness", #line), ("business", "business", #line), ("1990s", "1990s", #line),
            ("ads", "ads", #line), ("photos", "photo", #line), ("ideas", "idea", #line),
            ("days", "day", #line), ("quizzes", "quiz", #line), ("sizes", "size", #line),
            ("señores", "señores", #line), ("physics", "physics", #line), ("christmas", "christmas", #line),
        ]
        for (word, expected, line) in rows {
            XCTAssertEqual(Normalizer.singular(word), expected, "singular(\(word))", line: line)
        }
    }

    func testKeySingularisesEachToken() {
        XCTAssertEqual(n.key("Beaches & Islands"), "beach island")
        XCTAssertEqual(n.key("Back-to-School!"), "back to school")
        XCTAssertEqual(n.key("Glass Bottles"), "glass bottle")
        XCTAssertEqual(n.keyTokens("News Analyses"), ["news", "analysis"])
        XCTAssertEqual(n.tokens("News Analyses"), ["news", "analyses"])
        XCTAssertEqual(n.key("🔥"), "")
    }

    func testKeyAppliesStemmerAfterSingular() {
        let stemming = Normalizer(stemmer: SuffixStemmer())
        XCTAssertEqual(stemming.key("Travelling Trips"), "travel trip")
        XCTAssertEqual(stemming.key("Travelled"), "travell")
        XCTAssertEqual(stemming.key("Painted Beaches"), "paint beach")
        // Without a stemmer the same text keeps its inflection.
        XCTAssertEqual(n.key("Painted Beaches"), "painted beach")
        // An empty stem falls back to the singular rather than erasing the word.
        XCTAssertEqual(Normalizer(stemmer: EmptyStemmer()).key("red cars"), "red car")
    }
}
