import Foundation

extension Theme {
    /// The last resort when no theme file can be read: terminal colours, with reverse video for
    /// selections and bold for what must stand out, so the console stays usable.
    public static let plain: Theme = {
        var roles: [Role: RoleDefinition] = [:]
        for role in Role.standard { roles[role] = RoleDefinition(file: "built-in", line: 0) }
        for role: Role in [.listSelectedFocused, .statusBar, .inputCursor, .scoreBar, .notice] {
            roles[role]?.attributes = .reverse
        }
        for role: Role in [.paneBorderFocused, .paneTitleFocused, .error, .warning, .statusKey, .helpKey, .tableHeader] {
            roles[role]?.attributes = .bold
        }
        roles[.listSelectedBlurred]?.attributes = .underline
        roles[.dim]?.attributes = .dim
        return Theme(name: "plain", roles: roles)
    }()
}
