import AssetScoreCore
import Foundation
import TerminalUI

/// Help, prompts, confirmations and the asset detail, drawn over the panes.
enum OverlayView {
    static func draw(
        _ overlay: ConsoleState.Overlay, state: ConsoleState, keyMap: KeyMap, into buffer: inout ScreenBuffer,
        previews: PreviewProvider? = nil
    ) {
        let area = Rect(x: 0, y: 1, width: buffer.width, height: max(0, buffer.height - 2))
        switch overlay {
        case .help(let scroll):
            HelpOverlay.draw(into: &buffer, in: area, keyMap: keyMap, pane: state.focus.rawValue, scroll: scroll)
        case .prompt(let p):
            var isSearch = false
            if case .dictionarySearch = p.purpose { isSearch = true }
            let extra = isSearch ? 8 : (p.suggestions.isEmpty ? 0 : min(8, p.suggestions.count + 1))
            let box = area.centered(width: min(area.width - 2, 72), height: 5 + extra)
            frame(box, title: p.title, into: &buffer)
            p.field.draw(into: &buffer, x: box.x + 2, y: box.y + 2, width: box.width - 4, focused: true)
            let hint = p.hint ?? "Enter accepts, Esc cancels"
            buffer.write(hint, x: box.x + 2, y: box.y + 3, maxWidth: box.width - 4, role: .dim, overflow: .ellipsis)
            if !isSearch {
                for (i, suggestion) in p.suggestions.prefix(max(0, extra - 1)).enumerated() {
                    buffer.write(
                        [Span(i == p.choice ? "→ " : "  ", role: .statusKey), Span(suggestion, role: .tagMapped)],
                        x: box.x + 2, y: box.y + 4 + i, maxWidth: box.width - 4, role: .helpOverlay)
                }
            }
            if isSearch {
                let matches = DictionarySearch.matches(p.field.text, in: state.dictionary.entries)
                for (i, e) in matches.prefix(extra - 1).enumerated() {
                    buffer.write(
                        [
                            Span(i == p.choice ? "→ " : "  ", role: .statusKey), Span(e.label, role: .tagMapped),
                            Span("  \(e.facet) [\(e.id)]", role: .dim),
                        ],
                        x: box.x + 2, y: box.y + 4 + i, maxWidth: box.width - 4, role: .helpOverlay)
                }
            }
        case .confirm(let message, _):
            let box = area.centered(width: min(area.width - 2, max(30, ScreenBuffer.width(of: message) + 6)), height: 4)
            frame(box, title: "Confirm", into: &buffer)
            buffer.write(message, x: box.x + 2, y: box.y + 1, maxWidth: box.width - 4, role: .warning, overflow: .ellipsis)
            buffer.write("y confirms, any other key cancels", x: box.x + 2, y: box.y + 2, maxWidth: box.width - 4, role: .dim)
        case .detail(let detail):
            let box = area.inset(by: 1)
            frame(box, title: "Asset #\(detail.asset.id)", into: &buffer)
            let lines = AssetDetailText.lines(detail)
            let inside = box.inset(by: 1)
            let preview = PreviewBox.draw(detail.asset.path, previews: previews, into: &buffer, topRightOf: inside)
            let start = min(detail.scroll, max(0, lines.count - inside.height))
            for (i, line) in lines.dropFirst(start).prefix(inside.height).enumerated() {
                // Rows beside the preview stop short of it.
                let width = i < preview.height ? preview.x - inside.x - 2 : inside.width - 1
                buffer.write(line, x: inside.x + 1, y: inside.y + i, maxWidth: width, role: .helpOverlay)
            }
        }
    }

    static func frame(_ box: Rect, title: String, into buffer: inout ScreenBuffer) {
        buffer.fill(box, role: .helpOverlay)
        buffer.drawBox(box, role: .helpOverlay)
        buffer.write(" \(title) ", x: box.x + 2, y: box.y, maxWidth: box.width - 4, role: .helpTitle, overflow: .ellipsis)
    }
}

/// The dictionary search of the review pane, shared by the prompt's live list and its Enter.
public enum DictionarySearch {
    public static func matches(_ query: String, in entries: [DictionaryEntry]) -> [DictionaryEntry] {
        let q = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard !q.isEmpty else { return [] }
        func rank(_ e: DictionaryEntry) -> Int? {
            let label = e.label.lowercased()
            if label == q { return 0 }
            if label.hasPrefix(q) { return 1 }
            if label.contains(q) { return 2 }
            if e.aliases.contains(where: { $0.lowercased().contains(q) }) || e.id.contains(q) { return 3 }
            return nil
        }
        return entries.filter { $0.status == .active }.compactMap { e in rank(e).map { (e, $0) } }
            .sorted { ($0.1, $0.0.label) < ($1.1, $1.0.label) }.map(\.0)
    }
}

/// The asset detail as lines: every field with its evidence, the tags and their mapping.
enum AssetDetailText {
    /// JSON output indented one value per line, so it can be read in a pane; other text as it is.
    static func pretty(_ raw: String) -> String {
        guard let data = raw.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data),
            let again = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        else { return raw }
        return String(decoding: again, as: UTF8.self)
    }

    static func lines(_ d: AssetDetail) -> [[Span]] {
        var out: [[Span]] = []
        let a = d.asset
        out.append([Span(a.path, role: .helpTitle)])
        out.append([Span("campaign \(a.campaign) · \(a.mediaType) · \(a.size) bytes · \(a.status.rawValue)")])
        if let r = a.failureReason { out.append([Span("failed: " + r, role: .error)]) }
        if let alt = a.altText { out.append([Span("alt text: " + alt, role: .dim)]) }
        guard let analysis = d.analysis else { return out }
        let f = analysis.fields
        out.append([])
        out.append([
            Span(
                "Analysis v\(analysis.version) · \(analysis.analyser) \(analysis.analyserVersion) · \(analysis.durationMS) ms",
                role: .helpGroup)
        ])
        out.append([Span("\(f.width)x\(f.height) \(f.orientation), format \(f.formatClass)")])
        if let b = f.brightness, let c = f.contrast {
            out.append([
                Span(
                    String(
                        format: "brightness %.2f  contrast %.2f  colourfulness %.1f  warmth %+.2f", b, c, f.colorfulness ?? 0, f.warmth ?? 0
                    ))
            ])
        }
        if let t = f.textDensity {
            out.append([Span(String(format: "text covers %.0f%%: ", t * 100) + f.ocrWords.prefix(20).joined(separator: " "))])
        }
        for c in f.dominantColors {
            out.append([Span("■■ ", role: .scoreBar), Span("\(c.hex) \(String(format: "%.0f%%", c.share * 100)) \(c.nearestEntry ?? "")")])
        }
        if !d.disagreements.isEmpty {
            out.append([])
            out.append([Span("Model and measurement disagree (needs review)", role: .helpGroup)])
            for x in d.disagreements {
                out.append([Span(x.field, role: .warning), Span(": \(x.provider) says \(x.modelClaim); measured \(x.measured)")])
                if let note = x.note { out.append([Span("  " + note, role: .dim)]) }
            }
        }
        out.append([])
        out.append([Span("Tags", role: .helpGroup)])
        for t in d.tags {
            let role: Role = t.entry != nil ? .tagMapped : (t.method == .rejected ? .tagRejected : .tagUnmapped)
            out.append([
                Span(t.raw.text, role: role), Span(" → \(t.entry ?? "unmapped") (\(t.method.rawValue)) ", role: .dim),
                Span("\(t.raw.source.rawValue) \(String(format: "%.2f", t.raw.confidence)): \(t.raw.evidence)", role: .dim),
            ])
        }
        out.append([])
        out.append([Span("Raw output", role: .helpGroup)])
        for line in pretty(analysis.rawOutput).split(separator: "\n", omittingEmptySubsequences: false).prefix(400) {
            out.append([Span(String(line), role: .dim)])
        }
        return out
    }
}
