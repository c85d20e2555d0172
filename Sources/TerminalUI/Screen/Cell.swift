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

    public init(_ character: Character = " ", role: Role = .normal) {
        self.character = character
        self.role = role
        self.width = max(1, min(2, DisplayWidth.of(character)))
    }

    init(character: Character, role: Role, width: Int) {
        self.character = character
        self.role = role
        self.width = width
    }

    public static func blank(_ role: Role = .normal) -> Cell { Cell(character: " ", role: role, width: 1) }

    static func continuation(_ role: Role) -> Cell { Cell(character: " ", role: role, width: 0) }

    public var isContinuation: Bool { width == 0 }
}
