import AssetScoreCore
import AssetScoreServer
import AssetScoreStorage
import Foundation

/// `assetscore serve`: the HTTP service over the same database as the CLI and the console.
enum ServeCommand {
    static let command = Command(
        name: "serve",
        summary: "HTTP service: decisions for ESPs, feedback events, webhook ingestion",
        usage: """
            Usage: assetscore serve [--host ADDR] [--port N] [--threads N]

            Serves GET/POST /v1/decide, POST /v1/events, POST /v1/assets (webhooks), GET /healthz
            and GET /metrics (docs/openapi.json describes them). Listens on 127.0.0.1:8080 unless
            told otherwise; SIGTERM or SIGINT stops accepting, lets requests in flight finish and
            exits 0.

            Settings come from the options, then the environment, then the config file
            ~/.config/assetscore/config (or $XDG_CONFIG_HOME/assetscore/config):
              serve.host, serve.port, serve.threads        where to listen, pool threads
              serve.api_tokens = t1, t2                     bearer tokens for decide and events
                                                            (env ASSETSCORE_API_TOKENS); without
                                                            tokens only loopback is allowed
              serve.webhook_secret = s                      HMAC secret of /v1/assets
                                                            (env ASSETSCORE_WEBHOOK_SECRET)
              serve.max_age = 300                           Cache-Control max-age of decisions
              serve.asset_base_url = https://cdn/x          asset URLs = base + relative path
              serve.asset_root = DIR                        paths are made relative to DIR
              serve.max_body_bytes, serve.max_upload_bytes  request body limits (413 above)
              serve.connection_timeout = 10                 seconds an idle connection is kept
              serve.per_ip_connections = 256                connections per client address
              serve.shutdown_grace = 10                     seconds requests get to finish
              serve.allow_private_downloads = false         webhook downloads from private or
                                                            loopback addresses (tests only; never
                                                            link-local or cloud metadata)
              serve.inbox = DIR                             where webhook assets are written
                                                            (default: inbox/ beside the database)
              serve.webhook_campaign = inbox                campaign of webhook assets naming none
              serve.worker = true                           run the ingestion queue here too (the
                                                            provider chain and limits of 'ingest')
            """,
        options: ["host", "port", "threads"],
        run: run)

    struct SettingError: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 0)
        let configURL = ConsoleConfig.url(ctx.environment)
        let file = try ConsoleConfig.load(configURL)
        var config = try configuration(file.values, env: ctx.environment, source: configURL.path)
        if let host = args.value("host") { config.host = host }
        if let port = try args.int("port") {
            guard (0...65535).contains(port) else { throw UsageError("--port must be from 0 to 65535, got \(port)") }
            config.port = UInt16(port)
        }
        if let threads = try args.int("threads") {
            guard (1...256).contains(threads) else { throw UsageError("--threads must be from 1 to 256, got \(threads)") }
            config.threads = threads
        }
        let path = ctx.databasePath
        guard FileManager.default.fileExists(atPath: path) else { throw ToolContext.MissingDatabase(path: path) }
        _ = try ctx.store()
        let ingest = try IngestSettings.resolve(nil, ctx)
        config.webhookProviders = ingest.providers
        config.webhookModel = ingest.model
        config.webhookBaseURL = ingest.baseURL
        config.webhookAPIKeyFile = ingest.apiKeyFile
        if config.inbox == nil {
            config.inbox = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("inbox").path
        }
        let service = try APIService(configuration: config, normalizer: try ToolContext.normalizer()) {
            try SQLiteStore(path: path)
        }
        let runWorker = try flag(file.values["serve.worker"], key: "serve.worker", source: configURL.path) ?? true
        let worker = runWorker ? try ctx.worker(ingest) : nil
        try ShutdownSignal.install()
        try service.start()
        let workerDone = DispatchSemaphore(value: 0)
        if let worker {
            Thread.detachNewThread {
                do {
                    try worker.run(until: { _ in false })
                } catch {
                    FileHandle.standardError.write(Data("assetscore serve: the ingestion worker stopped: \(error)\n".utf8))
                }
                workerDone.signal()
            }
        }
        let auth = config.apiTokens.isEmpty ? "no API tokens (open on loopback)" : "\(config.apiTokens.count) API token(s)"
        let hooks =
            config.webhookSecret == nil
            ? "webhooks off (no serve.webhook_secret)"
            : "webhooks into \(safe(config.inbox ?? "-"))\(runWorker ? " with a queue worker" : "")"
        ctx.output.line(
            "assetscore serve: listening on http://\(service.listeningOn) with \(config.threads) threads; database \(safe(path)); \(auth); \(hooks)"
        )
        ctx.output.flush()
        let signal = ShutdownSignal.wait()
        ctx.output.line("assetscore serve: \(signal == SIGINT ? "SIGINT" : "SIGTERM"): no new connections; finishing requests in flight")
        ctx.output.flush()
        let drained = service.shutdown()
        if let worker {
            // The job in hand finishes; a killed server's jobs are recovered by the next worker.
            worker.stop()
            workerDone.wait()
        }
        ctx.output.line(
            drained
                ? "assetscore serve: stopped" : "assetscore serve: stopped after \(Int(config.shutdownGrace)) s with requests unfinished")
        ctx.output.flush()
    }

    static func flag(_ value: String?, key: String, source: String) throws -> Bool? {
        guard let v = value else { return nil }
        guard let b = ["true": true, "false": false, "yes": true, "no": false][v.lowercased()] else {
            throw SettingError(description: "\(safe(source)): \(key) must be true or false, got '\(safe(v))'")
        }
        return b
    }

    /// Config file values, overridden by the environment; every bad value names key and file.
    static func configuration(_ values: [String: String], env: [String: String], source: String) throws -> ServerConfiguration {
        var c = ServerConfiguration()
        func int(_ key: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let v = values[key] else { return nil }
            guard let n = Int(v), range.contains(n) else {
                throw SettingError(
                    description:
                        "\(safe(source)): \(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(safe(v))'")
            }
            return n
        }
        if let v = values["serve.host"] { c.host = v }
        if let v = try int("serve.port", 0...65535) { c.port = UInt16(v) }
        if let v = try int("serve.threads", 1...256) { c.threads = v }
        if let v = try int("serve.max_age", 0...31_536_000) { c.decisionMaxAge = v }
        if let v = try int("serve.max_body_bytes", 1024...(64 << 20)) { c.maxBodyBytes = v }
        if let v = try int("serve.max_upload_bytes", 1024...(1 << 30)) { c.maxUploadBytes = v }
        if let v = try int("serve.connection_timeout", 1...3600) { c.connectionTimeout = v }
        if let v = try int("serve.per_ip_connections", 0...100_000) { c.perIPConnectionLimit = v }
        if let v = try int("serve.shutdown_grace", 0...3600) { c.shutdownGrace = TimeInterval(v) }
        if let v = values["serve.asset_base_url"], !v.isEmpty { c.assetBaseURL = v }
        if let v = values["serve.asset_root"], !v.isEmpty { c.assetRoot = v }
        if let b = try flag(values["serve.allow_private_downloads"], key: "serve.allow_private_downloads", source: source) {
            c.allowPrivateDownloads = b
        }
        if let v = values["serve.inbox"], !v.isEmpty { c.inbox = NSString(string: v).expandingTildeInPath }
        if let v = values["serve.webhook_campaign"] {
            guard !v.isEmpty, v.count <= 100 else {
                throw SettingError(description: "\(safe(source)): serve.webhook_campaign must be 1 to 100 characters")
            }
            c.webhookCampaign = v
        }
        let tokens = env["ASSETSCORE_API_TOKENS"] ?? values["serve.api_tokens"] ?? ""
        c.apiTokens = tokens.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let s = env["ASSETSCORE_WEBHOOK_SECRET"] ?? values["serve.webhook_secret"], !s.isEmpty { c.webhookSecret = s }
        if let secret = c.webhookSecret, c.apiTokens.contains(secret) {
            throw SettingError(description: "\(safe(source)): serve.webhook_secret must differ from every API token")
        }
        return c
    }
}
