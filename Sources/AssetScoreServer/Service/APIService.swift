import AssetScoreCore
import Foundation

/// The HTTP service of `assetscore serve`: routes, caches and background writers over a store.
///
/// Built from plain parts so tests run it in-process on port 0: a `MicroHTTPDaemon` calls the
/// `Router`, handlers use the `DecisionEngine` (in-memory scoring, cached per change token),
/// the `DecisionRecorder` (batched writes) and the writer connection (events, webhooks).
public final class APIService: @unchecked Sendable {
    public let configuration: ServerConfiguration
    public let metrics = Metrics()
    let stores: ServiceStores
    let engine: DecisionEngine
    let recorder: DecisionRecorder
    let tokens: TokenCheck
    let webhook: WebhookIngest?
    private(set) var router = Router()
    private var daemon: MicroHTTPDaemon?

    public struct ConfigurationError: Error, CustomStringConvertible {
        public var description: String
    }

    /// `openStore` opens one connection to the database; it is called for every reader and the
    /// writer.
    public init(configuration: ServerConfiguration, normalizer: Normalizer, openStore: () throws -> any AssetStore) throws {
        let address = try configuration.listenAddress()
        if configuration.apiTokens.isEmpty && !address.isLoopback {
            throw ConfigurationError(
                description:
                    "refusing to listen on \(address) without API tokens: set api_tokens in the config file or ASSETSCORE_API_TOKENS")
        }
        self.configuration = configuration
        stores = try ServiceStores(
            readers: max(2, configuration.threads), tokenInterval: configuration.changePollInterval, open: openStore)
        engine = DecisionEngine(stores: stores, normalizer: normalizer, configuration: configuration)
        recorder = DecisionRecorder(writer: stores.writer, interval: configuration.decisionFlushInterval, metrics: metrics)
        tokens = TokenCheck(tokens: configuration.apiTokens)
        if let secret = configuration.webhookSecret, let inbox = configuration.inbox {
            webhook = try WebhookIngest(stores: stores, secret: secret, inbox: inbox, configuration: configuration, metrics: metrics)
        } else {
            webhook = nil
        }
        addRoutes()
        addQueueGauges()
    }

    /// Every (method, path) the service answers.
    public var routes: [(method: String, path: String)] { router.table }

    /// Adds a route; used by the webhook extension and tests.
    public func route(_ method: String, _ path: String, _ handler: @escaping Router.Handler) {
        router.add(method, path, handler)
    }

    /// Binds and starts serving; throws naming the address when it cannot.
    public func start() throws {
        let config = configuration
        let settings = DaemonSettings(
            address: try config.listenAddress(), threads: config.threads, connectionTimeout: config.connectionTimeout,
            connectionMemoryLimit: config.connectionMemoryLimit, connectionLimit: config.connectionLimit,
            perIPConnectionLimit: config.perIPConnectionLimit,
            bodyLimit: { path in path == "/v1/assets" ? config.maxUploadBytes : config.maxBodyBytes })
        let router = self.router
        let metrics = self.metrics
        let d = MicroHTTPDaemon(settings: settings, isSlow: { $0 == "/v1/assets" }) { request in
            let start = DispatchTime.now().uptimeNanoseconds
            let response = router.respond(to: request)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            metrics.request(route: router.label(for: request.path), method: request.method, status: response.status, seconds: seconds)
            return response
        }
        metrics.gauge("assetscore_http_connections", help: "Open HTTP connections.") { [weak d] in
            [("", Double(d?.openConnections ?? 0))]
        }
        recorder.start()
        try d.start()
        daemon = d
    }

    /// The port bound (the configured one, or the one the system chose for port 0).
    public var port: UInt16 { daemon?.port ?? configuration.port }

    /// "127.0.0.1:8080", for the start-up line.
    public var listeningOn: String {
        (try? ListenAddress(host: configuration.host, port: port).description) ?? "\(configuration.host):\(port)"
    }

    /// Graceful stop: no new connections, requests in flight finish (up to the grace period),
    /// then the daemon stops and pending decisions are written. Returns false when the grace
    /// period ran out with requests still in flight.
    @discardableResult
    public func shutdown() -> Bool {
        guard let d = daemon else {
            recorder.stop()
            return true
        }
        d.quiesce()
        let drained = d.drain(timeout: configuration.shutdownGrace)
        d.stop()
        daemon = nil
        recorder.stop()
        return drained
    }

    /// Writes the decisions served so far (tests).
    public func flushDecisions() { recorder.flush() }
}
