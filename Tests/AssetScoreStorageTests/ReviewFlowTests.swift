import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

final class ReviewFlowTests: StoreTestCase {
    /// Two campaigns: A has "Scarlet" (color) and "seaside" (theme) waiting, plus an OCR word
    /// "seaside"; B has "scarlet" waiting.
    private func seeded() throws -> (store: SQLiteStore, a: Asset, b: Asset) {
        let store = try makeStore()
        let a = try store.saveIngest(
            record(
                campaign: "spring", path: "a.png", hash: "a",
                tags: [
                    mapped("red", entry: "red", facet: "color", source: .color),
                    unmapped("Scarlet", hint: "color"),
                    unmapped("seaside", hint: "theme"),
                    unmapped("seaside", hint: "theme", source: .ocr),
                ]))
        let b = try store.saveIngest(record(campaign: "autumn", path: "b.png", hash: "b", tags: [unmapped("scarlet", hint: "color")]))
        return (store, a, b)
    }

    func testQueueIsOrderedByImpact() throws {
        let (store, a, b) = try seeded()
        let items = try store.reviewItems(status: .pending)
        XCTAssertEqual(items.map(\.normalized), ["scarlet", "seaside"])
        XCTAssertEqual(items[0].occurrences, 2)
        XCTAssertEqual(items[0].assetIDs, [a.id, b.id])
        XCTAssertEqual(items[0].campaigns, ["autumn", "spring"])
        XCTAssertEqual(items[0].sampleText, "Scarlet", "the first spelling seen is kept")
        XCTAssertEqual(items[1].occurrences, 1, "the OCR word does not wait")
        XCTAssertEqual(try store.reviewItem(id: items[0].id), items[0])
        XCTAssertNil(try store.reviewItem(id: 9999))

        // Same occurrences: more campaigns first, then the older item.
        try store.saveIngest(
            record(campaign: "spring", path: "c.png", hash: "c", tags: [unmapped("zzz", hint: nil), unmapped("yyy", hint: nil)]))
        try store.saveIngest(record(campaign: "autumn", path: "d.png", hash: "d", tags: [unmapped("yyy", hint: nil)]))
        let ordered = try store.reviewItems(status: .pending).map(\.normalized)
        XCTAssertEqual(ordered, ["scarlet", "yyy", "seaside", "zzz"])
    }

    func testMapCreateRejectAndUndo() throws {
        let (store, a, b) = try seeded()
        let scarlet = try item(store, facet: "color", normalized: "scarlet")
        let seaside = try item(store, facet: "theme", normalized: "seaside")
        XCTAssertEqual(try status(store, a.id), .needsReview)
        XCTAssertEqual(try status(store, b.id), .needsReview)

        // Map: the raw text becomes an alias, waiting tags follow, B is done.
        let auditBefore = try store.auditCount()
        let mappedItem = try store.decide(itemID: scarlet.id, decision: .map(entry: "red"), actor: "alice")
        XCTAssertEqual(mappedItem.status, .mapped)
        XCTAssertEqual(mappedItem.decidedEntry, "red")
        XCTAssertEqual(mappedItem.decidedBy, "alice")
        XCTAssertNotNil(mappedItem.decidedAt)
        XCTAssertEqual(mappedItem.occurrences, 2)
        XCTAssertEqual(try store.loadDictionary().entry("red")?.aliases, ["crimson", "Scarlet"])
        XCTAssertEqual(try status(store, a.id), .needsReview)
        XCTAssertEqual(try status(store, b.id), .ready)
        let bTag = try XCTUnwrap(try store.tags(assetID: b.id).first)
        XCTAssertEqual(bTag.entry, "red")
        XCTAssertEqual(bTag.method, .decision)
        XCTAssertEqual(bTag.mappingConfidence, 1)
        XCTAssertNil(bTag.reviewItemID)
        let mapEvent = try XCTUnwrap(try store.auditLog(limit: 1).first)
        XCTAssertEqual(try store.auditCount(), auditBefore + 1)
        XCTAssertEqual(mapEvent.action, "review.map")
        XCTAssertEqual(mapEvent.subject, "review:\(scarlet.id)")
        XCTAssertTrue(mapEvent.before?.contains("\"status\":\"pending\"") == true, mapEvent.before ?? "")
        XCTAssertTrue(mapEvent.after?.contains("\"added_alias\":\"Scarlet\"") == true, mapEvent.after ?? "")

        // Create: a new entry under a broader one; the OCR word with the same key maps too.
        let created = try store.decide(
            itemID: seaside.id, decision: .create(facet: "theme", id: nil, label: "Seaside", broader: "beach"), actor: "bob")
        XCTAssertEqual(created.status, .created)
        XCTAssertEqual(created.decidedEntry, "seaside")
        let entry = try XCTUnwrap(try store.loadDictionary().entry("seaside"))
        XCTAssertEqual(entry.facet, "theme")
        XCTAssertEqual(entry.broader, "beach")
        XCTAssertEqual(entry.aliases, [], "the sample equals the label")
        XCTAssertEqual(try status(store, a.id), .ready)
        let aTags = try store.tags(assetID: a.id)
        XCTAssertEqual(aTags.map(\.entry), ["red", "red", "seaside", "seaside"])
        XCTAssertEqual(aTags.map(\.facet), ["color", "color", "theme", "theme"])
        XCTAssertEqual(Array(try store.auditLog(limit: 2).map(\.action)), ["review.create", "entry.add"])

        // Deciding again is refused, naming who decided and when.
        XCTAssertThrowsError(try store.decide(itemID: scarlet.id, decision: .reject, actor: "carol")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("already decided") && text.contains("by alice") && text.contains("mapped to 'red'"), text)
            XCTAssertTrue(text.contains(StoredDate.text(mappedItem.decidedAt!)), text)
        }

        // Undo map: alias gone, tags wait again.
        let reopened = try store.undoDecision(itemID: scarlet.id, actor: "alice")
        XCTAssertEqual(reopened.status, .pending)
        XCTAssertNil(reopened.decidedEntry)
        XCTAssertNil(reopened.decidedBy)
        XCTAssertEqual(reopened.occurrences, 2)
        XCTAssertEqual(try store.loadDictionary().entry("red")?.aliases, ["crimson"])
        XCTAssertEqual(try status(store, a.id), .needsReview)
        XCTAssertEqual(try status(store, b.id), .needsReview)
        let waiting = try XCTUnwrap(try store.tags(assetID: b.id).first)
        XCTAssertNil(waiting.entry)
        XCTAssertEqual(waiting.method, .unmapped)
        XCTAssertEqual(waiting.reviewItemID, scarlet.id)
        let undoEvent = try XCTUnwrap(try store.auditLog(limit: 1).first)
        XCTAssertEqual(undoEvent.action, "review.undo")
        XCTAssertTrue(undoEvent.after?.contains("\"removed_alias\":\"Scarlet\"") == true, undoEvent.after ?? "")
        XCTAssertThrowsError(try store.undoDecision(itemID: scarlet.id, actor: "alice")) {
            XCTAssertTrue("\($0)".contains("pending"), "\($0)")
        }

        // Undo create: the entry nothing else uses is deleted; hint tags are unlinked again.
        try store.undoDecision(itemID: seaside.id, actor: "bob")
        XCTAssertNil(try store.loadDictionary().entry("seaside"))
        let aAfter = try store.tags(assetID: a.id)
        XCTAssertEqual(aAfter.map(\.reviewItemID), [nil, scarlet.id, seaside.id, nil])
        XCTAssertEqual(aAfter.map(\.method), [.exact, .unmapped, .unmapped, .unmapped])
        XCTAssertEqual(Array(try store.auditLog(limit: 2).map(\.action)), ["review.undo", "entry.delete"])

        // Reject: remembered; later texts with the key are rejected on arrival; undo reopens them.
        let rejected = try store.decide(itemID: scarlet.id, decision: .reject, actor: "carol")
        XCTAssertEqual(rejected.status, .rejected)
        XCTAssertEqual(try store.rejections(), [RejectionKey(facet: "color", normalized: "scarlet")])
        XCTAssertEqual(try status(store, b.id), .ready)
        XCTAssertEqual(try status(store, a.id), .needsReview, "seaside still waits")
        XCTAssertEqual(try store.tags(assetID: b.id).first?.method, .rejected)
        let c = try store.saveIngest(record(campaign: "spring", path: "c.png", hash: "c", tags: [unmapped("SCARLET ", hint: "color")]))
        XCTAssertEqual(c.status, .ready)
        XCTAssertEqual(try store.tags(assetID: c.id).first?.method, .rejected)
        XCTAssertEqual(try store.reviewItems(status: .pending).count, 1)
        try store.undoDecision(itemID: scarlet.id, actor: "carol")
        XCTAssertEqual(try status(store, c.id), .needsReview)
        XCTAssertEqual(try store.tags(assetID: c.id).first?.reviewItemID, scarlet.id)
        XCTAssertEqual(try store.reviewItem(id: scarlet.id)?.occurrences, 3)
        XCTAssertTrue(try store.rejections().isEmpty)
    }

    func testDecisionsApplyToTextsArrivingLater() throws {
        let (store, _, _) = try seeded()
        let scarlet = try item(store, facet: "color", normalized: "scarlet")
        try store.decide(itemID: scarlet.id, decision: .map(entry: "red"), actor: "alice")
        // A mapper that still calls it unmapped (say, a different spelling normalised alike).
        let later = try store.saveIngest(record(path: "later.png", hash: "l", tags: [unmapped("scarlet", hint: "color")]))
        XCTAssertEqual(later.status, .ready)
        XCTAssertEqual(try store.tags(assetID: later.id).first?.entry, "red")
        XCTAssertEqual(try store.tags(assetID: later.id).first?.method, .decision)
        // Texts mapped later through the alias the decision added are reopened by undo too.
        var viaAlias = mapped("Scarlet", entry: "red", facet: "color")
        viaAlias.raw.facetHint = "color"
        viaAlias.normalized = "scarlet"
        viaAlias.method = .alias
        let aliasAsset = try store.saveIngest(record(path: "alias.png", hash: "al", tags: [viaAlias]))
        try store.undoDecision(itemID: scarlet.id, actor: "alice")
        XCTAssertEqual(try store.tags(assetID: aliasAsset.id).first?.reviewItemID, scarlet.id)
        XCTAssertEqual(try status(store, aliasAsset.id), .needsReview)
        XCTAssertEqual(try status(store, later.id), .needsReview)
    }

    func testCreateValidatesAndKeepsEntriesStillInUse() throws {
        let (store, _, _) = try seeded()
        let seaside = try item(store, facet: "theme", normalized: "seaside")
        let auditBefore = try store.auditCount()
        let bad: [(ReviewDecision, String)] = [
            (.create(facet: "shape", id: nil, label: "Seaside", broader: nil), "facet 'shape'"),
            (.create(facet: "theme", id: "summer", label: "Seaside", broader: nil), "'summer' already exists"),
            (.create(facet: "theme", id: nil, label: "Summer", broader: nil), "'summer' already exists"),
            (.create(facet: "theme", id: nil, label: "!!!", broader: nil), "cannot derive an entry id"),
            (.create(facet: "theme", id: nil, label: "Seaside", broader: "red"), "facet 'color'"),
            (.map(entry: "nope"), "'nope' does not exist"),
        ]
        for (decision, expected) in bad {
            XCTAssertThrowsError(try store.decide(itemID: seaside.id, decision: decision, actor: "a")) {
                XCTAssertTrue("\($0)".contains(expected), "\($0)")
            }
        }
        XCTAssertEqual(try store.auditCount(), auditBefore)
        XCTAssertEqual(try store.reviewItem(id: seaside.id)?.status, .pending)

        try store.decide(
            itemID: seaside.id, decision: .create(facet: "theme", id: "coast", label: "Coast", broader: nil), actor: "a")
        XCTAssertEqual(try store.loadDictionary().entry("coast")?.aliases, ["seaside"])
        // A user now uses the created entry directly, so undo keeps it.
        try store.saveUsers(
            [
                UserProfile(
                    id: "u1", attributes: [UserAttribute(facet: "theme", value: "coast", entry: "coast", method: .exact)], source: "crm")
            ],
            actor: "a")
        try store.undoDecision(itemID: seaside.id, actor: "a")
        XCTAssertNotNil(try store.loadDictionary().entry("coast"))
        XCTAssertTrue(try store.auditLog(limit: 1).first?.after?.contains("was kept: 1 user attributes use it") == true)
    }

    func testDeprecatedEntriesAreNotMapTargets() throws {
        let (store, _, _) = try seeded()
        _ = try store.importDictionary(
            facets: [],
            entries: [
                DictionaryEntry(id: "vermilion", facet: "color", label: "Vermilion", status: .deprecated, replacedBy: "red")
            ], source: "d.json", actor: "a")
        let scarlet = try item(store, facet: "color", normalized: "scarlet")
        XCTAssertThrowsError(try store.decide(itemID: scarlet.id, decision: .map(entry: "vermilion"), actor: "a")) {
            XCTAssertTrue("\($0)".contains("deprecated; map to its replacement 'red'"), "\($0)")
        }
    }

    func testRemapUnresolvedSettlesWhatNowMaps() throws {
        let (store, a, b) = try seeded()
        try store.saveUsers(
            [
                UserProfile(
                    id: "u1", attributes: [UserAttribute(facet: "color", value: "Scarlet", normalized: "scarlet")], source: "crm")
            ],
            actor: "a")
        try store.addAlias(entry: "red", alias: "scarlet", hidden: false, actor: "alice")
        let remap: RemapFunction = { facet, text in
            let normalized = text.lowercased()
            let entry = facet == "color" && normalized == "scarlet" ? "red" : nil
            return MappingResult(
                input: text, facet: facet, normalized: normalized, entry: entry, method: entry == nil ? .unmapped : .alias,
                confidence: entry == nil ? 0 : 0.95, candidates: [], explanation: "test")
        }
        let auditBefore = try store.auditCount()
        XCTAssertEqual(try store.remapUnresolved(remap, actor: "remap-bot"), 3)
        let scarlet = try item(store, facet: "color", normalized: "scarlet")
        XCTAssertEqual(scarlet.status, .mapped)
        XCTAssertEqual(scarlet.decidedBy, "remap-bot")
        XCTAssertEqual(scarlet.decidedEntry, "red")
        XCTAssertEqual(try item(store, facet: "theme", normalized: "seaside").status, .pending)
        XCTAssertEqual(try status(store, b.id), .ready)
        XCTAssertEqual(try status(store, a.id), .needsReview)
        let tag = try XCTUnwrap(try store.tags(assetID: b.id).first)
        XCTAssertEqual(tag.method, .alias)
        XCTAssertEqual(tag.mappingConfidence, 0.95)
        XCTAssertEqual(try store.user(id: "u1")?.attributes.first?.entry, "red")
        XCTAssertEqual(try store.auditCount(), auditBefore + 1)
        XCTAssertEqual(try store.auditLog(limit: 1).first?.action, "review.remap")
        XCTAssertEqual(try store.remapUnresolved(remap, actor: "remap-bot"), 0)

        // A remap naming an unknown entry is refused and changes nothing.
        let broken: RemapFunction = { facet, text in
            MappingResult(
                input: text, facet: facet, normalized: text, entry: "ghost", method: .fuzzy, confidence: 0.9,
                candidates: [], explanation: "test")
        }
        XCTAssertThrowsError(try store.remapUnresolved(broken, actor: "x")) { XCTAssertTrue("\($0)".contains("'ghost'"), "\($0)") }
        XCTAssertEqual(try item(store, facet: "theme", normalized: "seaside").status, .pending)
    }
}
