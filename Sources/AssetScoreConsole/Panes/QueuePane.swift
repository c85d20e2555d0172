import AssetScoreCore
import Foundation
import TerminalUI

/// Pane 1: background ingests with live progress, then every asset with its status.
enum QueuePane {
    static func draw(_ q: QueueState, into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool, clock: any Clock) {
        var area = rect
        for job in q.jobs.prefix(jobLines(q, height: rect.height)) {
            let line: String
            if job.finished {
                line = "✓ \(FileName.of(job.path)): \(job.summary)"
            } else {
                let spinner = Spinner(started: job.startedAt).frame(at: clock.now())
                line = "\(spinner) ingesting \(FileName.of(job.path)) \(job.done)/\(job.total) \(job.current)"
            }
            buffer.write(
                line, x: area.x + 1, y: area.y, maxWidth: area.width - 2, role: job.finished ? .success : .warning, overflow: .ellipsis)
            area = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        }
        if q.showingJobs == true { return drawJobs(q, into: &buffer, in: area, focused: focused) }
        let columns = [
            TableColumn("id", width: .fixed(6), alignment: .right),
            TableColumn("campaign", width: .flexible(min: 8, weight: 2)),
            TableColumn("file", width: .flexible(min: 16, weight: 4)),
            TableColumn("size", width: .fixed(9)),
            TableColumn("status", width: .fixed(12)),
            TableColumn("reason", width: .flexible(min: 0, weight: 5)),
        ]
        func row(_ index: Int) -> [Span] {
            let a = q.rows[index]
            return [
                Span(String(a.id)), Span(a.campaign), Span(FileName.of(a.path)),
                Span(a.width.map { "\($0)x\(a.height ?? 0)" } ?? "-"),
                Span(a.status.rawValue.replacingOccurrences(of: "_", with: " "), role: role(a.status)),
                Span(reasonText(a), role: .error),
            ]
        }
        TableView.draw(
            into: &buffer, in: area, columns: columns, count: q.rows.count, row: row, selected: q.rows.isEmpty ? nil : q.selected,
            offset: q.offset,
            focused: focused,
            emptyText: q.statusFilter == nil
                ? "No assets yet: press i to ingest a file or folder." : "No assets with this status (f changes the filter).")
    }

    /// The queue's jobs: status, campaign, file, analyser, time, tokens and cost, failure reason.
    /// Campaign, analyser and cost are as wide as what the listed jobs show (within limits), so
    /// "embedded" does not take the room a cost or a reason needs; file and reason share the rest.
    /// Below `wideJobsTable` columns, analyser and cost give way to the reason (the detail view
    /// still shows them).
    static func drawJobs(_ q: QueueState, into buffer: inout ScreenBuffer, in area: Rect, focused: Bool) {
        func row(_ index: Int) -> [Span] {
            let j = q.queueJobs[index]
            let file = FileName.of(j.source)
            var reason = j.lastError ?? ""
            if reason.hasPrefix(file + ": ") { reason = String(reason.dropFirst(file.count + 2)) }
            return [
                Span(String(j.id)), Span(jobStatusText(j), role: jobRole(j.status)), Span(j.campaign ?? "-"), Span(file),
                Span(analyserText(j)), Span(j.durationMS.map { $0 >= 10_000 ? "\($0 / 1000) s" : "\($0) ms" } ?? "-"),
                Span(costText(j), role: .dim), Span(j.status == .ready ? "" : reason, role: j.status == .failed ? .error : .dim),
            ]
        }
        // Widths from every loaded job (not only those on screen), so columns keep still while
        // the operator scrolls; only the three measured texts are made for that.
        func fit(_ text: (QueueJob) -> String, title: String, limit: Int) -> Int {
            var widest = ScreenBuffer.width(of: title)
            for j in q.queueJobs where widest < limit { widest = max(widest, ScreenBuffer.width(of: text(j))) }
            return min(limit, widest)
        }
        let spent = q.queueJobs.contains { !costText($0).isEmpty }
        var columns = [
            TableColumn("job", width: .fixed(5), alignment: .right),
            TableColumn("status", width: .fixed(12)),
            TableColumn("campaign", width: .fixed(fit({ $0.campaign ?? "-" }, title: "campaign", limit: 16))),
            TableColumn("file", width: .flexible(min: 12, weight: 2)),
            TableColumn("analyser", width: .fixed(fit(analyserText, title: "analyser", limit: 28))),
            TableColumn("time", width: .fixed(7), alignment: .right),
            TableColumn(spent ? "tokens/cost" : "cost", width: .fixed(spent ? fit(costText, title: "tokens/cost", limit: 22) : 4)),
            TableColumn("reason", width: .flexible(min: 0, weight: 5)),
        ]
        var shown = row
        if area.width < wideJobsTable {
            let kept = [0, 1, 2, 3, 5, 7]
            columns = kept.map { columns[$0] }
            shown = { index in
                let full = row(index)
                return kept.map { full[$0] }
            }
        }
        TableView.draw(
            into: &buffer, in: area, columns: columns, count: q.queueJobs.count, row: shown,
            selected: q.queueJobs.isEmpty ? nil : q.selected, offset: q.offset,
            focused: focused,
            emptyText: q.statusFilter == nil
                ? "No jobs yet: press i to ingest a file or folder (v shows the assets)."
                : "No jobs with this status (f changes the filter).")
    }

    /// The narrowest pane that shows every jobs column.
    static let wideJobsTable = 110

    static func jobStatusText(_ j: QueueJob) -> String {
        if j.status == .queued, j.notBefore != nil { return "retry wait" }
        return j.status.rawValue.replacingOccurrences(of: "_", with: " ")
    }

    /// The provider, and the model that answered when one did.
    static func analyserText(_ j: QueueJob) -> String {
        j.provider.map { $0 + (j.answeredModel.map { " " + $0 } ?? "") } ?? "-"
    }

    static func costText(_ j: QueueJob) -> String {
        if j.cached { return "cached" }
        guard j.tokensIn + j.tokensOut > 0 else { return "" }
        return "\(j.tokensIn)+\(j.tokensOut)" + (j.costUSD.map { String(format: " $%.4f", $0) } ?? "")
    }

    static func jobRole(_ status: JobStatus) -> Role {
        switch status {
        case .ready: .success
        case .needsReview: .warning
        case .failed: .error
        case .queued, .analysing: .dim
        }
    }

    /// The reason without the file name it starts with: the file column already shows it.
    static func reasonText(_ a: Asset) -> String {
        guard let r = a.failureReason else { return "" }
        let name = FileName.of(a.path) + ": "
        return r.hasPrefix(name) ? String(r.dropFirst(name.count)) : r
    }

    /// Rows above the table drawn for background ingests.
    static func jobLines(_ q: QueueState, height: Int) -> Int { min(3, q.jobs.count, max(0, height - 3)) }

    static func role(_ status: AssetStatus) -> Role {
        switch status {
        case .ready: .success
        case .needsReview: .warning
        case .failed: .error
        case .queued, .analysing: .dim
        }
    }
}
