import Foundation

extension DictionaryDocument {
    /// The value of the top-level `format` member.
    public static let jsonFormatName = "assetscore-dictionary"
    /// The only `version` this build reads and writes.
    public static let jsonFormatVersion = 1

    static let facetKeys: Set<String> = ["id", "label", "description", "weight", "thresholds", "entries"]
    static let thresholdKeys: Set<String> = ["fuzzy_accept", "candidate_minimum", "fuzzy_minimum_length"]
    static let entryKeys: Set<String> = [
        "id", "facet", "label", "aliases", "hidden_labels", "broader", "description", "status", "replaced_by", "hex",
    ]

    /// Reads and validates a dictionary JSON document (see docs/dictionary-format.md).
    ///
    /// Throws `ImportErrorList` with every problem (each with its JSON path), or `ImportError`
    /// when the text is not JSON at all.
    public static func decodeJSON(
        _ data: Data, name: String, existing: AttributeDictionary = AttributeDictionary()
    ) throws -> DictionaryDocument {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch let error as JSONValue.SyntaxError {
            throw ImportError(file: name, line: error.line, message: "not valid JSON: \(error.message)")
        }
        var (document, errors) = parseJSON(root, name: name)
        document.adoptStoredFacetSettings(from: existing)
        errors += document.validationErrors(against: existing)
        if !errors.isEmpty { throw ImportErrorList(file: name, errors: errors) }
        return try document.prepared(against: existing)
    }

    static func parseJSON(_ root: JSONValue, name: String) -> (DictionaryDocument, [ImportError]) {
        var document = DictionaryDocument(sourceName: name, facets: [], entries: [])
        var top = JSONObjectReader(root, path: "", file: name)
        top.rejectUnknownKeys(["format", "version", "facets"])
        if top.isObject {
            let format = top.string("format", required: true)
            if let format, format != jsonFormatName {
                top.fail("format", "expected \"\(jsonFormatName)\", found \"\(format)\"")
            }
            switch top["version"] {
            case .number(let v)? where v == Double(jsonFormatVersion): break
            case nil: top.fail("version", "is required")
            case let other?:
                top.fail("version", "unsupported version \(other.compact) (this program reads version \(jsonFormatVersion))")
            }
        }
        var errors = top.errors
        guard top.isObject else { return (document, errors) }
        guard let facetValues = top["facets"]?.arrayValue else {
            errors.append(ImportError(file: name, path: "facets", message: "is required and must be an array"))
            return (document, errors)
        }
        for (fi, facetValue) in facetValues.enumerated() {
            let facetPath = "facets[\(fi)]"
            var f = JSONObjectReader(facetValue, path: facetPath, file: name)
            guard f.isObject else {
                errors += f.errors
                continue
            }
            f.rejectUnknownKeys(facetKeys)
            let id = (f.string("id", required: true) ?? "").trimmingCharacters(in: .whitespaces)
            // Absent or null members are remembered, so an existing facet keeps its value for them.
            var omitted: Set<FacetSetting> = []
            func given(_ reader: JSONObjectReader, _ key: String, _ setting: FacetSetting) {
                if reader[key] == nil || reader[key]?.isNull == true { omitted.insert(setting) }
            }
            given(f, "label", .label)
            given(f, "description", .description)
            given(f, "weight", .weight)
            let label = f.string("label").map(trimmed) ?? id
            var facet = Facet(id: id, label: label, description: f.string("description").flatMap(nonEmpty))
            if let w = f.number("weight") { facet.weight = w }
            if let t = f["thresholds"], !t.isNull {
                var tr = JSONObjectReader(t, path: "\(facetPath).thresholds", file: name)
                tr.rejectUnknownKeys(thresholdKeys)
                given(tr, "fuzzy_accept", .fuzzyAccept)
                given(tr, "candidate_minimum", .candidateMinimum)
                given(tr, "fuzzy_minimum_length", .fuzzyMinimumLength)
                if let v = tr.number("fuzzy_accept") { facet.thresholds.fuzzyAccept = v }
                if let v = tr.number("candidate_minimum") { facet.thresholds.candidateMinimum = v }
                if let v = tr.number("fuzzy_minimum_length") {
                    if v == v.rounded(), abs(v) < 1e9 {
                        facet.thresholds.fuzzyMinimumLength = Int(v)
                    } else {
                        tr.fail("fuzzy_minimum_length", "expected a whole number, found \(v)")
                    }
                }
                errors += tr.errors
            } else {
                omitted.formUnion([.fuzzyAccept, .candidateMinimum, .fuzzyMinimumLength])
            }
            if !omitted.isEmpty, document.omittedFacetSettings[id] == nil { document.omittedFacetSettings[id] = omitted }
            document.facets.append(facet)
            document.facetLocations.append(SourceLocation(line: nil, path: facetPath))

            let entryValues: [JSONValue]
            switch f["entries"] {
            case nil, .null?: entryValues = []
            case .array(let items)?: entryValues = items
            case let other?:
                f.fail("entries", "expected an array, found \(other.kindName)")
                entryValues = []
            }
            errors += f.errors
            for (ei, entryValue) in entryValues.enumerated() {
                let entryPath = "\(facetPath).entries[\(ei)]"
                var reader = JSONObjectReader(entryValue, path: entryPath, file: name)
                guard reader.isObject else {
                    errors += reader.errors
                    continue
                }
                reader.rejectUnknownKeys(entryKeys)
                if let declared = reader.string("facet"), declared != id {
                    reader.fail("facet", "entry says facet \"\(declared)\" but is listed under facet \"\(id)\"")
                }
                // The id as written: validation refuses surrounding whitespace rather than trimming it.
                var entry = DictionaryEntry(
                    id: reader.string("id", required: true) ?? "", facet: id,
                    label: trimmed(reader.string("label", required: true) ?? ""),
                    aliases: cleanList(reader.stringList("aliases")),
                    hiddenLabels: cleanList(reader.stringList("hidden_labels")),
                    broader: reader.string("broader").flatMap(nonEmpty),
                    description: reader.string("description").flatMap(nonEmpty),
                    replacedBy: reader.string("replaced_by").flatMap(nonEmpty),
                    hex: reader.string("hex").flatMap(nonEmpty)?.lowercased())
                if let status = reader.string("status").flatMap(nonEmpty) {
                    if let parsed = parseStatus(status) {
                        entry.status = parsed
                    } else {
                        reader.fail("status", unknownStatusMessage(status))
                    }
                }
                errors += reader.errors
                document.entries.append(entry)
                document.entryLocations.append(SourceLocation(line: nil, path: entryPath))
            }
        }
        return (document, errors)
    }

    /// The document as dictionary JSON: facets in order, each with its entries; members that
    /// hold their default (no aliases, active status, ...) are left out.
    public func jsonData() -> Data {
        var facetValues: [JSONValue] = []
        for (facet, entries) in entriesByFacet() {
            var members: [(String, JSONValue)] = [("id", .string(facet.id)), ("label", .string(facet.label))]
            if let d = facet.description { members.append(("description", .string(d))) }
            members.append(("weight", .number(facet.weight)))
            if facet.thresholds != .default {
                let t = facet.thresholds
                members.append(
                    (
                        "thresholds",
                        .object([
                            ("fuzzy_accept", .number(t.fuzzyAccept)),
                            ("candidate_minimum", .number(t.candidateMinimum)),
                            ("fuzzy_minimum_length", .number(Double(t.fuzzyMinimumLength))),
                        ])
                    ))
            }
            members.append(("entries", .array(entries.map(Self.jsonValue(of:)))))
            facetValues.append(.object(members))
        }
        let root = JSONValue.object([
            ("format", .string(Self.jsonFormatName)),
            ("version", .number(Double(Self.jsonFormatVersion))),
            ("facets", .array(facetValues)),
        ])
        return Data(root.formatted().utf8)
    }

    static func jsonValue(of e: DictionaryEntry) -> JSONValue {
        var m: [(String, JSONValue)] = [("id", .string(e.id)), ("label", .string(e.label))]
        if !e.aliases.isEmpty { m.append(("aliases", .array(e.aliases.map(JSONValue.string)))) }
        if !e.hiddenLabels.isEmpty { m.append(("hidden_labels", .array(e.hiddenLabels.map(JSONValue.string)))) }
        if let b = e.broader { m.append(("broader", .string(b))) }
        if let d = e.description { m.append(("description", .string(d))) }
        if e.status != .active { m.append(("status", .string(e.status.rawValue))) }
        if let r = e.replacedBy { m.append(("replaced_by", .string(r))) }
        if let h = e.hex { m.append(("hex", .string(h))) }
        return .object(m)
    }

    static func parseStatus(_ text: String) -> EntryStatus? {
        EntryStatus(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased())
    }

    static func unknownStatusMessage(_ text: String) -> String {
        "unknown status \"\(text)\" (expected active or deprecated)"
    }

    static func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }

    static func nonEmpty(_ s: String) -> String? {
        let t = trimmed(s)
        return t.isEmpty ? nil : t
    }

    /// Trims, drops empty items and repeats, keeping the first spelling's position.
    static func cleanList(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for item in items.map(trimmed) where !item.isEmpty && !seen.contains(item) {
            seen.insert(item)
            out.append(item)
        }
        return out
    }
}
