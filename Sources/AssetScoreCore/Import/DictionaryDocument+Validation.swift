import Foundation

extension DictionaryDocument {
    /// Checks the document as it would stand after being imported into `existing`, and throws
    /// every problem at once (`ImportErrorList`) when there is any.
    ///
    /// References (`broader`, `replaced_by`) may point to entries of the document or of
    /// `existing`; entries of the document replace same-id entries of `existing`.
    public func validate(against existing: AttributeDictionary = AttributeDictionary()) throws {
        let errors = validationErrors(against: existing)
        if !errors.isEmpty { throw ImportErrorList(file: sourceName, errors: errors) }
    }

    /// Validates, then returns the document to hand to `AssetStore.importDictionary`: implied
    /// facets that `existing` already has are left out, and settings a JSON file left out of
    /// an existing facet take the stored values, so that what the file does not say is kept.
    public func prepared(against existing: AttributeDictionary = AttributeDictionary()) throws -> DictionaryDocument {
        var out = self
        out.adoptStoredFacetSettings(from: existing)
        try out.validate(against: existing)
        var keptFacets: [Facet] = []
        var keptLocations: [SourceLocation] = []
        for (i, f) in facets.enumerated() where !(impliedFacetIDs.contains(f.id) && existing.facet(f.id) != nil) {
            keptFacets.append(f)
            if i < facetLocations.count { keptLocations.append(facetLocations[i]) }
        }
        out.facets = keptFacets
        out.facetLocations = keptLocations
        out.impliedFacetIDs = impliedFacetIDs.filter { existing.facet($0) == nil }
        return out
    }

    /// Whether `id` is usable as a facet id: lowercase ASCII letters, digits, `_` and `-`.
    /// Facet ids appear in `facet:value` keywords and command lines, so they stay plain.
    public static func isValidFacetID(_ id: String) -> Bool {
        !id.isEmpty
            && id.unicodeScalars.allSatisfy { s in
                ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "_" || s == "-"
            }
    }

    /// Why `id` cannot be an entry id, or nil when it can.
    ///
    /// Entry ids are free text (IAB ids, slugs, CRM codes) but they name entries in asset tags,
    /// exports and command lines, so they must be visible and unambiguous: no control or format
    /// characters (ESC, NUL, zero-width and bidi marks, line separators) and no whitespace at
    /// either end, which would make "red" and "red " two entries that look the same.
    public static func entryIDProblem(_ id: String) -> String? {
        guard let first = id.unicodeScalars.first, let last = id.unicodeScalars.last else { return "entry id is empty" }
        if let bad = id.unicodeScalars.first(where: isInvisible) {
            return "entry id \"\(escaped(id))\" contains \(codePoint(bad)), a control or format character"
        }
        if first.properties.isWhitespace || last.properties.isWhitespace {
            return "entry id \"\(escaped(id))\" starts or ends with whitespace"
        }
        return nil
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate: true
        default: false
        }
    }

    /// The text with invisible characters written as `\u{1B}`, so a message shows what is there.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if isInvisible(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Whether `hex` is a colour written `#rrggbb` (lowercase, as the readers normalise it).
    public static func isValidHex(_ hex: String) -> Bool {
        let scalars = Array(hex.unicodeScalars)
        return scalars.count == 7 && scalars[0] == "#"
            && scalars.dropFirst().allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }

    func validationErrors(against existing: AttributeDictionary) -> [ImportError] {
        var errors: [ImportError] = []
        errors += facetErrors()
        errors += entryFieldErrors(existing: existing)
        errors += referenceErrors(existing: existing)
        errors += nameCollisionErrors(existing: existing)
        return errors
    }

    private func facetErrors() -> [ImportError] {
        var errors: [ImportError] = []
        var seen: [String: Int] = [:]
        for (i, f) in facets.enumerated() {
            let at = location(ofFacet: i)
            if f.id.isEmpty {
                errors.append(issue(at: at, field: "id", "facet id is empty"))
            } else if !Self.isValidFacetID(f.id) {
                errors.append(
                    issue(
                        at: at, field: "id",
                        "facet id \"\(f.id)\" may only contain lowercase letters, digits, \"_\" and \"-\""))
            }
            if let first = seen[f.id] {
                errors.append(
                    issue(at: at, field: "id", "facet \"\(f.id)\" is defined twice (first at \(describe(location(ofFacet: first))))"))
            } else {
                seen[f.id] = i
            }
            if f.label.trimmingCharacters(in: .whitespaces).isEmpty {
                errors.append(issue(at: at, field: "label", "facet label is empty"))
            }
            if !f.weight.isFinite || f.weight < 0 {
                errors.append(issue(at: at, field: "weight", "weight must be a number >= 0, got \(JSONValue.numberText(f.weight))"))
            }
            let t = f.thresholds
            for (name, value) in [("fuzzy_accept", t.fuzzyAccept), ("candidate_minimum", t.candidateMinimum)]
            where !(0...1).contains(value) {
                errors.append(issue(at: at, field: "thresholds.\(name)", "must be between 0 and 1, got \(JSONValue.numberText(value))"))
            }
            if t.candidateMinimum > t.fuzzyAccept {
                errors.append(
                    issue(
                        at: at, field: "thresholds",
                        "candidate_minimum (\(JSONValue.numberText(t.candidateMinimum))) is above fuzzy_accept (\(JSONValue.numberText(t.fuzzyAccept)))"
                    ))
            }
            if t.fuzzyMinimumLength < 0 {
                errors.append(issue(at: at, field: "thresholds.fuzzy_minimum_length", "must be >= 0"))
            }
        }
        return errors
    }

    private func entryFieldErrors(existing: AttributeDictionary) -> [ImportError] {
        var errors: [ImportError] = []
        let facetIDs = Set(facets.map(\.id)).union(impliedFacetIDs).union(existing.facets.map(\.id))
        var firstUse: [String: Int] = [:]
        for (i, e) in entries.enumerated() {
            let at = location(ofEntry: i)
            if e.id.trimmingCharacters(in: .whitespaces).isEmpty {
                errors.append(issue(at: at, field: "id", "entry id is empty"))
            } else if let problem = Self.entryIDProblem(e.id) {
                errors.append(issue(at: at, field: "id", problem))
            }
            if e.label.trimmingCharacters(in: .whitespaces).isEmpty {
                errors.append(issue(at: at, field: "label", "label of \"\(e.id)\" is empty"))
            }
            if e.facet.isEmpty {
                errors.append(issue(at: at, field: "facet", "facet of \"\(e.id)\" is empty"))
            } else if !facetIDs.contains(e.facet) {
                errors.append(issue(at: at, field: "facet", "unknown facet \"\(e.facet)\""))
            }
            if !e.id.isEmpty {
                if let first = firstUse[e.id] {
                    errors.append(
                        issue(
                            at: at, field: "id",
                            "id \"\(e.id)\" is used twice (first at \(describe(location(ofEntry: first))))"))
                } else {
                    firstUse[e.id] = i
                    if let old = existing.entry(e.id), old.facet != e.facet {
                        errors.append(
                            issue(
                                at: at, field: "id",
                                "id \"\(e.id)\" already exists in facet \"\(old.facet)\"; entry ids are unique across facets"))
                    }
                }
            }
            if let hex = e.hex, !Self.isValidHex(hex) {
                errors.append(issue(at: at, field: "hex", "hex \"\(hex)\" is not a colour written #rrggbb"))
            }
            if e.replacedBy != nil, e.status == .active {
                errors.append(
                    issue(
                        at: at, field: "replaced_by",
                        "\"\(e.id)\" has replaced_by but its status is active (set status to deprecated)"))
            }
        }
        return errors
    }

    /// Broader and replacement links: targets must exist in the same facet, and neither kind of
    /// link may form a cycle (which would loop the scorer's ancestor walk or the mapper's
    /// deprecation redirect).
    private func referenceErrors(existing: AttributeDictionary) -> [ImportError] {
        var errors: [ImportError] = []
        var merged: [String: DictionaryEntry] = [:]
        for e in existing.entries { merged[e.id] = e }
        var indexInFile: [String: Int] = [:]
        for (i, e) in entries.enumerated() where indexInFile[e.id] == nil && !e.id.isEmpty {
            indexInFile[e.id] = i
            merged[e.id] = e
        }

        for (i, e) in entries.enumerated() {
            let at = location(ofEntry: i)
            if let b = e.broader, b != e.id {
                if let target = merged[b] {
                    if target.facet != e.facet {
                        errors.append(
                            issue(
                                at: at, field: "broader",
                                "broader \"\(b)\" is in facet \"\(target.facet)\", not \"\(e.facet)\""))
                    }
                } else {
                    errors.append(issue(at: at, field: "broader", "broader \"\(b)\" is not a known entry id"))
                }
            }
            if let r = e.replacedBy, r != e.id {
                if let target = merged[r] {
                    if target.facet != e.facet {
                        errors.append(
                            issue(
                                at: at, field: "replaced_by",
                                "replacement \"\(r)\" is in facet \"\(target.facet)\", not \"\(e.facet)\""))
                    }
                } else {
                    errors.append(
                        issue(
                            at: at, field: "replaced_by",
                            "\"\(e.id)\" is deprecated in favour of \"\(r)\", which is not a known entry id"))
                }
            }
        }

        errors += cycleErrors(merged: merged, indexInFile: indexInFile, field: "broader", linkName: "broader") {
            $0.broader
        }
        errors += cycleErrors(merged: merged, indexInFile: indexInFile, field: "replaced_by", linkName: "replacement") {
            $0.status == .deprecated ? $0.replacedBy : nil
        }
        return errors
    }

    /// Finds each cycle of a single-parent link once and reports it at its first entry in the file.
    private func cycleErrors(
        merged: [String: DictionaryEntry], indexInFile: [String: Int], field: String, linkName: String,
        link: (DictionaryEntry) -> String?
    ) -> [ImportError] {
        var errors: [ImportError] = []
        // 1 = on the walk in progress, 2 = finished.
        var state: [String: Int] = [:]
        for e in entries where state[e.id] == nil && !e.id.isEmpty {
            var path: [String] = []
            var node: String? = e.id
            while let n = node, let entry = merged[n], state[n] == nil {
                state[n] = 1
                path.append(n)
                node = link(entry)
            }
            if let n = node, state[n] == 1, let start = path.firstIndex(of: n) {
                let cycle = Array(path[start...])
                let reportAt = cycle.compactMap { indexInFile[$0] }.min()
                if let i = reportAt {
                    let names = (cycle + [n]).map { "\"\($0)\"" }.joined(separator: " -> ")
                    errors.append(issue(at: location(ofEntry: i), field: field, "\(linkName) cycle: \(names)"))
                }
            }
            for n in path { state[n] = 2 }
        }
        return errors
    }

    func describe(_ location: SourceLocation) -> String {
        if let line = location.line { return "line \(line)" }
        return location.path ?? "?"
    }
}
