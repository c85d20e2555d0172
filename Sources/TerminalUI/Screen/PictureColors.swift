import Foundation

/// The colours of one picture cell: what an image preview asks for, independent of any theme.
///
/// Pictures are the one thing on screen whose colours are data rather than meaning, so they ride
/// on the cell instead of going through a `Role`; the backend still degrades them to the depth
/// the terminal has.
public struct PictureColors: Hashable, Sendable {
    public var foreground: RGB
    public var background: RGB

    public init(foreground: RGB, background: RGB) {
        self.foreground = foreground
        self.background = background
    }
}
