import CNcursesw
import Foundation
import TerminalUI

extension CursesTerminal {
    /// Shows `buffer` on the terminal, each cell's role looked up in `theme` at this terminal's
    /// colour depth. Only rows that changed since the last call are sent to ncurses (which then
    /// sends only the changed cells to the terminal). `cursor` shows the hardware cursor there
    /// (a text field); nil hides it.
    public func present(_ buffer: ScreenBuffer, theme: ResolvedTheme, cursor: (x: Int, y: Int)? = nil) {
        guard isOpen else { return }
        let (width, height) = size
        if let last = lastPresented, last.width != buffer.width || last.height != buffer.height { invalidate() }
        var styles: [Role: (attr_t, Int16)] = [:]
        var pictureStyles: [PictureColors: (attr_t, Int16)] = [:]
        let pictureColors = theme.usesColor && colorDepth != .monochrome
        let graphics = pixelGraphics(in: buffer)
        if graphics != lastGraphics { forgetPixelGraphics() }
        for y in 0..<min(height, buffer.height) {
            if let last = lastPresented, last.row(y) == buffer.row(y) { continue }
            var x = 0
            for cell in buffer.row(y) {
                defer { x += 1 }
                guard x < width, !cell.isContinuation else { continue }
                let style: (attr_t, Int16)
                if pictureColors, let picture = cell.picture, let known = pictureStyles[picture] ?? pictureStyle(picture) {
                    pictureStyles[picture] = known
                    style = known
                } else if let known = styles[cell.role] {
                    style = known
                } else {
                    style = cursesStyle(theme.terminalStyle(for: cell.role, depth: colorDepth))
                    styles[cell.role] = style
                }
                draw(cell, x: x, y: y, attributes: style.0, pair: style.1, room: width - x)
            }
        }
        lastPresented = buffer
        if let cursor, cursor.x >= 0, cursor.x < width, cursor.y >= 0, cursor.y < height {
            _ = curs_set(1)
            _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            _ = curs_set(0)
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
        if graphics != lastGraphics { drawPixelGraphics(graphics) }
    }

    /// Draws one cell. ncurses measures width with the C library's wcwidth, which may disagree
    /// with ours (newer emoji, emoji with a variation selector): then the cell is drawn so that
    /// ncurses and the terminal still advance exactly `cell.width` columns, never shifting the row.
    private func draw(_ cell: Cell, x: Int, y: Int, attributes: attr_t, pair: Int16, room: Int) {
        var scalars = Array(cell.character.unicodeScalars)
        let base = scalars.removeFirst()
        let baseWidth = Int(wcwidth(wchar_t(bitPattern: base.value)))
        var text: [wchar_t] = []
        var padding = 0
        if baseWidth == cell.width && cell.width <= room {
            text.append(wchar_t(bitPattern: base.value))
            // Combining marks and selectors ride along, up to what a cchar_t holds. A joined emoji
            // sequence stops at the joiner: ncurses cannot put two wide characters in one cell,
            // so the family emoji shows as its first person.
            for scalar in scalars {
                guard text.count < 5, scalar.value != 0x200D, wcwidth(wchar_t(bitPattern: scalar.value)) == 0 else { break }
                text.append(wchar_t(bitPattern: scalar.value))
            }
        } else if baseWidth == 1 {
            text.append(wchar_t(bitPattern: base.value))
            padding = min(cell.width, room) - 1
        } else {
            text.append(wchar_t(bitPattern: 0xFFFD))
            padding = min(cell.width, room) - 1
        }
        text.append(0)
        var cc = cchar_t()
        _ = text.withUnsafeBufferPointer { setcchar(&cc, $0.baseAddress, attributes, pair, nil) }
        // At the bottom-right cell ncurses returns ERR (the cursor cannot advance) but draws it.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cc)
        if padding > 0 {
            var space = cchar_t()
            let blank: [wchar_t] = [0x20, 0]
            _ = blank.withUnsafeBufferPointer { setcchar(&space, $0.baseAddress, attributes, pair, nil) }
            _ = mvwadd_wch(window, Int32(y), Int32(x + 1), &space)
        }
    }

    /// ncurses attributes and a colour pair for a degraded style, allocating pairs as needed.
    private func cursesStyle(_ style: TerminalStyle) -> (attr_t, Int16) {
        var attributes = assetscore_wa_normal()
        if style.attributes.contains(.bold) { attributes |= assetscore_wa_bold() }
        if style.attributes.contains(.underline) { attributes |= assetscore_wa_underline() }
        if style.attributes.contains(.reverse) { attributes |= assetscore_wa_reverse() }
        if style.attributes.contains(.dim) { attributes |= assetscore_wa_dim() }
        guard colorDepth != .monochrome else { return (attributes, 0) }
        let key = ColorPairKey(
            foreground: colorNumber(style.foreground, isForeground: true), background: colorNumber(style.background, isForeground: false))
        if key.foreground == -1 && key.background == -1 { return (attributes, 0) }
        if let pair = pairs[key] { return (attributes, pair) }
        return (attributes, allocatePair(key) ?? 0)
    }

    /// A new colour pair for `key`; nil when the terminal (or a short) holds no more.
    func allocatePair(_ key: ColorPairKey) -> Int16? {
        let next = pairs.count + 1
        guard next < Int(assetscore_color_pairs()), next <= Int(Int16.max),
            init_extended_pair(Int32(next), key.foreground, key.background) == OK
        else { return nil }
        pairs[key] = Int16(next)
        return Int16(next)
    }

    /// The ncurses colour number: -1 for the terminal default (white on black where the terminal
    /// cannot keep its own default), the index, or the 24-bit value on a direct-colour terminal.
    func colorNumber(_ color: TerminalColor, isForeground: Bool) -> Int32 {
        switch color {
        case .terminalDefault: return defaultColors ? -1 : (isForeground ? 7 : 0)
        case .index(let i): return Int32(i)
        case .rgb(let c): return Int32(c.r) << 16 | Int32(c.g) << 8 | Int32(c.b)
        }
    }
}
