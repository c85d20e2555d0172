import Foundation

/// A role's look in 24-bit colour: nil colours mean the terminal's own default.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    public var foreground: RGB?
    public var background: RGB?
    public var attributes: TextAttributes

    public init(foreground: RGB? = nil, background: RGB? = nil, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public var description: String {
        "fg=\(foreground?.description ?? "default") bg=\(background?.description ?? "default") \(attributes)"
    }
}
