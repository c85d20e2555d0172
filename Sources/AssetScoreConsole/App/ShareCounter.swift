import AssetScoreCore
import Foundation

/// Counts which variant every imported user wins, on a background queue with its own connection;
/// only the newest request's result is kept for the input loop to take.
///
/// At 100,000 users, reading and mapping their profiles takes about a second and running every
/// profile through a big campaign's winner-only path a few seconds more: far too long for a key. The simulator shows the ranking at once and the share chart when it is ready.
/// Mapped profiles are kept until the controller's users epoch moves (after any change), so
/// switching campaigns pays only for the winners.
final class ShareCounter: @unchecked Sendable {
    struct Request: Sendable {
        var generation: Int
        /// Bumped by the controller whenever users or the mapper may have changed.
        var usersEpoch: Int
        var decider: CampaignDecider
    }

    struct Counted: Sendable {
        var generation: Int
        var campaign: String
        var outcome: Result<Shares, ConsoleError>
    }

    struct Shares: Sendable {
        var usersCounted: Int
        /// Users won, by variant asset id.
        var wins: [Int64: Int]
    }

    private struct Output: Sendable {
        var campaign: String
        var outcome: Result<Shares, ConsoleError>
    }

    private let work = NewestResultQueue<Output>(label: "assetscore.console.shares")
    private let openStore: @Sendable () throws -> any AssetStore
    /// Touched by the queue's work only.
    private var store: (any AssetStore)?
    private var profiles: (epoch: Int, resolved: [[UserAttribute]])?

    init(openStore: @escaping @Sendable () throws -> any AssetStore) {
        self.openStore = openStore
    }

    /// Starts counting for `request.generation` (newer than any earlier request). A count the
    /// operator has moved past (another campaign) stops between chunks, mapping or scoring.
    func count(_ request: Request) {
        work.submit(request.generation) { [self] isCurrent in
            let outcome: Result<Shares, ConsoleError>
            do {
                guard let profiles = try resolvedProfiles(request, while: isCurrent),
                    let shares = Self.shares(request.decider, profiles: profiles, while: isCurrent)
                else { return nil }
                outcome = .success(shares)
            } catch {
                outcome = .failure(ConsoleError("counting users' shares: \(error)"))
            }
            return Output(campaign: request.decider.campaign.id, outcome: outcome)
        }
    }

    /// Runs on the queue: the mapped profiles of this epoch, read once; nil when the request was
    /// superseded while they were being mapped (nothing is kept then).
    private func resolvedProfiles(_ request: Request, while current: () -> Bool) throws -> [[UserAttribute]]? {
        if let profiles, profiles.epoch == request.usersEpoch { return profiles.resolved }
        if store == nil { store = try openStore() }
        guard let resolved = try Self.profiles(store!, decider: request.decider, while: current) else { return nil }
        profiles = (request.usersEpoch, resolved)
        return resolved
    }

    /// Every user's attributes, mapped by the campaign's decider (shared with the loop's own
    /// count for small user bases).
    static func profiles(_ store: any AssetStore, decider: CampaignDecider) throws -> [[UserAttribute]] {
        try profiles(store, decider: decider, while: { true })!
    }

    /// The same, or nil when `current` turned false between two chunks of the mapping.
    static func profiles(_ store: any AssetStore, decider: CampaignDecider, while current: () -> Bool) throws
        -> [[UserAttribute]]?
    {
        let users = try store.users(limit: max(1, try store.userCount()), offset: 0)
        var resolved: [[UserAttribute]] = []
        resolved.reserveCapacity(users.count)
        // Users share a small vocabulary: each unmapped (facet, text) goes through the mapper
        // (normalising, fuzzy matching) once, not once per user holding it.
        var mapped: [MappingKey: UserAttribute] = [:]
        for start in stride(from: 0, to: users.count, by: chunk) {
            guard current() else { return nil }
            for user in users[start..<min(users.count, start + chunk)] {
                resolved.append(
                    user.attributes.map { a in
                        guard a.entry == nil else { return a }
                        let key = MappingKey(facet: a.facet, value: a.value)
                        let r =
                            mapped[key]
                            ?? {
                                let r = decider.resolve([a])[0]
                                mapped[key] = r
                                return r
                            }()
                        // Only the mapping is shared (as `resolve` sets it); the rest is the user's.
                        var m = a
                        m.entry = r.entry
                        m.method = r.method
                        m.normalized = r.normalized
                        return m
                    })
            }
        }
        return resolved
    }

    private struct MappingKey: Hashable {
        var facet: String
        var value: String
    }

    /// Marks every request up to `generation` as superseded (see `NewestResultQueue`).
    func supersede(_ generation: Int) {
        work.supersede(generation)
    }

    static func shares(_ decider: CampaignDecider, profiles: [[UserAttribute]]) -> Shares {
        shares(decider, profiles: profiles, while: { true })!
    }

    /// Profiles per chunk of a background count: a few hundred milliseconds at most on a big
    /// campaign, so a count nobody waits for any more stops soon.
    static let chunk = 5000

    /// The shares, or nil when `current` turned false between two chunks.
    static func shares(_ decider: CampaignDecider, profiles: [[UserAttribute]], while current: () -> Bool) -> Shares? {
        var wins: [Int64: Int] = [:]
        var start = 0
        while start < profiles.count {
            guard current() else { return nil }
            let end = min(profiles.count, start + chunk)
            for w in decider.scorer.winners(Array(profiles[start..<end])) {
                if let w { wins[w.assetID, default: 0] += 1 }
            }
            start = end
        }
        return Shares(usersCounted: profiles.count, wins: wins)
    }

    func take() -> Counted? {
        work.take().map { Counted(generation: $0.generation, campaign: $0.output.campaign, outcome: $0.output.outcome) }
    }

    /// Blocks until the counts asked for so far are done (tests, quitting a script).
    func waitUntilIdle() {
        work.waitUntilIdle()
    }
}
