import Foundation

/// Whether an entry may still receive new mappings.
public enum EntryStatus: String, Codable, Sendable, Hashable {
    case active
    /// Kept so old mappings resolve; new tags go to `replacedBy` when it is set.
    case deprecated
}

/// One allowed attribute value of the controlled vocabulary.
///
/// Entry ids are unique across the whole dictionary (not only within a facet), so an id alone
/// names an entry everywhere: in asset tags, user attributes, decisions and exports.
public struct DictionaryEntry: Codable, Sendable, Hashable {
    public var id: String
    public var facet: String
    public var label: String
    public var aliases: [String]
    /// Known misspellings: matched like aliases, never shown as a label.
    public var hiddenLabels: [String]
    /// The broader (parent) entry's id, in the same facet.
    public var broader: String?
    public var description: String?
    public var status: EntryStatus
    /// For deprecated entries: the entry that takes over their mappings.
    public var replacedBy: String?
    /// For `color` entries: the reference colour as `#rrggbb`, used to name measured colours.
    public var hex: String?

    public init(
        id: String, facet: String, label: String, aliases: [String] = [], hiddenLabels: [String] = [],
        broader: String? = nil, description: String? = nil, status: EntryStatus = .active,
        replacedBy: String? = nil, hex: String? = nil
    ) {
        self.id = id
        self.facet = facet
        self.label = label
        self.aliases = aliases
        self.hiddenLabels = hiddenLabels
        self.broader = broader
        self.description = description
        self.status = status
        self.replacedBy = replacedBy
        self.hex = hex
    }

    enum CodingKeys: String, CodingKey {
        case id, facet, label, aliases, broader, description, status, hex
        case hiddenLabels = "hidden_labels"
        case replacedBy = "replaced_by"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        facet = try c.decodeIfPresent(String.self, forKey: .facet) ?? ""
        label = try c.decode(String.self, forKey: .label)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        hiddenLabels = try c.decodeIfPresent([String].self, forKey: .hiddenLabels) ?? []
        broader = try c.decodeIfPresent(String.self, forKey: .broader)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        status = try c.decodeIfPresent(EntryStatus.self, forKey: .status) ?? .active
        replacedBy = try c.decodeIfPresent(String.self, forKey: .replacedBy)
        hex = try c.decodeIfPresent(String.self, forKey: .hex)
    }
}
