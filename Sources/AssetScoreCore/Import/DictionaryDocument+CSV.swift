import Foundation

extension DictionaryDocument {
    /// Columns every dictionary CSV has, in export order.
    public static let csvRequiredColumns = ["facet", "id", "label", "aliases", "broader"]
    /// Columns a dictionary CSV may add.
    public static let csvOptionalColumns = ["hidden_labels", "description", "status", "replaced_by", "hex"]
    /// Separates the items of `aliases` and `hidden_labels` cells.
    public static let csvListSeparator: Character = "|"

    /// Reads and validates a dictionary CSV file (streamed; see docs/dictionary-format.md).
    ///
    /// Facets named in the file but absent from `existing` are created with label = id.
    /// Throws `ImportErrorList` with every problem and its line, or `ImportError` for a file
    /// that cannot be read as CSV.
    public static func readCSV(
        url: URL, name: String? = nil, delimiter: CSVDelimiter? = nil,
        existing: AttributeDictionary = AttributeDictionary()
    ) throws -> DictionaryDocument {
        let reader = try CSVReader(url: url, name: name, delimiter: delimiter)
        return try decodeCSV(reader, existing: existing)
    }

    /// Reads and validates dictionary CSV text held in memory.
    public static func decodeCSV(
        _ data: Data, name: String, delimiter: CSVDelimiter? = nil,
        existing: AttributeDictionary = AttributeDictionary()
    ) throws -> DictionaryDocument {
        try decodeCSV(CSVReader(data: data, name: name, delimiter: delimiter), existing: existing)
    }

    static func decodeCSV(_ reader: CSVReader, existing: AttributeDictionary) throws -> DictionaryDocument {
        var (document, errors) = try parseCSV(reader)
        errors += document.validationErrors(against: existing)
        errors.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        if !errors.isEmpty { throw ImportErrorList(file: reader.name, errors: errors) }
        return try document.prepared(against: existing)
    }

    static func parseCSV(_ reader: CSVReader) throws -> (DictionaryDocument, [ImportError]) {
        let allowed = Set(csvRequiredColumns + csvOptionalColumns)
        for (i, column) in reader.header.enumerated() {
            if column.isEmpty {
                throw reader.error(line: reader.headerLine, "column \(i + 1) of the header has no name")
            }
            if !allowed.contains(CSVReader.headerKey(column)) {
                throw reader.error(
                    line: reader.headerLine,
                    "unknown column \"\(column)\" (allowed: \((csvRequiredColumns + csvOptionalColumns).joined(separator: ", ")))")
            }
        }
        let missing = csvRequiredColumns.filter { reader.column($0) == nil }
        if !missing.isEmpty {
            throw reader.error(line: reader.headerLine, "missing column(s): \(missing.joined(separator: ", "))")
        }
        func cell(_ record: CSVRecord, _ column: String) -> String {
            reader.column(column).map { trimmed(record[$0]) } ?? ""
        }
        // Ids are taken as written: validation refuses surrounding whitespace rather than
        // silently making " red" the id "red".
        func rawCell(_ record: CSVRecord, _ column: String) -> String {
            reader.column(column).map { record[$0] } ?? ""
        }
        func list(_ text: String) -> [String] {
            cleanList(text.split(separator: csvListSeparator, omittingEmptySubsequences: false).map(String.init))
        }

        var document = DictionaryDocument(sourceName: reader.name, facets: [], entries: [])
        var errors: [ImportError] = []
        while let record = try reader.next() {
            let facet = cell(record, "facet")
            if !facet.isEmpty, !document.impliedFacetIDs.contains(facet) {
                document.impliedFacetIDs.insert(facet)
                document.facets.append(Facet(id: facet, label: facet))
                document.facetLocations.append(SourceLocation(line: record.line, path: nil))
            }
            var entry = DictionaryEntry(
                id: rawCell(record, "id"), facet: facet, label: cell(record, "label"),
                aliases: list(cell(record, "aliases")), hiddenLabels: list(cell(record, "hidden_labels")),
                broader: nonEmpty(cell(record, "broader")), description: nonEmpty(cell(record, "description")),
                replacedBy: nonEmpty(cell(record, "replaced_by")), hex: nonEmpty(cell(record, "hex"))?.lowercased())
            if let status = nonEmpty(cell(record, "status")) {
                if let parsed = parseStatus(status) {
                    entry.status = parsed
                } else {
                    errors.append(reader.error(line: record.line, unknownStatusMessage(status)))
                }
            }
            document.entries.append(entry)
            document.entryLocations.append(SourceLocation(line: record.line, path: nil))
        }
        return (document, errors)
    }

    /// The document's entries as dictionary CSV with all ten columns.
    ///
    /// CSV has no place for facet labels, weights or thresholds: export JSON to keep them.
    /// Throws when an alias or hidden label contains `|`, which the list cell cannot hold.
    public func csvData(delimiter: CSVDelimiter = .comma) throws -> Data {
        let writer = CSVWriter(delimiter: delimiter)
        var out = writer.line(Self.csvRequiredColumns + Self.csvOptionalColumns)
        for (_, entries) in entriesByFacet() {
            for e in entries {
                for item in e.aliases + e.hiddenLabels where item.contains(Self.csvListSeparator) {
                    throw ImportError(
                        file: sourceName,
                        message: "entry \"\(e.id)\": \"\(item)\" contains \"|\", which CSV lists cannot hold; export JSON instead")
                }
                let separator = String(Self.csvListSeparator)
                out += writer.line([
                    e.facet, e.id, e.label, e.aliases.joined(separator: separator), e.broader ?? "",
                    e.hiddenLabels.joined(separator: separator), e.description ?? "", e.status.rawValue,
                    e.replacedBy ?? "", e.hex ?? "",
                ])
            }
        }
        return Data(out.utf8)
    }
}
