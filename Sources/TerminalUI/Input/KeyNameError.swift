import Foundation

/// A key name in a key-map file that names no key.
public struct KeyNameError: Error, Equatable, Sendable, CustomStringConvertible {
    public var name: String
    public var description: String {
        "unknown key name '\(SafeName.of(name))' (use a character, or names like ctrl-r, shift-tab, enter, esc, up, pgdn, f5, space, hash)"
    }
}
