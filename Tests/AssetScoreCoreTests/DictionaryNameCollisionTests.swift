import Foundation
import XCTest

@testable import AssetScoreCore

/// A name (label, alias, hidden label) may belong to one entry per facet, so that a new entry
/// cannot quietly take tags away from an existing one.
final class DictionaryNameCollisionTests: XCTestCase {
    private let themes = AttributeDictionary(
        facets: [Facet(id: "theme", label: "Theme", weight: 1.5), Facet(id: "color", label: "Colour")],
        entries: [
            DictionaryEntry(id: "beach", facet: "theme", label: "Beach", aliases: ["seaside"]),
            DictionaryEntry(id: "summer", facet: "theme", label: "Summer", hiddenLabels: ["sumer"]),
            DictionaryEntry(id: "blue", facet: "color", label: "Blue", aliases: ["azure"]),
        ])

    func testAnAliasMayNotTakeOverAnotherEntrysLabel() {
        let csv = "facet,id,label,aliases,broader\ntheme,al1,AL1,beach|Summer,\n"
        XCTAssertEqual(
            refusalMessages { try DictionaryDocument.decodeCSV(Data(csv.utf8), name: "t.csv", existing: themes) },
            [
                "t.csv:2: alias \"beach\" of \"al1\" is already the label \"Beach\" of \"beach\" in facet \"theme\"; a name may belong to one entry per facet",
                "t.csv:2: alias \"Summer\" of \"al1\" is already the label \"Summer\" of \"summer\" in facet \"theme\"; a name may belong to one entry per facet",
            ])
        // What `dict add --facet theme --label Sea --alias beach` hands to validation.
        let add = DictionaryDocument(
            sourceName: "dict add", facets: [],
            entries: [DictionaryEntry(id: "sea", facet: "theme", label: "Sea", aliases: ["Beaches!"])])
        XCTAssertEqual(
            refusalMessages { try add.prepared(against: themes) },
            [
                "dict add: entry \"sea\".aliases: alias \"Beaches!\" of \"sea\" is already the label \"Beach\" of \"beach\" in facet \"theme\"; a name may belong to one entry per facet"
            ])
    }

    func testASecondEntryMayNotReuseALabelOrAnotherEntrysNames() {
        let json = """
            {"format": "assetscore-dictionary", "version": 1, "facets": [
              {"id": "color", "entries": [
                {"id": "navy", "label": "Navy", "hidden_labels": ["AZURE"]},
                {"id": "blue-2", "label": "Blue"},
                {"id": "teal", "label": "Teal", "aliases": ["petrol"]},
                {"id": "petrol", "label": "Petrol"}]}]}
            """
        XCTAssertEqual(
            refusalMessages { try DictionaryDocument.decodeJSON(Data(json.utf8), name: "c.json", existing: themes) },
            [
                "c.json: facets[0].entries[0].hidden_labels: hidden label \"AZURE\" of \"navy\" is already the alias \"azure\" of \"blue\" (Blue) in facet \"color\"; a name may belong to one entry per facet",
                "c.json: facets[0].entries[1].label: label \"Blue\" of \"blue-2\" is already the label \"Blue\" of \"blue\" in facet \"color\"; a name may belong to one entry per facet",
                "c.json: facets[0].entries[3].label: label \"Petrol\" of \"petrol\" is already the alias \"petrol\" of \"teal\" (Teal) at facets[0].entries[2] in facet \"color\"; a name may belong to one entry per facet",
            ])
        let csv = "facet,id,label,aliases,broader\ncolor,red,Red,,\ncolor,reds,Reds,,\n"
        XCTAssertEqual(
            refusalMessages { try DictionaryDocument.decodeCSV(Data(csv.utf8), name: "r.csv") },
            [
                "r.csv:3: label \"Reds\" of \"reds\" is already the label \"Red\" of \"red\" at line 2 in facet \"color\"; a name may belong to one entry per facet"
            ])
    }

    func testSharedNamesThatLeaveTheMapperOneAnswerAreAllowed() throws {
        let csv = """
            facet,id,label,aliases,broader,hidden_labels,status,replaced_by
            theme,beach,Beach,seaside|beach|BEACHES,,beach,,
            color,orange,Orange,summer,,,,
            theme,old-summer,Summer,,,,deprecated,summer
            theme,retro,Seaside,,,,deprecated,
            """
        let doc = try DictionaryDocument.decodeCSV(Data(csv.utf8), name: "ok.csv", existing: themes)
        XCTAssertEqual(doc.entries.map(\.id), ["beach", "orange", "old-summer", "retro"])
    }

    func testANameTheStoredEntryAlreadyHadIsNotReportedAgain() throws {
        // A collision stored before this check existed must not block re-importing the entry.
        var stored = themes
        stored.upsert(entry: DictionaryEntry(id: "sea", facet: "theme", label: "Sea", aliases: ["beach"]))
        let csv = "facet,id,label,aliases,broader\ntheme,sea,Sea,beach|ocean,\n"
        XCTAssertEqual(try DictionaryDocument.decodeCSV(Data(csv.utf8), name: "s.csv", existing: stored).entries.count, 1)
        let grab = "facet,id,label,aliases,broader\ntheme,sea,Sea,summer,\n"
        XCTAssertEqual(
            refusalMessages { try DictionaryDocument.decodeCSV(Data(grab.utf8), name: "s.csv", existing: stored) },
            [
                "s.csv:2: alias \"summer\" of \"sea\" is already the label \"Summer\" of \"summer\" in facet \"theme\"; a name may belong to one entry per facet"
            ])
    }

    func testTaxonomiesMayRepeatLabelsButNotAliases() throws {
        let tsv = """
            \tUnique ID\tParent ID\tCondensed Name (1st, 2nd, Last Tier)\tTier 1\tTier 2\tTier 3\r
            \t1\t\tEmployment | Status |\tEmployment\tStatus\t\r
            \t2\t\tEmployment | Role |\tEmployment\tRole\t\r
            \t3\t1\tEmployment | Status | Retired\tEmployment\tStatus\tRetired\r
            \t4\t2\tEmployment | Role | Retired\tEmployment\tRole\tRetired\r

            """
        let doc = try IABTaxonomy.decode(Data(tsv.utf8), name: "a.tsv")
        XCTAssertEqual(doc.entries.filter { $0.label == "Retired" }.map(\.id), ["iaba-3", "iaba-4"])
        var dictionary = AttributeDictionary(facets: doc.facets)
        for e in doc.entries { dictionary.upsert(entry: e) }
        let result = Mapper(dictionary: dictionary, normalizer: Normalizer()).map("retired", facet: "iab_audience")
        XCTAssertNil(result.entry, result.explanation)
        XCTAssertEqual(result.candidates.map(\.entry), ["iaba-3", "iaba-4"])

        // An operator's file may not do the same.
        let csv = "facet,id,label,aliases,broader\niab_audience,retired-3,Retired,,iaba-2\n"
        XCTAssertEqual(
            refusalMessages { try DictionaryDocument.decodeCSV(Data(csv.utf8), name: "x.csv", existing: dictionary) },
            [
                "x.csv:2: label \"Retired\" of \"retired-3\" is already the label \"Retired\" of \"iaba-3\" in facet \"iab_audience\"; a name may belong to one entry per facet"
            ])
    }

    func testContent22ChildrenDoNotTakeTheirParentsNameAsAlias() throws {
        let url = try ImportFixtures.corpus("taxonomies/iab/Content_Taxonomy_2.2.tsv")
        let doc = try IABTaxonomy.read(url: url)
        let entries = Dictionary(uniqueKeysWithValues: doc.entries.map { ($0.id, $0) })
        // "8FD8nI	v9i3On	Terrorism	Sensitive Topics": the only tier is the parent's name.
        XCTAssertEqual(entries["iabc2-8FD8nI"]?.aliases, [])
        XCTAssertEqual(entries["iabc2-v9i3On"]?.label, "Sensitive Topics")
    }
}
