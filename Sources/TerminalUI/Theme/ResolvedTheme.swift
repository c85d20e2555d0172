import Foundation

/// A theme ready for a backend: every role's 24-bit style, and its look at any colour depth.
///
/// Resolving once up front means a missing palette name or role is found when the theme loads,
/// not in the middle of drawing.
public struct ResolvedTheme: Equatable, Sendable {
    public let theme: Theme
    private let standard: [Role: Style]
    /// False for a theme that sets no colour on any standard role (`monochrome`, chosen for
    /// NO_COLOR): backends then draw pictures as symbols only, without their colours.
    public let usesColor: Bool

    public init(_ theme: Theme) {
        self.theme = theme
        var styles: [Role: Style] = [:]
        for role in Role.standard { styles[role] = theme.style(for: role) }
        self.standard = styles
        self.usesColor = styles.values.contains { $0.foreground != nil || $0.background != nil }
    }

    public var name: String { theme.name }

    /// The 24-bit style of `role` (falling back through its parents to `normal`).
    public func style(for role: Role) -> Style { standard[role] ?? theme.style(for: role) }

    /// The style of `role` degraded for a terminal of `depth`.
    public func terminalStyle(for role: Role, depth: ColorDepth) -> TerminalStyle {
        ColorDegradation.degrade(style(for: role), to: depth)
    }
}
