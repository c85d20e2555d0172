import Foundation

/// Keywords, title and description written into the file by whoever made or filed it.
///
/// Damaged metadata never fails an asset (the pixels are what matter); it becomes a note.
struct EmbeddedMetadata: Sendable, Hashable {
    struct Keyword: Sendable, Hashable {
        var text: String
        /// "XMP" or "IPTC", for the tag's evidence.
        var origin: String
    }

    var keywords: [Keyword] = []
    var title: String?
    var description: String?
    var notes: [String] = []

    init() {}

    /// Reads the libvips header fields "xmp-data", "iptc-data" and "exif-ifd0-ImageDescription".
    init(header: VipsImageHandle) {
        self.init(
            xmp: header.blob("xmp-data"), iptc: header.blob("iptc-data"),
            exifDescription: header.string("exif-ifd0-ImageDescription"))
    }

    init(xmp: [UInt8]?, iptc: [UInt8]?, exifDescription: String?) {
        var seen = Set<String>()
        func add(_ text: String, _ origin: String) {
            let key = text.lowercased()
            if seen.insert(key).inserted { keywords.append(Keyword(text: text, origin: origin)) }
        }
        if let xmp, !xmp.isEmpty {
            do {
                let packet = try XMPPacket.parse(xmp)
                packet.subjects.forEach { add($0, "XMP") }
                title = packet.title
                description = packet.description
            } catch {
                notes.append("XMP packet unreadable (\(error)); its keywords were skipped")
            }
        }
        if let iptc, !iptc.isEmpty {
            let records = IPTCRecords.parse(iptc)
            records.keywords.forEach { add($0, "IPTC") }
            title = title ?? records.objectName
            description = description ?? records.caption
        }
        if description == nil, let exif = exifDescription {
            description = Self.exifValue(exif)
        }
    }

    /// libvips renders EXIF strings as "value (formatted, Type, N components, M bytes)"; for an
    /// ASCII field both parts are the text itself. Camera makers' boilerplate is dropped.
    static func exifValue(_ rendered: String) -> String? {
        var value = rendered
        if let suffix = value.range(of: #", [A-Za-z]+, \d+ components?, \d+ bytes?\)$"#, options: .regularExpression) {
            let inner = String(value[..<suffix.lowerBound])
            // inner is "V (V": recover V from the doubled form, else take what precedes " (".
            let count = inner.count
            if count >= 2, (count - 2) % 2 == 0 {
                let half = (count - 2) / 2
                let first = String(inner.prefix(half))
                if inner == first + " (" + first {
                    value = first
                } else if let open = inner.range(of: " (") {
                    value = String(inner[..<open.lowerBound])
                }
            } else if let open = inner.range(of: " (") {
                value = String(inner[..<open.lowerBound])
            }
        }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
        let boilerplate: Set<String> = ["olympus digital camera", "sony dsc", "default", "image", "untitled", "exif_jpeg_picture"]
        guard !trimmed.isEmpty, !boilerplate.contains(trimmed.lowercased()) else { return nil }
        return trimmed
    }
}
