import Foundation

/// IPTC IIM datasets that matter for tagging: keywords (2:25), object name (2:05) and
/// caption (2:120).
///
/// libvips hands JPEG's APP13 segment over as "iptc-data": a Photoshop "8BIM" resource list
/// whose resource 0x0404 holds the IIM records. Each record is 0x1C, record number, dataset
/// number, a big-endian length (extended lengths set the top bit and give the byte count of
/// the real length), then the value.
struct IPTCRecords: Sendable, Hashable {
    var keywords: [String] = []
    var objectName: String?
    var caption: String?

    static func parse(_ bytes: [UInt8]) -> IPTCRecords {
        let photoshop = Array("Photoshop 3.0".utf8) + [0]
        if bytes.starts(with: photoshop) {
            var result = IPTCRecords()
            for block in iimBlocks(inPhotoshopResources: bytes, from: photoshop.count) {
                let part = parseIIM(block)
                result.keywords += part.keywords
                result.objectName = result.objectName ?? part.objectName
                result.caption = result.caption ?? part.caption
            }
            return result
        }
        return parseIIM(bytes[...])
    }

    /// The data of every 0x0404 (IPTC-NAA) resource in a Photoshop image-resource list.
    private static func iimBlocks(inPhotoshopResources b: [UInt8], from start: Int) -> [ArraySlice<UInt8>] {
        var blocks: [ArraySlice<UInt8>] = []
        var i = start
        let signature = Array("8BIM".utf8)
        while i + 12 <= b.count, Array(b[i..<i + 4]) == signature {
            let id = Int(b[i + 4]) << 8 | Int(b[i + 5])
            var j = i + 6
            let nameLength = Int(b[j])
            j += 1 + nameLength
            if (1 + nameLength) % 2 == 1 { j += 1 }  // the Pascal name is padded to an even size
            guard j + 4 <= b.count else { break }
            let size = Int(b[j]) << 24 | Int(b[j + 1]) << 16 | Int(b[j + 2]) << 8 | Int(b[j + 3])
            j += 4
            guard size >= 0, j + size <= b.count else { break }
            if id == 0x0404 { blocks.append(b[j..<j + size]) }
            i = j + size + (size % 2)
        }
        return blocks
    }

    private static func parseIIM(_ b: ArraySlice<UInt8>) -> IPTCRecords {
        var result = IPTCRecords()
        var i = b.startIndex
        while i + 5 <= b.endIndex {
            guard b[i] == 0x1C else {
                i += 1  // tolerate padding between records
                continue
            }
            let record = b[i + 1]
            let dataset = b[i + 2]
            var length = Int(b[i + 3]) << 8 | Int(b[i + 4])
            i += 5
            if length & 0x8000 != 0 {
                let count = length & 0x7FFF
                guard count <= 4, i + count <= b.endIndex else { break }
                length = 0
                for k in 0..<count { length = length << 8 | Int(b[i + k]) }
                i += count
            }
            guard i + length <= b.endIndex else { break }
            let value = Array(b[i..<i + length])
            i += length
            switch (record, dataset) {
            case (2, 25):
                if let text = decode(value) { result.keywords.append(text) }
            case (2, 5):
                result.objectName = decode(value)
            case (2, 120):
                result.caption = decode(value)
            default:
                break
            }
        }
        return result
    }

    /// UTF-8 when the bytes are valid UTF-8, else ISO 8859-1 (the IIM default most old writers
    /// use); the 1:90 character-set record is not needed to tell them apart.
    private static func decode(_ value: [UInt8]) -> String? {
        let decoded = String(validating: value, as: UTF8.self) ?? String(String.UnicodeScalarView(value.map { Unicode.Scalar($0) }))
        let trimmed = decoded.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
        return trimmed.isEmpty ? nil : trimmed
    }
}
