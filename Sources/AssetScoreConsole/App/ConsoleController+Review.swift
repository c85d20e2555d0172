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
            if bulkInFlight { return flash("a bulk accept is still saving: undo once it is done") }
            guard let last = state.review.undoStack.popLast() else { return flash("nothing to undo in this session") }
            undo(last)
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

    /// Queues a decision on the review worker and returns at once; the item shows "saving…"
    /// until its outcome arrives (`applyReviewOutcome`). A second operator who decided first
    /// wins, and this one is told who. The undo entry is pushed now, so `u` pressed before the
    /// outcome undoes this decision (queued behind it, and skipped if it failed).
    func decide(_ item: ReviewItem, _ decision: ReviewDecision) throws {
        guard !state.review.saving.contains(item.id) else {
            return flash("'\(SafeText.display(item.sampleText))' is still saving")
        }
        let (env, request) = (self.env, listsRequest)
        let ticket = reviewWorker.submit(items: [item.id]) { store, ticket in
            var outcome = ReviewWorker.Outcome(ticket: ticket, items: [item.id], message: "", isError: false)
            do {
                let decided = try store.decide(itemID: item.id, decision: decision, actor: env.actor)
                let mapper = try env.makeMapper(store)
                // A map or create gave one entry new names, so other pending texts may now map to
                // it (and to nothing else); a rejection changes no names, so nothing else can map.
                if decided.status != .rejected, let entry = decided.decidedEntry {
                    try store.remapUnresolved(mapper.remapFunction(near: entry), actor: env.actor)
                }
                let target = decided.decidedEntry.map { " -> \(SafeText.display($0))" } ?? ""
                outcome.message = "'\(SafeText.display(decided.sampleText))' \(decided.status.rawValue)\(target)"
            } catch {
                outcome.message = String(describing: error)
                outcome.isError = true
                outcome.failedUndo = item.id
            }
            Self.readAfterDecision(store, env: env, request: request, into: &outcome)
            return outcome
        }
        state.review.undoStack.append(item.id)
        undoTickets[item.id] = ticket
        state.review.saving.insert(item.id)
    }

    /// Queues an undo of `itemID`'s decision behind whatever is saving.
    func undo(_ itemID: Int64) {
        let (env, request) = (self.env, listsRequest)
        reviewWorker.submit(items: [itemID], after: undoTickets[itemID]) { store, ticket in
            var outcome = ReviewWorker.Outcome(ticket: ticket, items: [itemID], message: "", isError: false)
            do {
                let item = try store.undoDecision(itemID: itemID, actor: env.actor)
                outcome.message = "undone: '\(SafeText.display(item.sampleText))' is pending again"
            } catch {
                outcome.message = String(describing: error)
                outcome.isError = true
            }
            Self.readAfterDecision(store, env: env, request: request, into: &outcome)
            return outcome
        }
        state.review.saving.insert(itemID)
    }

    /// The mapper and lists after a job, read on the worker's connection (as `reloadChanged`
    /// would on the loop's); left nil when the read fails, and the loop reads them itself.
    static func readAfterDecision(
        _ store: any AssetStore, env: ConsoleEnvironment, request: ConsoleLists.Request, into outcome: inout ReviewWorker.Outcome
    ) {
        outcome.mapper = try? env.makeMapper(store)
        outcome.lists = try? ConsoleLists.read(store, request)
    }

    /// A decision, undo or bulk accept that finished on the worker: its lists, mapper and
    /// message, then what the other panes need, as `reloadChanged` does after one made in place.
    func applyReviewOutcome(_ outcome: ReviewWorker.Outcome) {
        for id in outcome.items { state.review.saving.remove(id) }
        for (id, ticket) in undoTickets where ticket == outcome.ticket { undoTickets[id] = nil }
        if let failed = outcome.failedUndo, let i = state.review.undoStack.lastIndex(of: failed) {
            state.review.undoStack.remove(at: i)
        }
        state.review.undoStack += outcome.decided
        if outcome.ticket == bulkTicket { bulkTicket = nil }
        do {
            if outcome.isRefresh, let token = refreshTokens.removeValue(forKey: outcome.ticket) {
                lastChangeToken = token
            } else {
                lastChangeToken = try store.changeToken()
            }
            if let m = outcome.mapper { mapper = m } else { mapper = try env.makeMapper(store) }
            if let lists = outcome.lists, lists.request == listsRequest { applyLists(lists) } else { try loadLists() }
            try reloadAfterLists()
        } catch {
            fail(error)
        }
        if outcome.isError { fail(ConsoleError(outcome.message)) } else if !outcome.isRefresh { flash(outcome.message) }
    }

    /// After the last queued decision, reads the lists once more on the worker, and takes as
    /// "seen" the loop's change token from *before* that read.
    ///
    /// The token is per connection and moves with the worker's own commits, so while decisions
    /// save, another operator's change cannot be told from ours. A read-only job commits
    /// nothing: if the token moves after it was taken, someone else wrote, and the next tick
    /// reloads as for any outside change; if it does not, the lists the job read are current.
    func verifyAfterDecisions() {
        guard let token = try? store.changeToken() else { return }
        let (env, request) = (self.env, listsRequest)
        let ticket = reviewWorker.submit(items: []) { store, ticket in
            var outcome = ReviewWorker.Outcome(ticket: ticket, items: [], message: "", isError: false, isRefresh: true)
            Self.readAfterDecision(store, env: env, request: request, into: &outcome)
            return outcome
        }
        refreshTokens[ticket] = token
    }

    var bulkInFlight: Bool { bulkTicket != nil }

    func bulkCandidates(threshold: Double) -> [ReviewItem] {
        state.review.items.filter { ($0.candidates.first?.score ?? 0) >= threshold }
    }

    /// Accepts the best candidate of every loaded item at or above `threshold`, on the worker.
    func bulkAccept(threshold: Double) throws {
        let chosen = bulkCandidates(threshold: threshold).compactMap { item in item.candidates.first.map { (item.id, $0.entry) } }
        let (env, request) = (self.env, listsRequest)
        let ids = chosen.map(\.0)
        bulkTicket = reviewWorker.submit(items: ids) { store, ticket in
            var outcome = ReviewWorker.Outcome(ticket: ticket, items: ids, message: "", isError: false)
            var skipped = 0
            for (id, entry) in chosen {
                do {
                    _ = try store.decide(itemID: id, decision: .map(entry: entry), actor: env.actor)
                    outcome.decided.append(id)
                } catch {
                    skipped += 1
                }
            }
            outcome.message =
                "accepted \(outcome.decided.count) item(s) of those loaded"
                + (skipped > 0 ? "; \(skipped) were decided meanwhile or refused" : "")
            Self.readAfterDecision(store, env: env, request: request, into: &outcome)
            return outcome
        }
        state.review.saving.formUnion(ids)
        flash("accepting \(ids.count) item(s)…")
    }
}
