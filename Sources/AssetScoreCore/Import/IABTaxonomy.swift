import Foundation

/// Imports IAB Tech Lab taxonomies (TSV as published) as one dictionary facet each.
///
/// Two layouts are recognised from their header rows:
/// - Content Taxonomy 2.x/3.x: a group row ("Relational ID System", "Content Taxonomy v3.1
///   Tiered Categories", "Extension") above the column row `Unique ID, Parent, Name, Tier 1..4`
///   and an unnamed extension column.
/// - Audience Taxonomy 1.x: one column row with a leading empty column, `Unique ID, Parent ID,
///   Condensed Name (1st, 2nd, Last Tier), Tier 1..6, *Extension Notes`.
///
/// IAB ids are only unique within one taxonomy, so entry ids get a prefix ("iabc3-483",
/// "iaba-12"). Entries keep the file's order, so importing the same file twice gives the
/// same document.
public enum IABTaxonomy {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case content
        case audience

        public var defaultFacetID: String {
            switch self {
            case .content: "iab_content"
            case .audience: "iab_audience"
            }
        }
    }

    /// The layout found in a file's header rows.
    public struct Layout: Sendable, Hashable {
        public var kind: Kind
        /// "3.1" for "Content Taxonomy v3.1 Tiered Categories"; nil when the file does not say.
        public var version: String?
        /// The prefix entry ids get by default: "iabc<major>-" for content, "iaba-" for audience.
        public var defaultIDPrefix: String {
            switch kind {
            case .content: "iabc\(version?.split(separator: ".").first.map(String.init) ?? "")-"
            case .audience: "iaba-"
            }
        }
        var headerLine: Int
        var idColumn: Int
        var parentColumn: Int
        var nameColumn: Int
        var tierColumns: [Int]
        var extensionColumn: Int?
    }

    /// Reads a taxonomy file and validates it against `existing`.
    ///
    /// - Parameters:
    ///   - facet: the facet id the entries go to (default `iab_content` / `iab_audience`).
    ///   - facetLabel: the facet's label when it is created (default e.g. "IAB Content Taxonomy 3.1").
    ///   - idPrefix: prepended to every IAB id (default from `Layout.defaultIDPrefix`).
    public static func read(
        url: URL, name: String? = nil, facet: String? = nil, facetLabel: String? = nil, idPrefix: String? = nil,
        existing: AttributeDictionary = AttributeDictionary()
    ) throws -> DictionaryDocument {
        let reader = try CSVReader(url: url, name: name, delimiter: .tab, hasHeader: false)
        return try decode(reader, facet: facet, facetLabel: facetLabel, idPrefix: idPrefix, existing: existing)
    }

    /// Reads taxonomy TSV text held in memory.
    public static func decode(
        _ data: Data, name: String, facet: String? = nil, facetLabel: String? = nil, idPrefix: String? = nil,
        existing: AttributeDictionary = AttributeDictionary()
    ) throws -> DictionaryDocument {
        let reader = try CSVReader(data: data, name: name, delimiter: .tab, hasHeader: false)
        return try decode(reader, facet: facet, facetLabel: facetLabel, idPrefix: idPrefix, existing: existing)
    }

    static func decode(
        _ reader: CSVReader, facet: String?, facetLabel: String?, idPrefix: String?, existing: AttributeDictionary
    ) throws -> DictionaryDocument {
        let layout = try detectLayout(reader)
        let facetID = facet ?? layout.kind.defaultFacetID
        let prefix = idPrefix ?? layout.defaultIDPrefix
        let title =
            "IAB \(layout.kind == .content ? "Content" : "Audience") Taxonomy"
            + (layout.version.map { " \($0)" } ?? "")

        var document = DictionaryDocument(sourceName: reader.name, facets: [], entries: [])
        document.facets = [Facet(id: facetID, label: facetLabel ?? title, description: "\(title), imported from \(reader.name)")]
        document.facetLocations = [.init(line: layout.headerLine, path: nil)]
        // Implied, so that re-importing keeps a facet's tuned weight and thresholds.
        document.impliedFacetIDs = [facetID]
        document.repeatedLabelsAllowed = true

        var errors: [ImportError] = []
        func handle(_ record: CSVRecord) {
            if record.isBlank { return }
            // As written: validation refuses an id with surrounding whitespace or control characters.
            let id = record[layout.idColumn]
            guard !id.trimmingCharacters(in: .whitespaces).isEmpty else {
                errors.append(reader.error(line: record.line, "row has no Unique ID"))
                return
            }
            let tiers = layout.tierColumns.map { record[$0].trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let label = self.label(of: record, layout: layout, tiers: tiers)
            var aliases: [String] = []
            if let last = tiers.last, last.lowercased() != label.lowercased() { aliases.append(last) }
            var description = tiers.joined(separator: " > ")
            if let ext = layout.extensionColumn.map({ record[$0].trimmingCharacters(in: .whitespaces) }), !ext.isEmpty {
                description += description.isEmpty ? "extension: \(ext)" : "; extension: \(ext)"
            }
            let parent = record[layout.parentColumn].trimmingCharacters(in: .whitespaces)
            document.entries.append(
                DictionaryEntry(
                    id: prefix + id, facet: facetID, label: label, aliases: aliases,
                    broader: parent.isEmpty ? nil : prefix + parent,
                    description: description.isEmpty ? nil : description))
            document.entryLocations.append(.init(line: record.line, path: nil))
        }
        while let record = try reader.next() { handle(record) }
        dropParentNamesFromAliases(&document)

        errors += document.validationErrors(against: existing)
        errors.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        if !errors.isEmpty { throw ImportErrorList(file: reader.name, errors: errors) }
        return try document.prepared(against: existing)
    }

    /// Removes an alias that is the name of the entry's parent.
    ///
    /// The last rows of Content 2.2 fill only the first tier, which is the parent's name
    /// ("Terrorism" has tier 1 "Sensitive Topics"); as an alias it would claim the parent's
    /// name for every child.
    static func dropParentNamesFromAliases(_ document: inout DictionaryDocument) {
        let normalizer = DictionaryDocument.nameNormalizer
        var labelKeys: [String: String] = [:]
        for e in document.entries where labelKeys[e.id] == nil { labelKeys[e.id] = normalizer.key(e.label) }
        for i in document.entries.indices {
            guard let parent = document.entries[i].broader.flatMap({ labelKeys[$0] }) else { continue }
            document.entries[i].aliases.removeAll { normalizer.key($0) == parent }
        }
    }

    /// Content files carry the label in Name; Audience files only a condensed path there, so
    /// the deepest tier is the label.
    static func label(of record: CSVRecord, layout: Layout, tiers: [String]) -> String {
        let name = record[layout.nameColumn].trimmingCharacters(in: .whitespaces)
        switch layout.kind {
        case .content:
            return name.isEmpty ? (tiers.last ?? "") : name
        case .audience:
            if let last = tiers.last { return last }
            return name.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                .last { !$0.isEmpty } ?? ""
        }
    }

    /// Finds the column row (the one holding "Unique ID") among the first two records and
    /// works out the columns.
    static func detectLayout(_ reader: CSVReader) throws -> Layout {
        var groupRow: CSVRecord?
        var columnRow: CSVRecord?
        while columnRow == nil, let record = try reader.next() {
            if record.isBlank { continue }
            if record.fields.contains(where: { key($0) == "unique id" }) {
                columnRow = record
            } else if groupRow == nil {
                groupRow = record
            } else {
                break
            }
        }
        guard let columns = columnRow else {
            throw reader.error(
                line: groupRow?.line ?? 1,
                "not an IAB taxonomy file: no header row with a \"Unique ID\" column in the first two rows")
        }
        let names = columns.fields.map(key)
        func index(_ candidates: String...) -> Int? {
            names.firstIndex { name in candidates.contains(name) }
        }
        let tierColumns = names.enumerated()
            .compactMap { i, name -> (Int, Int)? in
                guard name.hasPrefix("tier "), let n = Int(name.dropFirst(5)) else { return nil }
                return (n, i)
            }
            .sorted { $0.0 < $1.0 }.map(\.1)
        let condensed = names.firstIndex { $0.hasPrefix("condensed name") }
        guard let id = index("unique id"), let parent = index("parent", "parent id"),
            let name = index("name") ?? condensed
        else {
            throw reader.error(
                line: columns.line, "IAB header must name the columns Unique ID, Parent (or Parent ID) and Name")
        }
        let kind: Kind
        if condensed != nil, index("name") == nil {
            kind = .audience
        } else if groupRow != nil {
            kind = .content
        } else {
            // Ad Product 2.0 looks like this; its self-parented rows need decisions this importer does not make.
            throw reader.error(
                line: columns.line,
                "unsupported IAB layout: Content Taxonomy files have a group row above the column names, Audience Taxonomy files a Condensed Name column"
            )
        }
        let extensionColumn =
            names.firstIndex { $0.contains("extension") }
            ?? groupRow?.fields.firstIndex { key($0).contains("extension") }
        var version: String?
        if let title = groupRow?.fields.first(where: { key($0).contains("taxonomy v") }),
            let range = title.range(of: #"v[0-9]+(\.[0-9]+)*"#, options: .regularExpression)
        {
            version = String(title[range].dropFirst())
        }
        return Layout(
            kind: kind, version: version, headerLine: columns.line, idColumn: id, parentColumn: parent,
            nameColumn: name, tierColumns: tierColumns, extensionColumn: extensionColumn)
    }

    private static func key(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces).lowercased() }
}
