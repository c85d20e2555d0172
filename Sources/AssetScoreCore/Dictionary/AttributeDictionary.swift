import Foundation

/// The controlled vocabulary in memory: facets and their entries, with lookups by id.
///
/// A value type loaded from storage; the mapper and scorer build their indexes from it.
public struct AttributeDictionary: Sendable {
    public private(set) var facets: [Facet]
    public private(set) var entries: [DictionaryEntry]
    private var facetIndex: [String: Int]
    private var entryIndex: [String: Int]

    public init(facets: [Facet] = [], entries: [DictionaryEntry] = []) {
        self.facets = []
        self.entries = []
        facetIndex = [:]
        entryIndex = [:]
        for f in facets { upsert(facet: f) }
        for e in entries { upsert(entry: e) }
    }

    public func facet(_ id: String) -> Facet? { facetIndex[id].map { facets[$0] } }
    public func entry(_ id: String) -> DictionaryEntry? { entryIndex[id].map { entries[$0] } }
    public func entries(inFacet facet: String) -> [DictionaryEntry] { entries.filter { $0.facet == facet } }

    public mutating func upsert(facet: Facet) {
        if let i = facetIndex[facet.id] {
            facets[i] = facet
        } else {
            facetIndex[facet.id] = facets.count
            facets.append(facet)
        }
    }

    public mutating func upsert(entry: DictionaryEntry) {
        if let i = entryIndex[entry.id] {
            entries[i] = entry
        } else {
            entryIndex[entry.id] = entries.count
            entries.append(entry)
        }
    }

    /// The chain of broader entries above `id`, nearest first (cycles are cut).
    public func ancestors(of id: String) -> [String] {
        var out: [String] = []
        var seen: Set<String> = [id]
        var current = entry(id)?.broader
        while let b = current, !seen.contains(b) {
            out.append(b)
            seen.insert(b)
            current = entry(b)?.broader
        }
        return out
    }

    /// Follows deprecation to the entry that should receive new mappings.
    public func resolveActive(_ id: String) -> DictionaryEntry? {
        var seen: Set<String> = []
        var current = entry(id)
        while let e = current, e.status == .deprecated {
            guard let r = e.replacedBy, !seen.contains(r) else { return nil }
            seen.insert(r)
            current = entry(r)
        }
        return current
    }
}
