import Foundation

/// One `role` line of a theme: the colours and attributes it gives, and where it was written.
///
/// A colour the line leaves out comes from the parent role (`tag.unmapped` from `tag`, then
/// `normal`); attributes are never inherited, so a bold parent does not make every child bold.
public struct RoleDefinition: Hashable, Sendable {
    public var foreground: ColorRef?
    public var background: ColorRef?
    public var attributes: TextAttributes
    /// File and line it came from, for error messages.
    public var file: String
    public var line: Int

    public init(
        foreground: ColorRef? = nil, background: ColorRef? = nil, attributes: TextAttributes = [],
        file: String = "", line: Int = 0
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.file = file
        self.line = line
    }
}
