import Foundation

/// A raw tag of an asset together with its mapping.
public struct AssetTag: Codable, Sendable, Hashable {
    public var id: Int64
    public var assetID: Int64
    public var analysisID: Int64
    public var raw: RawTag
    /// Facet of the mapped entry, else the hint (or "" for any facet).
    public var facet: String
    public var normalized: String
    public var entry: String?
    public var method: MappingMethod
    public var mappingConfidence: Double
    /// Set while the tag waits for an operator; nil for mapped, rejected and ignored hint tags.
    public var reviewItemID: Int64?
    /// The mapper's best candidates; the store copies them into a new review item so the
    /// reviewer sees suggestions. Not serialised: stored with the review item, not the tag.
    public var candidates: [MappingCandidate] = []

    public init(
        id: Int64 = 0, assetID: Int64 = 0, analysisID: Int64 = 0, raw: RawTag, facet: String, normalized: String,
        entry: String?, method: MappingMethod, mappingConfidence: Double, reviewItemID: Int64? = nil,
        candidates: [MappingCandidate] = []
    ) {
        self.id = id
        self.assetID = assetID
        self.analysisID = analysisID
        self.raw = raw
        self.facet = facet
        self.normalized = normalized
        self.entry = entry
        self.method = method
        self.mappingConfidence = mappingConfidence
        self.reviewItemID = reviewItemID
        self.candidates = candidates
    }

    /// What scoring multiplies by: the producer's confidence times the mapping's.
    public var effectiveConfidence: Double { raw.confidence * mappingConfidence }

    enum CodingKeys: String, CodingKey {
        case id, raw, facet, normalized, entry, method
        case assetID = "asset_id"
        case analysisID = "analysis_id"
        case mappingConfidence = "mapping_confidence"
        case reviewItemID = "review_item_id"
    }
}
