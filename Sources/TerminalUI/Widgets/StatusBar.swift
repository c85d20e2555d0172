import Foundation

/// The bottom line: the keys that matter in the focused pane, from the action table, and a message.
public enum StatusBar {
    /// Fills row `y` with `status.bar`, then writes "key label" pairs for the pane's actions that
    /// have a status label (pane actions first, then global ones), as many whole pairs as fit
    /// beside `message` (right-aligned, at most half the row, `status.message`).
    public static func draw(into buffer: inout ScreenBuffer, y: Int, keyMap: KeyMap, pane: String, message: String? = nil) {
        let row = Rect(x: 0, y: y, width: buffer.width, height: 1)
        buffer.fill(row, role: .statusBar)
        var right = buffer.width
        if let message, !message.isEmpty {
            let width = min(ScreenBuffer.width(of: message), buffer.width / 2)
            right = buffer.width - width - 1
            buffer.write(message, x: right + 1, y: y, maxWidth: width, role: .statusMessage, overflow: .ellipsis)
        }
        var x = 1
        var shown: Set<String> = []
        for spec in keyMap.actions(in: pane) {
            guard let label = spec.statusLabel, !shown.contains(spec.name) else { continue }
            // The first key that still reaches this action here (a pane may shadow a global key).
            guard let key = keyMap.keys(for: spec.name, in: spec.pane).first(where: { keyMap.action(for: $0, in: pane) == spec.name })
            else { continue }
            let keyText = key.label
            let width = ScreenBuffer.width(of: keyText) + 1 + ScreenBuffer.width(of: label)
            guard x + width <= right else { break }
            x += buffer.write(keyText, x: x, y: y, role: .statusKey)
            x += 1
            x += buffer.write(label, x: x, y: y, role: .statusBar)
            x += 2
            shown.insert(spec.name)
        }
    }
}
