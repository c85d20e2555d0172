import Foundation

/// A named palette and the style of each role, as read from a `.theme` file.
///
/// Roles refer to palette names, and names are looked up only when the theme is resolved, so a user
/// file that changes one palette colour changes every role using it and nothing else.
public struct Theme: Equatable, Sendable {
    public var name: String
    /// Palette name -> colour, with the file and line that defined it.
    public internal(set) var palette: [String: RGB]
    public internal(set) var roles: [Role: RoleDefinition]

    public init(name: String, palette: [String: RGB] = [:], roles: [Role: RoleDefinition] = [:]) {
        self.name = name
        self.palette = palette
        self.roles = roles
    }

    /// The role whose definition applies to `role`: itself or the nearest defined ancestor.
    public func definingRole(for role: Role) -> Role? {
        var current: Role? = role
        while let r = current {
            if roles[r] != nil { return r }
            current = r.parent
        }
        return nil
    }

    /// The colours and attributes `role` gets, palette names looked up.
    public func style(for role: Role) -> Style {
        var chain: [RoleDefinition] = []
        var current: Role? = role
        while let r = current {
            if let definition = roles[r] { chain.append(definition) }
            current = r.parent
        }
        var style = Style()
        style.attributes = chain.first?.attributes ?? []
        style.foreground = chain.lazy.compactMap(\.foreground).first.flatMap(lookUp)
        style.background = chain.lazy.compactMap(\.background).first.flatMap(lookUp)
        return style
    }

    private func lookUp(_ ref: ColorRef) -> RGB? {
        switch ref {
        case .named(let name): return palette[name]
        case .rgb(let rgb): return rgb
        case .terminalDefault: return nil
        }
    }
}
