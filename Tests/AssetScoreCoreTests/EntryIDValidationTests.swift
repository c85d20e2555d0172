import Foundation
import XCTest

@testable import AssetScoreCore

/// Entry ids must be visible text without surrounding whitespace, in every import format.
final class EntryIDValidationTests: XCTestCase {

    func testJSONReportsEachBadIDWithItsPath() {
        let json = """
            {"format": "assetscore-dictionary", "version": 1, "facets": [{"id": "color", "entries": [
              {"id": "esc\\u001b[31m", "label": "A"},
              {"id": "nul\\u0000", "label": "B"},
              {"id": " red", "label": "C"},
              {"id": "tab\\t", "label": "D"},
              {"id": "zero\\u200bwidth", "label": "E"},
              {"id": "", "label": "F"},
              {"id": "dark red", "label": "G"}]}]}
            """
        XCTAssertEqual(
            refusalMessages { try DictionaryDocument.decodeJSON(Data(json.utf8), name: "ids.json") },
            [
                "ids.json: facets[0].entries[0].id: entry id \"esc\\u{1B}[31m\" contains U+001B, a control or format character",
                "ids.json: facets[0].entries[1].id: entry id \"nul\\u{0}\" contains U+0000, a control or format character",
                "ids.json: facets[0].entries[2].id: entry id \" red\" starts or ends with whitespace",
                "ids.json: facets[0].entries[3].id: entry id \"tab\\u{9}\" contains U+0009, a control or format character",
                "ids.json: facets[0].entries[4].id: entry id \"zero\\u{200B}width\" contains U+200B, a control or format character",
                "ids.json: facets[0].entries[5].id: entry id is empty",
            ])
    }

    func testCSVReportsEachBadIDWithItsLine() {
        let csv =
            "facet,id,label,aliases,broader\ncolor,\u{1B}]0;x\u{7},A,,\ncolor, red,B,,\ncolor,\"red \",C,,\n"
            + "color,bidi\u{202E},D,,\ncolor,ok-1,E,,\n"
        XCTAssertEqual(
            refusalMessages { try DictionaryDocument.decodeCSV(Data(csv.utf8), name: "ids.csv") },
            [
                "ids.csv:2: entry id \"\\u{1B}]0;x\\u{7}\" contains U+001B, a control or format character",
                "ids.csv:3: entry id \" red\" starts or ends with whitespace",
                "ids.csv:4: entry id \"red \" starts or ends with whitespace",
                "ids.csv:5: entry id \"bidi\\u{202E}\" contains U+202E, a control or format character",
            ])
    }

    func testIABReportsABadIDWithItsLine() {
        let tsv = """
            Relational ID System\t\t\tContent Taxonomy v3.1 Tiered Categories\t\t\t\tExtension\r
            Unique ID\tParent\tName\tTier 1\tTier 2\tTier 3\tTier 4\t\r
            1\t\tRoot\tRoot\t\t\t\t\r
            2\u{1B}\t1\tChild\tRoot\tChild\t\t\t\r
            3 \t1\tOther\tRoot\tOther\t\t\t\r

            """
        XCTAssertEqual(
            refusalMessages { try IABTaxonomy.decode(Data(tsv.utf8), name: "ids.tsv") },
            [
                "ids.tsv:4: entry id \"iabc3-2\\u{1B}\" contains U+001B, a control or format character",
                "ids.tsv:5: entry id \"iabc3-3 \" starts or ends with whitespace",
            ])
    }

    func testProgrammaticDocumentsAreCheckedToo() {
        // What `dict add --id` hands to validation.
        let doc = DictionaryDocument(
            sourceName: "dict add", facets: [Facet(id: "color", label: "Colour")],
            entries: [DictionaryEntry(id: "x\u{2028}", facet: "color", label: "X")])
        XCTAssertEqual(
            refusalMessages { try doc.prepared() },
            [
                "dict add: entry \"x\\u{2028}\".id: entry id \"x\\u{2028}\" contains U+2028, a control or format character"
            ])
        XCTAssertNil(DictionaryDocument.entryIDProblem("iabc3-80DV8O"))
        XCTAssertNil(DictionaryDocument.entryIDProblem("dark red"))
        XCTAssertNil(DictionaryDocument.entryIDProblem("crème-brûlée"))
    }
}
