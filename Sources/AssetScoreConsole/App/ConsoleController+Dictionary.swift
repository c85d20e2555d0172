import AssetScoreCore
import Foundation

extension ConsoleController {
    var selectedEntry: DictionaryEntry? {
        let v = state.dictionary.visible
        return v.indices.contains(state.dictionary.selected) ? v[state.dictionary.selected] : nil
    }

    func performDictionary(_ action: String) throws {
        switch action {
        case "add-entry":
            prompt("New entry as facet=label", .addDictionaryEntry, initial: (state.dictionary.facetFilter ?? "theme") + "=")
        case "rename-entry":
            guard let e = selectedEntry else { return flash("no entry selected") }
            prompt("Rename '\(e.label)' to", .renameEntry(e.id), initial: e.label)
        case "merge-entry":
            guard let e = selectedEntry else { return flash("no entry selected") }
            prompt(
                "Merge '\(e.label)' into the entry with id", .mergeEntry(e.id), hint: "its label and aliases move there; it is deprecated")
        case "deprecate-entry":
            guard let e = selectedEntry else { return flash("no entry selected") }
            prompt("Deprecate '\(e.label)': replacement entry id (empty for none)", .deprecateEntry(e.id))
        case "filter-facet":
            let cycle: [String?] = [nil] + state.dictionary.facets
            let i = cycle.firstIndex(of: state.dictionary.facetFilter) ?? 0
            state.dictionary.facetFilter = cycle[(i + 1) % cycle.count]
            state.dictionary.selected = 0
            flash("showing \(state.dictionary.facetFilter ?? "every facet")")
        default:
            flash("'\(action)' does not apply to the dictionary")
        }
    }

    /// Writes one changed or new entry through the same import path as `dict import`, so the
    /// same validation and audit apply, then re-maps the pending texts.
    ///
    /// `gainsNamesOnly` says the change only gave the entry names (an add, or a rename that
    /// keeps the old label as an alias): then only texts that can reach this entry can map now,
    /// and `Mapper.remapFunction(near:)` screens the rest cheaply. A deprecation takes names
    /// away, which can let a text map elsewhere, so it re-maps every pending text in full.
    func saveEntry(_ entry: DictionaryEntry, verb: String, gainsNamesOnly: Bool) throws {
        let existing = mapper.dictionary
        let doc = try DictionaryDocument(sourceName: "console", facets: [], entries: [entry]).prepared(against: existing)
        _ = try store.importDictionary(facets: doc.facets, entries: doc.entries, source: "console \(verb)", actor: env.actor)
        mapper = try env.makeMapper(store)
        let full: RemapFunction = { [mapper] facet, text in mapper.map(text, facet: facet) }
        try store.remapUnresolved(gainsNamesOnly ? mapper.remapFunction(near: entry.id) : full, actor: env.actor)
        try reloadChanged()
    }

    /// Moves `sourceID`'s names onto `targetID` as aliases and deprecates it in favour of the
    /// target, in one dictionary import; tags mapped to it count for the target from now on.
    func mergeEntry(_ sourceID: String, into targetID: String) throws {
        let dictionary = mapper.dictionary
        guard var source = dictionary.entry(sourceID) else { throw ConsoleError("entry \(sourceID) is gone") }
        guard var target = dictionary.entry(targetID), target.id != source.id else { throw ConsoleError("no other entry '\(targetID)'") }
        guard target.facet == source.facet else { throw ConsoleError("'\(targetID)' is in \(target.facet), not \(source.facet)") }
        for name in [source.label] + source.aliases where !target.aliases.contains(name) && name != target.label {
            target.aliases.append(name)
        }
        source.aliases = []
        source.status = .deprecated
        source.replacedBy = target.id
        let doc = try DictionaryDocument(sourceName: "console", facets: [], entries: [target, source]).prepared(against: dictionary)
        _ = try store.importDictionary(facets: doc.facets, entries: doc.entries, source: "console merge", actor: env.actor)
        mapper = try env.makeMapper(store)
        // The source's names all lead to the target now (as its aliases, and its label through
        // `replacedBy`), so the target is the one entry a pending text can newly reach.
        try store.remapUnresolved(mapper.remapFunction(near: target.id), actor: env.actor)
        try reloadChanged()
        flash("merged \(source.label) into \(target.label)")
    }

    func addEntry(_ text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[1].isEmpty else { throw ConsoleError("write facet=label") }
        guard mapper.dictionary.facet(parts[0]) != nil else { throw ConsoleError("no facet '\(parts[0])'") }
        let id = EntrySlug.make(parts[1], avoiding: mapper.dictionary)
        try saveEntry(DictionaryEntry(id: id, facet: parts[0], label: parts[1]), verb: "add", gainsNamesOnly: true)
        flash("added \(parts[1]) [\(id)] to \(parts[0])")
    }
}
