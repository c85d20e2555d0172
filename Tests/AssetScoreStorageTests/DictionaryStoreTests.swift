import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

final class DictionaryStoreTests: StoreTestCase {
    func testImportTwiceChangesNothingAndWritesNoAudit() throws {
        let store = try SQLiteStore(path: path)
        let first = try store.importDictionary(facets: Self.facets, entries: Self.entries, source: "dict.json", actor: "alice")
        XCTAssertEqual(first.facetsAdded, 3)
        XCTAssertEqual(first.entriesAdded, 5)
        XCTAssertEqual(first.unchanged, 0)
        let auditAfterFirst = try store.auditCount()
        XCTAssertEqual(auditAfterFirst, 3 + 5 + 1)  // one per row, plus the import summary

        let second = try store.importDictionary(facets: Self.facets, entries: Self.entries, source: "dict.json", actor: "alice")
        XCTAssertEqual(second.unchanged, 8)
        XCTAssertEqual(second.facetsAdded + second.facetsUpdated + second.entriesAdded + second.entriesUpdated, 0)
        XCTAssertEqual(try store.auditCount(), auditAfterFirst)

        let dictionary = try store.loadDictionary()
        XCTAssertEqual(dictionary.facets, Self.facets)
        XCTAssertEqual(dictionary.entries, Self.entries)
        XCTAssertEqual(dictionary.entry("red")?.hiddenLabels, ["rd"])
        XCTAssertEqual(dictionary.ancestors(of: "beach"), ["summer"])
    }

    func testChangedRowsAreUpdatedAndAuditedOneEventEach() throws {
        let store = try makeStore()
        let before = try store.auditCount()
        var entries = Self.entries
        entries[1].label = "Royal blue"
        entries[1].aliases = ["navy"]
        entries.append(DictionaryEntry(id: "cool", facet: "tone", label: "Cool"))
        var facets = Self.facets
        facets[1].weight = 0.5
        let summary = try store.importDictionary(facets: facets, entries: entries, source: "v2.json", actor: "bob")
        XCTAssertEqual(summary.facetsUpdated, 1)
        XCTAssertEqual(summary.entriesUpdated, 1)
        XCTAssertEqual(summary.entriesAdded, 1)
        XCTAssertEqual(summary.unchanged, 2 + 4)
        let events = try store.auditLog(limit: 10).prefix(try store.auditCount() - before)
        XCTAssertEqual(Set(events.map(\.action)), ["facet.update", "entry.update", "entry.add", "dict.import"])
        let update = try XCTUnwrap(events.first { $0.action == "entry.update" })
        XCTAssertEqual(update.subject, "blue")
        XCTAssertEqual(update.actor, "bob")
        XCTAssertTrue(update.before?.contains("\"label\":\"Blue\"") == true, update.before ?? "")
        XCTAssertTrue(update.after?.contains("\"label\":\"Royal blue\"") == true, update.after ?? "")
        XCTAssertEqual(try store.loadDictionary().entry("blue")?.aliases, ["navy"])
        XCTAssertEqual(try store.loadDictionary().facet("tone")?.weight, 0.5)
    }

    func testImportKeepsAliasesLearnedFromReview() throws {
        let store = try makeStore()
        try store.addAlias(entry: "red", alias: "scarlet", hidden: false, actor: "alice")
        let summary = try store.importDictionary(facets: Self.facets, entries: Self.entries, source: "dict.json", actor: "alice")
        XCTAssertEqual(summary.unchanged, 8)
        XCTAssertEqual(try store.loadDictionary().entry("red")?.aliases, ["crimson", "scarlet"])
    }

    func testInvalidImportIsRefusedWholeWithTheOffendingId() throws {
        let store = try makeStore()
        let before = try store.loadDictionary()
        let auditBefore = try store.auditCount()
        let cases: [([DictionaryEntry], String)] = [
            (
                [DictionaryEntry(id: "green", facet: "color", label: "Green"), DictionaryEntry(id: "x", facet: "shape", label: "X")],
                "facet 'shape'"
            ),
            ([DictionaryEntry(id: "green", facet: "color", label: "Green", broader: "teal")], "broader entry 'teal'"),
            ([DictionaryEntry(id: "green", facet: "color", label: "Green", broader: "summer")], "another facet"),
            (
                [DictionaryEntry(id: "green", facet: "color", label: "Green"), DictionaryEntry(id: "green", facet: "tone", label: "G")],
                "'green' appears twice"
            ),
            ([DictionaryEntry(id: "old", facet: "color", label: "Old", status: .deprecated, replacedBy: "nope")], "'nope'"),
        ]
        for (entries, expected) in cases {
            XCTAssertThrowsError(try store.importDictionary(facets: [], entries: entries, source: "bad.json", actor: "a")) {
                XCTAssertTrue("\($0)".contains(expected) && "\($0)".contains("bad.json"), "\($0)")
            }
        }
        XCTAssertEqual(try store.loadDictionary().entries, before.entries)
        XCTAssertEqual(try store.auditCount(), auditBefore)
    }

    func testEntriesMayNameBroaderEntriesImportedLater() throws {
        let store = try makeStore()
        let summary = try store.importDictionary(
            facets: [],
            entries: [
                DictionaryEntry(id: "surfing", facet: "theme", label: "Surfing", broader: "watersport"),
                DictionaryEntry(id: "watersport", facet: "theme", label: "Water sport"),
            ], source: "order.json", actor: "a")
        XCTAssertEqual(summary.entriesAdded, 2)
        XCTAssertEqual(try store.loadDictionary().ancestors(of: "surfing"), ["watersport"])
    }

    func testAddAliasIsIdempotentAndAudited() throws {
        let store = try makeStore()
        let before = try store.auditCount()
        try store.addAlias(entry: "blue", alias: "azure", hidden: false, actor: "alice")
        try store.addAlias(entry: "blue", alias: "Azure", hidden: false, actor: "alice")
        try store.addAlias(entry: "blue", alias: "bleu", hidden: true, actor: "alice")
        let blue = try XCTUnwrap(try store.loadDictionary().entry("blue"))
        XCTAssertEqual(blue.aliases, ["azure"])
        XCTAssertEqual(blue.hiddenLabels, ["bleu"])
        XCTAssertEqual(try store.auditCount(), before + 2)
        XCTAssertEqual(try store.auditLog(limit: 1).first?.action, "alias.add")
        XCTAssertThrowsError(try store.addAlias(entry: "teal", alias: "x", hidden: false, actor: "a")) {
            XCTAssertTrue("\($0)".contains("'teal'"), "\($0)")
        }
    }

    func testEntryUsageCountsLatestTagsAndUserAttributes() throws {
        let store = try makeStore()
        let asset = try store.saveIngest(
            record(
                path: "a.png", hash: "h1",
                tags: [
                    mapped("red", entry: "red", facet: "color"), mapped("crimson", entry: "red", facet: "color"),
                    mapped("summer", entry: "summer", facet: "theme"),
                ]))
        // A newer analysis replaces the old tags in the count.
        try store.saveIngest(record(id: asset.id, path: "a.png", hash: "h2", tags: [mapped("red", entry: "red", facet: "color")]))
        try store.saveUsers(
            [
                UserProfile(
                    id: "u1", attributes: [UserAttribute(facet: "color", value: "red", entry: "red", method: .exact)], source: "crm")
            ], actor: "a")
        let usage = try store.entryUsage()
        XCTAssertEqual(usage["red"], 2)
        XCTAssertEqual(usage["summer"], 0)
        XCTAssertEqual(usage["blue"], 0)
        XCTAssertEqual(usage.count, Self.entries.count)
    }
}
