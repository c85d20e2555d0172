import Foundation

/// A colour with a weight (a pixel count), the unit the clusterer works on.
struct WeightedColor: Sendable, Hashable {
    var lab: LabColor
    var weight: Double
}

/// Finds the dominant colours of an image by weighted k-means in CIELAB.
///
/// Pixels arrive pre-binned (similar pixels summed into one weighted colour), which keeps the
/// work independent of image size. Seeding is k-means++ made deterministic: the heaviest
/// colour first, then each time the colour with the largest weight x squared distance to the
/// seeds so far, so the same image always gives the same palette. Clusters closer than a
/// just-noticeable CIEDE2000 difference are merged afterwards, so a flat image does not report
/// five shades of one colour.
enum ColorClusterer {
    struct Cluster: Sendable, Hashable {
        var lab: LabColor
        var weight: Double
        /// Share of the total weight, 0...1.
        var share: Double
    }

    static func cluster(
        _ colors: [WeightedColor], maxClusters: Int = 8, mergeBelow: Double = 3, maxIterations: Int = 30
    ) -> [Cluster] {
        let points = colors.filter { $0.weight > 0 }
        let total = points.reduce(0) { $0 + $1.weight }
        guard total > 0, maxClusters > 0 else { return [] }

        var centres = seeds(points, count: min(maxClusters, points.count))
        let assignment = iterate(points, &centres, maxIterations: maxIterations)

        var clusters: [(lab: LabColor, weight: Double)] = centres.map { ($0, 0) }
        for (i, p) in points.enumerated() { clusters[assignment[i]].weight += p.weight }
        clusters.removeAll { $0.weight <= 0 }
        mergeClose(&clusters, below: mergeBelow)

        return
            clusters
            .map { Cluster(lab: $0.lab, weight: $0.weight, share: $0.weight / total) }
            .sorted { ($0.weight, $0.lab.l) > ($1.weight, $1.lab.l) }
    }

    /// Lloyd iterations until no point changes cluster; returns each point's cluster.
    /// Works on flat arrays through unsafe buffers: this loop dominates the analyser's own CPU time.
    private static func iterate(_ points: [WeightedColor], _ centres: inout [LabColor], maxIterations: Int) -> [Int] {
        let n = points.count
        let k = centres.count
        var coords = [Double](repeating: 0, count: n * 3)
        var weights = [Double](repeating: 0, count: n)
        for (i, p) in points.enumerated() {
            coords[i * 3] = p.lab.l
            coords[i * 3 + 1] = p.lab.a
            coords[i * 3 + 2] = p.lab.b
            weights[i] = p.weight
        }
        var centre = [Double](repeating: 0, count: k * 3)
        for (j, c) in centres.enumerated() {
            centre[j * 3] = c.l
            centre[j * 3 + 1] = c.a
            centre[j * 3 + 2] = c.b
        }
        var assignment = [Int](repeating: -1, count: n)
        var sums = [Double](repeating: 0, count: k * 4)
        coords.withUnsafeBufferPointer { xyz in
            weights.withUnsafeBufferPointer { w in
                assignment.withUnsafeMutableBufferPointer { owner in
                    centre.withUnsafeMutableBufferPointer { c in
                        sums.withUnsafeMutableBufferPointer { sum in
                            for _ in 0..<maxIterations {
                                var changed = false
                                for i in 0..<n {
                                    let l = xyz[i * 3], a = xyz[i * 3 + 1], b = xyz[i * 3 + 2]
                                    var best = 0
                                    var bestDistance = Double.infinity
                                    for j in 0..<k {
                                        let dl = l - c[j * 3], da = a - c[j * 3 + 1], db = b - c[j * 3 + 2]
                                        let d = dl * dl + da * da + db * db
                                        if d < bestDistance {
                                            bestDistance = d
                                            best = j
                                        }
                                    }
                                    if owner[i] != best {
                                        owner[i] = best
                                        changed = true
                                    }
                                }
                                for j in 0..<(k * 4) { sum[j] = 0 }
                                for i in 0..<n {
                                    let j = owner[i]
                                    sum[j * 4] += xyz[i * 3] * w[i]
                                    sum[j * 4 + 1] += xyz[i * 3 + 1] * w[i]
                                    sum[j * 4 + 2] += xyz[i * 3 + 2] * w[i]
                                    sum[j * 4 + 3] += w[i]
                                }
                                for j in 0..<k where sum[j * 4 + 3] > 0 {
                                    c[j * 3] = sum[j * 4] / sum[j * 4 + 3]
                                    c[j * 3 + 1] = sum[j * 4 + 1] / sum[j * 4 + 3]
                                    c[j * 3 + 2] = sum[j * 4 + 2] / sum[j * 4 + 3]
                                }
                                if !changed { break }
                            }
                        }
                    }
                }
            }
        }
        for j in 0..<k { centres[j] = LabColor(l: centre[j * 3], a: centre[j * 3 + 1], b: centre[j * 3 + 2]) }
        return assignment
    }

    private static func seeds(_ points: [WeightedColor], count: Int) -> [LabColor] {
        guard let heaviest = points.indices.max(by: { points[$0].weight < points[$1].weight }) else { return [] }
        var centres = [points[heaviest].lab]
        var nearestSq = points.map { $0.lab.distanceSquared(to: points[heaviest].lab) }
        while centres.count < count {
            var best = -1
            var bestScore = 0.0
            for (i, p) in points.enumerated() {
                let score = p.weight * nearestSq[i]
                if score > bestScore {
                    bestScore = score
                    best = i
                }
            }
            guard best >= 0 else { break }  // every remaining point coincides with a seed
            let seed = points[best].lab
            centres.append(seed)
            for (i, p) in points.enumerated() {
                nearestSq[i] = min(nearestSq[i], p.lab.distanceSquared(to: seed))
            }
        }
        return centres
    }

    /// Repeatedly merges the closest pair (by CIEDE2000) while it is closer than `below`.
    private static func mergeClose(_ clusters: inout [(lab: LabColor, weight: Double)], below: Double) {
        while clusters.count > 1 {
            var pair: (Int, Int)?
            var closest = below
            for i in clusters.indices {
                for j in clusters.indices where j > i {
                    let d = ColorDifference.ciede2000(clusters[i].lab, clusters[j].lab)
                    if d < closest {
                        closest = d
                        pair = (i, j)
                    }
                }
            }
            guard let (i, j) = pair else { return }
            let w = clusters[i].weight + clusters[j].weight
            let a = clusters[i], b = clusters[j]
            clusters[i] = (
                LabColor(
                    l: (a.lab.l * a.weight + b.lab.l * b.weight) / w, a: (a.lab.a * a.weight + b.lab.a * b.weight) / w,
                    b: (a.lab.b * a.weight + b.lab.b * b.weight) / w),
                w
            )
            clusters.remove(at: j)
        }
    }
}
