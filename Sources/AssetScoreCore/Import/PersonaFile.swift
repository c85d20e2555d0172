import Foundation

/// Reads and writes persona files: a JSON array of
/// `{"id", "name", "description"?, "attributes": [{"facet", "value", "weight"?}]}`.
///
/// `attributes` may also use the object form of the JSON Lines user format. A file is
/// rejected whole, with every problem and its JSON path.
public enum PersonaFile {
    /// Reads a persona file. With `knownFacets`, an attribute of another facet is an error:
    /// personas are written by people, so a wrong facet is a typo to fix, not data to skip.
    public static func read(url: URL, name: String? = nil, knownFacets: Set<String>? = nil) throws -> [Persona] {
        let display = name ?? url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImportError(file: display, message: "cannot read file: \(error.localizedDescription)")
        }
        return try decode(data, name: display, knownFacets: knownFacets)
    }

    public static func decode(_ data: Data, name: String, knownFacets: Set<String>? = nil) throws -> [Persona] {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch let error as JSONValue.SyntaxError {
            throw ImportError(file: name, line: error.line, message: "not valid JSON: \(error.message)")
        }
        guard let items = root.arrayValue else {
            throw ImportError(file: name, message: "expected an array of personas, found \(root.kindName)")
        }
        let options = UserImportOptions(knownFacets: knownFacets)
        var personas: [Persona] = []
        var errors: [ImportError] = []
        var firstIndex: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let path = "[\(i)]"
            var reader = JSONObjectReader(item, path: path, file: name)
            guard reader.isObject else {
                errors += reader.errors
                continue
            }
            reader.rejectUnknownKeys(["id", "name", "description", "attributes"])
            let id = AttributeValueParser.identifier(reader["id"])
            if id == nil { reader.fail("id", "is required and must be a non-empty string") }
            let personaName = reader.string("name", required: true).map(DictionaryDocument.trimmed) ?? ""
            if personaName.isEmpty, reader["name"]?.stringValue != nil { reader.fail("name", "is empty") }
            let description = reader.string("description").flatMap(DictionaryDocument.nonEmpty)
            var attributes: [UserAttribute] = []
            if let json = reader["attributes"] {
                do {
                    let parsed = try AttributeValueParser.attributes(json, path: "\(path).attributes", canonical: options.canonicalFacet)
                    attributes = UserProfile.mergeAttributes([], parsed.attributes)
                    for facet in Set(parsed.unknownFacets).sorted() {
                        reader.fail(
                            "attributes", "unknown facet \"\(facet)\" (known: \(knownFacets?.sorted().joined(separator: ", ") ?? ""))")
                    }
                } catch let problem as AttributeValueParser.Problem {
                    errors.append(ImportError(file: name, path: problem.path, message: problem.message))
                }
            } else {
                reader.fail("attributes", "is required")
            }
            errors += reader.errors
            if let id {
                if let first = firstIndex[id] {
                    errors.append(
                        ImportError(file: name, path: "\(path).id", message: "persona id \"\(id)\" is used twice (first at [\(first)])"))
                } else {
                    firstIndex[id] = i
                }
                personas.append(Persona(id: id, name: personaName, description: description, attributes: attributes))
            }
        }
        if !errors.isEmpty { throw ImportErrorList(file: name, errors: errors) }
        return personas
    }

    /// The personas as a persona file (attributes in array form, mapping state left out).
    public static func encode(_ personas: [Persona]) -> Data {
        let items = personas.map { p -> JSONValue in
            var members: [(String, JSONValue)] = [("id", .string(p.id)), ("name", .string(p.name))]
            if let d = p.description { members.append(("description", .string(d))) }
            members.append(
                (
                    "attributes",
                    .array(
                        p.attributes.map { a in
                            .object([("facet", .string(a.facet)), ("value", .string(a.value)), ("weight", .number(a.weight))])
                        })
                ))
            return .object(members)
        }
        return Data(JSONValue.array(items).formatted().utf8)
    }
}
