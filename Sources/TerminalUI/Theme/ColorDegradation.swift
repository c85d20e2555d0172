import Foundation

/// Turns 24-bit theme colours into what a terminal can show: 256-colour index, one of the eight
/// ANSI colours, or nothing.
public enum ColorDegradation {
    /// The xterm defaults for ANSI colours 0-7 (black, red, green, yellow, blue, magenta, cyan, white).
    static let ansi: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
    ]
    /// Channel levels of the 6x6x6 cube at indexes 16-231.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value a palette index stands for (xterm defaults), for tests and nearest matches.
    public static func rgb(ofIndex index: Int) -> RGB? {
        switch index {
        case 0..<8: return ansi[index]
        case 16..<232:
            let i = index - 16
            return RGB(UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[(i / 6) % 6]), UInt8(cubeLevels[i % 6]))
        case 232..<256:
            let v = UInt8(8 + 10 * (index - 232))
            return RGB(v, v, v)
        default: return nil
        }
    }

    /// The nearest index in 16-255: the nearer of the nearest cube colour and the nearest grey.
    public static func index256(_ c: RGB) -> Int {
        func level(_ v: UInt8) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - Int(v)) < abs(cubeLevels[$1] - Int(v)) }!
        }
        let cube = 16 + 36 * level(c.r) + 6 * level(c.g) + level(c.b)
        let mean = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
        let grey = 232 + min(23, max(0, Int((Double(mean - 8) / 10).rounded())))
        let dCube = c.distance(to: rgb(ofIndex: cube)!)
        let dGrey = c.distance(to: rgb(ofIndex: grey)!)
        return dGrey < dCube ? grey : cube
    }

    /// One of the eight ANSI colours, chosen by hue rather than by distance: with only eight,
    /// the nearest colour to a pastel green or orange is white, and a mapped tag would look like
    /// plain text. Greys (and colours too dark or pale to have a hue) become black or white.
    public static func index8(_ c: RGB) -> Int {
        let r = Double(c.r)
        let g = Double(c.g)
        let b = Double(c.b)
        let high = max(r, g, b)
        let chroma = high - min(r, g, b)
        guard high > 0, chroma >= 40, chroma / high >= 0.3 else { return c.luminance > 0.18 ? 7 : 0 }
        var hue: Double
        if high == r {
            hue = 60 * ((g - b) / chroma)
        } else if high == g {
            hue = 60 * ((b - r) / chroma) + 120
        } else {
            hue = 60 * ((r - g) / chroma) + 240
        }
        if hue < 0 { hue += 360 }
        // Sectors of 60 degrees centred on red, yellow, green, cyan, blue and magenta.
        let sector = Int((hue + 30).truncatingRemainder(dividingBy: 360) / 60)
        return [1, 3, 2, 6, 4, 5][sector]
    }

    /// `style` as a terminal of `depth` can show it. When degrading makes two different colours
    /// one (dark grey text on black turns black on black), the text becomes black or white,
    /// whichever reads on the background, so nothing becomes invisible.
    public static func degrade(_ style: Style, to depth: ColorDepth) -> TerminalStyle {
        func map(_ c: RGB?) -> TerminalColor {
            guard let c else { return .terminalDefault }
            switch depth {
            case .monochrome: return .terminalDefault
            case .ansi8: return .index(index8(c))
            case .indexed256: return .index(index256(c))
            case .trueColor: return .rgb(c)
            }
        }
        var out = TerminalStyle(foreground: map(style.foreground), background: map(style.background), attributes: style.attributes)
        if out.foreground == out.background, out.foreground != .terminalDefault,
            let fg = style.foreground, let bg = style.background, fg != bg
        {
            let white = depth == .ansi8 ? 7 : 231
            let black = depth == .ansi8 ? 0 : 16
            out.foreground = .index(bg.luminance > 0.18 ? black : white)
            if out.foreground == out.background { out.foreground = .index(bg.luminance > 0.18 ? white : black) }
        }
        return out
    }
}
