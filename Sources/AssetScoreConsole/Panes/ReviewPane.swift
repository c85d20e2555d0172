import AssetScoreCore
import Foundation
import TerminalUI

/// Pane 2: pending review items by impact; below, the selected item's candidates and assets.
enum ReviewPane {
    /// From this pane width on, the selected item's first asset is previewed beside its candidates.
    static let previewMinimumWidth = 90

    static func draw(_ r: ReviewState, into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool, previews: PreviewProvider? = nil) {
        let detailHeight = min(8, max(0, rect.height / 2 - 1))
        let listRect = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - detailHeight)
        let columns = [
            TableColumn("facet", width: .fixed(10)),
            TableColumn("text", width: .flexible(min: 10, weight: 3)),
            TableColumn("seen", width: .fixed(5), alignment: .right),
            TableColumn("camp.", width: .fixed(5), alignment: .right),
            TableColumn("users", width: .fixed(5), alignment: .right),
            TableColumn("pers.", width: .fixed(5), alignment: .right),
            TableColumn("best candidate", width: .flexible(min: 0, weight: 3)),
        ]
        func row(_ index: Int) -> [Span] {
            let i = r.items[index]
            return [
                Span(i.facet.isEmpty ? "any" : i.facet, role: .dim), Span(i.sampleText, role: .tagUnmapped), Span(String(i.occurrences)),
                Span(String(i.campaigns.count)), Span(String(i.userCount)), Span(String(i.personaCount)),
                r.saving.contains(i.id)
                    ? Span("saving…", role: .warning)
                    : Span(
                        i.candidates.first.map { "\($0.label) (\(String(format: "%.2f", $0.score)))" } ?? "none: / to search, n to create",
                        role: .dim),
            ]
        }
        TableView.draw(
            into: &buffer, in: listRect, columns: columns, count: r.items.count, row: row, selected: r.items.isEmpty ? nil : r.selected,
            offset: r.offset,
            focused: focused, emptyText: "Nothing to review: every tag maps to the dictionary.")
        guard detailHeight > 2, r.items.indices.contains(r.selected) else { return }
        let item = r.items[r.selected]
        var y = listRect.maxY
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), with: "─", role: .paneBorderBlurred)
        y += 1
        var rect = rect
        if let previews, rect.width >= previewMinimumWidth, let path = r.selectedAssetPaths.first, rect.maxY - y >= 3 {
            let columns = min(24, rect.width / 4)
            let cells = previews(path, columns, rect.maxY - y)
            if !cells.isEmpty {
                buffer.blitPicture(cells, in: Rect(x: rect.maxX - columns, y: y, width: columns, height: rect.maxY - y), source: path)
                rect = Rect(x: rect.x, y: rect.y, width: rect.width - columns - 1, height: rect.height)
            }
        }
        for (n, c) in item.candidates.prefix(5).enumerated() where y < rect.maxY - 1 {
            let bar = BarView.text(fraction: c.score, width: 10)
            buffer.write(
                [
                    Span("\(n + 1) ", role: .statusKey), Span(bar, role: .scoreBar), Span(" \(String(format: "%.2f", c.score)) "),
                    Span(c.label, role: .tagMapped), Span(" [\(c.entry)] in \(c.facet)", role: .dim),
                ],
                x: rect.x + 1, y: y, maxWidth: rect.width - 2, role: .normal)
            y += 1
        }
        if item.candidates.isEmpty {
            buffer.write(
                "No candidate comes close: / searches the dictionary, n creates an entry.", x: rect.x + 1, y: y, maxWidth: rect.width - 2,
                role: .dim)
            y += 1
        }
        let assets = item.assetIDs.prefix(12).map { "#\($0)" }.joined(separator: " ")
        let seenIn =
            "in \(item.assetIDs.count) asset(s) \(assets)"
            + (item.campaigns.isEmpty ? "" : " · campaigns \(item.campaigns.joined(separator: ", "))")
            + (item.userCount > 0 ? " · \(item.userCount) user(s)" : "")
            + (item.personaCount > 0 ? " · \(item.personaCount) persona(s)" : "")
        if y < rect.maxY { buffer.write(seenIn, x: rect.x + 1, y: y, maxWidth: rect.width - 2, role: .dim, overflow: .ellipsis) }
    }
}
