import AssetScoreCore
import Foundation
import TerminalUI

extension ConsoleController {
    var selectedItem: ReviewItem? {
        state.review.items.indices.contains(state.review.selected) ? state.review.items[state.review.selected] : nil
    }

    func performReview(_ action: String) throws {
        switch action {
        case "accept-best": try pick(0)
        case "pick-1": try pick(0)
        case "pick-2": try pick(1)
        case "pick-3": try pick(2)
        case "pick-4": try pick(3)
        case "pick-5": try pick(4)
        case "search-dictionary":
            guard let item = selectedItem else { return flash("nothing to review") }
            prompt(
                "Map '\(item.sampleText)' to the entry found (type to search)", .dictionarySearch(itemID: item.id),
                hint: "Up/Down choose, Enter maps to the marked entry")
        case "create-entry":
            guard let item = selectedItem else { return flash("nothing to review") }
            let facet = item.facet.isEmpty ? "theme" : item.facet
            prompt(
                "New entry for '\(item.sampleText)' as facet=label", .createEntry(itemID: item.id), initial: "\(facet)=\(item.sampleText)")
        case "reject":
            guard let item = selectedItem else { return flash("nothing to review") }
            try decide(item, .reject)
        case "undo":
            guard let last = state.review.undoStack.popLast() else { return flash("nothing to undo in this session") }
            let item = try store.undoDecision(itemID: last, actor: env.actor)
            try reloadChanged()
            flash("undone: '\(SafeText.display(item.sampleText))' is pending again")
        case "bulk-accept":
            prompt("Accept every best candidate scoring at least", .bulkThreshold, initial: "0.80")
        default:
            flash("'\(action)' does not apply to the review")
        }
    }

    func pick(_ index: Int) throws {
        guard let item = selectedItem else { return flash("nothing to review") }
        guard item.candidates.indices.contains(index) else {
            return flash(index == 0 ? "no candidate: search with / or create with n" : "there is no candidate \(index + 1)")
        }
        try decide(item, .map(entry: item.candidates[index].entry))
    }

    /// Applies a decision; a second operator who decided first wins, and this one is told who.
    func decide(_ item: ReviewItem, _ decision: ReviewDecision) throws {
        do {
            let decided = try store.decide(itemID: item.id, decision: decision, actor: env.actor)
            state.review.undoStack.append(decided.id)
            mapper = try env.makeMapper(store)
            // A map or create gave one entry new names, so other pending texts may now map to
            // it (and to nothing else); a rejection changes no names, so nothing else can map.
            if decided.status != .rejected, let entry = decided.decidedEntry {
                try store.remapUnresolved(mapper.remapFunction(near: entry), actor: env.actor)
            }
            try reloadChanged()
            let target = decided.decidedEntry.map { " -> \(SafeText.display($0))" } ?? ""
            flash("'\(SafeText.display(decided.sampleText))' \(decided.status.rawValue)\(target)")
        } catch {
            try? reloadChanged()
            throw error
        }
    }

    func bulkCandidates(threshold: Double) -> [ReviewItem] {
        state.review.items.filter { ($0.candidates.first?.score ?? 0) >= threshold }
    }

    func bulkAccept(threshold: Double) throws {
        var done = 0
        var skipped = 0
        for item in bulkCandidates(threshold: threshold) {
            guard let best = item.candidates.first else { continue }
            do {
                _ = try store.decide(itemID: item.id, decision: .map(entry: best.entry), actor: env.actor)
                state.review.undoStack.append(item.id)
                done += 1
            } catch {
                skipped += 1
            }
        }
        try reloadChanged()
        flash("accepted \(done) item(s) of those loaded" + (skipped > 0 ? "; \(skipped) were decided meanwhile or refused" : ""))
    }
}
