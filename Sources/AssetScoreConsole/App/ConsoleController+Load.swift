import AssetScoreCore
import Foundation

extension ConsoleController {
    /// How many rows a list pane loads; the panes page through the store beyond this.
    static let pageSize = 500

    /// Everything, as on Ctrl-R.
    func reloadAll() throws {
        lastChangeToken = try store.changeToken()
        mapper = try env.makeMapper(store)
        try loadQueue()
        try loadReview()
        try loadDictionary()
        try loadSimulator(withUserShares: true)
    }

    /// Start-up: the lists (one page each); the dictionary and simulator load when first shown,
    /// so opening the console on a big database stays fast.
    func loadStart() throws {
        lastChangeToken = try store.changeToken()
        mapper = try env.makeMapper(store)
        try loadQueue()
        try loadReview()
        loadEntries()
        staleDictionary = true
        staleSimulator = true
        try refreshIfStale()
    }

    /// After a decision here or a change elsewhere: the lists, and the other panes only when they
    /// are on screen (they reload when they next show). Edits in the simulator are kept.
    func reloadChanged() throws {
        lastChangeToken = try store.changeToken()
        mapper = try env.makeMapper(store)
        try loadQueue()
        try loadReview()
        loadEntries()
        if isVisible(.dictionary) { try loadDictionary() } else { staleDictionary = true }
        if isVisible(.simulator) { try loadSimulator(withUserShares: false) } else { staleSimulator = true }
    }

    func isVisible(_ pane: PaneID) -> Bool {
        ConsoleLayout(width: state.width, height: state.height, focus: state.focus).panes.contains { $0.0 == pane }
    }

    /// Loads what a pane that just came on screen missed while it was hidden (after a focus
    /// change or a resize: a wider terminal may show a pane that has not loaded yet).
    func refreshIfStale() throws {
        if staleDictionary && isVisible(.dictionary) {
            staleDictionary = false
            try loadDictionary()
        }
        if staleSimulator && isVisible(.simulator) {
            staleSimulator = false
            try loadSimulator(withUserShares: false)
        }
    }

    /// The loaded window of the queue (at least one page) again, so the selection stays put.
    func loadQueue() throws {
        let q = state.queue
        let selectedID = q.rows.indices.contains(q.selected) ? q.rows[q.selected].id : nil
        let limit = max(Self.pageSize, q.rows.count)
        state.queue.rows = try store.assetPage(campaign: nil, status: q.statusFilter, search: nil, limit: limit, offset: 0)
        let counts = try store.assetCounts()
        state.queue.total = q.statusFilter.map { counts.byStatus[$0] ?? 0 } ?? counts.total
        state.queue.counts = counts.byStatus
        state.queue.jobCounts = try store.jobCounts()
        if state.queue.showingJobs == nil { state.queue.showingJobs = !state.queue.jobCounts.isEmpty }
        if state.queue.showingJobs == true {
            let jobID = q.queueJobs.indices.contains(q.selected) ? q.queueJobs[q.selected].id : nil
            let filter = q.statusFilter.flatMap { JobStatus(rawValue: $0.rawValue) }
            state.queue.queueJobs = try store.jobs(status: filter, limit: max(Self.pageSize, q.queueJobs.count), offset: 0)
            state.queue.selected = reselect(state.queue.queueJobs.map(\.id), jobID, fallback: q.selected)
        } else {
            state.queue.selected = reselect(state.queue.rows.map(\.id), selectedID, fallback: q.selected)
        }
    }

    func loadReview() throws {
        let r = state.review
        let selectedID = r.items.indices.contains(r.selected) ? r.items[r.selected].id : nil
        let limit = max(Self.pageSize, r.items.count)
        state.review.items = try store.reviewPage(status: .pending, facet: nil, search: nil, limit: limit, offset: 0)
        state.review.pendingTotal = try store.reviewCount(status: .pending)
        state.review.selected = reselect(state.review.items.map(\.id), selectedID, fallback: r.selected)
        loadSelectedItemAssets()
    }

    /// The selected review item's first asset files (three lookups by id), for its previews.
    func loadSelectedItemAssets() {
        guard let item = selectedItem else {
            state.review.selectedAssetPaths = []
            return
        }
        state.review.selectedAssetPaths = item.assetIDs.prefix(3).compactMap { try? store.asset(id: $0)?.path }
    }

    /// Pages further when the selection reaches the end of what is loaded.
    func loadMoreIfNeeded() throws {
        switch state.focus {
        case .queue:
            let q = state.queue
            if q.showingJobs == true {
                guard q.selected >= q.queueJobs.count - 1, q.queueJobs.count < q.jobCounts.values.reduce(0, +) else { return }
                state.queue.queueJobs += try store.jobs(
                    status: q.statusFilter.flatMap { JobStatus(rawValue: $0.rawValue) }, limit: Self.pageSize, offset: q.queueJobs.count)
                return
            }
            guard q.selected >= q.rows.count - 1, q.rows.count < q.total else { return }
            state.queue.rows += try store.assetPage(
                campaign: nil, status: q.statusFilter, search: nil, limit: Self.pageSize, offset: q.rows.count)
        case .review:
            let r = state.review
            guard r.selected >= r.items.count - 1, r.items.count < r.pendingTotal else { return }
            state.review.items += try store.reviewPage(
                status: .pending, facet: nil, search: nil, limit: Self.pageSize, offset: r.items.count)
        default:
            return
        }
    }

    /// The entries (cheap, from the mapper; the review search needs them in every pane).
    func loadEntries() {
        let d = state.dictionary
        let selectedID = d.visible.indices.contains(d.selected) ? d.visible[d.selected].id : nil
        let dictionary = mapper.dictionary
        state.dictionary.entries = dictionary.entries.sorted { ($0.facet, $0.label.lowercased()) < ($1.facet, $1.label.lowercased()) }
        state.dictionary.facets = dictionary.facets.map(\.id)
        state.dictionary.selected = reselect(state.dictionary.visible.map(\.id), selectedID, fallback: d.selected)
    }

    /// The dictionary pane's costly part: usage counts and the audit trail.
    func loadDictionary() throws {
        loadEntries()
        state.dictionary.usage = try store.entryUsage()
        state.dictionary.audit = try store.auditLog(limit: 20)
    }

    /// Keeps the same row selected after a reload when it is still there.
    func reselect<T: Equatable>(_ ids: [T], _ id: T?, fallback: Int) -> Int {
        if let id, let i = ids.firstIndex(of: id) { return i }
        return ids.isEmpty ? 0 : min(max(0, fallback), ids.count - 1)
    }

    func loadSimulator(withUserShares: Bool) throws {
        let campaigns = try store.campaigns().map(\.id).sorted()
        let current = state.simulator.campaign
        state.simulator.campaigns = campaigns
        state.simulator.campaignIndex = current.flatMap { campaigns.firstIndex(of: $0) } ?? 0
        let personas = try store.personas()
        let user = state.simulator.subjects.first { $0.isUser }
        var subjects = personas.map { SimulatorState.Subject(id: $0.id, name: $0.name, isUser: false, attributes: $0.attributes) }
        if let user { subjects.append(user) }
        let currentSubject = state.simulator.subject?.id
        state.simulator.subjects = subjects
        state.simulator.subjectIndex = currentSubject.flatMap { id in subjects.firstIndex { $0.id == id } } ?? 0
        // The profile being edited survives reloads; only another subject replaces it.
        if state.simulator.profileSubject != state.simulator.subject?.id {
            state.simulator.profile = state.simulator.subject?.attributes ?? []
            state.simulator.profileSubject = state.simulator.subject?.id
        }
        try loadCampaign(withUserShares: withUserShares)
    }

    /// Loads the selected campaign's scorer and the per-persona winners; the users' shares (one
    /// decision per user, the costly part) only when asked, or when the campaign changed.
    func loadCampaign(withUserShares: Bool = true) throws {
        guard let id = state.simulator.campaign else {
            decider = nil
            state.simulator.decision = nil
            return
        }
        decider = try CampaignDecider(campaign: id, store: store, mapper: mapper)
        let changed = state.simulator.loadedCampaign != id
        if changed {
            let campaign = decider!.campaign
            let facets = mapper.dictionary.facets
            state.simulator.facetOrder = facets.map(\.id)
            var weights: [String: Double] = [:]
            for f in facets { weights[f.id] = campaign.facetWeights[f.id] ?? f.weight }
            state.simulator.facetWeights = weights
            state.simulator.loadedCampaign = id
        }
        rescore()
        summarisePersonas()
        if withUserShares || changed { summariseUsers() }
    }

    /// Re-scores the edited profile with the edited facet weights: in memory, on every key.
    func rescore() {
        guard let decider else { return }
        let scorer = decider.rescored(facetWeights: state.simulator.facetWeights)
        state.simulator.decision = scorer.decide(attributes: decider.resolve(state.simulator.profile), subject: state.simulator.subject?.id)
    }

    func summarisePersonas() {
        guard let decider else { return }
        state.simulator.personaWinners = state.simulator.subjects.filter { !$0.isUser }.map { s in
            let d = decider.decide(attributes: s.attributes, subject: s.id)
            return (s.name, d.winner.map { assetName($0.assetID, in: decider) } ?? "-", d.winner?.score ?? 0)
        }
    }

    /// How many users the share chart samples: enough for a picture, cheap enough for a key press.
    static let shareSample = 200

    func summariseUsers() {
        guard let decider else { return }
        var wins: [Int64: Int] = [:]
        var counted = 0
        let users: [UserProfile]
        do {
            users = try store.users(limit: Self.shareSample, offset: 0)
        } catch {
            return fail(error)
        }
        do {
            for u in users {
                if let w = decider.decide(attributes: u.attributes, subject: u.id).winner { wins[w.assetID, default: 0] += 1 }
                counted += 1
            }
        }
        state.simulator.usersCounted = counted
        state.simulator.userShares = wins.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .map { (assetName($0.key, in: decider), counted == 0 ? 0 : Double($0.value) / Double(counted)) }
    }

    func assetName(_ id: Int64, in decider: CampaignDecider) -> String {
        if let v = state.simulator.decision?.ranking.first(where: { $0.assetID == id }) {
            return URL(fileURLWithPath: v.path).lastPathComponent
        }
        return "#\(id)"
    }
}
