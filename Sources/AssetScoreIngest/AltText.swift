import AssetScoreCore
import Foundation

/// Alt text for the ESP: what the creative's owner wrote, else a plain description from the analysis.
enum AltText {
    static func make(fields: AnalysisFields, sidecarAltText: String?, campaign: String) -> String {
        if let a = sidecarAltText?.trimmingCharacters(in: .whitespacesAndNewlines), !a.isEmpty { return String(a.prefix(250)) }
        if let d = fields.imageDescription?.trimmingCharacters(in: .whitespacesAndNewlines), !d.isEmpty { return String(d.prefix(250)) }
        if let t = fields.title?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty { return String(t.prefix(250)) }
        var parts = [fields.formatClass.replacingOccurrences(of: "-", with: " ")]
        if !fields.ocrWords.isEmpty {
            parts.append("reading \"" + fields.ocrWords.prefix(8).joined(separator: " ") + "\"")
        }
        return "\(campaign) \(parts.joined(separator: ", "))"
    }
}
