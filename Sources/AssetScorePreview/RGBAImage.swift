import Foundation

/// Decoded pixels as 8-bit RGBA, opaque (alpha already flattened), row by row with no padding.
struct RGBAImage: Sendable {
    var width: Int
    var height: Int
    var bytes: [UInt8]

    /// Widens 1-4 band 8-bit pixels (grey, grey+alpha, RGB, RGBA) to opaque RGBA, compositing any
    /// transparency over `background` so a transparent logo shows on a neutral grey rather than
    /// on whatever colour chafa would guess.
    init?(width: Int, height: Int, bands: Int, pixels: [UInt8], background: UInt8 = 128) {
        guard width > 0, height > 0, (1...4).contains(bands), pixels.count == width * height * bands else { return nil }
        var out = [UInt8](repeating: 255, count: width * height * 4)
        let hasAlpha = bands == 2 || bands == 4
        let colorBands = hasAlpha ? bands - 1 : bands
        for p in 0..<(width * height) {
            let src = p * bands
            let alpha = hasAlpha ? Int(pixels[src + bands - 1]) : 255
            for c in 0..<3 {
                let value = Int(pixels[src + (colorBands == 1 ? 0 : c)])
                out[p * 4 + c] = UInt8((value * alpha + Int(background) * (255 - alpha) + 127) / 255)
            }
        }
        self.width = width
        self.height = height
        self.bytes = out
    }
}
