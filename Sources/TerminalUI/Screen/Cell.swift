import AssetScoreCore
import Foundation

/// One terminal column: a character and the role it plays.
///
/// A wide character (CJK, emoji) takes two cells: the first holds the character with `width` 2,
/// the second is a continuation cell (`width` 0) that backends skip. Keeping the continuation
/// explicit lets a later write over either half blank the other, so no half character survives.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var role: Role
    /// 1 for a normal cell, 2 for the first half of a wide character, 0 for its second half.
    public var width: Int
    /// Explicit colours for a cell of a picture (an image preview); nil for every role-styled cell.
    /// A backend draws these colours as deep as the terminal allows and falls back to `role`.
    public var picture: PictureColors?

    public init(_ character: Character = " ", role: Role = .normal) {
        self.character = character
        self.role = role
        self.width = max(1, min(2, DisplayWidth.of(character)))
    }

    init(character: Character, role: Role, width: Int, picture: PictureColors? = nil) {
        self.character = character
        self.role = role
        self.width = width
        self.picture = picture
    }

    /// One cell of a picture: a one-column symbol drawn in `foreground` on `background`. Anything
    /// that is not a single printable column (a control character, a wide symbol) becomes a space,
    /// so a picture never shifts a row or reaches the terminal as an escape.
    public init(picture character: Character, foreground: RGB, background: RGB, role: Role = .picture) {
        let printable = character.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F..<0xA0).contains($0.value) }
        let safe: Character = printable && DisplayWidth.of(character) == 1 ? character : " "
        self.init(character: safe, role: role, width: 1, picture: PictureColors(foreground: foreground, background: background))
    }

    public static func blank(_ role: Role = .normal) -> Cell { Cell(character: " ", role: role, width: 1) }

    static func continuation(_ role: Role) -> Cell { Cell(character: " ", role: role, width: 0) }

    public var isContinuation: Bool { width == 0 }
}
