import AssetScoreCore
import Foundation

/// The dictionary's reference colours, ready for naming measured colours.
struct ColorPalette {
    struct Reference {
        var id: String
        var label: String
        var lab: LabColor
    }

    var references: [Reference] = []
    /// Entries that could not be used, for the report.
    var notes: [String] = []

    /// Active entries with a parseable `hex`; deprecated entries are skipped (the mapper routes
    /// their old mappings, new colours should name the replacement).
    init(entries: [DictionaryEntry]) {
        var unusable: [String] = []
        for entry in entries where entry.status == .active {
            guard let hex = entry.hex else { continue }
            guard let rgb = RGBColor(hex: hex) else {
                unusable.append("\(entry.id) ('\(hex)')")
                continue
            }
            references.append(Reference(id: entry.id, label: entry.label, lab: ColorConversion.lab(rgb)))
        }
        if !unusable.isEmpty {
            notes.append("colour entries with an unreadable hex were skipped: \(unusable.joined(separator: ", "))")
        }
        if references.isEmpty {
            notes.append("no colour entries with a hex value: dominant colours are not named")
        }
    }

    /// The nearest reference by CIEDE2000, if there are any.
    func nearest(to lab: LabColor) -> (reference: Reference, deltaE: Double)? {
        var best: (Reference, Double)?
        for reference in references {
            let d = ColorDifference.ciede2000(lab, reference.lab)
            if best == nil || d < best!.1 { best = (reference, d) }
        }
        return best
    }

    /// A cluster as a `DominantColor`: hex, share, Lab and its nearest named colour.
    func describe(_ cluster: ColorClusterer.Cluster) -> DominantColor {
        let nearest = nearest(to: cluster.lab)
        return DominantColor(
            hex: ColorConversion.rgb(cluster.lab).hex, share: EmbeddedAnalyser.round(cluster.share, 4),
            lab: cluster.lab.array.map { EmbeddedAnalyser.round($0, 2) }, nearestEntry: nearest?.reference.id,
            deltaE: nearest.map { EmbeddedAnalyser.round($0.deltaE, 2) })
    }
}
