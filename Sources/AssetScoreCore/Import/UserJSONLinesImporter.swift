import Foundation

/// Streams users from JSON Lines in batches: one object per line,
/// `{"user_id": "u1", "attributes": [{"facet": "tone", "value": "warm", "weight": 0.8}]}` or
/// `{"user_id": "u1", "attributes": {"tone": ["warm"], "theme": "travel"}}`.
///
/// Lines of one user may be spread out; they are merged like rows of the long CSV shape.
/// Errors name the line and, inside it, the JSON path.
public struct UserJSONLinesImporter: Sendable {
    public var options: UserImportOptions

    public init(options: UserImportOptions = UserImportOptions()) {
        self.options = options
    }

    @discardableResult
    public func importFile(
        at url: URL, name: String? = nil, _ sink: (UserBatch) throws -> Void
    ) throws -> UserImportSummary {
        let display = name ?? url.lastPathComponent
        return try run(LineReader(stream: ByteStream.open(url, name: display)), sink)
    }

    @discardableResult
    public func importData(_ data: Data, name: String, _ sink: (UserBatch) throws -> Void) throws -> UserImportSummary {
        try run(LineReader(stream: ByteStream(data: data, name: name)), sink)
    }

    func run(_ lines: LineReader, _ sink: (UserBatch) throws -> Void) throws -> UserImportSummary {
        var aggregator = UserAggregator(options: options, source: "jsonl:\(lines.name)")
        let decoder = JSONDecoder()
        while let (text, line) = try lines.next() {
            if text.allSatisfy(\.isWhitespace) { continue }
            aggregator.summary.records += 1
            func fail(_ path: String?, _ message: String) -> ImportError {
                ImportError(file: lines.name, line: line, path: path, message: message)
            }
            let json: JSONValue
            do {
                json = try JSONValue.parse(Data(text.utf8), decoder: decoder)
            } catch let error as JSONValue.SyntaxError {
                throw fail(nil, "not valid JSON: \(error.message)")
            }
            guard let members = json.members else { throw fail(nil, "expected an object, found \(json.kindName)") }
            if let bad = members.first(where: { $0.0 != "user_id" && $0.0 != "attributes" }) {
                throw fail(bad.0, "unknown key (allowed: user_id, attributes)")
            }
            guard let id = AttributeValueParser.identifier(json["user_id"]) else {
                throw fail("user_id", "is required and must be a non-empty string")
            }
            guard let attributesJSON = json["attributes"] else { throw fail("attributes", "is required") }
            let parsed: (attributes: [UserAttribute], unknownFacets: [String])
            do {
                parsed = try AttributeValueParser.attributes(attributesJSON, path: "attributes", canonical: options.canonicalFacet)
            } catch let problem as AttributeValueParser.Problem {
                throw fail(problem.path, problem.message)
            }
            for facet in parsed.unknownFacets {
                aggregator.summary.skip(\.skippedFacets, facet, reason: "facet \"\(facet)\" is not a known facet; its values were skipped")
            }
            if let batch = aggregator.add(user: id, attributes: parsed.attributes) { try sink(batch) }
        }
        if let last = aggregator.finish() { try sink(last) }
        return aggregator.summary
    }
}
