import Foundation
import XCTest

@testable import AssetScoreCore

final class PersonaImportTests: XCTestCase {
    func testPersonasAreReadAndWrittenBack() throws {
        let json = """
            [{"id": "budget-traveller", "name": "Budget traveller", "description": "Looks for deals",
              "attributes": [{"facet": "theme", "value": "travel", "weight": 0.9}, {"facet": "tone", "value": "bright"}]},
             {"id": "night-owl", "name": "Night owl gamer", "attributes": {"tone": ["dark", "moody"]}}]
            """
        let personas = try PersonaFile.decode(Data(json.utf8), name: "personas.json", knownFacets: ["theme", "tone"])
        XCTAssertEqual(personas.map(\.id), ["budget-traveller", "night-owl"])
        XCTAssertEqual(personas[0].description, "Looks for deals")
        XCTAssertEqual(
            personas[0].attributes,
            [
                UserAttribute(facet: "theme", value: "travel", weight: 0.9), UserAttribute(facet: "tone", value: "bright"),
            ])
        XCTAssertEqual(personas[1].attributes.map(\.value), ["dark", "moody"])
        let back = try PersonaFile.decode(PersonaFile.encode(personas), name: "out.json")
        XCTAssertEqual(back, personas)
    }

    func testEveryProblemIsReportedWithItsPath() {
        let json = """
            [{"id": "a", "name": "A", "attributes": [{"facet": "mood", "value": "x"}]},
             {"id": "a", "name": "Again", "attributes": []},
             {"name": "", "attributes": [{"facet": "tone", "value": "warm", "weight": 3}]},
             {"id": "b", "name": "B"}]
            """
        XCTAssertThrowsError(try PersonaFile.decode(Data(json.utf8), name: "p.json", knownFacets: ["tone"])) {
            XCTAssertEqual(
                ($0 as? ImportErrorList)?.errors.map(\.description),
                [
                    "p.json: [0].attributes: unknown facet \"mood\" (known: tone)",
                    "p.json: [1].id: persona id \"a\" is used twice (first at [0])",
                    "p.json: [2].attributes[0].weight: weight 3 is outside -1...1",
                    "p.json: [2].id: is required and must be a non-empty string",
                    "p.json: [2].name: is empty",
                    "p.json: [3].attributes: is required",
                ])
        }
        XCTAssertThrowsError(try PersonaFile.decode(Data("{}".utf8), name: "p.json")) {
            XCTAssertEqual("\($0)", "p.json: expected an array of personas, found an object")
        }
    }
}
