import Foundation

/// String similarity for typo-tolerant mapping, tuned so that a dropped or doubled letter is
/// forgiven but a different word is not.
///
/// Plain edit distance cannot tell "sumer" (a typo of "summer") from "simmer" (another word):
/// both are one edit away. Typing errors are mostly omissions, doubled letters and swapped
/// neighbours inside a word, while a changed letter or an added ending usually makes a different
/// word ("gamer" is not "game"). So the weighted Damerau-Levenshtein distance here charges less
/// for the former, and Jaro-Winkler (which rewards a shared beginning) contributes a minority share.
///
/// The distance is deliberately asymmetric: the first string is the typed text, the second the
/// dictionary's spelling. A letter missing from the typed text ("vibrnt") is the common slip; a
/// letter the typed text has in addition, not doubling a neighbour, more often spells another
/// word ("bleach" is not "beach", "bluish" is not "blush"), so it costs as much as a substitution.
enum FuzzySimilarity {
    static let substitutionCost = 1.0
    static let transpositionCost = 0.6
    /// A letter of the dictionary's spelling missing inside the typed word.
    static let omittedLetterCost = 0.75
    /// A letter inside the typed word that the dictionary's spelling lacks (and that does not
    /// double a neighbour).
    static let insertedLetterCost = 1.0
    static let doubledLetterIndelCost = 0.4
    static let edgeIndelCost = 1.0
    static let editShare = 0.7
    /// Multiplies the score when the first letters differ: people rarely mistype the first letter.
    static let firstLetterPenalty = 0.9
    /// Tokens at least this similar count as the same token in the overlap measure.
    static let tokenMatchMinimum = 0.88

    /// Similarity of two keys, 0...1, combining characters and (for multi-word keys) token overlap.
    /// `a` is the typed text, `b` the dictionary's spelling (the measure is not symmetric).
    static func similarity(
        _ a: [Unicode.Scalar], _ b: [Unicode.Scalar], tokensA: [[Unicode.Scalar]],
        tokensB: [[Unicode.Scalar]]
    ) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        if a == b { return 1 }
        var score = characterSimilarity(a, b)
        if a[0] != b[0] { score *= firstLetterPenalty }
        if tokensA.count > 1 || tokensB.count > 1 {
            let overlap = tokenOverlap(tokensA, tokensB)
            // Word order rarely matters in tags ("school back to"), so full overlap alone may decide.
            score = max(0.75 * score + 0.25 * overlap, 0.95 * overlap)
        }
        return min(max(score, 0), 1)
    }

    /// The weighted mix of edit similarity and Jaro-Winkler for two strings.
    static func characterSimilarity(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return a.isEmpty && b.isEmpty ? 1 : 0 }
        if a == b { return 1 }
        let longest = Double(max(a.count, b.count))
        let edit = max(0, 1 - weightedDistance(a, b) / longest)
        return editShare * edit + (1 - editShare) * jaroWinkler(a, b)
    }

    /// Soft Dice coefficient over tokens: a token counts when some unused token of the other key is
    /// equal or near-equal to it.
    static func tokenOverlap(_ a: [[Unicode.Scalar]], _ b: [[Unicode.Scalar]]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var used = [Bool](repeating: false, count: b.count)
        var matched = 0.0
        for token in a {
            var bestIndex = -1
            var best = 0.0
            for (i, other) in b.enumerated() where !used[i] {
                let s = token == other ? 1 : characterSimilarity(token, other)
                if s > best {
                    best = s
                    bestIndex = i
                }
            }
            if bestIndex >= 0 && best >= tokenMatchMinimum {
                used[bestIndex] = true
                matched += best
            }
        }
        return 2 * matched / Double(a.count + b.count)
    }

    /// Optimal-string-alignment distance with typo-aware costs (see the type's comment): `a` is
    /// the typed text, `b` the dictionary's spelling.
    static func weightedDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        let n = a.count
        let m = b.count
        if n == 0 { return Double(m) * edgeIndelCost }
        if m == 0 { return Double(n) * edgeIndelCost }
        let width = m + 1
        // Raw buffers: this loop runs for every fuzzy candidate, and checked subscripts dominate
        // its cost in unoptimised builds.
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                let d = UnsafeMutableBufferPointer<Double>.allocate(capacity: (n + 1) * width)
                defer { d.deallocate() }
                d[0] = 0
                for i in 1...n {
                    d[i * width] = d[(i - 1) * width] + indelCost(a, i - 1, atEdge: true, interior: insertedLetterCost)
                }
                for j in 1...m { d[j] = d[j - 1] + indelCost(b, j - 1, atEdge: true, interior: omittedLetterCost) }
                for i in 1...n {
                    let row = i * width
                    let previous = row - width
                    let ai = a[i - 1]
                    let deleteCost = indelCost(a, i - 1, atEdge: false, interior: insertedLetterCost)
                    let deleteEdgeCost = indelCost(a, i - 1, atEdge: true, interior: insertedLetterCost)
                    for j in 1...m {
                        let bj = b[j - 1]
                        let deleteA = d[previous + j] + (j == m ? deleteEdgeCost : deleteCost)
                        let insertB = d[row + j - 1] + indelCost(b, j - 1, atEdge: i == n, interior: omittedLetterCost)
                        let substitute = d[previous + j - 1] + (ai == bj ? 0 : substitutionCost)
                        var best = min(deleteA, insertB, substitute)
                        if i > 1 && j > 1 && ai == b[j - 2] && a[i - 2] == bj && ai != a[i - 2] {
                            best = min(best, d[previous - width + j - 2] + transpositionCost)
                        }
                        d[row + j] = best
                    }
                }
                return d[n * width + m]
            }
        }
    }

    /// Cost of inserting or deleting `s[index]`: cheap when it doubles a neighbour, dear at the
    /// word's edges, where an extra letter tends to make another word rather than a typo, and
    /// `interior` elsewhere.
    static func indelCost(
        _ s: UnsafeBufferPointer<Unicode.Scalar>, _ index: Int, atEdge: Bool, interior: Double
    ) -> Double {
        let c = s[index]
        if (index > 0 && s[index - 1] == c) || (index + 1 < s.count && s[index + 1] == c) {
            return doubledLetterIndelCost
        }
        return atEdge ? edgeIndelCost : interior
    }

    /// Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4).
    static func jaroWinkler(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        let n = a.count
        let m = b.count
        guard n > 0, m > 0 else { return n == m ? 1 : 0 }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                let window = max(0, max(n, m) / 2 - 1)
                let matchedA = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
                let matchedB = UnsafeMutableBufferPointer<Bool>.allocate(capacity: m)
                defer {
                    matchedA.deallocate()
                    matchedB.deallocate()
                }
                matchedA.initialize(repeating: false)
                matchedB.initialize(repeating: false)
                var matches = 0
                for i in 0..<n {
                    let lo = max(0, i - window)
                    let hi = min(m - 1, i + window)
                    if lo > hi { continue }
                    for j in lo...hi where !matchedB[j] && a[i] == b[j] {
                        matchedA[i] = true
                        matchedB[j] = true
                        matches += 1
                        break
                    }
                }
                guard matches > 0 else { return 0 }
                var halfTranspositions = 0
                var k = 0
                for i in 0..<n where matchedA[i] {
                    while !matchedB[k] { k += 1 }
                    if a[i] != b[k] { halfTranspositions += 1 }
                    k += 1
                }
                let mm = Double(matches)
                let jaro = (mm / Double(n) + mm / Double(m) + (mm - Double(halfTranspositions / 2)) / mm) / 3
                var prefix = 0
                while prefix < min(4, n, m) && a[prefix] == b[prefix] { prefix += 1 }
                return jaro + Double(prefix) * 0.1 * (1 - jaro)
            }
        }
    }
}
