import Foundation

/// Everything `assetscore serve` can be told: where to listen, limits, tokens, caching.
///
/// Defaults fit an ESP calling from the internet through a proxy on the same machine: loopback
/// only, small bodies, short timeouts, five minutes of caching.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port: UInt16 = 8080
    /// libmicrohttpd pool threads; each serves many connections (epoll).
    public var threads = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// Seconds an idle connection (or a client that stopped sending) is kept.
    public var connectionTimeout = 10
    /// Bytes for one connection's request line and headers.
    public var connectionMemoryLimit = 64 * 1024
    public var connectionLimit = 1024
    public var perIPConnectionLimit = 256
    /// Largest JSON body (decide, events).
    public var maxBodyBytes = 1 << 20
    /// Largest webhook body (a direct upload of an image).
    public var maxUploadBytes = 25 << 20
    /// Seconds requests in flight get to finish after SIGTERM/SIGINT.
    public var shutdownGrace: TimeInterval = 10

    /// Bearer tokens for /v1/decide and /v1/events. Empty: those routes are open (allowed only
    /// on a loopback address).
    public var apiTokens: [String] = []
    /// The shared secret of webhook signatures; nil disables /v1/assets.
    public var webhookSecret: String?
    /// Webhook downloads may reach private, loopback and link-local addresses (tests only).
    public var allowPrivateDownloads = false
    /// Where webhook assets are written before the queue analyses them (nil: webhooks are off).
    public var inbox: String?
    /// The campaign of a webhook asset that names none.
    public var webhookCampaign = "inbox"
    /// The provider chain of webhook jobs (as the CLI's ingest `--provider`).
    public var webhookProviders = ["embedded"]
    /// The model, base URL and API key file specs of webhook jobs (as the CLI's options), kept
    /// with each job so whichever worker runs it uses them.
    public var webhookModel: String?
    public var webhookBaseURL: String?
    public var webhookAPIKeyFile: String?
    /// Seconds a webhook download may take in all.
    public var downloadTimeout: TimeInterval = 30
    /// How far a webhook's timestamp may be from now, either way.
    public var webhookTolerance: TimeInterval = 300

    /// `Cache-Control: private, max-age=N` on decisions.
    public var decisionMaxAge = 300
    /// Prefix of the asset URL in decisions (the asset path relative to `assetRoot` is appended);
    /// nil leaves `url` null and the ESP uses `path`.
    public var assetBaseURL: String?
    /// The folder asset paths are made relative to for `url` (default: the working directory).
    public var assetRoot: String?
    /// Cached answers per campaign and user before the cache starts over.
    public var decisionCacheLimit = 200_000
    /// Seconds between reads of the store's change token; decisions may be this stale after
    /// another process's write (0: read on every request).
    public var changePollInterval: TimeInterval = 0.05
    /// How often served decisions are written (one transaction per batch).
    public var decisionFlushInterval: TimeInterval = 0.5

    public init() {}

    /// The listening address, checked.
    public func listenAddress() throws -> ListenAddress { try ListenAddress(host: host, port: port) }
}
