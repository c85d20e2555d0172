import Foundation

/// The lookups a `Mapper` builds once from a dictionary, so mapping a tag costs hash lookups
/// and a bounded number of similarity computations even with thousands of entries.
struct MappingIndex: Sendable {
    /// One spelling of an entry (its label, an alias or a hidden label, by key or as written),
    /// prepared for fuzzy matching.
    struct Name: Sendable {
        /// Index into `entries` of the entry this spelling belongs to.
        var source: Int
        /// Index into `entries` of the active entry it maps to (itself, or a deprecated one's replacement).
        var target: Int
        var key: [Unicode.Scalar]
        var tokens: [[Unicode.Scalar]]
        /// The source entry's facet and its fuzzy-matching minimum, copied here so the candidate
        /// scan compares integers instead of hashing strings.
        var facetOrdinal: Int
        var minimumLength: Int
    }

    /// Every entry, sorted by id so that ties anywhere resolve to the lowest id.
    let entries: [DictionaryEntry]
    /// Trimmed label -> entries (case-sensitive).
    let labels: [String: [Int]]
    /// Normalised label -> entries.
    let normalizedLabels: [String: [Int]]
    /// Normalised alias -> entries.
    let aliases: [String: [Int]]
    /// Normalised hidden label -> entries.
    let hiddenLabels: [String: [Int]]
    /// Key of a label or alias -> entries.
    let keys: [String: [Int]]
    /// Key of a hidden label -> entries.
    let hiddenKeys: [String: [Int]]
    /// Per entry: the index of the active entry that receives its mappings, nil for a deprecated
    /// entry without replacement.
    let targets: [Int?]
    /// Spellings of entries that can receive mappings (active, or deprecated with a replacement).
    let names: [Name]
    /// Packed trigram -> indexes into `names`.
    let trigrams: [UInt64: [Int]]
    /// Every facet id known from facets or entries.
    let facetIDs: Set<String>
    let thresholds: [String: MappingThresholds]
    /// Facet id -> a small integer, for `Name.facetOrdinal`.
    let facetOrdinals: [String: Int]

    init(dictionary: AttributeDictionary, normalizer: Normalizer) {
        let sorted = dictionary.entries.sorted { $0.id < $1.id }
        var position: [String: Int] = [:]
        for (i, e) in sorted.enumerated() { position[e.id] = i }

        var labels: [String: [Int]] = [:]
        var normalizedLabels: [String: [Int]] = [:]
        var aliases: [String: [Int]] = [:]
        var hiddenLabels: [String: [Int]] = [:]
        var keys: [String: [Int]] = [:]
        var hiddenKeys: [String: [Int]] = [:]
        var names: [Name] = []
        var trigrams: [UInt64: [Int]] = [:]
        var targets: [Int?] = []
        var thresholds: [String: MappingThresholds] = [:]
        for facet in dictionary.facets { thresholds[facet.id] = facet.thresholds }
        let facetIDs = Set(dictionary.facets.map(\.id)).union(sorted.map(\.facet))
        var facetOrdinals: [String: Int] = [:]
        for (i, id) in facetIDs.sorted().enumerated() { facetOrdinals[id] = i }

        func add(_ i: Int, to map: inout [String: [Int]], _ text: String) {
            guard !text.isEmpty else { return }
            if map[text]?.last != i { map[text, default: []].append(i) }
        }

        for (i, entry) in sorted.enumerated() {
            add(i, to: &labels, entry.label.trimmingCharacters(in: .whitespacesAndNewlines))
            add(i, to: &normalizedLabels, normalizer.normalize(entry.label))
            for alias in entry.aliases { add(i, to: &aliases, normalizer.normalize(alias)) }
            for hidden in entry.hiddenLabels { add(i, to: &hiddenLabels, normalizer.normalize(hidden)) }
            for text in [entry.label] + entry.aliases { add(i, to: &keys, normalizer.key(text)) }
            for text in entry.hiddenLabels { add(i, to: &hiddenKeys, normalizer.key(text)) }

            let target = dictionary.resolveActive(entry.id).flatMap { position[$0.id] }
            targets.append(target)
            guard let target else { continue }
            var seenKeys: Set<String> = []
            // Each spelling by its key and as written (normalised): the stemmer shortens
            // dictionary words ("purple" -> "purpl", "lavender" -> "lavend") but not the typos
            // of them, which would otherwise look like letters typed in addition.
            for text in [entry.label] + entry.aliases + entry.hiddenLabels {
                for keyTokens in [normalizer.keyTokens(text), normalizer.tokens(text)] {
                    let key = keyTokens.joined(separator: " ")
                    guard !key.isEmpty, seenKeys.insert(key).inserted else { continue }
                    let scalars = Array(key.unicodeScalars)
                    let nameIndex = names.count
                    names.append(
                        Name(
                            source: i, target: target, key: scalars,
                            tokens: keyTokens.map { Array($0.unicodeScalars) },
                            facetOrdinal: facetOrdinals[entry.facet] ?? -1,
                            minimumLength: (thresholds[entry.facet] ?? .default).fuzzyMinimumLength))
                    for gram in Self.trigrams(of: scalars) { trigrams[gram, default: []].append(nameIndex) }
                }
            }
        }

        entries = sorted
        self.labels = labels
        self.normalizedLabels = normalizedLabels
        self.aliases = aliases
        self.hiddenLabels = hiddenLabels
        self.keys = keys
        self.hiddenKeys = hiddenKeys
        self.targets = targets
        self.names = names
        self.trigrams = trigrams
        self.facetIDs = facetIDs
        self.thresholds = thresholds
        self.facetOrdinals = facetOrdinals
    }

    func thresholds(forFacet facet: String) -> MappingThresholds {
        thresholds[facet] ?? .default
    }

    /// The distinct padded trigrams of a key, packed three 21-bit scalars to a word.
    ///
    /// Padding lets short keys and first letters take part ("red" gives "^^r", "^re", "red", "ed$").
    static func trigrams(of key: [Unicode.Scalar]) -> Set<UInt64> {
        let start: UInt32 = 0x02
        let end: UInt32 = 0x03
        let padded = [start, start] + key.map(\.value) + [end]
        var out: Set<UInt64> = []
        guard padded.count >= 3 else { return out }
        for i in 0...(padded.count - 3) {
            out.insert(UInt64(padded[i]) << 42 | UInt64(padded[i + 1]) << 21 | UInt64(padded[i + 2]))
        }
        return out
    }
}
