import Foundation

/// Settings shared by the user importers.
public struct UserImportOptions: Sendable {
    /// Users per batch handed to the caller (who saves each batch in one transaction).
    public var batchSize: Int
    /// Facet ids attributes may use. When set, facet names are matched case-insensitively and
    /// attributes of other facets are skipped and counted in the summary; when nil every facet
    /// name is accepted (trimmed and lowercased).
    public var knownFacets: Set<String>?
    /// Stored as `UserProfile.source`; defaults to "<format>:<file name>".
    public var source: String?
    /// Stored as `UserProfile.updatedAt`.
    public var timestamp: Date

    public init(batchSize: Int = 1_000, knownFacets: Set<String>? = nil, source: String? = nil, timestamp: Date = Date()) {
        self.batchSize = max(1, batchSize)
        self.knownFacets = knownFacets
        self.source = source
        self.timestamp = timestamp
    }

    /// The facet id an attribute goes to, or nil when `knownFacets` does not include it.
    func canonicalFacet(_ raw: String) -> String? {
        let name = raw.trimmingCharacters(in: .whitespaces)
        guard let known = knownFacets else { return name.lowercased() }
        if known.contains(name) { return name }
        let lowered = name.lowercased()
        return known.first { $0.lowercased() == lowered }
    }
}
