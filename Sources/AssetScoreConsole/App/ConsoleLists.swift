import AssetScoreCore
import Foundation

/// The queue and review lists as one read: what `reloadChanged` loads first, read the same way
/// whether on the loop's connection or on the review worker's after a decision.
///
/// Reading them on the worker keeps the review ranking's recount (about 100 ms at 10,000
/// items) off the input loop; `Request` is what the read depends on in the state, so a result
/// read for a filter the operator has changed meanwhile is not applied as it is.
struct ConsoleLists: Sendable {
    struct Request: Sendable, Equatable {
        var queueStatus: AssetStatus?
        var showingJobs: Bool?
        var queueRowLimit: Int
        var queueJobLimit: Int
        var reviewLimit: Int
    }

    var request: Request
    var queueRows: [Asset]
    var queueTotal: Int
    var queueCounts: [AssetStatus: Int]
    var jobCounts: [JobStatus: Int]
    /// Read only when the jobs show (or would show: the first load shows them when there are any).
    var queueJobs: [QueueJob]?
    var reviewItems: [ReviewItem]
    var pendingTotal: Int

    static func read(_ store: any AssetStore, _ request: Request) throws -> ConsoleLists {
        var lists = try readQueue(store, request)
        lists.reviewItems = try store.reviewPage(status: .pending, facet: nil, search: nil, limit: request.reviewLimit, offset: 0)
        lists.pendingTotal = try store.reviewCount(status: .pending)
        return lists
    }

    /// The queue part alone (the review part empty): a filter change reads nothing else.
    static func readQueue(_ store: any AssetStore, _ request: Request) throws -> ConsoleLists {
        let rows = try store.assetPage(campaign: nil, status: request.queueStatus, search: nil, limit: request.queueRowLimit, offset: 0)
        let counts = try store.assetCounts()
        let jobCounts = try store.jobCounts()
        let showing = request.showingJobs ?? !jobCounts.isEmpty
        let jobs =
            showing
            ? try store.jobs(
                status: request.queueStatus.flatMap { JobStatus(rawValue: $0.rawValue) }, limit: request.queueJobLimit, offset: 0) : nil
        return ConsoleLists(
            request: request, queueRows: rows, queueTotal: request.queueStatus.map { counts.byStatus[$0] ?? 0 } ?? counts.total,
            queueCounts: counts.byStatus, jobCounts: jobCounts, queueJobs: jobs, reviewItems: [], pendingTotal: 0)
    }
}

extension ConsoleController {
    /// What the lists read depends on now (the loaded windows, at least a page each).
    var listsRequest: ConsoleLists.Request {
        let q = state.queue
        return ConsoleLists.Request(
            queueStatus: q.statusFilter, showingJobs: q.showingJobs, queueRowLimit: max(Self.pageSize, q.rows.count),
            queueJobLimit: max(Self.pageSize, q.queueJobs.count), reviewLimit: max(Self.pageSize, state.review.items.count))
    }

    /// Puts lists read for the current request into the state, keeping the selections on the
    /// same rows when they are still there.
    func applyLists(_ lists: ConsoleLists) {
        applyQueue(lists)
        let r = state.review
        let selectedItem = r.items.indices.contains(r.selected) ? r.items[r.selected].id : nil
        state.review.items = lists.reviewItems
        state.review.pendingTotal = lists.pendingTotal
        state.review.selected = reselect(state.review.items.map(\.id), selectedItem, fallback: r.selected)
        loadSelectedItemAssets()
    }

    func applyQueue(_ lists: ConsoleLists) {
        let q = state.queue
        state.queue.rows = lists.queueRows
        state.queue.total = lists.queueTotal
        state.queue.counts = lists.queueCounts
        state.queue.jobCounts = lists.jobCounts
        if state.queue.showingJobs == nil { state.queue.showingJobs = !lists.jobCounts.isEmpty }
        if state.queue.showingJobs == true {
            let jobID = q.queueJobs.indices.contains(q.selected) ? q.queueJobs[q.selected].id : nil
            state.queue.queueJobs = lists.queueJobs ?? []
            state.queue.selected = reselect(state.queue.queueJobs.map(\.id), jobID, fallback: q.selected)
        } else {
            let selectedID = q.rows.indices.contains(q.selected) ? q.rows[q.selected].id : nil
            state.queue.selected = reselect(state.queue.rows.map(\.id), selectedID, fallback: q.selected)
        }
    }
}
