import AssetScoreCore
import Foundation
import TerminalUI

/// Pane 3: a campaign and a persona (or user), the editable profile or facet weights, the ranked
/// variants with their contributions, which variant each persona gets and the users' shares.
enum SimulatorPane {
    static func draw(_ s: SimulatorState, into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool, previews: PreviewProvider? = nil) {
        buffer.fill(rect, role: .normal)
        guard let campaign = s.campaign else {
            buffer.write(
                "No campaigns yet: ingest a folder of creatives first.", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, role: .dim)
            return
        }
        var y = rect.y
        let who = s.subject.map { $0.isUser ? $0.name : "persona \($0.name)" } ?? "no persona"
        buffer.write(
            [
                Span("[ ", role: .statusKey), Span(campaign, role: .paneTitle), Span(" ]   < ", role: .statusKey),
                Span(who, role: .paneTitle),
                Span(" >", role: .statusKey),
            ],
            x: rect.x + 1, y: y, maxWidth: rect.width - 2, role: .normal)
        y += 1
        // Wide enough for facet, value and weight even at the minimum terminal size.
        let leftWidth = min(34, max(24, rect.width / 3))
        let top = Rect(x: rect.x, y: y, width: rect.width, height: max(0, rect.height - 1 - summaryHeight(rect)))
        drawEditor(s, into: &buffer, in: Rect(x: top.x, y: top.y, width: leftWidth, height: top.height), focused: focused)
        let ranking = Rect(x: top.x + leftWidth + 1, y: top.y, width: top.width - leftWidth - 1, height: top.height)
        let preview = drawWinnerPreview(s, previews: previews, into: &buffer, rightOf: ranking, paneWidth: rect.width)
        drawRanking(s, into: &buffer, in: Rect(x: ranking.x, y: ranking.y, width: ranking.width - preview, height: ranking.height))
        drawSummary(s, into: &buffer, in: Rect(x: rect.x, y: top.maxY, width: rect.width, height: rect.maxY - top.maxY))
    }

    static func summaryHeight(_ rect: Rect) -> Int { min(8, max(0, rect.height / 3)) }

    static func drawEditor(_ s: SimulatorState, into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool) {
        guard rect.height > 1 else { return }
        if s.editingWeights {
            buffer.write("Facet weights (w: profile)", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 1, role: .tableHeader)
            let rows = s.facetOrder.map { f in [Span(f), Span(String(format: "%.1f", s.facetWeights[f] ?? 1), role: .scoreBar)] }
            TableView.draw(
                into: &buffer, in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1),
                columns: [
                    TableColumn("facet", width: .flexible(min: 6, weight: 1)), TableColumn("weight", width: .fixed(6), alignment: .right),
                ],
                rows: rows, selected: s.selectedFacet, offset: 0, focused: focused)
        } else {
            buffer.write("Profile (w: facet weights)", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 1, role: .tableHeader)
            let rows = s.profile.map { a -> [Span] in
                [
                    Span(a.facet, role: .dim), Span(a.value, role: a.entry == nil ? .tagUnmapped : .tagMapped),
                    Span(String(format: "%+.1f", a.weight)),
                ]
            }
            TableView.draw(
                into: &buffer, in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1),
                columns: [
                    TableColumn("facet", width: .fixed(9)), TableColumn("value", width: .flexible(min: 6, weight: 1)),
                    TableColumn("w", width: .fixed(4), alignment: .right),
                ],
                rows: rows, selected: s.profile.isEmpty ? nil : s.selectedAttribute, offset: 0, focused: focused,
                emptyText: "empty: a adds an attribute")
        }
    }

    static func drawRanking(_ s: SimulatorState, into buffer: inout ScreenBuffer, in rect: Rect) {
        if let loading = s.loadingCampaign, rect.height > 1 {
            buffer.write("Ranking", x: rect.x, y: rect.y, maxWidth: rect.width, role: .tableHeader)
            buffer.write(
                "loading \(loading) (\(s.loadingVariants) variants)…", x: rect.x, y: rect.y + 1, maxWidth: rect.width, role: .dim,
                overflow: .ellipsis)
            return
        }
        guard rect.height > 1, rect.width > 10, let d = s.decision else { return }
        let best = max(d.ranking.first?.score ?? 0, 0.0001)
        var y = rect.y
        let more = s.variantCount > d.ranking.count ? " (the best of \(s.variantCount))" : ""
        buffer.write("Ranking" + more, x: rect.x, y: y, maxWidth: rect.width, role: .tableHeader)
        y += 1
        for (i, v) in d.ranking.enumerated() where y < rect.maxY {
            let winner = v.assetID == d.winner?.assetID
            let name = FileName.of(v.path)
            let barWidth = max(4, min(16, rect.width / 5))
            let used = buffer.write(
                [
                    Span(winner ? "★ " : "  ", role: .scoreWinner), Span("\(i + 1). ", role: .dim),
                    Span(name, role: winner ? .scoreWinner : .normal),
                ],
                x: rect.x, y: y, maxWidth: max(0, rect.width - barWidth - 8), role: .normal)
            _ = used
            let barX = rect.maxX - barWidth - 7
            BarView.draw(
                into: &buffer, x: barX, y: y, width: barWidth, fraction: max(0, v.score) / best, role: winner ? .scoreWinner : .scoreBar)
            buffer.write(String(format: "%6.2f", v.score), x: barX + barWidth + 1, y: y, maxWidth: 6, role: winner ? .scoreWinner : .normal)
            y += 1
            let reasons = v.contributions.sorted { abs($0.value) > abs($1.value) }.prefix(2)
                .map { "\($0.reason) \(String(format: "%+.2f", $0.value))" }.joined(separator: "; ")
            if !reasons.isEmpty, y < rect.maxY, winner || rect.height > d.ranking.count * 2 + 2 {
                buffer.write("     " + reasons, x: rect.x, y: y, maxWidth: rect.width, role: .dim, overflow: .ellipsis)
                y += 1
            }
        }
        for note in d.notes where y < rect.maxY {
            buffer.write("note: " + note, x: rect.x, y: y, maxWidth: rect.width, role: .warning, overflow: .ellipsis)
            y += 1
        }
    }

    /// A share as a percentage in four columns: whole numbers from 10 %, one decimal below, so
    /// the many small shares of a big campaign do not all read "0%".
    static func percent(_ share: Double) -> String {
        let p = share * 100
        return p >= 9.95 ? String(format: "%3.0f%%", p) : String(format: "%3.1f%%", p)
    }

    static func drawSummary(_ s: SimulatorState, into buffer: inout ScreenBuffer, in rect: Rect) {
        guard rect.height > 1 else { return }
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: "─", role: .paneBorderBlurred)
        let half = rect.width / 2
        var y = rect.y + 1
        buffer.write("Winner per persona", x: rect.x + 1, y: y, maxWidth: half - 2, role: .tableHeader)
        let sharesTitle = s.countingShares ? "Share won among users: counting…" : "Share won among \(s.usersCounted) users"
        buffer.write(sharesTitle, x: rect.x + half + 1, y: y, maxWidth: half - 2, role: .tableHeader)
        y += 1
        for (i, p) in s.personaWinners.enumerated() where y + i < rect.maxY {
            buffer.write("\(p.persona): \(p.asset)", x: rect.x + 1, y: y + i, maxWidth: half - 2, role: .normal, overflow: .ellipsis)
        }
        for (i, share) in s.userShares.enumerated() where y + i < rect.maxY {
            let barWidth = max(4, min(20, half / 3))
            BarView.draw(into: &buffer, x: rect.x + half + 1, y: y + i, width: barWidth, fraction: share.share)
            buffer.write(
                " \(percent(share.share)) " + share.asset, x: rect.x + half + 1 + barWidth, y: y + i,
                maxWidth: max(0, half - barWidth - 2), role: .normal, overflow: .ellipsis)
        }
        if s.userShares.isEmpty, !s.countingShares, y < rect.maxY {
            buffer.write("no users imported", x: rect.x + half + 1, y: y, maxWidth: half - 2, role: .dim)
        }
    }
}
