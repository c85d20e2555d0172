import AssetScoreCore
import AssetScoreIngest
import Foundation

/// How an ingest runs: the provider chain and the worker's limits, from the command's options,
/// else the config file, else the defaults (the embedded analyser, one thread, five tries).
///
/// One thread by default keeps asset ids in the order files were named, as before the queue;
/// `--concurrency` trades that for speed.
struct IngestSettings: Sendable {
    static let providerNames = ["embedded", "openai", "anthropic", "ollama", "openai-compatible"]
    static let options: Set<String> = [
        "provider", "model", "base-url", "api-key-file", "concurrency", "max-tries", "timeout", "connect-timeout",
    ]

    var providers: [String] = ["embedded"]
    var model: String?
    var baseURL: String?
    var apiKeyFile: String?
    var concurrency = 1
    var maxTries = 5
    /// Applies to each model provider separately; nil: no limit of our own.
    var requestsPerMinute: Double?
    /// Seconds one model request may take in all, and to connect: a stalled provider fails the
    /// try (retried like an outage) instead of holding the job.
    var requestTimeout: TimeInterval = 120
    var connectTimeout: TimeInterval = 10

    static func resolve(_ args: Arguments?, _ ctx: ToolContext) throws -> IngestSettings {
        let file = ConsoleConfig.url(ctx.environment)
        let config = try ConsoleConfig.load(file).values
        var s = IngestSettings()
        func setting(_ option: String, _ key: String) -> (value: String, from: String)? {
            if let v = args?.value(option) { return (v, "--\(option)") }
            return config[key].map { ($0, "\(SafeText.display(file.path)): \(key)") }
        }
        if let (list, from) = setting("provider", "provider") {
            s.providers = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard !s.providers.isEmpty, s.providers.allSatisfy({ providerNames.contains($0) }) else {
                throw UsageError(
                    "\(from): expected a comma list of \(providerNames.joined(separator: ", ")), got '\(SafeText.display(list))'")
            }
        }
        s.model = setting("model", "model")?.value
        s.baseURL = setting("base-url", "base_url")?.value
        if let file = setting("api-key-file", "api_key_file")?.value {
            s.apiKeyFile = ProviderWiring.absoluteKeyFiles(file)
        }
        if let (v, from) = setting("concurrency", "concurrency") {
            guard let n = Int(v), (1...64).contains(n) else {
                throw UsageError("\(from): expected 1 to 64 threads, got '\(SafeText.display(v))'")
            }
            s.concurrency = n
        }
        if let (v, from) = setting("max-tries", "max_tries") {
            guard let n = Int(v), (1...100).contains(n) else {
                throw UsageError("\(from): expected 1 to 100 tries, got '\(SafeText.display(v))'")
            }
            s.maxTries = n
        }
        func seconds(_ option: String, _ key: String, within range: ClosedRange<Double>) throws -> TimeInterval? {
            guard let (v, from) = setting(option, key) else { return nil }
            guard let n = Double(v), n.isFinite, range.contains(n) else {
                throw UsageError(
                    "\(from): expected seconds from \(Int(range.lowerBound)) to \(Int(range.upperBound)), got '\(SafeText.display(v))'")
            }
            return n
        }
        s.requestTimeout = try seconds("timeout", "request_timeout", within: 1...3600) ?? s.requestTimeout
        s.connectTimeout = try seconds("connect-timeout", "connect_timeout", within: 1...300) ?? min(s.connectTimeout, s.requestTimeout)
        if s.connectTimeout > s.requestTimeout {
            throw UsageError(
                "the connect timeout (\(Int(s.connectTimeout)) s) is longer than the whole request's (\(Int(s.requestTimeout)) s)")
        }
        if let v = config["requests_per_minute"] {
            guard let n = Double(v), n > 0, n.isFinite else {
                throw UsageError(
                    "\(SafeText.display(file.path)): requests_per_minute: expected a positive number, got '\(SafeText.display(v))'")
            }
            s.requestsPerMinute = n
        }
        return s
    }

    /// A job for `source` that keeps these settings' model, base URL and key file, so it is
    /// analysed as asked even when a later run (after a crash, or `jobs run`) picks it up.
    func jobRequest(source: String, campaign: String?, force: Bool = false) -> JobRequest {
        JobRequest(
            source: source, campaign: campaign, providers: providers, model: model, baseURL: baseURL, apiKeyFile: apiKeyFile,
            force: force, maxTries: maxTries)
    }

    var workerConfiguration: WorkerConfiguration {
        var limits: [String: Double] = [:]
        if let rpm = requestsPerMinute {
            for name in providers where name != "embedded" { limits[name] = rpm }
        }
        return WorkerConfiguration(concurrency: concurrency, retry: RetryPolicy(maxTries: maxTries), requestsPerMinute: limits)
    }
}
