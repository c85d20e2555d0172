import Foundation

/// The service's counters, rendered in the Prometheus text format by `GET /metrics`.
///
/// One lock around plain dictionaries: an increment is a hash update, far cheaper than the
/// request it counts, and label sets stay small (routes are fixed paths, campaigns and variants
/// come from the database, never from request text).
public final class Metrics: @unchecked Sendable {
    struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }
    struct DecisionKey: Hashable {
        var campaign: String
        var asset: String
        var fallback: Bool
    }

    private let lock = NSLock()
    private var requests: [RequestKey: LatencyHistogram] = [:]
    private var decisions: [DecisionKey: UInt64] = [:]
    private var counters: [String: UInt64] = [:]
    /// Gauges read when the metrics are rendered (queue depth, connections).
    private var gauges: [(name: String, help: String, read: @Sendable () -> [(labels: String, value: Double)])] = []

    public init() {}

    /// Methods outside this set are counted as "other", so request text cannot add series.
    private static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]

    func request(route: String, method: String, status: Int, seconds: Double) {
        let key = RequestKey(route: route, method: Self.methods.contains(method) ? method : "other", status: status)
        lock.withLock { requests[key, default: LatencyHistogram()].observe(seconds) }
    }

    func decision(campaign: String, assetID: Int64?, fallback: Bool) {
        let key = DecisionKey(campaign: campaign, asset: assetID.map(String.init) ?? "none", fallback: fallback)
        lock.withLock { decisions[key, default: 0] += 1 }
    }

    /// A plain counter by full series name, e.g. `assetscore_events_total{result="accepted"}`.
    public func add(_ series: String, _ amount: UInt64 = 1) {
        lock.withLock { counters[series, default: 0] += amount }
    }

    /// A gauge computed at scrape time; `read` returns label text (`{state="queued"}` or "")
    /// and value pairs.
    public func gauge(_ name: String, help: String, read: @escaping @Sendable () -> [(labels: String, value: Double)]) {
        lock.withLock { gauges.append((name, help, read)) }
    }

    /// The Prometheus text exposition (version 0.0.4).
    public func render() -> String {
        let (requests, decisions, counters, gauges) = lock.withLock { (self.requests, self.decisions, self.counters, self.gauges) }
        var out = ""
        out += "# HELP assetscore_http_requests_total HTTP requests answered, by route, method and status.\n"
        out += "# TYPE assetscore_http_requests_total counter\n"
        let sortedRequests = requests.sorted { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }
        for (k, h) in sortedRequests {
            out +=
                "assetscore_http_requests_total{route=\"\(Self.escape(k.route))\",method=\"\(k.method)\",status=\"\(k.status)\"} \(h.count)\n"
        }
        out += "# HELP assetscore_http_request_duration_seconds Time from the end of the request to the queued response.\n"
        out += "# TYPE assetscore_http_request_duration_seconds histogram\n"
        for (k, h) in sortedRequests {
            let labels = "route=\"\(Self.escape(k.route))\",method=\"\(k.method)\",status=\"\(k.status)\""
            var cumulative: UInt64 = 0
            for (i, bound) in LatencyHistogram.bounds.enumerated() {
                cumulative += h.counts[i]
                out += "assetscore_http_request_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "assetscore_http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(h.count)\n"
            out += "assetscore_http_request_duration_seconds_sum{\(labels)} \(h.sum)\n"
            out += "assetscore_http_request_duration_seconds_count{\(labels)} \(h.count)\n"
        }
        out += "# HELP assetscore_decisions_total Decisions served, by campaign, variant (asset id) and fallback.\n"
        out += "# TYPE assetscore_decisions_total counter\n"
        for (k, n) in decisions.sorted(by: { ($0.key.campaign, $0.key.asset) < ($1.key.campaign, $1.key.asset) }) {
            out +=
                "assetscore_decisions_total{campaign=\"\(Self.escape(k.campaign))\",variant=\"\(k.asset)\",fallback=\"\(k.fallback)\"} \(n)\n"
        }
        var typed: Set<String> = []
        for (series, n) in counters.sorted(by: { $0.key < $1.key }) {
            let name = String(series.prefix { $0 != "{" })
            if typed.insert(name).inserted { out += "# TYPE \(name) counter\n" }
            out += "\(series) \(n)\n"
        }
        for g in gauges {
            out += "# HELP \(g.name) \(g.help)\n# TYPE \(g.name) gauge\n"
            for (labels, value) in g.read() { out += "\(g.name)\(labels) \(Self.number(value))\n" }
        }
        return out
    }

    /// Label values escaped as the text format requires (backslash, quote, newline).
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
