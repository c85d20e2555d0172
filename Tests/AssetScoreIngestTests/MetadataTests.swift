import AssetScoreCore
import Foundation
import XCTest

@testable import AssetScoreIngest

final class MetadataTests: XCTestCase {
    static let xmp = """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
           <dc:subject><rdf:Bag><rdf:li>summer</rdf:li><rdf:li>tone:playful</rdf:li><rdf:li>Beach Holiday</rdf:li></rdf:Bag></dc:subject>
           <dc:title><rdf:Alt><rdf:li xml:lang="de">Sommer</rdf:li><rdf:li xml:lang="x-default">Summer sale</rdf:li></rdf:Alt></dc:title>
           <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Family on a beach</rdf:li></rdf:Alt></dc:description>
           <dc:creator><rdf:Seq><rdf:li>Jane Doe</rdf:li></rdf:Seq></dc:creator>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """

    func testXMPSubjectsTitleAndDescription() throws {
        let packet = try XMPPacket.parse(Array(Self.xmp.utf8) + [0, 0, 0])
        XCTAssertEqual(packet.subjects, ["summer", "tone:playful", "Beach Holiday"])
        XCTAssertEqual(packet.title, "Summer sale")
        XCTAssertEqual(packet.description, "Family on a beach")
    }

    func testMalformedXMPBecomesANoteNotAnError() {
        for packet in ["<x:xmpmeta><rdf:RDF>", "<a><b></a>", "not xml", String(Self.xmp.dropLast(40))] {
            let metadata = EmbeddedMetadata(xmp: Array(packet.utf8), iptc: nil, exifDescription: nil)
            XCTAssertEqual(metadata.keywords, [], packet)
            XCTAssertEqual(metadata.notes.count, 1, packet)
            XCTAssertTrue(metadata.notes.first?.contains("XMP packet unreadable") ?? false, "\(metadata.notes)")
        }
    }

    /// An IIM record: 0x1C, record, dataset, 2-byte length, value.
    static func record(_ recordNumber: UInt8, _ dataset: UInt8, _ value: [UInt8]) -> [UInt8] {
        [0x1C, recordNumber, dataset, UInt8(value.count >> 8), UInt8(value.count & 0xFF)] + value
    }

    /// A Photoshop APP13 payload holding one IPTC-NAA (0x0404) resource, as libvips hands it over.
    static func photoshopIPTC(_ iim: [UInt8]) -> [UInt8] {
        var bytes = Array("Photoshop 3.0".utf8) + [0]
        // An unrelated resource first (0x0425, a digest), to be skipped.
        bytes += Array("8BIM".utf8) + [0x04, 0x25, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4]
        bytes += Array("8BIM".utf8) + [0x04, 0x04, 0, 0]
        bytes += [UInt8(iim.count >> 24), UInt8(iim.count >> 16 & 0xFF), UInt8(iim.count >> 8 & 0xFF), UInt8(iim.count & 0xFF)]
        bytes += iim
        if iim.count % 2 == 1 { bytes.append(0) }
        return bytes
    }

    func testIPTCKeywordsInPhotoshopResources() {
        let caption = Array(String(repeating: "x", count: 300).utf8)
        var iim = Self.record(1, 90, [0x1B, 0x25, 0x47])
        iim += Self.record(2, 25, Array("summer".utf8))
        iim += Self.record(2, 25, Array("beach".utf8))
        iim += Self.record(2, 5, Array("Hero".utf8))
        // Extended length: top bit set, then the number of length bytes (2), then the length.
        iim += [0x1C, 2, 120, 0x80, 0x02, UInt8(caption.count >> 8), UInt8(caption.count & 0xFF)] + caption
        iim += Self.record(2, 25, [0x63, 0x61, 0x66, 0xE9])  // "café" in ISO 8859-1
        let records = IPTCRecords.parse(Self.photoshopIPTC(iim))
        XCTAssertEqual(records.keywords, ["summer", "beach", "café"])
        XCTAssertEqual(records.objectName, "Hero")
        XCTAssertEqual(records.caption?.count, 300)
    }

    func testIPTCRawIIMAndTruncatedData() {
        let iim = Self.record(2, 25, Array("travel".utf8)) + [0x1C, 2, 25, 0x00, 0x50] + Array("cut".utf8)
        XCTAssertEqual(IPTCRecords.parse(iim).keywords, ["travel"])
        XCTAssertEqual(IPTCRecords.parse([0x1C]).keywords, [])
        XCTAssertEqual(IPTCRecords.parse(Array("Photoshop 3.0".utf8) + [0] + Array("8BIM".utf8)).keywords, [])
    }

    func testKeywordsFromXMPAndIPTCAreMergedWithoutDuplicates() {
        let iptc = Self.photoshopIPTC(Self.record(2, 25, Array("Summer".utf8)) + Self.record(2, 25, Array("sale".utf8)))
        let metadata = EmbeddedMetadata(xmp: Array(Self.xmp.utf8), iptc: iptc, exifDescription: nil)
        XCTAssertEqual(metadata.keywords.map(\.text), ["summer", "tone:playful", "Beach Holiday", "sale"])
        XCTAssertEqual(metadata.keywords.map(\.origin), ["XMP", "XMP", "XMP", "IPTC"])
        XCTAssertEqual(metadata.title, "Summer sale")
    }

    func testEXIFDescriptionAsLibvipsRendersIt() {
        XCTAssertEqual(
            EmbeddedMetadata.exifValue("Beach at dusk (Beach at dusk, ASCII, 13 components, 13 bytes)"), "Beach at dusk")
        XCTAssertEqual(EmbeddedMetadata.exifValue("A (b) c (A (b) c, ASCII, 8 components, 8 bytes)"), "A (b) c")
        XCTAssertNil(EmbeddedMetadata.exifValue("           (           , ASCII, 12 components, 12 bytes)"))
        XCTAssertNil(EmbeddedMetadata.exifValue("OLYMPUS DIGITAL CAMERA (OLYMPUS DIGITAL CAMERA, ASCII, 23 components, 23 bytes)"))
        let metadata = EmbeddedMetadata(xmp: nil, iptc: nil, exifDescription: "Sunset (Sunset, ASCII, 7 components, 7 bytes)")
        XCTAssertEqual(metadata.description, "Sunset")
    }

    func testFilenameTokens() {
        XCTAssertEqual(FilenameTokenizer.tokens(ofBaseName: "SummerSale_hero-1200x628@2x"), ["summer", "sale", "hero"])
        XCTAssertEqual(FilenameTokenizer.tokens(ofBaseName: "t5_travel_hero_bg_1_1920x1280"), ["travel", "hero", "bg"])
        XCTAssertEqual(FilenameTokenizer.tokens(ofBaseName: "HTMLEmailBanner v2 final"), ["html", "email", "banner", "final"])
        XCTAssertEqual(FilenameTokenizer.tokens(ofBaseName: "hero2 Hero 2024"), ["hero"])
        XCTAssertEqual(FilenameTokenizer.tokens(ofBaseName: "sale-300dpi-640px"), ["sale"])
        XCTAssertEqual(FilenameTokenizer.tokens(ofBaseName: "12345"), [])
        XCTAssertEqual(FilenameTokenizer.tokens(of: URL(fileURLWithPath: "/x/Été_plage.jpg")), ["été", "plage"])
    }

    func testSidecarParsing() throws {
        let dir = try TestImages.makeDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let image = dir.appendingPathComponent("banner-1.png")
        XCTAssertNil(try Sidecar.load(besides: image))
        let json =
            #"{"title": "Summer", "alt_text": "A beach", "campaign": "Summer 24", "tags": ["travel", "tone:playful"], "facets": {"theme": ["summer", "beach"], "season": "summer"}, "extra": 1}"#
        try Data(json.utf8).write(to: dir.appendingPathComponent("banner-1.json"))
        let sidecar = try XCTUnwrap(try Sidecar.load(besides: image))
        XCTAssertEqual(sidecar.title, "Summer")
        XCTAssertEqual(sidecar.altText, "A beach")
        XCTAssertEqual(sidecar.campaign, "Summer 24")
        XCTAssertEqual(sidecar.tags, ["travel", "tone:playful"])
        XCTAssertEqual(sidecar.facets.map(\.facet), ["season", "theme"])
        XCTAssertEqual(sidecar.facets.map(\.values), [["summer"], ["summer", "beach"]])
        XCTAssertEqual(sidecar.rawText, json)

        try Data([0xEF, 0xBB, 0xBF] + Array(#"{"tags": ["bom"]}"#.utf8)).write(to: dir.appendingPathComponent("banner-1.json"))
        XCTAssertEqual(try Sidecar.load(besides: image)?.tags, ["bom"])
    }

    func testMalformedSidecarNamesTheSidecar() throws {
        let dir = try TestImages.makeDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let image = dir.appendingPathComponent("hero.png")
        let cases = [
            (#"{"tags": ["a", 3]}"#, "tags[1]: expected a string"),
            (#"{"tags": "#, "not valid JSON"),
            (#"{"facets": {"theme": 5}}"#, "facets.theme"),
            (#"["a"]"#, "top level"),
        ]
        for (json, expected) in cases {
            try Data(json.utf8).write(to: dir.appendingPathComponent("hero.json"))
            XCTAssertThrowsError(try Sidecar.load(besides: image), json) { error in
                guard let error = error as? AnalyserError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.kind, .invalidSidecar)
                XCTAssertTrue(error.description.hasPrefix("hero.json: malformed sidecar JSON for hero.png"), error.description)
                XCTAssertTrue(error.description.contains(expected), "\(error.description) should mention \(expected)")
            }
        }
    }

    func testFacetPrefixes() {
        XCTAssertTrue(TagBuilder.splitFacet("tone:playful") == ("tone", "playful"))
        XCTAssertTrue(TagBuilder.splitFacet("Theme: Summer ") == ("theme", "Summer"))
        XCTAssertTrue(TagBuilder.splitFacet("Note: 50% off") == ("note", "50% off"))
        XCTAssertTrue(TagBuilder.splitFacet("50%: off") == (nil, "50%: off"))
        XCTAssertTrue(TagBuilder.splitFacet("summer") == (nil, "summer"))
        XCTAssertTrue(TagBuilder.splitFacet("tone:") == (nil, "tone:"))
    }
}
