import Foundation

/// One weighted attribute of a user or persona, as imported and as mapped.
public struct UserAttribute: Codable, Sendable, Hashable {
    public var facet: String
    /// The value as it came from the CRM (or the persona file).
    public var value: String
    /// The mapper's normalised form of `value`; the store groups unmapped attributes into review
    /// items by (facet, normalized), like tags. nil makes the store fold case and spaces itself.
    public var normalized: String?
    public var weight: Double
    public var entry: String?
    public var method: MappingMethod
    public var reviewItemID: Int64?

    public init(
        facet: String, value: String, weight: Double = 1, entry: String? = nil, method: MappingMethod = .unmapped,
        reviewItemID: Int64? = nil, normalized: String? = nil
    ) {
        self.facet = facet
        self.value = value
        self.normalized = normalized
        self.weight = weight
        self.entry = entry
        self.method = method
        self.reviewItemID = reviewItemID
    }

    enum CodingKeys: String, CodingKey {
        case facet, value, weight, entry, method, normalized
        case reviewItemID = "review_item_id"
    }

    /// Only facet and value are required, so persona files and JSON payloads can give just
    /// `{"facet", "value", "weight"}`; the mapping fields default to "not mapped yet".
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        facet = try c.decode(String.self, forKey: .facet)
        value = try c.decode(String.self, forKey: .value)
        normalized = try c.decodeIfPresent(String.self, forKey: .normalized)
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        entry = try c.decodeIfPresent(String.self, forKey: .entry)
        method = try c.decodeIfPresent(MappingMethod.self, forKey: .method) ?? .unmapped
        reviewItemID = try c.decodeIfPresent(Int64.self, forKey: .reviewItemID)
    }
}

/// A user from a CRM export.
public struct UserProfile: Codable, Sendable, Hashable {
    public var id: String
    public var attributes: [UserAttribute]
    /// Where it came from ("csv:users.csv", "segment", ...).
    public var source: String
    public var updatedAt: Date

    public init(id: String, attributes: [UserAttribute], source: String, updatedAt: Date = Date()) {
        self.id = id
        self.attributes = attributes
        self.source = source
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, attributes, source
        case updatedAt = "updated_at"
    }
}

/// A named profile for previews ("Budget traveller", "Night owl gamer").
public struct Persona: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String?
    public var attributes: [UserAttribute]

    public init(id: String, name: String, description: String? = nil, attributes: [UserAttribute]) {
        self.id = id
        self.name = name
        self.description = description
        self.attributes = attributes
    }
}
