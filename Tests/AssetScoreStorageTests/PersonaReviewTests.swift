import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

/// Persona attributes take part in review exactly as user attributes do: an unmapped one waits
/// on the item of its (facet, normalised text), counts in its impact and takes every decision,
/// undo and remap in the same transaction.
final class PersonaReviewTests: StoreTestCase {
    private func persona(_ id: String, _ attributes: [UserAttribute]) -> Persona {
        Persona(id: id, name: "Persona \(id)", attributes: attributes)
    }

    private func attribute(_ store: SQLiteStore, persona: String, value: String, file: StaticString = #filePath, line: UInt = #line)
        throws -> UserAttribute
    {
        let found = try store.persona(id: persona)?.attributes.first { $0.value == value }
        return try XCTUnwrap(found, "persona '\(persona)' has no attribute '\(value)'", file: file, line: line)
    }

    func testUnmappedAttributeWaitsOnTheItemSharedWithTagsAndUsers() throws {
        let store = try makeStore()
        let asset = try store.saveIngest(record(path: "a.png", hash: "a", tags: [unmapped("seaside", hint: "theme")]))
        try store.saveUsers(
            [UserProfile(id: "u1", attributes: [UserAttribute(facet: "theme", value: "Seaside")], source: "crm")], actor: "a")
        let saved = try store.savePersona(
            persona(
                "sun",
                [
                    UserAttribute(facet: "tone", value: "warm", entry: "warm", method: .exact, normalized: "warm"),
                    UserAttribute(facet: "theme", value: "  SEASIDE "),
                ]), actor: "alice")
        try store.savePersona(persona("collector", [UserAttribute(facet: "theme", value: "Vintage cars")]), actor: "alice")

        let seaside = try item(store, facet: "theme", normalized: "seaside")
        XCTAssertEqual(saved.attributes[1].reviewItemID, seaside.id, "the returned persona is the one stored")
        XCTAssertEqual(try store.persona(id: "sun"), saved)
        XCTAssertEqual(try attribute(store, persona: "sun", value: "  SEASIDE ").normalized, "seaside", "folded like a user's")
        XCTAssertEqual(seaside.occurrences, 3, "one tag, one user attribute, one persona attribute")
        XCTAssertEqual(seaside.userCount, 1)
        XCTAssertEqual(seaside.personaCount, 1)
        XCTAssertEqual(seaside.assetIDs, [asset.id])
        XCTAssertEqual(try store.reviewItem(id: seaside.id), seaside, "the ranking and the single read count alike")

        // A text only a persona has is a pending item of its own, ranked by its one occurrence.
        let cars = try item(store, facet: "theme", normalized: "vintage cars")
        XCTAssertEqual(cars.status, .pending)
        XCTAssertEqual(cars.sampleText, "Vintage cars")
        XCTAssertEqual(cars.occurrences, 1)
        XCTAssertEqual(cars.personaCount, 1)
        XCTAssertEqual(cars.userCount, 0)
        XCTAssertEqual(try attribute(store, persona: "collector", value: "Vintage cars").reviewItemID, cars.id)
        XCTAssertEqual(
            try store.reviewPage(status: .pending, facet: nil, search: nil, limit: 10, offset: 0).map(\.id), [seaside.id, cars.id])

        // Saving the same persona again changes nothing and is not audited again.
        let audits = try store.auditCount()
        try store.savePersona(persona("collector", [UserAttribute(facet: "theme", value: "Vintage cars")]), actor: "alice")
        XCTAssertEqual(try store.auditCount(), audits)
        XCTAssertEqual(try store.reviewItems(status: nil).count, 2)
    }

    func testMapUndoCreateAndRejectReachWaitingPersonaAttributes() throws {
        let store = try makeStore()
        try store.savePersona(
            persona("collector", [UserAttribute(facet: "theme", value: "Vintage cars", weight: 0.4, normalized: "vintage cars")]),
            actor: "alice")
        let cars = try item(store, facet: "theme", normalized: "vintage cars")

        try store.decide(itemID: cars.id, decision: .map(entry: "summer"), actor: "alice")
        var a = try attribute(store, persona: "collector", value: "Vintage cars")
        XCTAssertEqual(a.entry, "summer")
        XCTAssertEqual(a.method, .decision)
        XCTAssertNil(a.reviewItemID)
        XCTAssertEqual(a.weight, 0.4)
        let usage = try store.entryUsage()["summer"] ?? 0
        XCTAssertGreaterThanOrEqual(usage, 1, "the dictionary's usage count includes the persona")
        let decided = try XCTUnwrap(try store.reviewItem(id: cars.id))
        XCTAssertEqual(decided.occurrences, 1, "a settled attribute still counts in the decided item's impact")
        XCTAssertEqual(decided.personaCount, 1)

        try store.undoDecision(itemID: cars.id, actor: "alice")
        XCTAssertEqual(try store.entryUsage()["summer"] ?? 0, usage - 1, "and drops with the undo")
        a = try attribute(store, persona: "collector", value: "Vintage cars")
        XCTAssertNil(a.entry)
        XCTAssertEqual(a.method, .unmapped)
        XCTAssertEqual(a.reviewItemID, cars.id)
        XCTAssertEqual(try store.loadDictionary().entry("summer")?.aliases, ["summertime"], "the alias went with the undo")

        try store.decide(
            itemID: cars.id, decision: .create(facet: "theme", id: "classic-cars", label: "Classic cars", broader: nil), actor: "alice")
        XCTAssertEqual(try attribute(store, persona: "collector", value: "Vintage cars").entry, "classic-cars")
        try store.undoDecision(itemID: cars.id, actor: "alice")
        XCTAssertNil(try store.loadDictionary().entry("classic-cars"), "nothing else uses the created entry once the persona waits again")
        XCTAssertEqual(try attribute(store, persona: "collector", value: "Vintage cars").reviewItemID, cars.id)

        try store.decide(itemID: cars.id, decision: .reject, actor: "alice")
        a = try attribute(store, persona: "collector", value: "Vintage cars")
        XCTAssertNil(a.entry)
        XCTAssertEqual(a.method, .rejected)
        XCTAssertNil(a.reviewItemID)
        XCTAssertEqual(try store.reviewItem(id: cars.id)?.personaCount, 1)
        try store.undoDecision(itemID: cars.id, actor: "alice")
        XCTAssertEqual(try attribute(store, persona: "collector", value: "Vintage cars").reviewItemID, cars.id)
    }

    func testTextsDecidedBeforeTheSaveTakeTheDecision() throws {
        let store = try makeStore()
        try store.saveIngest(
            record(path: "a.png", hash: "a", tags: [unmapped("Scarlet", hint: "color"), unmapped("blurry", hint: "theme")]))
        let scarlet = try item(store, facet: "color", normalized: "scarlet")
        let blurry = try item(store, facet: "theme", normalized: "blurry")
        try store.decide(itemID: scarlet.id, decision: .map(entry: "red"), actor: "alice")
        try store.decide(itemID: blurry.id, decision: .reject, actor: "alice")

        // As a mapper that does not know the decision (or the rejection) yet would give them.
        try store.savePersona(
            persona(
                "p",
                [
                    UserAttribute(facet: "color", value: "scarlet", normalized: "scarlet"),
                    UserAttribute(facet: "theme", value: "Blurry", normalized: "blurry"),
                    UserAttribute(facet: "theme", value: "blurry!", method: .rejected, normalized: "blurry"),
                ]), actor: "alice")
        let red = try attribute(store, persona: "p", value: "scarlet")
        XCTAssertEqual(red.entry, "red")
        XCTAssertEqual(red.method, .decision)
        XCTAssertNil(red.reviewItemID)
        for value in ["Blurry", "blurry!"] {
            let rejected = try attribute(store, persona: "p", value: value)
            XCTAssertEqual(rejected.method, .rejected, value)
            XCTAssertNil(rejected.entry, value)
            XCTAssertNil(rejected.reviewItemID, value)
        }
        XCTAssertEqual(try store.reviewItems(status: .pending).count, 0, "nothing is asked twice")

        // Undo of the earlier decisions reopens what they settled at the save.
        try store.undoDecision(itemID: scarlet.id, actor: "alice")
        XCTAssertEqual(try attribute(store, persona: "p", value: "scarlet").reviewItemID, scarlet.id)
        XCTAssertNil(try attribute(store, persona: "p", value: "scarlet").entry)
        try store.undoDecision(itemID: blurry.id, actor: "alice")
        XCTAssertEqual(try attribute(store, persona: "p", value: "Blurry").reviewItemID, blurry.id)
        XCTAssertEqual(try store.reviewItem(id: blurry.id)?.personaCount, 1)
    }

    func testRemapSettlesWaitingPersonaAttributes() throws {
        let store = try makeStore()
        try store.savePersona(persona("p", [UserAttribute(facet: "color", value: "Scarlet", normalized: "scarlet")]), actor: "a")
        let remap: RemapFunction = { facet, text in
            let entry = facet == "color" && text.lowercased() == "scarlet" ? "red" : nil
            return MappingResult(
                input: text, facet: facet, normalized: text.lowercased(), entry: entry, method: entry == nil ? .unmapped : .alias,
                confidence: entry == nil ? 0 : 0.95, candidates: [], explanation: "test")
        }
        XCTAssertEqual(try store.remapUnresolved(remap, actor: "remap-bot"), 1)
        let a = try attribute(store, persona: "p", value: "Scarlet")
        XCTAssertEqual(a.entry, "red")
        XCTAssertEqual(a.method, .alias)
        XCTAssertNil(a.reviewItemID)
    }

    func testABadPersonaStoresNothingAndCreatesNoItem() throws {
        let store = try makeStore()
        let bad = persona(
            "p",
            [
                UserAttribute(facet: "theme", value: "Vintage cars"),
                UserAttribute(facet: "tone", value: "hot", entry: "hot", method: .exact),
            ])
        XCTAssertThrowsError(try store.savePersona(bad, actor: "a")) {
            XCTAssertTrue("\($0)".contains("persona 'p'") && "\($0)".contains("'hot'"), "\($0)")
        }
        XCTAssertNil(try store.persona(id: "p"))
        XCTAssertTrue(try store.reviewItems(status: nil).isEmpty, "the item made for the first attribute was rolled back")
    }
}
