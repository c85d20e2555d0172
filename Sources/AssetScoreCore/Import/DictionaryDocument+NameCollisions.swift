import Foundation

extension DictionaryDocument {
    /// Compares names the way the mapper's key step does, without a stemmer: "Beach", "beach!"
    /// and "Beaches" are one name. (A stemmer merges more; the mapper sends a text that only its
    /// stemmer makes ambiguous to review.)
    static let nameNormalizer = Normalizer()

    /// One spelling an entry answers to, as the collision check tracks it.
    private struct Claim {
        enum Kind: String {
            case label
            case alias
            case hiddenLabel = "hidden label"
        }

        var entry: String
        var kind: Kind
        var text: String
        /// Index of the entry in the document, nil for names only the stored dictionary has.
        var documentIndex: Int?
    }

    /// A name of a document entry that another entry of the same facet already answers to.
    ///
    /// The mapper's label, alias and hidden-label steps look names up per facet, so a shared
    /// name either quietly moves tags to the newer entry ("beach" to Sea, whose new alias it is)
    /// or makes them ambiguous. Checked against the dictionary as it will stand after the
    /// import: stored entries, the document's entries replacing same-id ones, and stored
    /// aliases kept (the store merges aliases, it never drops them).
    ///
    /// Two entries may share a name when both map to the same entry (a deprecated entry and its
    /// replacement) or one of them maps nowhere (deprecated without a replacement). Taxonomy
    /// imports (`repeatedLabelsAllowed`) may also repeat a *label*: published taxonomies reuse
    /// node names (IAB Audience 1.1 has "Retired" under both Employment Status and Employment
    /// Role), their ids are what matters, and the mapper sends such a name to review with every
    /// entry as a candidate. A name an entry already had in the stored dictionary is not
    /// reported again: collisions the dictionary holds already are not this file's doing.
    func nameCollisionErrors(existing: AttributeDictionary) -> [ImportError] {
        var merged: [String: DictionaryEntry] = [:]
        for e in existing.entries { merged[e.id] = e }
        var documentIndex: [String: Int] = [:]
        for (i, e) in entries.enumerated() where !e.id.isEmpty && documentIndex[e.id] == nil {
            documentIndex[e.id] = i
            merged[e.id] = e
        }

        // Facet -> name -> entries answering to it. Stored names go in first, without complaint.
        var claims: [String: [String: [Claim]]] = [:]
        func claim(_ c: Claim, facet: String) {
            let name = Self.nameNormalizer.key(c.text)
            guard !name.isEmpty else { return }
            claims[facet, default: [:]][name, default: []].append(c)
        }
        for e in existing.entries {
            let reimported = documentIndex[e.id] != nil
            if !reimported { claim(Claim(entry: e.id, kind: .label, text: e.label), facet: e.facet) }
            for a in e.aliases { claim(Claim(entry: e.id, kind: .alias, text: a), facet: e.facet) }
            for h in e.hiddenLabels { claim(Claim(entry: e.id, kind: .hiddenLabel, text: h), facet: e.facet) }
        }

        var errors: [ImportError] = []
        for (i, e) in entries.enumerated() where documentIndex[e.id] == i && !e.facet.isEmpty {
            let names =
                [Claim(entry: e.id, kind: .label, text: e.label, documentIndex: i)]
                + e.aliases.map { Claim(entry: e.id, kind: .alias, text: $0, documentIndex: i) }
                + e.hiddenLabels.map { Claim(entry: e.id, kind: .hiddenLabel, text: $0, documentIndex: i) }
            let stored = existing.entry(e.id).map { old in
                Set(([old.label] + old.aliases + old.hiddenLabels).map(Self.nameNormalizer.key))
            }
            for mine in names {
                let name = Self.nameNormalizer.key(mine.text)
                guard !name.isEmpty, stored?.contains(name) != true else { continue }
                let rivals = claims[e.facet]?[name] ?? []
                if let other = rivals.first(where: { !mayShare(mine, $0, merged: merged) }) {
                    errors.append(collision(mine, with: other, facet: e.facet, merged: merged))
                }
            }
            for mine in names { claim(mine, facet: e.facet) }
        }
        return errors
    }

    /// Whether two claims on one name leave the mapper an unambiguous answer.
    private func mayShare(_ a: Claim, _ b: Claim, merged: [String: DictionaryEntry]) -> Bool {
        if a.entry == b.entry { return true }
        let targetA = Self.mappingTarget(of: a.entry, in: merged)
        let targetB = Self.mappingTarget(of: b.entry, in: merged)
        if targetA == nil || targetB == nil || targetA == targetB { return true }
        return repeatedLabelsAllowed && a.kind == .label && b.kind == .label
    }

    private func collision(_ mine: Claim, with other: Claim, facet: String, merged: [String: DictionaryEntry])
        -> ImportError
    {
        let field: String
        switch mine.kind {
        case .label: field = "label"
        case .alias: field = "aliases"
        case .hiddenLabel: field = "hidden_labels"
        }
        var owner = "\"\(other.entry)\""
        if let label = merged[other.entry]?.label, other.kind != .label { owner += " (\(label))" }
        if let j = other.documentIndex { owner += " at \(describe(location(ofEntry: j)))" }
        let message =
            "\(mine.kind.rawValue) \"\(mine.text)\" of \"\(mine.entry)\" is already the \(other.kind.rawValue) "
            + "\"\(other.text)\" of \(owner) in facet \"\(facet)\"; a name may belong to one entry per facet"
        return issue(at: location(ofEntry: mine.documentIndex ?? 0), field: field, message)
    }

    /// The entry an entry's tags go to: itself, the end of its replacement chain, or nil when it
    /// is deprecated without a (reachable) replacement.
    static func mappingTarget(of id: String, in merged: [String: DictionaryEntry]) -> String? {
        var seen: Set<String> = []
        var current = merged[id]
        while let e = current, e.status == .deprecated {
            guard let r = e.replacedBy, seen.insert(r).inserted else { return nil }
            current = merged[r]
        }
        return current?.id
    }
}
