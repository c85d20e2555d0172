import AssetScoreCore
import Foundation
import TerminalUI

extension ConsoleController {
    func prompt(_ title: String, _ purpose: ConsoleState.Prompt.Purpose, initial: String = "", hint: String? = nil) {
        state.overlay = .prompt(ConsoleState.Prompt(title: title, field: TextField(initial), purpose: purpose, hint: hint))
    }

    func handleOverlay(_ overlay: ConsoleState.Overlay, _ key: Key) -> Bool {
        switch overlay {
        case .help(let scroll):
            switch key {
            case .down, .character("j"): state.overlay = .help(scroll: scroll + 1)
            case .up, .character("k"): state.overlay = .help(scroll: max(0, scroll - 1))
            case .pageDown, .character(" "): state.overlay = .help(scroll: scroll + 10)
            case .pageUp: state.overlay = .help(scroll: max(0, scroll - 10))
            default: state.overlay = nil
            }
        case .detail(var detail):
            let last = max(0, AssetDetailText.lines(detail).count - max(1, state.height - 6))
            switch key {
            case .down, .character("j"): detail.scroll += 1
            case .up, .character("k"): detail.scroll -= 1
            case .pageDown, .character(" "): detail.scroll += max(1, state.height - 8)
            case .pageUp: detail.scroll -= max(1, state.height - 8)
            case .home, .character("g"): detail.scroll = 0
            case .end, .character("G"): detail.scroll = last
            default:
                state.overlay = nil
                return true
            }
            detail.scroll = min(max(0, detail.scroll), last)
            state.overlay = .detail(detail)
        case .confirm(_, let action):
            state.overlay = nil
            if case .character(let c) = key, c == "y" || c == "Y" {
                do {
                    switch action {
                    case .bulkAccept(let threshold, _): try bulkAccept(threshold: threshold)
                    }
                } catch {
                    fail(error)
                }
            } else {
                flash("cancelled")
            }
        case .prompt(var p):
            switch key {
            case .escape, .ctrl("c"), .ctrl("g"):
                state.overlay = nil
                flash("cancelled")
            case .enter:
                state.overlay = nil
                submit(p)
            case .tab where p.purpose == .ingestPath:
                p.field.set(PathCompletion.complete(p.field.text))
                state.overlay = .prompt(p)
            case .down, .up:
                let count = choices(for: p)
                if count > 0 { p.choice = (p.choice + (key == .down ? 1 : count - 1)) % count }
                state.overlay = .prompt(p)
            default:
                _ = p.field.handle(key)
                p.suggestions = suggestions(for: p)
                p.choice = 0
                state.overlay = .prompt(p)
            }
        }
        return true
    }

    func submit(_ p: ConsoleState.Prompt) {
        let text = p.field.text
        do {
            switch p.purpose {
            case .ingestPath:
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return flash("no path given") }
                startIngest(path: text.trimmingCharacters(in: .whitespaces), campaign: nil)
            case .dictionarySearch(let itemID):
                guard let item = try store.reviewItem(id: itemID) else { throw ConsoleError("review item \(itemID) is gone") }
                let matches = DictionarySearch.matches(text, in: state.dictionary.entries)
                guard let entry = matches.indices.contains(p.choice) ? matches[p.choice] : matches.first else {
                    throw ConsoleError("no entry matches '\(text)'")
                }
                try decide(item, .map(entry: entry.id))
            case .createEntry(let itemID):
                guard let item = try store.reviewItem(id: itemID) else { throw ConsoleError("review item \(itemID) is gone") }
                let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[1].isEmpty else { throw ConsoleError("write facet=label") }
                guard mapper.dictionary.facet(parts[0]) != nil else { throw ConsoleError("no facet '\(parts[0])'") }
                try decide(item, .create(facet: parts[0], id: nil, label: parts[1], broader: nil))
            case .addAttribute:
                try addAttribute(completedAttribute(text, suggestions: Array(p.suggestions.dropFirst(p.choice))))
            case .findUser:
                let id = text.trimmingCharacters(in: .whitespaces)
                let known = try store.user(id: id) != nil
                if p.choice > 0 || !known, p.suggestions.indices.contains(p.choice) {
                    try loadUser(p.suggestions[p.choice])
                } else {
                    try loadUser(id)
                }
            case .addDictionaryEntry:
                try addEntry(text)
            case .renameEntry(let id):
                guard var e = mapper.dictionary.entry(id) else { throw ConsoleError("entry \(id) is gone") }
                let label = text.trimmingCharacters(in: .whitespaces)
                guard !label.isEmpty else { throw ConsoleError("a label cannot be empty") }
                if label != e.label, !e.aliases.contains(e.label) { e.aliases.append(e.label) }
                e.aliases.removeAll { $0 == label }
                e.label = label
                try saveEntry(e, verb: "rename")
                flash("renamed to \(label); the old label stays as an alias")
            case .deprecateEntry(let id):
                guard var e = mapper.dictionary.entry(id) else { throw ConsoleError("entry \(id) is gone") }
                let replacement = text.trimmingCharacters(in: .whitespaces)
                if !replacement.isEmpty, mapper.dictionary.entry(replacement) == nil { throw ConsoleError("no entry '\(replacement)'") }
                e.status = .deprecated
                e.replacedBy = replacement.isEmpty ? nil : replacement
                try saveEntry(e, verb: "deprecate")
                flash("deprecated \(e.label)")
            case .mergeEntry(let id):
                try mergeEntry(id, into: text.trimmingCharacters(in: .whitespaces))
            case .bulkThreshold:
                guard let t = Double(text), (0...1).contains(t) else { throw ConsoleError("a threshold is a number from 0 to 1") }
                let n = bulkCandidates(threshold: t).count
                guard n > 0 else { return flash("no pending item has a candidate scoring \(text) or more") }
                state.overlay = .confirm(
                    message: "Accept the best candidate of \(n) item(s) scoring \(text) or more? (y/n)",
                    action: .bulkAccept(threshold: t, count: n))
            }
        } catch {
            // Keep what was typed: the prompt comes back with the reason, so a typo is one fix away.
            var again = p
            again.hint = SafeText.display(String(describing: error))
            state.overlay = .prompt(again)
            fail(error)
        }
    }

    /// How many rows Up and Down move through in a prompt.
    func choices(for p: ConsoleState.Prompt) -> Int {
        if case .dictionarySearch = p.purpose { return min(7, DictionarySearch.matches(p.field.text, in: state.dictionary.entries).count) }
        return min(7, p.suggestions.count)
    }

    /// Suggestions while typing: user ids by prefix, or dictionary labels of the facet named
    /// before "=" in an attribute.
    func suggestions(for p: ConsoleState.Prompt) -> [String] {
        let text = p.field.text
        switch p.purpose {
        case .findUser:
            let prefix = text.trimmingCharacters(in: .whitespaces)
            guard !prefix.isEmpty else { return [] }
            return ((try? store.usersPage(search: prefix, limit: 8, offset: 0)) ?? []).map(\.id)
        case .addAttribute:
            guard let eq = text.firstIndex(of: "=") else { return [] }
            let facet = text[..<eq].trimmingCharacters(in: .whitespaces)
            let value = String(text[text.index(after: eq)...]).split(separator: ":").first.map(String.init) ?? ""
            return DictionarySearch.matches(value, in: state.dictionary.entries.filter { $0.facet == facet }).prefix(8).map(\.label)
        default:
            return []
        }
    }

    /// "theme=bea:0.8" becomes "theme=Beach:0.8" when the value is not a dictionary name itself
    /// but the search found an entry for it.
    func completedAttribute(_ text: String, suggestions: [String]) -> String {
        guard let eq = text.firstIndex(of: "="), let first = suggestions.first else { return text }
        let facet = text[..<eq].trimmingCharacters(in: .whitespaces)
        var rest = String(text[text.index(after: eq)...])
        var weight = ""
        if let colon = rest.lastIndex(of: ":"), Double(rest[rest.index(after: colon)...]) != nil {
            weight = String(rest[colon...])
            rest = String(rest[..<colon])
        }
        if mapper.map(rest, facet: facet).entry != nil { return text }
        return "\(facet)=\(first)\(weight)"
    }

    /// A click selects the pane under it and, in a list, the row.
    func click(x: Int, y: Int, button: MouseButton) {
        let layout = ConsoleLayout(width: state.width, height: state.height, focus: state.focus)
        if y == layout.headerRow, let pane = ConsoleRenderer.tab(at: x, focus: state.focus) {
            focus(pane)
            return
        }
        for (pane, rect) in layout.panes where rect.contains(x: x, y: y) {
            state.focus = pane
            switch button {
            case .wheelUp: move(-3)
            case .wheelDown: move(3)
            default:
                let jobs = pane == .queue ? QueuePane.jobLines(state.queue, height: rect.height - 2) : 0
                let row = y - rect.y - layout.listTop(for: pane) - jobs
                if row >= 0 { selectVisibleRow(row, in: pane) }
            }
        }
    }

    func selectVisibleRow(_ row: Int, in pane: PaneID) {
        switch pane {
        case .queue: if row < state.queue.rowCount - state.queue.offset { state.queue.selected = state.queue.offset + row }
        case .review: if row < state.review.items.count - state.review.offset { state.review.selected = state.review.offset + row }
        case .dictionary:
            if row < state.dictionary.visible.count - state.dictionary.offset { state.dictionary.selected = state.dictionary.offset + row }
        case .simulator: break
        }
    }
}

/// Completes a path prompt the way a shell does: the longest common prefix of the matches.
enum PathCompletion {
    static func complete(_ text: String) -> String {
        let expanded = (text as NSString).expandingTildeInPath
        let dir = expanded.hasSuffix("/") ? expanded : (expanded as NSString).deletingLastPathComponent
        let prefix = expanded.hasSuffix("/") ? "" : (expanded as NSString).lastPathComponent
        let folder = dir.isEmpty ? "." : dir
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return text }
        let matches = names.filter { $0.hasPrefix(prefix) && !$0.hasPrefix(".") }.sorted()
        guard let first = matches.first else { return text }
        var common = first
        for m in matches.dropFirst() {
            while !m.hasPrefix(common) { common.removeLast() }
        }
        var result = dir.isEmpty ? common : (dir as NSString).appendingPathComponent(common)
        var isDir: ObjCBool = false
        if matches.count == 1, FileManager.default.fileExists(atPath: result, isDirectory: &isDir), isDir.boolValue { result += "/" }
        return result
    }
}
