import Foundation

/// The largest pixel rectangle a PNG or GIF declares in its own headers, read without a decoder.
///
/// libvips reports a GIF's logical screen as its size, but a frame may declare a far larger
/// rectangle (Pillow's decompression-bomb GIF: a 32x32 screen with a 65535x1321 frame), which a
/// decoder would allocate for. Reading the declarations first lets the pixel limit refuse such a
/// file before any decoder runs, as the ingest loader does.
enum DeclaredCanvas {
    /// Bytes read from the start of a file: enough for the headers of every frame a preview reads.
    static let headLength = 256 * 1024

    static func largestPixels(in head: [UInt8]) -> Int? {
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return png(head) }
        if head.starts(with: Array("GIF8".utf8)) { return gif(head) }
        return nil
    }

    private static func png(_ b: [UInt8]) -> Int? {
        guard b.count >= 24, Array(b[12..<16]) == Array("IHDR".utf8) else { return nil }
        func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return be32(16).multipliedReportingOverflow(by: be32(20)).overflow ? Int.max : be32(16) * be32(20)
    }

    /// GIF: the logical screen, then each image descriptor's frame, walking extension and image
    /// data sub-blocks until the trailer or the end of what was read.
    private static func gif(_ b: [UInt8]) -> Int? {
        guard b.count >= 13 else { return nil }
        func le16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        var largest = le16(6) * le16(8)
        var i = 13
        if b[10] & 0x80 != 0 { i += 3 << (Int(b[10] & 0x07) + 1) }
        /// Skips a chain of sub-blocks starting at `i`; nil when cut short.
        func skipBlocks(_ start: Int) -> Int? {
            var j = start
            while j < b.count {
                let length = Int(b[j])
                if length == 0 { return j + 1 }
                j += length + 1
            }
            return nil
        }
        while i < b.count {
            switch b[i] {
            case 0x21:
                guard i + 2 < b.count, let next = skipBlocks(i + 2) else { return largest }
                i = next
            case 0x2C:
                guard i + 10 <= b.count else { return largest }
                // A frame reaching beyond the screen still needs its own rectangle (and offset) in memory.
                let right = le16(i + 1) + le16(i + 5)
                let bottom = le16(i + 3) + le16(i + 7)
                largest = max(largest, le16(i + 5) * le16(i + 7), right * bottom)
                var j = i + 10
                if b[i + 9] & 0x80 != 0 { j += 3 << (Int(b[i + 9] & 0x07) + 1) }
                guard j + 1 < b.count, let next = skipBlocks(j + 1) else { return largest }
                i = next
            default:
                return largest
            }
        }
        return largest
    }
}
