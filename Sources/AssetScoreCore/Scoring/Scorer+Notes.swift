import Foundation

extension Scorer {
    /// "likes Warm (tone)", or for partial credit "likes Travel, matched narrower Travel > Beaches".
    func reason(_ attribute: MappedAttribute, _ hit: VariantIndex.Hit) -> String {
        let verb = attribute.weight < 0 ? "dislikes" : "likes"
        let label = labels[attribute.entry] ?? attribute.entry
        if hit.match == 1 { return "\(verb) \(label) (\(attribute.facet))" }
        let assetIsNarrower = (ancestors[hit.assetEntry] ?? []).contains(attribute.entry)
        let path =
            assetIsNarrower
            ? hierarchyPath(from: attribute.entry, down: hit.assetEntry)
            : hierarchyPath(from: hit.assetEntry, down: attribute.entry)
        return "\(verb) \(label), matched \(assetIsNarrower ? "narrower" : "broader") \(path)"
    }

    /// Labels from `upper` down to `lower`, e.g. "Travel > Beaches".
    func hierarchyPath(from upper: String, down lower: String) -> String {
        var chain = [lower]
        for ancestor in ancestors[lower] ?? [] {
            chain.append(ancestor)
            if ancestor == upper { break }
        }
        return chain.reversed().map { labels[$0] ?? $0 }.joined(separator: " > ")
    }

    func fallbackNote(winner: ScoredVariant, hadMappedAttributes: Bool) -> String {
        let why =
            hadMappedAttributes
            ? "No variant matched any of the profile's mapped attributes"
            : "The profile has no mapped attributes"
        let which: String
        if campaign.fallbackAssetID == winner.assetID {
            which = "the campaign's fallback"
        } else if let id = campaign.fallbackAssetID {
            which = "the lowest asset id, as the campaign's fallback asset \(id) is not a scorable variant"
        } else {
            which = "the lowest asset id, as the campaign names no fallback"
        }
        return "\(why), so \(winner.path) was served as \(which)."
    }

    /// Names the ignored attributes (at most ten, then a count).
    static func unmappedNote(_ attributes: [UserAttribute]) -> String {
        var names: [String] = []
        var seen: Set<String> = []
        for a in attributes {
            let name = "\(a.facet): \(a.value)"
            if seen.insert(name).inserted { names.append(name) }
        }
        let shown = names.prefix(10).joined(separator: ", ")
        let more = names.count > 10 ? " and \(names.count - 10) more" : ""
        let noun = names.count == 1 ? "attribute was" : "attributes were"
        return "Unmapped profile \(noun) ignored: \(shown)\(more)."
    }

    /// Scores in notes: up to four decimals, with a point whatever the locale.
    static func formatted(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return "\(rounded)"
    }
}
