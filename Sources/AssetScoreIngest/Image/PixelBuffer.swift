import Foundation

/// Interleaved 8-bit pixels: 1 band (grey), 3 (sRGB) or 4 (sRGB + alpha).
///
/// The analyser does its statistics in Swift on small thumbnails, so a plain byte array is
/// all it needs; it never holds a full-size decode.
struct PixelBuffer: Sendable, Hashable {
    var width: Int
    var height: Int
    var bands: Int
    var bytes: [UInt8]

    init(width: Int, height: Int, bands: Int, bytes: [UInt8]) {
        precondition(bytes.count == width * height * bands, "pixel buffer size does not match its dimensions")
        self.width = width
        self.height = height
        self.bands = bands
        self.bytes = bytes
    }

    var pixelCount: Int { width * height }
    var hasAlpha: Bool { bands == 4 || bands == 2 }
}
