import AssetScoreCore
import Foundation
import XCTest

@testable import AssetScoreStorage

/// Migration 7: `dictionaryVersion()` moves with every change to what mapping reads, from any
/// connection, and stays put for the writes a busy service makes all the time.
final class DictionaryVersionMigrationTests: StoreTestCase {
    func testEveryDictionaryChangeMovesItAndOtherWritesDoNot() throws {
        let store = try makeStore()
        var last = try store.dictionaryVersion()
        XCTAssertGreaterThan(last, 0, "the import moved it")
        /// Runs `change` and says whether the version moved, as another connection sees it.
        func moves(_ change: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
            try change()
            let now = try SQLiteStore(path: path).dictionaryVersion()
            defer { last = now }
            XCTAssertGreaterThanOrEqual(now, last, "it only grows", file: file, line: line)
            return now != last
        }

        // Writes that do not change mapping.
        XCTAssertFalse(try moves { try store.upsertCampaign(Campaign(id: "spring")) })
        XCTAssertFalse(
            try moves {
                try store.saveIngest(
                    record(
                        path: "a.png", hash: "a", tags: [mapped("red", entry: "red", facet: "color"), unmapped("seaside", hint: "theme")]))
            }, "a pending review item is not a dictionary change")
        XCTAssertFalse(try moves { _ = try store.enqueueJob(JobRequest(source: "/in/x.png"), at: Date()) })
        XCTAssertFalse(
            try moves {
                try store.saveUsers(
                    [
                        UserProfile(
                            id: "u1", attributes: [UserAttribute(facet: "color", value: "red", weight: 1, entry: "red", method: .exact)],
                            source: "crm")
                    ],
                    actor: "crm")
            })
        XCTAssertFalse(
            try moves { _ = try store.importDictionary(facets: [], entries: [Self.entries[0]], source: "again", actor: "t") },
            "importing what is there already changes nothing")

        // Writes that do, whichever path makes them.
        XCTAssertTrue(
            try moves {
                _ = try store.importDictionary(
                    facets: [], entries: [DictionaryEntry(id: "lagoon", facet: "theme", label: "Lagoon")], source: "t", actor: "t")
            })
        XCTAssertTrue(try moves { try store.addAlias(entry: "lagoon", alias: "atoll", hidden: false, actor: "t") })
        XCTAssertTrue(
            try moves {
                _ = try store.importDictionary(
                    facets: [Facet(id: "mood", label: "Mood")], entries: [], source: "t", actor: "t")
            })
        let seaside = try item(store, facet: "theme", normalized: "seaside")
        XCTAssertTrue(try moves { try store.decide(itemID: seaside.id, decision: .reject, actor: "alice") }, "a rejection")
        XCTAssertTrue(try moves { try store.undoDecision(itemID: seaside.id, actor: "alice") }, "its undo")
        XCTAssertTrue(try moves { try store.decide(itemID: seaside.id, decision: .map(entry: "beach"), actor: "alice") }, "an alias")
        let raw = try rawConnection()
        XCTAssertTrue(try moves { try raw.run("UPDATE entries SET status = 'deprecated' WHERE id = 'lagoon'") }, "any path")
    }

    func testVersion6DatabaseGainsTheCounterAndItsTriggers() throws {
        do {
            let db = try rawConnection()
            try db.execute(script: "PRAGMA foreign_keys = ON")
            try db.migrate(Array(StoreSchema.migrations.prefix(6)))
            XCTAssertEqual(try db.schemaVersion(), 6)
            try db.run("INSERT INTO facets VALUES ('theme', 'Theme', NULL, 1, 0.85, 0.6, 4)")
            try db.run("INSERT INTO entries (id, facet, label, status) VALUES ('beach', 'theme', 'Beach', 'active')")
        }
        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try store.schemaVersion(), SQLiteStore.supportedSchemaVersion)
        XCTAssertGreaterThanOrEqual(SQLiteStore.supportedSchemaVersion, 7)
        XCTAssertEqual(try store.dictionaryVersion(), 0, "the counter starts at 0; what is there was read at start anyway")
        XCTAssertEqual(try store.loadDictionary().entry("beach")?.label, "Beach")
        try store.addAlias(entry: "beach", alias: "shore", hidden: false, actor: "t")
        XCTAssertEqual(try store.dictionaryVersion(), 1)
        let applied = try rawConnection().scalarText("SELECT name FROM schema_migrations WHERE version = 7")
        XCTAssertEqual(applied, "a version of the dictionary, moved by triggers")
    }
}
