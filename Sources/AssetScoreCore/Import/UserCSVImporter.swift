import Foundation

/// Streams users from CSV in batches, in one of two shapes (see docs/users-format.md):
///
/// - long: `user_id,facet,value[,weight]`, one attribute per row; a user's rows may be
///   anywhere in the file.
/// - wide: `user_id,<facet>,<facet>,...`, one user per row; a cell holds `|`-separated values,
///   each optionally `value:weight`.
///
/// The file is read once, in constant memory apart from the ids of users already handed on.
/// To store nothing from a bad file, run it once with a sink that ignores batches (a dry
/// run), then again to save.
public struct UserCSVImporter: Sendable {
    public enum Shape: String, Sendable, Hashable, CaseIterable {
        case long
        case wide

        /// `long` when the header has `facet` and `value` columns, otherwise `wide`.
        public static func detect(header: [String]) -> Shape {
            let keys = Set(header.map { CSVReader.headerKey($0) })
            return keys.contains("facet") && keys.contains("value") ? .long : .wide
        }
    }

    public var options: UserImportOptions
    /// Nil detects the shape from the header.
    public var shape: Shape?
    /// Nil detects the delimiter from the header line.
    public var delimiter: CSVDelimiter?

    public init(options: UserImportOptions = UserImportOptions(), shape: Shape? = nil, delimiter: CSVDelimiter? = nil) {
        self.options = options
        self.shape = shape
        self.delimiter = delimiter
    }

    /// Reads `url`, handing each batch to `sink` as soon as it is complete.
    @discardableResult
    public func importFile(
        at url: URL, name: String? = nil, _ sink: (UserBatch) throws -> Void
    ) throws -> UserImportSummary {
        try run(CSVReader(url: url, name: name, delimiter: delimiter), sink)
    }

    /// Reads CSV text held in memory.
    @discardableResult
    public func importData(_ data: Data, name: String, _ sink: (UserBatch) throws -> Void) throws -> UserImportSummary {
        try run(CSVReader(data: data, name: name, delimiter: delimiter), sink)
    }

    func run(_ reader: CSVReader, _ sink: (UserBatch) throws -> Void) throws -> UserImportSummary {
        for (i, column) in reader.header.enumerated() where column.isEmpty {
            throw reader.error(line: reader.headerLine, "column \(i + 1) of the header has no name")
        }
        guard let idColumn = reader.column("user_id") else {
            throw reader.error(line: reader.headerLine, "missing column user_id")
        }
        var aggregator = UserAggregator(options: options, source: "csv:\(reader.name)")
        switch shape ?? Shape.detect(header: reader.header) {
        case .long: try readLong(reader, idColumn: idColumn, &aggregator, sink)
        case .wide: try readWide(reader, idColumn: idColumn, &aggregator, sink)
        }
        if let last = aggregator.finish() { try sink(last) }
        return aggregator.summary
    }

    private func userID(_ record: CSVRecord, _ column: Int, _ reader: CSVReader) throws -> String {
        let id = record[column].trimmingCharacters(in: .whitespaces)
        if id.isEmpty { throw reader.error(line: record.line, "empty user_id") }
        return id
    }

    private func readLong(
        _ reader: CSVReader, idColumn: Int, _ aggregator: inout UserAggregator, _ sink: (UserBatch) throws -> Void
    ) throws {
        guard let facetColumn = reader.column("facet"), let valueColumn = reader.column("value") else {
            throw reader.error(line: reader.headerLine, "long CSV needs the columns user_id, facet, value (and optionally weight)")
        }
        let weightColumn = reader.column("weight")
        let allowed: Set<String> = ["user_id", "facet", "value", "weight"]
        if let extra = reader.header.first(where: { !allowed.contains(CSVReader.headerKey($0)) }) {
            throw reader.error(
                line: reader.headerLine, "unknown column \"\(extra)\" in long CSV (allowed: user_id, facet, value, weight)")
        }
        while let record = try reader.next() {
            aggregator.summary.records += 1
            let id = try userID(record, idColumn, reader)
            let facetName = record[facetColumn].trimmingCharacters(in: .whitespaces)
            let value = record[valueColumn].trimmingCharacters(in: .whitespaces)
            if facetName.isEmpty { throw reader.error(line: record.line, "empty facet") }
            if value.isEmpty { throw reader.error(line: record.line, "empty value") }
            let weight: Double
            switch AttributeValueParser.weight(text: weightColumn.map { record[$0] } ?? "") {
            case .success(let w): weight = w
            case .failure(let problem): throw reader.error(line: record.line, problem.message)
            }
            var attributes: [UserAttribute] = []
            if let facet = options.canonicalFacet(facetName) {
                attributes.append(UserAttribute(facet: facet, value: value, weight: weight))
            } else {
                aggregator.summary.skip(
                    \.skippedFacets, facetName, reason: "facet \"\(facetName)\" is not a known facet; its rows were skipped")
            }
            if let batch = aggregator.add(user: id, attributes: attributes) { try sink(batch) }
        }
    }

    private func readWide(
        _ reader: CSVReader, idColumn: Int, _ aggregator: inout UserAggregator, _ sink: (UserBatch) throws -> Void
    ) throws {
        var facetColumns: [(index: Int, facet: String)] = []
        var unknownColumns: [(index: Int, name: String)] = []
        for (i, column) in reader.header.enumerated() where i != idColumn {
            if let facet = options.canonicalFacet(column) {
                facetColumns.append((i, facet))
            } else {
                unknownColumns.append((i, column))
            }
        }
        while let record = try reader.next() {
            aggregator.summary.records += 1
            let id = try userID(record, idColumn, reader)
            var attributes: [UserAttribute] = []
            for (index, facet) in facetColumns {
                switch AttributeValueParser.cellItems(record[index]) {
                case .success(let items):
                    attributes += items.map { UserAttribute(facet: facet, value: $0.value, weight: $0.weight) }
                case .failure(let problem):
                    throw reader.error(line: record.line, "column \(reader.header[index]): \(problem.message)")
                }
            }
            for (index, name) in unknownColumns {
                let items = record[index].split(separator: "|").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                for _ in items {
                    aggregator.summary.skip(
                        \.skippedFacets, name, reason: "column \"\(name)\" is not a known facet; its values were skipped")
                }
            }
            if let batch = aggregator.add(user: id, attributes: attributes) { try sink(batch) }
        }
    }
}
