import CNcursesw
import Foundation
import TerminalUI

extension CursesTerminal {
    /// At most this many colour pairs go to pictures (ncurses pairs are a fixed table shared
    /// with the roles' styles).
    static let picturePairBudget = 2048

    /// The terminal colours of a picture cell: quantised to the xterm 256-colour cube and grey
    /// ramp (on direct-colour terminals, the RGB that cube entry stands for), so one picture
    /// needs at most a few hundred pairs however many colours it has.
    func pictureColor(_ c: RGB) -> TerminalColor {
        switch colorDepth {
        case .monochrome: return .terminalDefault
        case .ansi8: return .index(ColorDegradation.index8(c))
        case .indexed256: return .index(ColorDegradation.index256(c))
        case .trueColor: return .rgb(ColorDegradation.rgb(ofIndex: ColorDegradation.index256(c)) ?? c)
        }
    }

    /// Attributes and a colour pair for a picture cell; nil when the picture budget or the
    /// terminal's pairs are used up, and the caller falls back to the cell's role.
    func pictureStyle(_ picture: PictureColors) -> (attr_t, Int16)? {
        let key = ColorPairKey(
            foreground: colorNumber(pictureColor(picture.foreground), isForeground: true),
            background: colorNumber(pictureColor(picture.background), isForeground: false))
        if let pair = pairs[key] { return (assetscore_wa_normal(), pair) }
        guard picturePairs < Self.picturePairBudget, let pair = allocatePair(key) else { return nil }
        picturePairs += 1
        return (assetscore_wa_normal(), pair)
    }
}
