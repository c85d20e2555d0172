import Foundation

extension DictionaryDocument {
    /// A facet setting a JSON file may leave out.
    enum FacetSetting: Sendable, Hashable, CaseIterable {
        case label, description, weight, fuzzyAccept, candidateMinimum, fuzzyMinimumLength
    }

    /// Fills the settings the file left out of a facet the dictionary already has with the
    /// stored values, so that `{"id": "theme", "entries": [...]}` adds entries without
    /// resetting the theme's weight to 1 and its label to "theme". Facets the dictionary does
    /// not have keep the defaults. Idempotent: calling it twice with the same dictionary
    /// changes nothing more.
    mutating func adoptStoredFacetSettings(from existing: AttributeDictionary) {
        for i in facets.indices {
            guard let omitted = omittedFacetSettings[facets[i].id], !omitted.isEmpty,
                let stored = existing.facet(facets[i].id)
            else { continue }
            for setting in omitted {
                switch setting {
                case .label: facets[i].label = stored.label
                case .description: facets[i].description = stored.description
                case .weight: facets[i].weight = stored.weight
                case .fuzzyAccept: facets[i].thresholds.fuzzyAccept = stored.thresholds.fuzzyAccept
                case .candidateMinimum: facets[i].thresholds.candidateMinimum = stored.thresholds.candidateMinimum
                case .fuzzyMinimumLength: facets[i].thresholds.fuzzyMinimumLength = stored.thresholds.fuzzyMinimumLength
                }
            }
        }
    }
}
