import Foundation

/// A foreground and background as ncurses colour numbers (-1 is the terminal default): the key
/// under which one colour pair is allocated and reused.
struct ColorPairKey: Hashable {
    var foreground: Int32
    var background: Int32
}
