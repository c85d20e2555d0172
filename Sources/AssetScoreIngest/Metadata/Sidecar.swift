import Foundation

/// The JSON a DAM export leaves beside an image (`banner-1.png` -> `banner-1.json`).
///
/// Format: `{"title", "description", "alt_text", "campaign": string?, "tags": [string]?,
/// "facets": {facet: [string]}?}`; unknown keys are ignored. A single string is accepted
/// wherever a list is expected. A malformed sidecar fails the asset with an error naming the
/// sidecar: it is curated input, and dropping it silently would lose the curator's tags.
public struct Sidecar: Decodable, Sendable, Hashable {
    public var title: String?
    public var description: String?
    public var altText: String?
    public var campaign: String?
    public var tags: [String]
    /// Facet id -> values, in the order the facets appear sorted by id.
    public var facets: [(facet: String, values: [String])] {
        facetValues.keys.sorted().map { ($0, facetValues[$0] ?? []) }
    }
    var facetValues: [String: [String]]
    /// The file's text as found (stored with the analysis).
    public var rawText: String = ""

    enum CodingKeys: String, CodingKey {
        case title, description, tags, facets, campaign
        case altText = "alt_text"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        altText = try c.decodeIfPresent(String.self, forKey: .altText)
        campaign = try c.decodeIfPresent(String.self, forKey: .campaign)
        tags = try c.decodeIfPresent(StringList.self, forKey: .tags)?.values ?? []
        facetValues = try c.decodeIfPresent([String: StringList].self, forKey: .facets)?.mapValues(\.values) ?? [:]
    }

    /// The sidecar's location for an image: same directory, same base name, ".json".
    public static func url(forImage image: URL) -> URL {
        image.deletingPathExtension().appendingPathExtension("json")
    }

    /// Reads and parses the sidecar beside `image`; nil when there is none.
    public static func load(besides image: URL) throws -> Sidecar? {
        let url = url(forImage: image)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        var data: Data
        do {
            data = try Data(contentsOf: url)
            // Windows tools often start UTF-8 files with a byte-order mark, which JSON forbids.
            if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        } catch {
            throw AnalyserError(
                .invalidSidecar, file: url.path,
                reason: "sidecar of \(image.lastPathComponent) cannot be read (\((error as NSError).localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AnalyserError(.invalidSidecar, file: url.path, reason: "sidecar of \(image.lastPathComponent) is not UTF-8 text")
        }
        do {
            var sidecar = try JSONDecoder().decode(Sidecar.self, from: data)
            sidecar.rawText = text
            return sidecar
        } catch let error as DecodingError {
            throw AnalyserError(
                .invalidSidecar, file: url.path, reason: "malformed sidecar JSON for \(image.lastPathComponent): \(describe(error))")
        } catch {
            throw AnalyserError(.invalidSidecar, file: url.path, reason: "malformed sidecar JSON for \(image.lastPathComponent): \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "top level" : String(keys.drop(while: { $0 == "." }))
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected \(typeName(type)), found null"
        case .keyNotFound(let key, let context):
            return "\(path(context)): missing key \(key.stringValue)"
        case .dataCorrupted(let context):
            let underlying =
                context.underlyingError.map { " (\(($0 as NSError).userInfo[NSDebugDescriptionErrorKey] ?? $0.localizedDescription))" }
                ?? ""
            return "\(context.debugDescription)\(underlying)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        let name = "\(type)"
        if type == String.self { return "a string" }
        if name.hasPrefix("Array") { return "a list of strings" }
        if name.hasPrefix("Dictionary") { return "an object" }
        return name.lowercased()
    }
}

/// A list of strings that may also be written as a single string.
struct StringList: Decodable, Sendable {
    var values: [String]

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let one = try? c.decode(String.self) {
            values = [one]
        } else {
            values = try c.decode([String].self)
        }
    }
}
