import AssetScoreCore
import Foundation
import TerminalUI

/// Pane 4: facets and entries with aliases and usage counts; below, the latest audit events.
enum DictionaryPane {
    /// Made once: a formatter costs more to build than the whole pane does to draw. Only the
    /// input loop draws, so one instance is never used by two threads at once.
    nonisolated(unsafe) private static let auditTime = ISO8601DateFormatter()

    static func draw(_ d: DictionaryState, into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool) {
        let auditHeight = min(6, max(0, rect.height / 3))
        let listRect = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - auditHeight)
        let columns = [
            TableColumn("facet", width: .fixed(10)),
            TableColumn("label", width: .flexible(min: 10, weight: 3)),
            TableColumn("id", width: .flexible(min: 6, weight: 2)),
            TableColumn("used", width: .fixed(5), alignment: .right),
            TableColumn("aliases", width: .flexible(min: 0, weight: 3)),
            TableColumn("broader / status", width: .flexible(min: 0, weight: 2)),
        ]
        let visible = d.visible
        func row(_ index: Int) -> [Span] {
            let e = visible[index]
            let status =
                e.status == .deprecated ? "deprecated" + (e.replacedBy.map { " → \($0)" } ?? "") : (e.broader.map { "⊂ \($0)" } ?? "")
            return [
                Span(e.facet, role: .dim), Span(e.label, role: e.status == .deprecated ? .dim : .tagMapped), Span(e.id, role: .dim),
                d.usageCounted ? Span(String(d.usage[e.id] ?? 0)) : Span("…", role: .dim), Span(e.aliases.joined(separator: ", ")),
                Span(status, role: e.status == .deprecated ? .warning : .dim),
            ]
        }
        TableView.draw(
            into: &buffer, in: listRect, columns: columns, count: visible.count, row: row, selected: visible.isEmpty ? nil : d.selected,
            offset: d.offset,
            focused: focused, emptyText: "The dictionary is empty: run 'assetscore init' or press n.")
        guard auditHeight > 1 else { return }
        var y = listRect.maxY
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), with: "─", role: .paneBorderBlurred)
        buffer.write(" audit ", x: rect.x + 2, y: y, maxWidth: 8, role: .paneTitleBlurred)
        y += 1
        for event in d.audit.prefix(auditHeight - 1) where y < rect.maxY {
            buffer.write(
                "\(auditTime.string(from: event.at))  \(event.actor)  \(event.action)  \(event.subject)", x: rect.x + 1, y: y,
                maxWidth: rect.width - 2, role: .dim, overflow: .ellipsis)
            y += 1
        }
    }
}
