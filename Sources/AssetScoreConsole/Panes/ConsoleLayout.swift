import TerminalUI

/// Where the panes go: the focused pane alone, or beside its companion on a wide terminal.
struct ConsoleLayout {
    static let minimumWidth = 60
    static let minimumHeight = 15
    /// From this width on, two panes show side by side.
    static let wideWidth = 140

    let width: Int
    let height: Int
    let focus: PaneID

    var fits: Bool { TooSmallNotice.fits(width: width, height: height, minimumWidth: Self.minimumWidth, minimumHeight: Self.minimumHeight) }
    var headerRow: Int { 0 }
    var statusRow: Int { height - 1 }
    private var body: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }

    var panes: [(PaneID, Rect)] {
        guard width >= Self.wideWidth else { return [(focus, body)] }
        let left = body.width * 11 / 20
        return [
            (focus, Rect(x: 0, y: body.y, width: left, height: body.height)),
            (focus.companion, Rect(x: left, y: body.y, width: body.width - left, height: body.height)),
        ]
    }

    /// Rows above the first list row inside a pane (its border and table header).
    func listTop(for pane: PaneID) -> Int { 2 }
}
