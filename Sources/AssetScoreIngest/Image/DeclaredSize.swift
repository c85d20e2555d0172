import Foundation

/// The pixel dimensions a file declares in its own headers, read without any decoder.
///
/// libvips reports a GIF's logical screen as the image size, but a frame may declare a far
/// larger rectangle (Pillow's decompression-bomb GIF is a 32x32 screen with a 65535x1321 frame
/// placed 65280 rows down); a decoder that honours the frame allocates for it. Reading the declarations ourselves lets
/// the pixel limit refuse such files before any decoder runs.
struct DeclaredSize: Sendable, Hashable {
    var width: Int
    var height: Int

    /// Saturates instead of trapping: a corrupt header may declare 2^32 x 2^32.
    var pixels: Int {
        let (product, overflow) = width.multipliedReportingOverflow(by: height)
        return overflow ? Int.max : product
    }

    /// The largest rectangle the file's headers declare, when the type's layout is simple enough
    /// to read here (PNG, GIF); nil for other types or when the headers are cut short.
    static func largest(in head: [UInt8], type: ImageType) -> DeclaredSize? {
        switch type {
        case .png: png(head)
        case .gif: gif(head)
        default: nil
        }
    }

    /// PNG: the IHDR chunk must come first; width and height are big-endian 32-bit.
    private static func png(_ b: [UInt8]) -> DeclaredSize? {
        guard b.count >= 24, Array(b[12..<16]) == Array("IHDR".utf8) else { return nil }
        let w = Int(b[16]) << 24 | Int(b[17]) << 16 | Int(b[18]) << 8 | Int(b[19])
        let h = Int(b[20]) << 24 | Int(b[21]) << 16 | Int(b[22]) << 8 | Int(b[23])
        return DeclaredSize(width: w, height: h)
    }

    /// GIF: the logical screen, and the far corner of every frame found before the bytes run out.
    private static func gif(_ b: [UInt8]) -> DeclaredSize? {
        guard b.count >= 13 else { return nil }
        func le16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        var largest = DeclaredSize(width: le16(6), height: le16(8))
        var i = 13
        if b[10] & 0x80 != 0 { i += 3 << (Int(b[10] & 0x07) + 1) }
        // Walk extensions and frames; stop at the trailer or at the end of what was read.
        while i < b.count {
            switch b[i] {
            case 0x21:  // extension: label, then data sub-blocks ending with a zero-length block
                i += 2
                guard skipSubBlocks(b, &i) else { return largest }
            case 0x2C:  // image descriptor
                guard i + 10 <= b.count else { return largest }
                // A frame placed at (left, top) needs the canvas to reach its far corner.
                let frame = DeclaredSize(width: le16(i + 1) + le16(i + 5), height: le16(i + 3) + le16(i + 7))
                if frame.pixels > largest.pixels { largest = frame }
                let packed = b[i + 9]
                i += 10
                if packed & 0x80 != 0 { i += 3 << (Int(packed & 0x07) + 1) }
                i += 1  // LZW minimum code size
                guard skipSubBlocks(b, &i) else { return largest }
            default:  // 0x3B trailer or garbage: nothing more to learn
                return largest
            }
        }
        return largest
    }

    private static func skipSubBlocks(_ b: [UInt8], _ i: inout Int) -> Bool {
        while i < b.count {
            let length = Int(b[i])
            i += 1 + length
            if length == 0 { return true }
        }
        return false
    }
}
