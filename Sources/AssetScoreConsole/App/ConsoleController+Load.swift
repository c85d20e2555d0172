import AssetScoreCore
import Foundation
import TerminalUI

extension ConsoleController {
    /// How many rows a list pane loads; the panes page through the store beyond this.
    static let pageSize = 500

    /// Everything, as on Ctrl-R.
    func reloadAll() throws {
        lastChangeToken = try store.changeToken()
        mapper = try env.makeMapper(store)
        forgetUsers()
        deciders.removeAll()
        try loadLists()
        try loadDictionary()
        try loadSimulator(withUserShares: true)
    }

    /// Start-up: the lists (one page each); the dictionary and simulator load when first shown,
    /// so opening the console on a big database stays fast.
    func loadStart() throws {
        lastChangeToken = try store.changeToken()
        mapper = try env.makeMapper(store)
        try loadLists()
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
        try loadLists()
        try reloadAfterLists()
    }

    /// The part of `reloadChanged` after the lists: what depends on the mapper and the panes
    /// on screen (shared with a decision's outcome, whose lists the review worker read).
    func reloadAfterLists() throws {
        forgetUsers()
        deciders.removeAll()
        // A campaign still loading was read before this change: it must not come back into the
        // cache (the simulator loads the campaign again when it shows).
        campaignGeneration += 1
        campaignLoads.request(campaignGeneration)
        state.simulator.loadingCampaign = nil
        // A share count still running was reading the users as they were: it starts again. Shares
        // already shown stay until the campaign changes (recounting every user on every change,
        // a busy ingest's included, would keep the chart counting for ever).
        if state.simulator.countingShares {
            dropShares()
            recountShares = true
        }
        loadEntries()
        if isVisible(.dictionary) { try loadDictionary() } else { staleDictionary = true }
        if isVisible(.simulator) { try loadSimulator(withUserShares: takeRecount()) } else { staleSimulator = true }
    }

    /// Whether the share chart was dropped by a change and must be counted again, once.
    func takeRecount() -> Bool {
        defer { recountShares = false }
        return recountShares
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
            try loadSimulator(withUserShares: takeRecount())
        }
    }

    /// The loaded window of the queue (at least one page) again, so the selection stays put.
    func loadQueue() throws {
        applyQueue(try ConsoleLists.readQueue(store, listsRequest))
    }

    /// Both lists, as after a decision (`ConsoleLists`, read the same way on the review worker).
    func loadLists() throws {
        applyLists(try ConsoleLists.read(store, listsRequest))
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

    /// The dictionary pane's data: the audit trail now, the usage counts (the costly part) on
    /// the usage counter's queue; the pane shows "counting…" until `tick` finds them.
    func loadDictionary() throws {
        loadEntries()
        state.dictionary.audit = try store.auditLog(limit: 20)
        usageGeneration += 1
        state.dictionary.countingUsage = true
        usageCounter.count(usageGeneration)
    }

    /// Counts that finished: shown when they are the newest asked for.
    func applyUsage(_ counted: UsageCounter.Counted) {
        guard counted.generation == usageGeneration else { return }
        state.dictionary.countingUsage = false
        switch counted.outcome {
        case .success(let usage):
            state.dictionary.usage = usage
            state.dictionary.usageCounted = true
        case .failure(let error):
            fail(error)
        }
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
        let previous = state.simulator.subject
        state.simulator.subjects = subjects
        state.simulator.subjectIndex = previous.flatMap { p in subjects.firstIndex { $0.id == p.id } } ?? 0
        // The profile being edited survives reloads; another subject replaces it, and so does the
        // same subject stored anew while the profile was not edited (a review decision mapped
        // one of its attributes: the profile shows it mapped).
        let subject = state.simulator.subject
        let unedited = previous?.id == subject?.id && state.simulator.profile == previous?.attributes
        if state.simulator.profileSubject != subject?.id || (unedited && subject?.attributes != previous?.attributes) {
            state.simulator.profile = subject?.attributes ?? []
            state.simulator.profileSubject = subject?.id
        }
        try loadCampaign(withUserShares: withUserShares)
    }

    /// Loads the selected campaign's scorer and the per-persona winners; the users' shares only
    /// when asked, or when the campaign changed. A campaign already loaded since the last change
    /// comes from memory; a big one not loaded yet loads on a background thread (see
    /// `CampaignLoadSlot`) and shows when `tick` finds it ready.
    func loadCampaign(withUserShares: Bool = true) throws {
        // Whatever is loading in the background is for an older request now.
        campaignGeneration += 1
        campaignLoads.request(campaignGeneration)
        guard let id = state.simulator.campaign else {
            clearCampaign()
            state.simulator.loadingCampaign = nil
            return
        }
        if let cached = deciders[id] { return showCampaign(cached, withUserShares: withUserShares) }
        // Another campaign: nothing of the one before may stay on screen, whatever fails next.
        if decider?.campaign.id != id { clearCampaign() }
        let counts = try store.assetCounts().byCampaign[id] ?? [:]
        let variants = (counts[.ready] ?? 0) + (counts[.needsReview] ?? 0)
        if variants < backgroundCampaignThreshold {
            let loaded: CampaignDecider
            do {
                loaded = try CampaignDecider(campaign: id, store: store, mapper: mapper)
            } catch {
                // Never the previous campaign's ranking under this one's name.
                clearCampaign()
                throw error
            }
            remember(loaded)
            return showCampaign(loaded, withUserShares: withUserShares)
        }
        let (generation, env, mapper, slot) = (campaignGeneration, env, mapper, campaignLoads)
        Thread.detachNewThread {
            BackgroundPriority.lowerCurrentThread()
            // Keys pressed while this thread waited to start may already have moved on.
            guard slot.isCurrent(generation) else { return }
            let outcome: Result<CampaignDecider, ConsoleError>
            do {
                outcome = .success(try CampaignDecider(campaign: id, store: try env.openStore(), mapper: mapper))
            } catch {
                outcome = .failure(ConsoleError("loading campaign \(id): \(error)"))
            }
            slot.post(CampaignLoadSlot.Loaded(generation: generation, campaign: id, outcome: outcome))
        }
        clearCampaign()
        state.simulator.loadingCampaign = id
        state.simulator.loadingVariants = variants
    }

    /// No campaign shows: while one loads, after a load failed, or when there is none.
    func clearCampaign() {
        decider = nil
        state.simulator.decision = nil
        state.simulator.personaWinners = []
        dropShares()
    }

    /// Forgets the shares shown or being counted; a count still running stops at its next chunk.
    func dropShares() {
        shareGeneration += 1
        shareCounter.supersede(shareGeneration)
        state.simulator.countingShares = false
        state.simulator.userShares = []
    }

    /// A background load that finished: shown when it is still what the operator asked for.
    func applyCampaignLoad(_ loaded: CampaignLoadSlot.Loaded) {
        guard loaded.generation == campaignGeneration, state.simulator.campaign == loaded.campaign else { return }
        state.simulator.loadingCampaign = nil
        switch loaded.outcome {
        case .success(let d):
            remember(d)
            showCampaign(d, withUserShares: true)
        case .failure(let error):
            clearCampaign()
            fail(error)
        }
    }

    /// Keeps a few loaded campaigns, so going back and forth with [ and ] costs nothing.
    func remember(_ d: CampaignDecider) {
        if deciders.count >= Self.rememberedCampaigns, deciders[d.campaign.id] == nil, let first = deciders.keys.first {
            deciders[first] = nil
        }
        deciders[d.campaign.id] = d
    }

    static let rememberedCampaigns = 6

    func showCampaign(_ d: CampaignDecider, withUserShares: Bool) {
        decider = d
        state.simulator.loadingCampaign = nil
        let id = d.campaign.id
        let changed = state.simulator.loadedCampaign != id
        if changed {
            let facets = mapper.dictionary.facets
            state.simulator.facetOrder = facets.map(\.id)
            var weights: [String: Double] = [:]
            for f in facets { weights[f.id] = d.campaign.facetWeights[f.id] ?? f.weight }
            state.simulator.facetWeights = weights
            state.simulator.loadedCampaign = id
        }
        rescore()
        summarisePersonas()
        if withUserShares || changed { summariseUsers(campaignChanged: changed) }
    }

    /// Re-scores the edited profile with the edited facet weights: in memory, on every key.
    /// Only the rows the pane can show get their terms built (the winner always does).
    func rescore() {
        guard let decider else { return }
        let scorer = decider.rescored(facetWeights: state.simulator.facetWeights)
        state.simulator.decision = scorer.decide(
            attributes: decider.resolve(state.simulator.profile), subject: state.simulator.subject?.id,
            rankingLimit: max(1, state.height))
        state.simulator.variantCount = scorer.variantCount
    }

    func summarisePersonas() {
        guard let decider else { return }
        state.simulator.personaWinners = state.simulator.subjects.filter { !$0.isUser }.map { s in
            let w = decider.winner(attributes: s.attributes)
            return (s.name, w.map { assetName($0.assetID, in: decider) } ?? "-", w?.score ?? 0)
        }
    }

    /// The share of every imported user each variant wins, on the winner-only path. The users'
    /// profiles are read and mapped once per change, then each campaign costs the postings their
    /// attributes reach. Small user bases are counted at once; from `backgroundShareThreshold`
    /// users on, `ShareCounter` counts off the loop and the chart says "counting…" until `tick`
    /// finds the result.
    func summariseUsers(campaignChanged: Bool = false) {
        guard let decider else { return }
        let users: Int
        do {
            users = try userCount()
        } catch {
            return fail(error)
        }
        shareGeneration += 1
        shareCounter.supersede(shareGeneration)
        if users < backgroundShareThreshold {
            state.simulator.countingShares = false
            do {
                showShares(ShareCounter.shares(decider, profiles: try userProfiles()), decider: decider)
            } catch {
                fail(error)
            }
            return
        }
        state.simulator.countingShares = true
        // Another campaign's bars would be wrong; the same campaign's stay until the new ones.
        if campaignChanged { state.simulator.userShares = [] }
        shareCounter.count(ShareCounter.Request(generation: shareGeneration, usersEpoch: usersEpoch, decider: decider))
    }

    /// Counts that finished: shown when they are the newest asked for and their campaign shows.
    func applyShares(_ counted: ShareCounter.Counted) {
        guard counted.generation == shareGeneration, let decider, decider.campaign.id == counted.campaign,
            state.simulator.campaign == counted.campaign
        else { return }
        state.simulator.countingShares = false
        switch counted.outcome {
        case .success(let shares): showShares(shares, decider: decider)
        case .failure(let error): fail(error)
        }
    }

    func showShares(_ shares: ShareCounter.Shares, decider: CampaignDecider) {
        let counted = shares.usersCounted
        state.simulator.usersCounted = counted
        state.simulator.userShares = shares.wins.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .map { (assetName($0.key, in: decider), counted == 0 ? 0 : Double($0.value) / Double(counted)) }
    }

    /// Every user's attributes, mapped with the current mapper; kept until the next reload.
    func userProfiles() throws -> [[UserAttribute]] {
        if let cached = resolvedUsers { return cached }
        guard let decider else { return [] }
        let resolved = try ShareCounter.profiles(store, decider: decider)
        resolvedUsers = resolved
        return resolved
    }

    /// How many users are imported, read once per change.
    func userCount() throws -> Int {
        if let known = knownUserCount, known.epoch == usersEpoch { return known.count }
        let count = try store.userCount()
        knownUserCount = (usersEpoch, count)
        return count
    }

    /// After a change: users, their mapping and their count are read again when next needed.
    func forgetUsers() {
        resolvedUsers = nil
        usersEpoch += 1
    }

    func assetName(_ id: Int64, in decider: CampaignDecider) -> String {
        guard let asset = decider.scorer.variant(id: id) else { return "#\(id)" }
        return FileName.of(asset.path)
    }
}
