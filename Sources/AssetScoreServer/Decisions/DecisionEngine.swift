import AssetScoreCore
import Foundation

/// Answers decide requests from in-memory deciders, cached while the store is unchanged.
///
/// Three caches hang off one value of the store's change token: the mapper (dictionary and
/// rejections), each campaign's `CampaignDecider`, and finished answers per campaign, user and
/// inline attributes. When any commit moves the token, all three start over on the next
/// request; because decision ids name the answer (not the moment), a reload that finds nothing
/// relevant changed gives the same ids. A cache hit costs one token read and a hash lookup.
public final class DecisionEngine: @unchecked Sendable {
    private let stores: ServiceStores
    private let normalizer: Normalizer
    private let assetURL: AssetURL
    private let cacheLimit: Int

    private let lock = NSLock()
    private var token: Int64 = .min
    private var mapper: Mapper?
    private var campaigns: [String: CampaignSlot] = [:]
    /// Answers in two generations: when `answers` holds half the limit it becomes `previous`
    /// (still served) and the older generation is released off the request thread, so the
    /// cache stays bounded without ever freeing 100,000 entries while a request waits.
    private var answers: [String: DecisionAnswer] = [:]
    private var previous: [String: DecisionAnswer] = [:]
    /// Loads (dictionary, campaigns) happen one at a time, outside `lock`, so cache hits for other
    /// campaigns never wait for a load.
    private let loadLock = NSLock()

    public init(stores: ServiceStores, normalizer: Normalizer, configuration: ServerConfiguration) {
        self.stores = stores
        self.normalizer = normalizer
        assetURL = AssetURL(base: configuration.assetBaseURL, root: configuration.assetRoot)
        cacheLimit = max(1, configuration.decisionCacheLimit)
    }

    /// How often another process's commit emptied the caches (for /metrics).
    public private(set) var resets = 0

    /// The cached answer, or a fresh one; `fresh` is true when it was computed now.
    public func answer(_ query: DecisionQuery) throws -> (answer: DecisionAnswer, fresh: Bool) {
        let now = try stores.changeToken()
        let key = query.cacheKey
        let cached: DecisionAnswer? = lock.withLock {
            if token != now {
                if token != .min { resets += 1 }
                token = now
                mapper = nil
                campaigns = [:]
                Self.release(&answers)
                Self.release(&previous)
            }
            return answers[key] ?? previous[key]
        }
        if let cached { return (cached, false) }

        let (slot, currentMapper) = try campaign(query.campaign, token: now)
        guard case .found(let decider, let assets) = slot else {
            if case .missing(let known) = slot {
                throw APIError.notFound(
                    CampaignDecider.LoadError.unknownCampaign(query.campaign, known: known).description, code: "unknown_campaign")
            }
            throw APIError.internal("campaign slot in an impossible state")
        }
        try Self.checkFacets(query.attributes, dictionary: currentMapper.dictionary)
        let answer = try compute(query, decider: decider, assets: assets)
        lock.withLock {
            guard token == now else { return }
            if answers.count >= cacheLimit / 2 {
                Self.release(&previous)
                previous = answers
                answers = [:]
                // One allocation for the generation, instead of rehashing as it grows.
                answers.reserveCapacity(cacheLimit / 2)
            }
            answers[key] = answer
        }
        return (answer, true)
    }

    /// The facets of the current dictionary (for validating inline attributes before scoring).
    public func facetIDs() throws -> [String] {
        try currentMapper(token: try stores.changeToken()).dictionary.facets.map(\.id)
    }

    private func compute(_ query: DecisionQuery, decider: CampaignDecider, assets: [Int64: Asset]) throws -> DecisionAnswer {
        var attributes: [UserAttribute] = []
        var userFound = false
        if let id = query.userID {
            if let user = try stores.read({ try $0.user(id: id) }) {
                attributes = user.attributes
                userFound = true
            }
        }
        attributes += query.attributes
        let subject = query.userID.map { "user:\($0)" }
        // The answer needs the winner and its reasons only (the ranking is not recorded); the id
        // is derived from the outcome below, so none is drawn here.
        var decision = decider.decide(attributes: attributes, subject: subject, rankingLimit: 1, id: "")

        var reason: FallbackReason?
        if decision.winner == nil {
            reason = .noVariants
        } else if decision.usedFallback {
            if query.userID != nil && !userFound && query.attributes.isEmpty {
                reason = .unknownUser
            } else if attributes.isEmpty {
                reason = query.userID == nil ? .noUser : .noMappedAttributes
            } else if decider.resolve(attributes).allSatisfy({ $0.entry == nil }) {
                reason = .noMappedAttributes
            } else {
                reason = .noMatch
            }
        }
        let winner = decision.winner
        let score = DecisionAnswer.rounded(winner?.score ?? 0)
        let reasons = winner?.topReasons(3) ?? ""
        decision.id = DecisionAnswer.decisionID(
            campaign: query.campaign, subject: subject, assetID: winner?.assetID, score: score, reasons: reasons,
            fallback: reason != nil)
        // Only what the decisions table keeps: the ranking is not needed to record it.
        decision.ranking = []

        var assetBody: DecisionAnswer.Body.AssetBody?
        if let w = winner {
            let a = assets[w.assetID]
            assetBody = .init(
                id: w.assetID, url: assetURL.url(for: w.path), path: w.path, altText: a?.altText, width: a?.width, height: a?.height,
                mediaType: a?.mediaType ?? "application/octet-stream")
        }
        let body = DecisionAnswer.Body(
            decisionID: decision.id, campaign: query.campaign, userID: query.userID, asset: assetBody, score: score,
            reasons: reasons, fallback: reason != nil, fallbackReason: reason)
        let data = body.data
        return DecisionAnswer(decision: decision, body: data, etag: DecisionAnswer.etag(of: data), fallback: reason != nil)
    }

    private func campaign(_ id: String, token now: Int64) throws -> (CampaignSlot, Mapper) {
        if let hit = lock.withLock({ token == now ? campaigns[id].flatMap { s in mapper.map { (s, $0) } } : nil }) {
            return hit
        }
        return try loadLock.withLock {
            let m = try currentMapper(token: now)
            if let slot = lock.withLock({ token == now ? campaigns[id] : nil }) { return (slot, m) }
            let slot = try stores.read { try CampaignSlot.load(id, store: $0, mapper: m) }
            lock.withLock { if token == now { campaigns[id] = slot } }
            return (slot, m)
        }
    }

    /// The mapper for this token (dictionary, rejections), loaded once per token.
    private func currentMapper(token now: Int64) throws -> Mapper {
        if let m = lock.withLock({ token == now ? mapper : nil }) { return m }
        let m = try stores.read { store in
            Mapper(dictionary: try store.loadDictionary(), normalizer: normalizer, rejections: try store.rejections())
        }
        lock.withLock { if token == now { mapper = m } }
        return m
    }

    /// Empties `cache`, freeing its entries on a background queue.
    private static func release(_ cache: inout [String: DecisionAnswer]) {
        guard !cache.isEmpty else { return }
        let old = Box(cache)
        cache = [:]
        DispatchQueue.global(qos: .utility).async { old.value.removeAll() }
    }

    /// Hands a dictionary to another thread without copying it.
    private final class Box: @unchecked Sendable {
        var value: [String: DecisionAnswer]
        init(_ value: [String: DecisionAnswer]) { self.value = value }
    }

    static func checkFacets(_ attributes: [UserAttribute], dictionary: AttributeDictionary) throws {
        var problems: [APIError.FieldProblem] = []
        for (i, a) in attributes.enumerated() where dictionary.facet(a.facet) == nil {
            problems.append(
                .init(
                    field: "attributes[\(i)].facet",
                    message: "unknown facet '\(a.facet)' (facets: \(dictionary.facets.map(\.id).joined(separator: ", ")))"))
        }
        if !problems.isEmpty { throw APIError.invalid(problems) }
    }
}
