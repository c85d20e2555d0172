import AssetScoreCore
import AssetScoreIngest
import Foundation
import TerminalUI

/// Turns keys into actions and actions into state changes, loading and saving through the store.
///
/// Business rules stay in the core and the store (mapping, decisions, scoring); this class only
/// decides what to load and which store call an action means. Ingests run on a background thread
/// with their own connection and report progress back through `tick()`.
public final class ConsoleController {
    public internal(set) var state = ConsoleState()
    public let keyMap: KeyMap
    let env: ConsoleEnvironment
    let store: any AssetStore
    var mapper: Mapper
    var decider: CampaignDecider?
    var lastChangeToken: Int64?
    /// Panes whose data changed while they were off screen.
    var staleDictionary = false
    var staleSimulator = false
    var quitConfirmed = false
    /// Every user's attributes, mapped: the share chart's input, read once per change.
    var resolvedUsers: [[UserAttribute]]?
    /// Moves whenever users or their mapping may have changed (see `forgetUsers`).
    var usersEpoch = 0
    var knownUserCount: (epoch: Int, count: Int)?
    /// From this many imported users on, the share chart is counted off the loop.
    var backgroundShareThreshold = 5000
    /// Users' shares counted in the background; the generation names the newest request.
    let shareCounter: ShareCounter
    var shareGeneration = 0
    /// A change dropped a share count in progress: count again when the simulator next loads.
    var recountShares = false
    /// Campaigns loaded since the last change, by id (a few; see `remember`).
    var deciders: [String: CampaignDecider] = [:]
    let campaignLoads = CampaignLoadSlot()
    /// Bumped by every campaign request, so a background load for an older one is dropped.
    var campaignGeneration = 0
    /// Campaigns with at least this many variants load in the background: about 25 ms per
    /// thousand variants is more than a key may take. Small ones (and the tests on them) load
    /// at once.
    var backgroundCampaignThreshold = 200
    let events = BackgroundEvents()
    var nextJobID = 1
    /// Review decisions run here, in order, off the input loop.
    let reviewWorker: ReviewWorker
    /// The worker ticket of each decision still saving, by item, so an undo waits for it.
    var undoTickets: [Int64: Int] = [:]
    /// A bulk accept still saving (undo waits until it is done: its items are not known yet).
    var bulkTicket: Int?
    /// The loop connection's change token taken just before a refresh was queued, by ticket.
    var refreshTokens: [Int: Int64] = [:]
    /// Dictionary usage counts, made in the background; the generation names the newest request.
    let usageCounter: UsageCounter
    var usageGeneration = 0

    public init(environment: ConsoleEnvironment, keyMap: KeyMap = KeyMap(actions: ConsoleActions.table)) throws {
        env = environment
        self.keyMap = keyMap
        store = try environment.openStore()
        reviewWorker = ReviewWorker(openStore: environment.openStore)
        usageCounter = UsageCounter(openStore: environment.openStore)
        shareCounter = ShareCounter(openStore: environment.openStore)
        mapper = try environment.makeMapper(store)
        try loadStart()
    }

    public func resize(width: Int, height: Int) {
        let taller = max(1, height) > state.height
        state.width = max(1, width)
        state.height = max(1, height)
        // The ranking holds the rows the old height could show.
        if taller, decider != nil { rescore() }
        do { try refreshIfStale() } catch { fail(error) }
    }

    /// Handles one key; returns false when the console should quit.
    @discardableResult
    public func handle(_ key: Key) -> Bool {
        if case .resize = key { return true }
        if case .mouse(let x, let y, let button) = key {
            click(x: x, y: y, button: button)
            return true
        }
        // While the "too small" notice hides the panes, keys must not act on what cannot be seen.
        guard ConsoleLayout(width: state.width, height: state.height, focus: state.focus).fits else {
            if key == .character("q") || key == .ctrl("c") { return false }
            flash("the terminal is too small; enlarge it or press q")
            return true
        }
        if let overlay = state.overlay {
            return handleOverlay(overlay, key)
        }
        guard let action = keyMap.action(for: key, in: state.focus.rawValue) else {
            if case .character(let c) = key { flash("no action for '\(c)' here; ? shows the keys") }
            return true
        }
        return perform(action)
    }

    /// Runs a named action (as the key map resolves it); returns false for quit.
    @discardableResult
    public func perform(_ action: String) -> Bool {
        state.message = nil
        if action != "quit" { quitConfirmed = false }
        do {
            switch action {
            case "quit":
                // A running ingest would be cut short: ask once, quit on the second press.
                if state.queue.jobs.contains(where: { !$0.finished }) && !quitConfirmed {
                    quitConfirmed = true
                    flash("an ingest is still running: press q again to quit (files stored so far stay)")
                    return true
                }
                return false
            case "help": state.overlay = .help(scroll: 0)
            case "cancel": state.overlay = nil
            case "next-pane": focus(state.focus.next)
            case "previous-pane": focus(state.focus.previous)
            case "pane-queue": focus(.queue)
            case "pane-review": focus(.review)
            case "pane-simulator": focus(.simulator)
            case "pane-dictionary": focus(.dictionary)
            case "up": move(-1)
            case "down": move(1)
            case "page-up": move(-max(1, state.height - 6))
            case "page-down": move(max(1, state.height - 6))
            case "top": move(-Int.max / 2)
            case "bottom": move(Int.max / 2)
            case "refresh":
                try reloadAll()
                flash("reloaded")
            default:
                try performPaneAction(action)
            }
        } catch {
            fail(error)
        }
        return true
    }

    func performPaneAction(_ action: String) throws {
        switch state.focus {
        case .queue: try performQueue(action)
        case .review: try performReview(action)
        case .simulator: try performSimulator(action)
        case .dictionary: try performDictionary(action)
        }
    }

    /// Drains background progress and reloads when another process changed the database.
    public func tick() {
        if let loaded = campaignLoads.take() { applyCampaignLoad(loaded) }
        let outcomes = reviewWorker.take()
        for outcome in outcomes { applyReviewOutcome(outcome) }
        if outcomes.contains(where: { !$0.isRefresh }) && !reviewWorker.isBusy { verifyAfterDecisions() }
        if let counted = usageCounter.take() { applyUsage(counted) }
        if let shares = shareCounter.take() { applyShares(shares) }
        var changed = false
        for event in events.drain() {
            apply(event)
            if case .finished = event { changed = true }
        }
        // While a decision is saving, the token moves with its own writes; its outcome brings
        // the lists read after them, so reading them here as well would only cost time.
        if !reviewWorker.isBusy, let token = try? store.changeToken(), token != lastChangeToken { changed = true }
        if changed {
            do { try reloadChanged() } catch { fail(error) }
        }
    }

    func focus(_ pane: PaneID) {
        state.focus = pane
        do { try refreshIfStale() } catch { fail(error) }
    }

    func flash(_ text: String) {
        state.message = text
        state.messageIsError = false
    }

    func fail(_ error: any Error) {
        state.message = SafeText.display(String(describing: error))
        state.messageIsError = true
    }

    /// Moves the selection of the focused pane by `delta` rows, clamped.
    func move(_ delta: Int) {
        func clamp(_ value: Int, _ count: Int) -> Int { count == 0 ? 0 : min(max(0, value), count - 1) }
        switch state.focus {
        case .queue:
            state.queue.selected = clamp(state.queue.selected &+ delta, state.queue.rowCount)
            try? loadMoreIfNeeded()
        case .review:
            state.review.selected = clamp(state.review.selected &+ delta, state.review.items.count)
            try? loadMoreIfNeeded()
            loadSelectedItemAssets()
        case .dictionary: state.dictionary.selected = clamp(state.dictionary.selected &+ delta, state.dictionary.visible.count)
        case .simulator:
            if state.simulator.editingWeights {
                state.simulator.selectedFacet = clamp(state.simulator.selectedFacet &+ delta, state.simulator.facetOrder.count)
            } else {
                state.simulator.selectedAttribute = clamp(state.simulator.selectedAttribute &+ delta, state.simulator.profile.count)
            }
        }
    }
}

extension ConsoleController {
    /// Waits for the decisions still saving and applies their outcomes: quitting must not cut
    /// one short, and a script's last screen shows them.
    /// Returns whether anything was applied (the screen is then worth drawing once more).
    @discardableResult
    public func finishBackgroundWork() -> Bool {
        reviewWorker.waitUntilIdle()
        let outcomes = reviewWorker.take()
        for outcome in outcomes { applyReviewOutcome(outcome) }
        // The outcomes may have asked for new counts: wait for those too.
        usageCounter.waitUntilIdle()
        let counted = usageCounter.take()
        if let counted { applyUsage(counted) }
        shareCounter.waitUntilIdle()
        let shares = shareCounter.take()
        if let shares { applyShares(shares) }
        return !outcomes.isEmpty || counted != nil || shares != nil
    }

    /// Shows a problem found while starting (a broken theme or key file) in the status bar.
    public func report(_ text: String) {
        state.message = SafeText.display(text)
        state.messageIsError = true
    }
}
