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
    /// same validation and audit apply.
    func saveEntry(_ entry: DictionaryEntry, verb: String) throws {
        let existing = mapper.dictionary
        let doc = try DictionaryDocument(sourceName: "console", facets: [], entries: [entry]).prepared(against: existing)
        _ = try store.importDictionary(facets: doc.facets, entries: doc.entries, source: "console \(verb)", actor: env.actor)
        mapper = try env.makeMapper(store)
        try store.remapUnresolved({ [mapper] facet, text in mapper.map(text, facet: facet) }, actor: env.actor)
        try reloadChanged()
    }

    func addEntry(_ text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[1].isEmpty else { throw ConsoleError("write facet=label") }
        guard mapper.dictionary.facet(parts[0]) != nil else { throw ConsoleError("no facet '\(parts[0])'") }
        let id = EntrySlug.make(parts[1], avoiding: mapper.dictionary)
        try saveEntry(DictionaryEntry(id: id, facet: parts[0], label: parts[1]), verb: "add")
        flash("added \(parts[1]) [\(id)] to \(parts[0])")
    }
}
