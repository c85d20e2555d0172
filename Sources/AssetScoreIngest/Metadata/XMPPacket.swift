import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The Dublin Core fields of an XMP packet that describe a creative.
///
/// XMP is RDF/XML: keywords are `dc:subject/rdf:Bag/rdf:li`, title and description are
/// language alternatives `dc:title/rdf:Alt/rdf:li[@xml:lang]` of which "x-default" wins.
struct XMPPacket: Sendable, Hashable {
    var subjects: [String] = []
    var title: String?
    var description: String?

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses the packet bytes (libvips's "xmp-data" blob).
    static func parse(_ bytes: [UInt8]) throws -> XMPPacket {
        // Packets are often NUL-terminated or padded; XMLParser rejects trailing NULs.
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0 { end -= 1 }
        let parser = XMLParser(data: Data(bytes[0..<end]))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let collector = XMPCollector()
        parser.delegate = collector
        // FoundationXML on Linux may return true yet set parserError, and accepts unclosed
        // elements at the end of input, so all three are checked.
        let finished = parser.parse()
        if let error = parser.parserError as NSError? {
            throw ParseError(description: "XML error \(error.code) near line \(parser.lineNumber)")
        }
        guard finished else { throw ParseError(description: "XML parsing stopped near line \(parser.lineNumber)") }
        guard collector.isBalanced else { throw ParseError(description: "packet ends inside an element") }
        return collector.packet
    }
}

/// XMLParser delegate that follows the element path to the dc:subject, dc:title and
/// dc:description values.
private final class XMPCollector: NSObject, XMLParserDelegate {
    private static let dc = "http://purl.org/dc/elements/1.1/"
    private static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    var packet = XMPPacket()
    private var path: [(namespace: String, name: String)] = []
    private var text = ""
    private var currentLanguage: String?
    private var titles: [(language: String?, text: String)] = []
    private var descriptions: [(language: String?, text: String)] = []
    private var subjectText = ""
    private var subjectHadItems = false

    var isBalanced: Bool { path.isEmpty }

    /// The dc property the parser is currently inside, if any.
    private var dcProperty: String? {
        path.last(where: { $0.namespace == Self.dc }).map(\.name)
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        path.append((namespaceURI ?? "", elementName))
        text = ""
        if namespaceURI == Self.dc && elementName == "subject" {
            subjectText = ""
            subjectHadItems = false
        }
        if namespaceURI == Self.rdf && elementName == "li" {
            currentLanguage = attributes["xml:lang"] ?? attributes["lang"]
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
        if dcProperty == "subject" { subjectText += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if namespaceURI == Self.rdf && elementName == "li", let property = dcProperty, !value.isEmpty {
            switch property {
            case "subject":
                packet.subjects.append(value)
                subjectHadItems = true
            case "title": titles.append((currentLanguage, value))
            case "description": descriptions.append((currentLanguage, value))
            default: break
            }
        }
        if namespaceURI == Self.dc && elementName == "subject" && !subjectHadItems {
            // Some writers put a plain comma-separated string where the bag belongs.
            let loose = subjectText.split(whereSeparator: { $0 == "," || $0 == ";" })
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            packet.subjects.append(contentsOf: loose)
        }
        if namespaceURI == Self.dc && (elementName == "title" || elementName == "description") && !value.isEmpty {
            // A plain-text title without rdf:Alt.
            let hasItems = elementName == "title" ? !titles.isEmpty : !descriptions.isEmpty
            if !hasItems {
                if elementName == "title" { titles.append((nil, value)) } else { descriptions.append((nil, value)) }
            }
        }
        if !path.isEmpty { path.removeLast() }
        text = ""
    }

    func parserDidEndDocument(_ parser: XMLParser) {
        packet.title = Self.pick(titles)
        packet.description = Self.pick(descriptions)
    }

    private static func pick(_ values: [(language: String?, text: String)]) -> String? {
        values.first(where: { $0.language == "x-default" })?.text ?? values.first?.text
    }
}
