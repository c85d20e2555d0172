import CNcursesw
import Foundation
import TerminalUI

/// Previews in real pixels (sixel or kitty) drawn over the picture cells ncurses has put down.
///
/// ncurses knows nothing of the pixels: it keeps the symbol cells underneath, and the pixels are
/// written straight after its update, with the cursor saved and restored around them so ncurses'
/// idea of where the cursor is stays true. Pixels are written only when the set of placements
/// changes (or after a full redraw), since a kitty image costs hundreds of kilobytes.
extension CursesTerminal {
    /// The placements to draw in pixels: none in symbol mode or without an encoder.
    func pixelGraphics(in buffer: ScreenBuffer) -> [GraphicPlacement] {
        guard graphicsMode != .symbols, graphicEncoder != nil else { return [] }
        let (width, height) = size
        // The last row is never covered: a sixel image reaching it would scroll the screen.
        return buffer.visibleGraphics.filter { $0.rect.maxX <= width && $0.rect.maxY < height }
    }

    /// Takes the old pixels away before ncurses draws: a sixel image is just pixels on screen, so
    /// the rows it covered are marked for a full repaint; kitty images live on their own layer
    /// and are deleted by protocol.
    func forgetPixelGraphics() {
        switch graphicsMode {
        case .symbols: break
        case .sixel:
            for placement in lastGraphics { _ = wredrawln(window, Int32(placement.rect.y), Int32(placement.rect.height)) }
        case .kitty:
            if !lastGraphics.isEmpty { write(Array(Self.kittyDeleteAll.utf8)) }
        }
        lastGraphics = []
    }

    /// Draws `graphics` after ncurses' update; a placement whose image cannot be encoded keeps its
    /// symbol cells.
    func drawPixelGraphics(_ graphics: [GraphicPlacement]) {
        guard let encoder = graphicEncoder else { return }
        let cell = cellPixelSize()
        var output: [UInt8] = []
        for placement in graphics {
            guard let payload = encoder(placement.source, placement.rect.width, placement.rect.height, graphicsMode, cell) else { continue }
            output += Array("\u{1B}7\u{1B}[\(placement.rect.y + 1);\(placement.rect.x + 1)H".utf8)
            output += payload
            output += Array("\u{1B}8".utf8)
        }
        if !output.isEmpty { write(output) }
        lastGraphics = graphics
    }

    /// Removes every kitty image this program placed (at exit; sixel pixels go with the screen).
    func clearPixelGraphics() {
        if graphicsMode == .kitty && !lastGraphics.isEmpty { write(Array(Self.kittyDeleteAll.utf8)) }
        lastGraphics = []
    }

    /// kitty: delete all placements and free their image data.
    static let kittyDeleteAll = "\u{1B}_Ga=d,d=A\u{1B}\\"

    /// One cell's size in pixels, from the terminal; 10x20 when it does not report pixels.
    func cellPixelSize() -> (width: Int, height: Int) {
        var xpixel: Int32 = 0
        var ypixel: Int32 = 0
        var cols: Int32 = 0
        var rows: Int32 = 0
        guard assetscore_window_pixels(1, &xpixel, &ypixel, &cols, &rows) == 0, xpixel > 0, ypixel > 0, cols > 0, rows > 0 else {
            return (10, 20)
        }
        return (Int(xpixel / cols), Int(ypixel / rows))
    }

    /// Writes through ncurses' own output stream, after flushing it, so the bytes land in order.
    private func write(_ bytes: [UInt8]) {
        let stream = assetscore_stdout()
        fflush(stream)
        bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, stream) }
        fflush(stream)
    }
}
