import AssetScoreCore
import Foundation

extension APIService {
    func addRoutes() {
        route("GET", "/healthz") { [stores] _ in
            do {
                _ = try stores.read { try $0.campaign("") }
                return HTTPResponse.json(200, Data(#"{"status":"ok","database":"reachable"}"#.utf8))
            } catch {
                throw APIError.unavailable("the database cannot be read: \(error)")
            }
        }
        route("GET", "/metrics") { [metrics] _ in
            HTTPResponse(
                status: 200,
                headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8"), ("Cache-Control", "no-store")],
                body: Data(metrics.render().utf8))
        }
        route("GET", "/v1/decide") { [unowned self] request in
            try tokens.authorize(request)
            return try decide(DecideRequest.query(request), request)
        }
        route("POST", "/v1/decide") { [unowned self] request in
            try tokens.authorize(request)
            return try decide(DecideRequest.body(request), request)
        }
        route("POST", "/v1/events") { [unowned self] request in
            try tokens.authorize(request)
            return try events(request)
        }
        // Signed with the webhook secret, not an API token: a DAM holds only that secret.
        route("POST", "/v1/assets") { [unowned self] request in
            guard let webhook else {
                throw APIError(
                    status: 503, code: "unavailable",
                    message: "webhook ingestion is off: set serve.webhook_secret (or ASSETSCORE_WEBHOOK_SECRET)")
            }
            return try webhook.handle(request)
        }
    }

    /// Queue depth and ingest failures, read from the store when /metrics is scraped.
    func addQueueGauges() {
        metrics.gauge("assetscore_decision_cache_resets", help: "Times another process's commit emptied the decision caches.") {
            [engine] in [(labels: "", value: Double(engine.resets))]
        }
        metrics.gauge("assetscore_queue_jobs", help: "Ingestion jobs by status (queued and analysing are the queue depth).") {
            [stores] in
            let counts = (try? stores.read { try $0.jobCounts() }) ?? [:]
            return JobStatus.allCases.map { (labels: "{status=\"\($0.rawValue)\"}", value: Double(counts[$0] ?? 0)) }
        }
        metrics.gauge("assetscore_ingest_failures", help: "Ingestion jobs that failed (after every retry).") { [stores] in
            let counts = (try? stores.read { try $0.jobCounts() }) ?? [:]
            return [(labels: "", value: Double(counts[.failed] ?? 0))]
        }
    }

    /// Serves a decision with caching headers for the ESP: `private` (it is one recipient's),
    /// `max-age` from the configuration, and an ETag so a revalidation costs no body: 304 when
    /// `If-None-Match` names the ETag (weakly, in a list, or `*`).
    func decide(_ query: DecisionQuery, _ request: HTTPRequest) throws -> HTTPResponse {
        let (answer, fresh) = try engine.answer(query)
        metrics.decision(campaign: query.campaign, assetID: answer.decision.winner?.assetID, fallback: answer.fallback)
        metrics.add(fresh ? "assetscore_decision_cache_total{result=\"miss\"}" : "assetscore_decision_cache_total{result=\"hit\"}")
        if fresh { recorder.submit(answer.decision) }
        let headers: [(name: String, value: String)] = [
            ("Cache-Control", "private, max-age=\(configuration.decisionMaxAge)"), ("ETag", answer.etag),
        ]
        // Header names are stored lower case: reading the dictionary directly skips `header(_:)`'s
        // lowercasing on every decision.
        if let field = request.headers["if-none-match"], IfNoneMatch.matches(field, etag: answer.etag) {
            return HTTPResponse(status: 304, headers: headers)
        }
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")] + headers, body: answer.body)
    }

    func events(_ request: HTTPRequest) throws -> HTTPResponse {
        let events = try FeedbackRequest.events(request)
        try stores.read { try FeedbackRequest.checkReferences(events, store: $0) }
        let summary = try stores.writer.with { try $0.recordFeedback(events, receivedAt: Date()) }
        metrics.add("assetscore_events_total{result=\"accepted\"}", UInt64(summary.accepted))
        metrics.add("assetscore_events_total{result=\"duplicate\"}", UInt64(summary.duplicates))
        return HTTPResponse.json(200, encoding: summary)
    }
}
