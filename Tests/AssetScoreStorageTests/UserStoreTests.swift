import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

final class UserStoreTests: StoreTestCase {
    func testUpsertReplacesAttributesAndLinksUnmappedOnes() throws {
        let store = try makeStore()
        let asset = try store.saveIngest(record(path: "a.png", hash: "a", tags: [unmapped("seaside", hint: "theme")]))
        try store.saveUsers(
            [
                UserProfile(
                    id: "u1",
                    attributes: [
                        UserAttribute(facet: "tone", value: "warm", weight: 0.7, entry: "warm", method: .exact),
                        UserAttribute(facet: "theme", value: "Seaside"),
                    ], source: "crm.csv"),
                UserProfile(id: "u2", attributes: [UserAttribute(facet: "theme", value: "  seaside ")], source: "crm.csv"),
            ], actor: "importer")
        XCTAssertEqual(try store.userCount(), 2)
        let u1 = try XCTUnwrap(try store.user(id: "u1"))
        XCTAssertEqual(u1.source, "crm.csv")
        XCTAssertEqual(u1.attributes.map(\.value), ["warm", "Seaside"])
        XCTAssertEqual(u1.attributes[0].weight, 0.7)
        XCTAssertEqual(u1.attributes[1].normalized, "seaside")
        let itemID = try XCTUnwrap(u1.attributes[1].reviewItemID)
        XCTAssertEqual(try store.user(id: "u2")?.attributes.first?.reviewItemID, itemID)

        var item = try XCTUnwrap(try store.reviewItem(id: itemID))
        XCTAssertEqual(item.occurrences, 3, "one tag and two attributes")
        XCTAssertEqual(item.userCount, 2)
        XCTAssertEqual(item.assetIDs, [asset.id])

        // Upsert replaces u1's attributes.
        try store.saveUsers(
            [
                UserProfile(
                    id: "u1",
                    attributes: [
                        UserAttribute(facet: "tone", value: "warm", entry: "warm", method: .exact)
                    ], source: "crm2.csv")
            ], actor: "importer")
        XCTAssertEqual(try store.user(id: "u1")?.attributes.count, 1)
        XCTAssertEqual(try store.user(id: "u1")?.source, "crm2.csv")
        item = try XCTUnwrap(try store.reviewItem(id: itemID))
        XCTAssertEqual(item.userCount, 1)
        XCTAssertEqual(try store.userCount(), 2)
        XCTAssertEqual(try store.users(limit: 1, offset: 1).map(\.id), ["u2"])
        XCTAssertEqual(try store.users(limit: 10, offset: 0).map(\.id), ["u1", "u2"])

        // A decision maps the waiting attribute; undo brings it back.
        try store.decide(itemID: itemID, decision: .map(entry: "beach"), actor: "alice")
        let decided = try XCTUnwrap(try store.user(id: "u2")?.attributes.first)
        XCTAssertEqual(decided.entry, "beach")
        XCTAssertEqual(decided.method, .decision)
        XCTAssertNil(decided.reviewItemID)
        try store.undoDecision(itemID: itemID, actor: "alice")
        let reopened = try XCTUnwrap(try store.user(id: "u2")?.attributes.first)
        XCTAssertNil(reopened.entry)
        XCTAssertEqual(reopened.reviewItemID, itemID)
    }

    func testBadUserImportsAreRefusedWhole() throws {
        let store = try makeStore()
        XCTAssertThrowsError(
            try store.saveUsers(
                [
                    UserProfile(id: "u1", attributes: [], source: "crm.csv"),
                    UserProfile(id: "u1", attributes: [], source: "crm.csv"),
                ], actor: "a")
        ) { XCTAssertTrue("\($0)".contains("'u1' appears twice"), "\($0)") }
        XCTAssertThrowsError(
            try store.saveUsers(
                [
                    UserProfile(id: "u1", attributes: [UserAttribute(facet: "theme", value: "x")], source: "crm.csv"),
                    UserProfile(
                        id: "u2", attributes: [UserAttribute(facet: "tone", value: "hot", entry: "hot", method: .exact)], source: "crm.csv"),
                ], actor: "a")
        ) { XCTAssertTrue("\($0)".contains("user 'u2'") && "\($0)".contains("'hot'"), "\($0)") }
        XCTAssertEqual(try store.userCount(), 0)
        XCTAssertTrue(try store.reviewItems(status: nil).isEmpty)
    }

    func testPersonasRoundTripAndAreAuditedOnChange() throws {
        let store = try makeStore()
        // Normalised as the importer gives them (a missing one is folded by the store, as for users).
        let persona = Persona(
            id: "traveller", name: "Budget traveller", description: "Sun on a budget",
            attributes: [
                UserAttribute(facet: "theme", value: "beach", weight: 1, entry: "beach", method: .exact, normalized: "beach"),
                UserAttribute(facet: "tone", value: "warm", weight: 0.5, entry: "warm", method: .exact, normalized: "warm"),
            ])
        let before = try store.auditCount()
        try store.savePersona(persona, actor: "alice")
        try store.savePersona(persona, actor: "alice")
        XCTAssertEqual(try store.auditCount(), before + 1)
        XCTAssertEqual(try store.persona(id: "traveller"), persona)
        var changed = persona
        changed.attributes.removeLast()
        try store.savePersona(changed, actor: "alice")
        XCTAssertEqual(try store.personas(), [changed])
        XCTAssertEqual(try store.auditCount(), before + 2)
        var bad = persona
        bad.attributes[0].entry = "moon"
        XCTAssertThrowsError(try store.savePersona(bad, actor: "a")) { XCTAssertTrue("\($0)".contains("'moon'"), "\($0)") }
    }
}
