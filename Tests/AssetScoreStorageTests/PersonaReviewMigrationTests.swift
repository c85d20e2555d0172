import AssetScoreCore
import Foundation
import XCTest

@testable import AssetScoreStorage

/// Migration 8: persona attributes gain the review link columns, and those stored before it are
/// linked the way a save links them now, so an upgraded database needs no re-import.
final class PersonaReviewMigrationTests: StoreTestCase {
    private func insertAttribute(
        _ db: SQLiteConnection, value: String, normalized: String?, facet: String = "theme", entry: String? = nil,
        method: String = "unmapped"
    ) throws {
        try db.run(
            """
            INSERT INTO persona_attributes (persona_id, facet, value, normalized, weight, entry, method)
            VALUES ('old', ?, ?, ?, 0.5, ?, ?)
            """, facet, value, normalized, entry, method)
    }

    private func insertItem(_ db: SQLiteConnection, facet: String, normalized: String, status: String, entry: String? = nil) throws
        -> Int64
    {
        try db.run(
            """
            INSERT INTO review_items (facet, normalized, sample_text, status, decided_entry, decided_by, decided_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, facet, normalized, normalized, status, entry, entry == nil && status == "pending" ? nil : "alice",
            status == "pending" ? nil : StoredDate.text(Date()), StoredDate.text(Date()))
        return db.lastInsertRowID
    }

    func testVersion7PersonaAttributesAreLinkedLikeNewOnes() throws {
        var items: [String: Int64] = [:]
        do {
            let db = try rawConnection()
            try db.execute(script: "PRAGMA foreign_keys = ON")
            try db.migrate(Array(StoreSchema.migrations.prefix(7)))
            XCTAssertEqual(try db.schemaVersion(), 7)
            try db.run("INSERT INTO facets VALUES ('theme', 'Theme', NULL, 1, 0.9, 0.5, 4)")
            try db.run("INSERT INTO facets VALUES ('color', 'Colour', NULL, 1, 0.9, 0.5, 4)")
            try db.run("INSERT INTO entries (id, facet, label, status) VALUES ('red', 'color', 'Red', 'active')")
            try db.run("INSERT INTO entries (id, facet, label, status) VALUES ('beach', 'theme', 'Beach', 'active')")
            items["seaside"] = try insertItem(db, facet: "theme", normalized: "seaside", status: "pending")
            items["scarlet"] = try insertItem(db, facet: "color", normalized: "scarlet", status: "mapped", entry: "red")
            items["blurry"] = try insertItem(db, facet: "theme", normalized: "blurry", status: "rejected")
            try db.run("INSERT INTO personas (id, name, updated_at) VALUES ('old', 'Old persona', ?)", StoredDate.text(Date()))
            try insertAttribute(db, value: "beach", normalized: "beach", entry: "beach", method: "exact")
            try insertAttribute(db, value: "Seaside", normalized: "seaside")
            try insertAttribute(db, value: "scarlet", normalized: "scarlet", facet: "color")
            try insertAttribute(db, value: "blurry", normalized: "blurry")
            try insertAttribute(db, value: "Vintage cars", normalized: "vintage cars")
            try insertAttribute(db, value: "vintage  cars", normalized: "vintage cars")
            try insertAttribute(db, value: "unknown form", normalized: nil)
        }

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try store.schemaVersion(), SQLiteStore.supportedSchemaVersion)
        XCTAssertGreaterThanOrEqual(SQLiteStore.supportedSchemaVersion, 8)
        let attributes = try XCTUnwrap(try store.persona(id: "old")).attributes
        func stored(_ value: String) throws -> UserAttribute { try XCTUnwrap(attributes.first { $0.value == value }, value) }

        XCTAssertEqual(try stored("beach").entry, "beach", "a mapped attribute is left as it was")
        XCTAssertNil(try stored("beach").reviewItemID)
        XCTAssertEqual(try stored("Seaside").reviewItemID, items["seaside"], "waits on the pending item of its text")
        XCTAssertEqual(try stored("scarlet").entry, "red", "takes the decision made before the upgrade")
        XCTAssertEqual(try stored("scarlet").method, .decision)
        XCTAssertEqual(try stored("blurry").method, .rejected)
        XCTAssertNil(try stored("blurry").reviewItemID)
        XCTAssertNil(try stored("unknown form").reviewItemID, "without a normalised text nothing is guessed")

        // The two spellings of a text no item knew share one new pending item.
        let cars = try item(store, facet: "theme", normalized: "vintage cars")
        XCTAssertEqual(cars.status, .pending)
        XCTAssertEqual(cars.sampleText, "Vintage cars", "the first spelling stored is the sample")
        XCTAssertEqual(cars.occurrences, 2)
        XCTAssertEqual(cars.personaCount, 1)
        XCTAssertEqual(try stored("vintage  cars").reviewItemID, cars.id)
        XCTAssertEqual(try store.reviewItem(id: try XCTUnwrap(items["seaside"]))?.occurrences, 1)

        // The links are the ones decisions use: undo of the old decision reopens the attribute.
        try store.undoDecision(itemID: try XCTUnwrap(items["scarlet"]), actor: "alice")
        XCTAssertEqual(try store.persona(id: "old")?.attributes.first { $0.value == "scarlet" }?.reviewItemID, items["scarlet"])
        try store.decide(itemID: cars.id, decision: .map(entry: "beach"), actor: "alice")
        let mapped = try XCTUnwrap(try store.persona(id: "old")).attributes.filter { $0.normalized == "vintage cars" }
        XCTAssertEqual(mapped.map(\.entry), ["beach", "beach"])

        let indexes = Set(try rawConnection().query("SELECT name FROM sqlite_master WHERE type = 'index'") { $0.text(0) })
        XCTAssertTrue(indexes.isSuperset(of: ["persona_attributes_waiting_on", "persona_attributes_settled_by"]), "\(indexes)")
    }
}
