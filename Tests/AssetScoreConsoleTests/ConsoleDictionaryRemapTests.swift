import AssetScoreCore
import AssetScoreStorage
import TerminalUI
import XCTest

@testable import AssetScoreConsole

/// The dictionary pane's add, rename and merge re-map pending texts near the entry that gained
/// names; a full re-map afterwards must find nothing more to map, and the near one must have
/// mapped what it should. Usage counts arrive from the background.
final class ConsoleDictionaryRemapTests: XCTestCase {
    /// The pending item "staycation" and the facet it is reviewed in.
    func staycation(_ c: ConsoleController) throws -> ReviewItem {
        try XCTUnwrap(c.state.review.items.first { $0.sampleText.lowercased() == "staycation" })
    }

    /// What a full re-map with the store's current dictionary would still map (nothing, when
    /// the near re-map did all it should). Runs on a copy so the check changes nothing.
    func fullRemapStillMaps(_ path: String) throws -> Int {
        let copy = path + ".check"
        try? FileManager.default.removeItem(atPath: copy)
        let source = try SQLiteStore(path: path)
        _ = try source.changeToken()
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        if FileManager.default.fileExists(atPath: path + "-wal") {
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        }
        let store = try SQLiteStore(path: copy)
        let mapper = try ConsoleFixture.makeMapper(store)
        return try store.remapUnresolved({ facet, text in mapper.map(text, facet: facet) }, actor: "check")
    }

    func pending(_ path: String) throws -> [Int64] {
        try SQLiteStore(path: path).reviewPage(status: .pending, facet: nil, search: nil, limit: 10_000, offset: 0).map(\.id).sorted()
    }

    func testAddingAnEntryMapsTheTextsThatReachItAndNothingIsLeftForAFullRemap() throws {
        let path = try ConsoleFixture.database()
        let c = try ConsoleFixture.controller(path)
        let item = try staycation(c)
        let facet = item.facet.isEmpty ? "theme" : item.facet
        try ConsoleFixture.keys(c, "4 n")
        guard case .prompt(var p) = c.state.overlay else { return XCTFail("no prompt") }
        p.field.set("\(facet)=Staycation")
        c.state.overlay = .prompt(p)
        c.handle(.enter)
        XCTAssertFalse(c.state.messageIsError, c.state.message ?? "")
        XCTAssertFalse(try pending(path).contains(item.id), "the near re-map mapped the text that now names an entry")
        XCTAssertEqual(try fullRemapStillMaps(path), 0)
    }

    func testRenamingKeepsTheOldLabelAndNothingIsLeftForAFullRemap() throws {
        let path = try ConsoleFixture.database()
        let c = try ConsoleFixture.controller(path)
        let item = try staycation(c)
        let facet = item.facet.isEmpty ? "theme" : item.facet
        try ConsoleFixture.keys(c, "4")
        let index = try XCTUnwrap(c.state.dictionary.visible.firstIndex { $0.facet == facet && $0.status == .active })
        let entry = c.state.dictionary.visible[index]
        for _ in 0..<index { c.handle(.down) }
        c.handle(.character("r"))
        guard case .prompt(var p) = c.state.overlay else { return XCTFail("no prompt") }
        p.field.set("Staycation")
        c.state.overlay = .prompt(p)
        c.handle(.enter)
        XCTAssertFalse(c.state.messageIsError, c.state.message ?? "")
        XCTAssertEqual(try SQLiteStore(path: path).reviewItem(id: item.id)?.decidedEntry, entry.id)
        XCTAssertEqual(try fullRemapStillMaps(path), 0)
    }

    /// A deprecated entry without a replacement sends its texts to review; merging it into
    /// another entry gives them a target, which the near re-map (around the target) finds.
    func testMergingADeprecatedEntryMapsItsTextsAndNothingIsLeftForAFullRemap() throws {
        let path = try ConsoleFixture.database()
        let setup = try SQLiteStore(path: path)
        let first = try ConsoleFixture.controller(path)
        let item = try staycation(first)
        let facet = item.facet.isEmpty ? "theme" : item.facet
        var old = DictionaryEntry(id: "staycation-old", facet: facet, label: "Staycation")
        old.status = .deprecated
        let doc = try DictionaryDocument(sourceName: "test", facets: [], entries: [old]).prepared(against: try setup.loadDictionary())
        _ = try setup.importDictionary(facets: doc.facets, entries: doc.entries, source: "test", actor: "test")
        XCTAssertTrue(try pending(path).contains(item.id), "a deprecated entry without replacement maps nothing")

        let c = try ConsoleFixture.controller(path)
        let target = try XCTUnwrap(c.state.dictionary.entries.first { $0.facet == facet && $0.status == .active && $0.id != old.id })
        try ConsoleFixture.keys(c, "4")
        let index = try XCTUnwrap(c.state.dictionary.visible.firstIndex { $0.id == old.id })
        for _ in 0..<index { c.handle(.down) }
        c.handle(.character("M"))
        ConsoleFixture.type(c, target.id)
        c.handle(.enter)
        XCTAssertFalse(c.state.messageIsError, c.state.message ?? "")
        XCTAssertEqual(try SQLiteStore(path: path).reviewItem(id: item.id)?.decidedEntry, target.id)
        XCTAssertEqual(try fullRemapStillMaps(path), 0)
    }

    func testUsageCountsArriveFromTheBackground() throws {
        let path = try ConsoleFixture.database()
        let c = try ConsoleFixture.controller(path)
        try ConsoleFixture.keys(c, "4")
        XCTAssertTrue(c.state.dictionary.countingUsage)
        XCTAssertTrue(ConsoleFixture.screen(c).contains("counting…"), ConsoleFixture.screen(c))
        c.finishBackgroundWork()
        XCTAssertFalse(c.state.dictionary.countingUsage)
        XCTAssertTrue(c.state.dictionary.usageCounted)
        let expected = try SQLiteStore(path: path).entryUsage()
        XCTAssertEqual(c.state.dictionary.usage, expected)
        XCTAssertGreaterThan(expected.values.reduce(0, +), 0)
        XCTAssertFalse(ConsoleFixture.screen(c).contains("counting…"))
    }
}
