import Foundation
import XCTest

@testable import AssetScoreCore

final class DictionaryImportTests: XCTestCase {
    private let sampleJSON = """
        {"format": "assetscore-dictionary", "version": 1,
         "facets": [
          {"id": "color", "label": "Colour", "description": "Dominant colours", "weight": 1.5,
           "thresholds": {"fuzzy_accept": 0.9, "candidate_minimum": 0.5, "fuzzy_minimum_length": 4},
           "entries": [
             {"id": "red", "label": "Red", "aliases": ["crimson", " scarlet ", ""], "hidden_labels": ["rd"], "hex": "#D62828"},
             {"id": "dark-red", "label": "Dark red", "broader": "red", "hex": "#8b0000"},
             {"id": "old-red", "label": "Old red", "status": "deprecated", "replaced_by": "red", "broader": null}]},
          {"id": "tone", "label": "Tone",
           "entries": [{"id": "warm", "label": "Warm", "description": "Warm, \\"cosy\\"\\nfeel", "aliases": ["cosy, snug"]}]}]}
        """

    func testJSONIsReadWithAllFields() throws {
        let doc = try DictionaryDocument.decodeJSON(Data(sampleJSON.utf8), name: "dict.json")
        XCTAssertEqual(doc.facets.map(\.id), ["color", "tone"])
        let color = doc.facets[0]
        XCTAssertEqual(color.label, "Colour")
        XCTAssertEqual(color.weight, 1.5)
        XCTAssertEqual(color.thresholds, MappingThresholds(fuzzyAccept: 0.9, candidateMinimum: 0.5, fuzzyMinimumLength: 4))
        XCTAssertEqual(doc.facets[1].thresholds, .default)
        XCTAssertEqual(doc.entries.map(\.id), ["red", "dark-red", "old-red", "warm"])
        XCTAssertEqual(doc.entries[0].aliases, ["crimson", "scarlet"])
        XCTAssertEqual(doc.entries[0].hiddenLabels, ["rd"])
        XCTAssertEqual(doc.entries[0].hex, "#d62828")
        XCTAssertEqual(doc.entries[1].broader, "red")
        XCTAssertEqual(doc.entries[2].status, .deprecated)
        XCTAssertEqual(doc.entries[2].replacedBy, "red")
        XCTAssertEqual(doc.entries[3].facet, "tone")
        XCTAssertEqual(doc.entries[3].description, "Warm, \"cosy\"\nfeel")
    }

    func testJSONRoundTripIsExactAndStable() throws {
        let doc = try DictionaryDocument.decodeJSON(Data(sampleJSON.utf8), name: "dict.json")
        let exported = doc.jsonData()
        let again = try DictionaryDocument.decodeJSON(exported, name: "export.json")
        XCTAssertEqual(again.facets, doc.facets)
        XCTAssertEqual(again.entries, doc.entries)
        XCTAssertEqual(again.jsonData(), exported)
        let text = String(decoding: exported, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("{\n  \"format\": \"assetscore-dictionary\",\n  \"version\": 1,"), text)
        XCTAssertTrue(text.contains("\"aliases\": [\"crimson\", \"scarlet\"]"), text)
        XCTAssertTrue(text.contains("\"fuzzy_minimum_length\": 4"), text)
    }

    func testCSVRoundTripKeepsEveryEntryField() throws {
        let doc = try DictionaryDocument.decodeJSON(Data(sampleJSON.utf8), name: "dict.json")
        let csv = try doc.csvData()
        let existing = AttributeDictionary(facets: doc.facets)
        let back = try DictionaryDocument.decodeCSV(csv, name: "dict.csv", existing: existing)
        XCTAssertEqual(back.entries, doc.entries)
        // Both facets exist, so the CSV does not bring facets that would overwrite their settings.
        XCTAssertEqual(back.facets, [])
        XCTAssertEqual(try back.csvData(), csv)
        let lines = String(decoding: csv, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines[0], "facet,id,label,aliases,broader,hidden_labels,description,status,replaced_by,hex")
        XCTAssertEqual(lines[1], "color,red,Red,crimson|scarlet,,rd,,active,,#d62828")
    }

    func testCSVWithOnlyRequiredColumnsCreatesMissingFacetsWithLabelEqualToID() throws {
        let csv =
            "facet;id;label;aliases;broader\r\ntheme;travel;Travel;trip|journey;\r\ntheme;beach;Beach;;travel\r\ncolor;teal;Teal;;\r\n"
        let existing = AttributeDictionary(facets: [Facet(id: "color", label: "Colour", weight: 2)])
        let doc = try DictionaryDocument.decodeCSV(Data(csv.utf8), name: "d.csv", existing: existing)
        XCTAssertEqual(doc.facets, [Facet(id: "theme", label: "theme")])
        XCTAssertEqual(doc.entries.map(\.id), ["travel", "beach", "teal"])
        XCTAssertEqual(doc.entries[0].aliases, ["trip", "journey"])
        XCTAssertEqual(doc.entries[1].broader, "travel")
        XCTAssertEqual(doc.entries[2].status, .active)
        XCTAssertNil(doc.entries[2].hex)
    }

    func testCSVReportsEveryValidationErrorWithItsLine() {
        let csv = """
            facet,id,label,aliases,broader,status,replaced_by,hex
            color,red,Red,,,,,#d62828
            color,,Nameless,,,,,
            color,blue,,,,,,
            tone,red,Red tone,,,,,
            color,pink,Pink,,rose,,,
            tone,warm,Warm,,,,,
            color,hot,Hot,,warm,,,
            color,a,A,,b,,,
            color,b,B,,a,,,
            color,old,Old,,,deprecated,gone,
            color,teal,Teal,,,,,#12345g
            color,navy,Navy,,,retired,,
            color,self,Self,,self,,,
            color,fresh,Fresh,,,,red,
            """
        XCTAssertEqual(
            refusalMessages { try DictionaryDocument.decodeCSV(Data(csv.utf8), name: "dict.csv") },
            [
                "dict.csv:3: entry id is empty",
                "dict.csv:4: label of \"blue\" is empty",
                "dict.csv:5: id \"red\" is used twice (first at line 2)",
                "dict.csv:6: broader \"rose\" is not a known entry id",
                "dict.csv:8: broader \"warm\" is in facet \"tone\", not \"color\"",
                "dict.csv:9: broader cycle: \"a\" -> \"b\" -> \"a\"",
                "dict.csv:11: \"old\" is deprecated in favour of \"gone\", which is not a known entry id",
                "dict.csv:12: hex \"#12345g\" is not a colour written #rrggbb",
                "dict.csv:13: unknown status \"retired\" (expected active or deprecated)",
                "dict.csv:14: broader cycle: \"self\" -> \"self\"",
                "dict.csv:15: \"fresh\" has replaced_by but its status is active (set status to deprecated)",
            ])
    }

    func testCSVHeaderProblemsAreSingleErrors() {
        XCTAssertThrowsError(try DictionaryDocument.decodeCSV(Data("facet,id,label\nc,a,A\n".utf8), name: "d.csv")) {
            XCTAssertEqual("\($0)", "d.csv:1: missing column(s): aliases, broader")
        }
        XCTAssertThrowsError(
            try DictionaryDocument.decodeCSV(Data("facet,id,label,aliases,broader,colour\n".utf8), name: "d.csv")
        ) {
            XCTAssertTrue("\($0)".hasPrefix("d.csv:1: unknown column \"colour\""), "\($0)")
        }
        XCTAssertThrowsError(try DictionaryDocument.decodeCSV(Data("facet,id,label,aliases,broader\nColour,x,X,,\n".utf8), name: "d.csv")) {
            XCTAssertEqual(
                ($0 as? ImportErrorList)?.errors.map(\.description),
                ["d.csv:2: facet id \"Colour\" may only contain lowercase letters, digits, \"_\" and \"-\""])
        }
    }

    func testJSONReportsEveryProblemWithItsPath() {
        let json = """
            {"format": "assetscore-dictionary", "version": 1, "extra": true,
             "facets": [{"id": "color", "weight": -1, "thresholds": {"fuzzy_accept": 1.5},
                         "entries": [{"id": "red", "label": "Red", "hex": "#12"},
                                     {"id": "red", "label": ""},
                                     {"id": "x", "label": "X", "alias": ["typo"], "broader": "nowhere", "status": 3},
                                     "not an entry"]}]}
            """
        XCTAssertEqual(
            refusalMessages { try DictionaryDocument.decodeJSON(Data(json.utf8), name: "d.json") },
            [
                "d.json: extra: unknown key (allowed: facets, format, version)",
                "d.json: facets[0].entries[2].alias: unknown key (allowed: aliases, broader, description, facet, hex, hidden_labels, id, label, replaced_by, status)",
                "d.json: facets[0].entries[2].status: expected a string, found a number",
                "d.json: facets[0].entries[3]: expected an object, found a string",
                "d.json: facets[0].weight: weight must be a number >= 0, got -1",
                "d.json: facets[0].thresholds.fuzzy_accept: must be between 0 and 1, got 1.5",
                "d.json: facets[0].entries[0].hex: hex \"#12\" is not a colour written #rrggbb",
                "d.json: facets[0].entries[1].label: label of \"red\" is empty",
                "d.json: facets[0].entries[1].id: id \"red\" is used twice (first at facets[0].entries[0])",
                "d.json: facets[0].entries[2].broader: broader \"nowhere\" is not a known entry id",
            ])
    }

    func testJSONFormatMarkerAndVersionAreChecked() {
        XCTAssertEqual(
            refusalMessages {
                try DictionaryDocument.decodeJSON(Data(#"{"format": "x", "version": 2, "facets": []}"#.utf8), name: "d.json")
            },
            [
                "d.json: format: expected \"assetscore-dictionary\", found \"x\"",
                "d.json: version: unsupported version 2 (this program reads version 1)",
            ])
        XCTAssertThrowsError(try DictionaryDocument.decodeJSON(Data("{\"format\": ".utf8), name: "d.json")) {
            XCTAssertEqual("\($0)", "d.json: not valid JSON: Unexpected end of file during JSON parse.")
        }
        XCTAssertThrowsError(try DictionaryDocument.decodeJSON(Data("{\n\"format\": 1,\n \"b\" 2}".utf8), name: "d.json")) {
            XCTAssertEqual("\($0)", "d.json:3: not valid JSON: Invalid value around character 20.")
        }
    }

    func testReferencesMayPointIntoTheExistingDictionary() throws {
        let existing = AttributeDictionary(
            facets: [Facet(id: "color", label: "Colour"), Facet(id: "tone", label: "Tone")],
            entries: [
                DictionaryEntry(id: "red", facet: "color", label: "Red"),
                DictionaryEntry(id: "warm", facet: "tone", label: "Warm"),
            ])
        let ok = "facet,id,label,aliases,broader,status,replaced_by\ncolor,dark-red,Dark red,,red,,\ncolor,rouge,Rouge,,,deprecated,red\n"
        let doc = try DictionaryDocument.decodeCSV(Data(ok.utf8), name: "add.csv", existing: existing)
        XCTAssertEqual(doc.entries.map(\.broader), ["red", nil])
        XCTAssertEqual(doc.facets, [])

        let clash = "facet,id,label,aliases,broader\ntone,red,Red tone,,\ncolor,ember,Ember,,warm\n"
        XCTAssertEqual(
            refusalMessages { try DictionaryDocument.decodeCSV(Data(clash.utf8), name: "add.csv", existing: existing) },
            [
                "add.csv:2: id \"red\" already exists in facet \"color\"; entry ids are unique across facets",
                "add.csv:3: broader \"warm\" is in facet \"tone\", not \"color\"",
            ])
        // A cycle closed through an existing entry: red (existing) gets broader dark-red.
        let cycle = "facet,id,label,aliases,broader\ncolor,dark-red,Dark red,,red\ncolor,red,Red,,dark-red\n"
        XCTAssertEqual(
            refusalMessages { try DictionaryDocument.decodeCSV(Data(cycle.utf8), name: "c.csv", existing: existing) },
            [
                "c.csv:2: broader cycle: \"dark-red\" -> \"red\" -> \"dark-red\""
            ])
    }

    func testReplacementCyclesAreRejected() {
        let csv = "facet,id,label,aliases,broader,status,replaced_by\nc,a,A,,,deprecated,b\nc,b,B,,,deprecated,a\n"
        XCTAssertEqual(
            refusalMessages { try DictionaryDocument.decodeCSV(Data(csv.utf8), name: "r.csv") },
            [
                "r.csv:2: replacement cycle: \"a\" -> \"b\" -> \"a\""
            ])
    }

    func testValidateChecksProgrammaticDocuments() {
        let doc = DictionaryDocument(
            facets: [Facet(id: "color", label: "Colour")],
            entries: [DictionaryEntry(id: "red", facet: "color", label: "Red", hex: "red")])
        XCTAssertThrowsError(try doc.validate()) {
            XCTAssertEqual(
                "\($0)",
                "dictionary: 1 error; nothing was imported\n  dictionary: entry \"red\".hex: hex \"red\" is not a colour written #rrggbb")
        }
    }

    func testExportFromAStoredDictionary() throws {
        let dictionary = AttributeDictionary(
            facets: [Facet(id: "tone", label: "Tone", weight: 0.5)],
            entries: [DictionaryEntry(id: "warm", facet: "tone", label: "Warm", aliases: ["a|b"])])
        let doc = DictionaryDocument(dictionary: dictionary)
        let back = try DictionaryDocument.decodeJSON(doc.jsonData(), name: "x.json")
        XCTAssertEqual(back.facets, dictionary.facets)
        XCTAssertEqual(back.entries, dictionary.entries)
        XCTAssertThrowsError(try doc.csvData()) {
            XCTAssertTrue("\($0)".contains("contains \"|\""), "\($0)")
        }
    }

    func testReadPicksTheFormatFromTheExtension() throws {
        let url = try ImportFixtures.temporaryFile("dict.json", sampleJSON)
        defer { ImportFixtures.removeTemporary(url) }
        XCTAssertEqual(try DictionaryDocument.read(url: url).entries.count, 4)
        let csvURL = try ImportFixtures.temporaryFile("dict.csv", "facet,id,label,aliases,broader\ntone,calm,Calm,,\n")
        defer { ImportFixtures.removeTemporary(csvURL) }
        XCTAssertEqual(try DictionaryDocument.read(url: csvURL).entries.map(\.id), ["calm"])
        XCTAssertThrowsError(try DictionaryDocument.read(url: URL(fileURLWithPath: "/tmp/x.yaml")))
    }
}
