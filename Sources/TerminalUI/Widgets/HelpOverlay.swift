import Foundation

/// The `?` overlay: every action of the focused pane and the global ones, grouped, with their
/// current keys and help, destructive ones marked. Drawn from the action table and the key map, so
/// it always shows the keys that work.
public enum HelpOverlay {
    /// The overlay's lines (before scrolling): group headings, then "keys  help" per action.
    public static func lines(keyMap: KeyMap, pane: String) -> [[Span]] {
        var groups: [String] = []
        var byGroup: [String: [ActionSpec]] = [:]
        for spec in keyMap.actions(in: pane) {
            if byGroup[spec.group] == nil { groups.append(spec.group) }
            byGroup[spec.group, default: []].append(spec)
        }
        var lines: [[Span]] = []
        for group in groups {
            if !lines.isEmpty { lines.append([]) }
            lines.append([Span(group, role: .helpGroup)])
            for spec in byGroup[group] ?? [] {
                let keys = keyMap.keys(for: spec.name, in: spec.pane).filter { keyMap.action(for: $0, in: pane) == spec.name }
                let keyText = keys.isEmpty ? "-" : keys.map(\.label).joined(separator: " ")
                let padded = keyText + String(repeating: " ", count: max(1, 14 - ScreenBuffer.width(of: keyText)))
                var line = [Span("  "), Span(padded, role: .helpKey)]
                if spec.destructive {
                    line.append(Span("! " + spec.help, role: .helpDestructive))
                } else {
                    line.append(Span(spec.help))
                }
                lines.append(line)
            }
        }
        return lines
    }

    /// Draws the overlay centred in `area`, starting at line `scroll` (clamped); returns the scroll
    /// used so the caller can keep it.
    @discardableResult
    public static func draw(into buffer: inout ScreenBuffer, in area: Rect, keyMap: KeyMap, pane: String, scroll: Int = 0) -> Int {
        let content = lines(keyMap: keyMap, pane: pane)
        let box = area.centered(width: min(area.width, 78), height: min(area.height, content.count + 2))
        guard box.width >= 4, box.height >= 3 else { return 0 }
        buffer.fill(box, role: .helpOverlay)
        buffer.drawBox(box, role: .helpOverlay)
        buffer.write(" Keys ", x: box.x + 2, y: box.y, maxWidth: box.width - 4, role: .helpTitle)
        let inside = box.inset(by: 1)
        let start = min(max(0, scroll), max(0, content.count - inside.height))
        if start + inside.height < content.count || start > 0 {
            let position = " \(start + 1)-\(start + inside.height)/\(content.count) "
            let width = ScreenBuffer.width(of: position)
            buffer.write(position, x: box.maxX - 2 - width, y: box.maxY - 1, maxWidth: width, role: .helpOverlay)
        }
        for (i, line) in content[start..<min(content.count, start + inside.height)].enumerated() {
            buffer.write(line, x: inside.x + 1, y: inside.y + i, maxWidth: inside.width - 1, role: .helpOverlay)
        }
        return start
    }
}
