import Foundation

extension Mapper {
    /// A remap for texts that did not map before `entryID` gained names (a review decision
    /// added an alias to it, or created it): maps a text only when it could now reach that
    /// entry, and tells the rest at once that nothing changed.
    ///
    /// Re-mapping every pending text after a decision costs the whole fuzzy pipeline per text
    /// (seconds for 10,000 pending items). Adding names to one entry can only make texts map to
    /// that entry: every other entry's names are as before, and more names only add competition.
    /// So a mapper over that entry alone (no rejections, no rivals: it maps at least whatever the
    /// full mapper maps to the entry) screens each text cheaply, and only the texts it maps go
    /// through the full mapper, whose answer is the one stored. For texts that mapped before,
    /// or when the entry is unknown, use `map` itself.
    public func remapFunction(near entryID: String) -> RemapFunction {
        let full = self
        guard let entry = dictionary.entry(entryID) else { return { facet, text in full.map(text, facet: facet) } }
        let screen = Mapper(dictionary: AttributeDictionary(facets: dictionary.facets, entries: [entry]), normalizer: normalizer)
        return { facet, text in
            let quick = screen.map(text, facet: facet)
            guard quick.entry != nil else { return quick }
            return full.map(text, facet: facet)
        }
    }
}
