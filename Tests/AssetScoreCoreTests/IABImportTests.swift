import Foundation
import XCTest

@testable import AssetScoreCore

final class IABImportTests: XCTestCase {
    func testContentTaxonomy31() throws {
        let url = try ImportFixtures.corpus("taxonomies/iab/Content_Taxonomy_3.1.tsv")
        let doc = try IABTaxonomy.read(url: url)
        XCTAssertEqual(doc.facets.map(\.id), ["iab_content"])
        XCTAssertEqual(doc.facets[0].label, "IAB Content Taxonomy 3.1")
        // 706 lines: two header rows and 704 nodes.
        XCTAssertEqual(doc.entries.count, 704)
        XCTAssertTrue(doc.entries.allSatisfy { $0.id.hasPrefix("iabc3-") && $0.facet == "iab_content" })

        let entries = Dictionary(uniqueKeysWithValues: doc.entries.map { ($0.id, $0) })
        // Line 4: "151	150	Amusement and Theme Parks	Attractions	Amusement and Theme Parks".
        let parks = try XCTUnwrap(entries["iabc3-151"])
        XCTAssertEqual(parks.label, "Amusement and Theme Parks")
        XCTAssertEqual(parks.broader, "iabc3-150")
        XCTAssertEqual(parks.description, "Attractions > Amusement and Theme Parks")
        XCTAssertEqual(entries["iabc3-150"]?.label, "Attractions")
        XCTAssertNil(entries["iabc3-150"]?.broader)
        // Alphanumeric ids exist in 3.x ("80DV8O	 	Communication").
        XCTAssertEqual(entries["iabc3-80DV8O"]?.label, "Communication")
        // The unnamed extension column (group row "Extension") lands in the description.
        XCTAssertEqual(entries["iabc3-135"]?.description, "Education > Secondary Education; extension: SCD")
        XCTAssertEqual(entries["iabc3-483"]?.label, "Sports")
        XCTAssertEqual(doc.entries.first?.id, "iabc3-150")
        XCTAssertEqual(doc.entries.last?.id, "iabc3-389")
    }

    func testContentTaxonomy30KeepsNamesAndAddsDifferingTierAsAlias() throws {
        let url = try ImportFixtures.corpus("taxonomies/iab/Content_Taxonomy_3.0.tsv")
        let doc = try IABTaxonomy.read(url: url, facet: "topics", facetLabel: "Topics")
        // 706 lines: two header rows, one blank line, 703 nodes.
        XCTAssertEqual(doc.entries.count, 703)
        XCTAssertEqual(
            doc.facets,
            [Facet(id: "topics", label: "Topics", description: "IAB Content Taxonomy 3.0, imported from Content_Taxonomy_3.0.tsv")])
        // "156	SPSHQ5	Musicals	Genres	Musical".
        let musicals = try XCTUnwrap(doc.entries.first { $0.id == "iabc3-156" })
        XCTAssertEqual(musicals.label, "Musicals")
        XCTAssertEqual(musicals.aliases, ["Musical"])
        XCTAssertEqual(musicals.broader, "iabc3-SPSHQ5")
    }

    func testAudienceTaxonomy11() throws {
        let url = try ImportFixtures.corpus("taxonomies/iab/Audience_Taxonomy_1.1.tsv")
        let doc = try IABTaxonomy.read(url: url)
        XCTAssertEqual(doc.facets.map(\.id), ["iab_audience"])
        XCTAssertEqual(doc.facets[0].label, "IAB Audience Taxonomy")
        XCTAssertEqual(doc.entries.count, 1_558)
        let entries = Dictionary(uniqueKeysWithValues: doc.entries.map { ($0.id, $0) })
        // "	3	2	Demographic | Age Range | 18-20 |	Demographic	Age Range	18-20".
        let age = try XCTUnwrap(entries["iaba-3"])
        XCTAssertEqual(age.label, "18-20")
        XCTAssertEqual(age.broader, "iaba-2")
        XCTAssertEqual(age.description, "Demographic > Age Range > 18-20")
        XCTAssertEqual(entries["iaba-2"]?.label, "Age Range")
        XCTAssertEqual(entries["iaba-2"]?.broader, "iaba-1")
        XCTAssertNil(entries["iaba-1"]?.broader)
        // Line 1502: four tiers and extension notes.
        let boxing = try XCTUnwrap(entries["iaba-1622"])
        XCTAssertEqual(boxing.label, "Boxing and Martial Arts Equipment")
        XCTAssertEqual(boxing.broader, "iaba-1619")
        XCTAssertEqual(
            boxing.description,
            "Purchase Intent* > Sporting Goods > Athletics Equipment > Boxing and Martial Arts Equipment; extension: See *Purchase Intent Classification* Extension"
        )
    }

    func testImportingTwiceGivesIdenticalOutput() throws {
        let url = try ImportFixtures.corpus("taxonomies/iab/Content_Taxonomy_3.1.tsv")
        let first = try IABTaxonomy.read(url: url)
        let second = try IABTaxonomy.read(url: url)
        XCTAssertEqual(first.entries, second.entries)
        XCTAssertEqual(first.jsonData(), second.jsonData())
    }

    func testReimportIntoExistingFacetKeepsTheFacetAndUpgrades30To31() throws {
        let v30 = try IABTaxonomy.read(url: ImportFixtures.corpus("taxonomies/iab/Content_Taxonomy_3.0.tsv"))
        var existing = AttributeDictionary(facets: [Facet(id: "iab_content", label: "Topics", weight: 0.7)])
        for e in v30.entries { existing.upsert(entry: e) }
        let v31 = try IABTaxonomy.read(
            url: ImportFixtures.corpus("taxonomies/iab/Content_Taxonomy_3.1.tsv"), existing: existing)
        XCTAssertEqual(v31.facets, [])
        let old = Set(v30.entries.map(\.id))
        XCTAssertEqual(v31.entries.filter { !old.contains($0.id) }.map(\.id), ["iabc3-700"])
    }

    func testContentTaxonomy22ReadsItsOwnTitleAndSkipsTheBlankRow() throws {
        let doc = try IABTaxonomy.read(url: ImportFixtures.corpus("taxonomies/iab/Content_Taxonomy_2.2.tsv"))
        // The 2.2 file's title row says "v2.1"; line 713 holds only tabs.
        XCTAssertEqual(doc.facets.map(\.label), ["IAB Content Taxonomy 2.1"])
        XCTAssertEqual(doc.entries.count, 1_196)
        XCTAssertEqual(doc.entries[1].id, "iabc2-2")
        XCTAssertEqual(doc.entries[1].broader, "iabc2-1")
    }

    func testUnsupportedLayoutsAreRefused() throws {
        let url = try ImportFixtures.corpus("taxonomies/iab/Ad_Product_Taxonomy_2.0.tsv")
        XCTAssertThrowsError(try IABTaxonomy.read(url: url)) {
            XCTAssertTrue("\($0)".hasPrefix("Ad_Product_Taxonomy_2.0.tsv:1: unsupported IAB layout"), "\($0)")
        }
    }

    func testStructuralErrorsCarryLineNumbers() {
        let tsv = """
            Relational ID System\t\t\tContent Taxonomy v3.1 Tiered Categories\t\t\t\tExtension\r
            Unique ID\tParent\tName\tTier 1\tTier 2\tTier 3\tTier 4\t\r
            1\t\tRoot\tRoot\t\t\t\t\r
            \t1\tOrphan name\tRoot\tOrphan name\t\t\t\r
            2\t99\tLost\tRoot\tLost\t\t\t\r
            3\t1\tChild\tRoot\tChild\t\t\t\r
            3\t1\tTwin\tRoot\tTwin\t\t\t\r

            """
        XCTAssertThrowsError(try IABTaxonomy.decode(Data(tsv.utf8), name: "bad.tsv")) { error in
            XCTAssertEqual(
                (error as? ImportErrorList)?.errors.map(\.description),
                [
                    "bad.tsv:4: row has no Unique ID",
                    "bad.tsv:5: broader \"iabc3-99\" is not a known entry id",
                    "bad.tsv:7: id \"iabc3-3\" is used twice (first at line 6)",
                ])
        }
        XCTAssertThrowsError(try IABTaxonomy.decode(Data("a\tb\nc\td\n".utf8), name: "x.tsv")) { error in
            XCTAssertEqual(
                "\(error)",
                "x.tsv:1: not an IAB taxonomy file: no header row with a \"Unique ID\" column in the first two rows")
        }
    }
}
