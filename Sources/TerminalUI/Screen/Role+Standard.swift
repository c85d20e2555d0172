import Foundation

/// The role set every shipped theme defines; panes use these names and may add more specific ones.
extension Role {
    public static let normal: Role = "normal"
    public static let dim: Role = "dim"
    public static let error: Role = "error"
    public static let warning: Role = "warning"
    public static let success: Role = "success"
    public static let input: Role = "input"
    public static let inputCursor: Role = "input.cursor"
    public static let inputPlaceholder: Role = "input.placeholder"

    public static let listNormal: Role = "list.normal"
    public static let listSelectedFocused: Role = "list.selected.focused"
    public static let listSelectedBlurred: Role = "list.selected.blurred"

    public static let tableHeader: Role = "table.header"

    public static let paneBorderFocused: Role = "pane.border.focused"
    public static let paneBorderBlurred: Role = "pane.border.blurred"
    public static let paneTitle: Role = "pane.title"
    public static let paneTitleFocused: Role = "pane.title.focused"
    public static let paneTitleBlurred: Role = "pane.title.blurred"

    public static let statusBar: Role = "status.bar"
    public static let statusKey: Role = "status.key"
    public static let statusMessage: Role = "status.message"

    public static let tagMapped: Role = "tag.mapped"
    public static let tagUnmapped: Role = "tag.unmapped"
    public static let tagRejected: Role = "tag.rejected"

    public static let scoreBar: Role = "score.bar"
    public static let scoreWinner: Role = "score.winner"

    public static let helpOverlay: Role = "help.overlay"
    public static let helpTitle: Role = "help.title"
    public static let helpGroup: Role = "help.group"
    public static let helpKey: Role = "help.key"
    public static let helpDestructive: Role = "help.destructive"

    public static let notice: Role = "notice"

    /// Every role above, in a stable order: the set each shipped theme must resolve.
    public static let standard: [Role] = [
        .normal, .dim, .error, .warning, .success, .input, .inputCursor, .inputPlaceholder,
        .listNormal, .listSelectedFocused, .listSelectedBlurred, .tableHeader,
        .paneBorderFocused, .paneBorderBlurred, .paneTitle, .paneTitleFocused, .paneTitleBlurred,
        .statusBar, .statusKey, .statusMessage,
        .tagMapped, .tagUnmapped, .tagRejected, .scoreBar, .scoreWinner,
        .helpOverlay, .helpTitle, .helpGroup, .helpKey, .helpDestructive, .notice,
    ]
}
