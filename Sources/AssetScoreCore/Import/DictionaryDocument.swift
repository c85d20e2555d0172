import Foundation

/// A dictionary file's facets and entries, as read from (or written to) JSON, CSV or an IAB
/// taxonomy, with where each came from so that validation can point at the line or path.
///
/// Reading a file validates it completely (`validate(against:)`) and rejects it whole when
/// anything is wrong, so a bad file never half-updates the stored dictionary.
public struct DictionaryDocument: Sendable {
    /// The file name used in error messages.
    public var sourceName: String
    public var facets: [Facet]
    public var entries: [DictionaryEntry]
    /// Facet ids named by entries but not defined by the file (CSV, IAB). They are listed in
    /// `facets` with label = id; `prepared(against:)` drops those that already exist, so that
    /// importing a CSV never overwrites a facet's label, weight or thresholds.
    public var impliedFacetIDs: Set<String>
    /// Whether two entries of a facet may have equal labels: true for published taxonomies,
    /// whose node names repeat under different parents (see `nameCollisionErrors`).
    var repeatedLabelsAllowed = false
    /// Per facet id, the settings a JSON file left out (absent or null); they keep the stored
    /// value when the facet exists (see `adoptStoredFacetSettings`).
    var omittedFacetSettings: [String: Set<FacetSetting>] = [:]

    var facetLocations: [SourceLocation]
    var entryLocations: [SourceLocation]

    public init(
        sourceName: String = "dictionary", facets: [Facet], entries: [DictionaryEntry],
        impliedFacetIDs: Set<String> = []
    ) {
        self.sourceName = sourceName
        self.facets = facets
        self.entries = entries
        self.impliedFacetIDs = impliedFacetIDs
        facetLocations = []
        entryLocations = []
    }

    /// The whole of a stored dictionary, for export.
    public init(dictionary: AttributeDictionary, sourceName: String = "dictionary") {
        self.init(sourceName: sourceName, facets: dictionary.facets, entries: dictionary.entries)
    }

    /// Where a facet or entry was defined: a line (CSV, TSV) or a JSON path.
    struct SourceLocation: Sendable, Hashable {
        var line: Int?
        var path: String?
    }

    func location(ofEntry index: Int) -> SourceLocation {
        if index < entryLocations.count { return entryLocations[index] }
        return SourceLocation(line: nil, path: "entry \"\(Self.escaped(entries[index].id))\"")
    }

    func location(ofFacet index: Int) -> SourceLocation {
        if index < facetLocations.count { return facetLocations[index] }
        return SourceLocation(line: nil, path: "facet \"\(facets[index].id)\"")
    }

    /// An error at a location, with `field` appended to a JSON path or named in a line message.
    func issue(at location: SourceLocation, field: String? = nil, _ message: String) -> ImportError {
        if let path = location.path {
            let full = field.map { path.isEmpty ? $0 : "\(path).\($0)" } ?? path
            return ImportError(file: sourceName, line: location.line, path: full, message: message)
        }
        return ImportError(file: sourceName, line: location.line, message: message)
    }

    /// The entries grouped by facet, facets in document order (implied facets after defined
    /// ones), entries in document order: the order both export formats use.
    func entriesByFacet() -> [(facet: Facet, entries: [DictionaryEntry])] {
        var order = facets
        var known = Set(facets.map(\.id))
        for e in entries where !known.contains(e.facet) {
            known.insert(e.facet)
            order.append(Facet(id: e.facet, label: e.facet))
        }
        var grouped: [String: [DictionaryEntry]] = [:]
        for e in entries { grouped[e.facet, default: []].append(e) }
        return order.map { ($0, grouped[$0.id] ?? []) }
    }
}
