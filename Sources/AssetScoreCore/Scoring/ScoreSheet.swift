import Foundation

/// Every variant's score for one profile, computed from the postings: the working memory of
/// the fast paths, reusable from one profile to the next so a batch allocates it once.
///
/// Variants no attribute reached keep score 0 and are not listed in `touched`, which is what
/// lets a profile cost the length of its attributes' postings rather than the campaign's size.
struct ScoreSheet {
    var scores: [Double]
    /// Variants some attribute met (their score may still be 0), in the order first met.
    var touched: [Int32] = []
    var isTouched: [Bool]
    /// Per attribute: the best strength found so far for a variant, -inf when none yet.
    private var best: [Double]
    private var met: [Int32] = []

    init(count: Int) {
        scores = Array(repeating: 0, count: count)
        isTouched = Array(repeating: false, count: count)
        best = Array(repeating: -.infinity, count: count)
    }

    /// Back to all zeros, touching only what the last profile touched.
    mutating func reset() {
        for v in touched {
            scores[Int(v)] = 0
            isTouched[Int(v)] = false
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// Adds one attribute: for every variant it meets, weight × facet weight × the strength of
    /// the variant's best hit (the largest of the four lists; the same number `Scorer.score`
    /// gets from `VariantIndex.bestHit`, as match is a power of two and so multiplies exactly).
    mutating func add(weight: Double, lists: [(EntryPostings.List, Double)]) {
        for (list, factor) in lists {
            list.variants.withUnsafeBufferPointer { variants in
                list.strengths.withUnsafeBufferPointer { strengths in
                    for i in 0..<variants.count {
                        let v = Int(variants[i])
                        let strength = factor * strengths[i]
                        if best[v] == -.infinity {
                            met.append(variants[i])
                            best[v] = strength
                        } else if strength > best[v] {
                            best[v] = strength
                        }
                    }
                }
            }
        }
        for p in met {
            let v = Int(p)
            scores[v] += weight * best[v]
            best[v] = -.infinity
            if !isTouched[v] {
                isTouched[v] = true
                touched.append(p)
            }
        }
        met.removeAll(keepingCapacity: true)
    }
}
