import AssetScoreCore
import Foundation

/// What a `Worker` is given: how to open the database, map text and build providers.
///
/// Providers are built per thread through these closures, because they are not Sendable (the
/// embedded analyser owns a tesseract instance). Tests pass scripted providers and a clock.
public struct WorkerEnvironment: Sendable {
    /// A new connection; called once per thread.
    public var openStore: @Sendable () throws -> any AssetStore
    public var dictionary: AttributeDictionary
    public var map: RemapFunction
    /// The embedded analyser (it runs beside every model, for measurements and cross-checks).
    public var makeEmbedded: @Sendable () throws -> any AnalysisProvider
    /// A model provider by name ("openai"...) as the job's spec asks (model, base URL, key
    /// file; a nil field takes the process's setting). Throw `ProviderFailure.misconfigured`
    /// for one that cannot be built: the chain moves on.
    public var makeProvider: @Sendable (_ name: String, _ spec: ProviderSpec) throws -> any AnalysisProvider
    /// Where a model's claims disagree with the embedded measurements.
    public var crossCheck: @Sendable (_ model: ProviderAnalysis, _ embedded: ProviderAnalysis) -> [AnalysisDisagreement]
    public var clock: any QueueClock
    /// Reads the dictionary and builds the mapping afresh over a worker thread's connection.
    /// With it, each thread looks before a job whether the dictionary changed since it last read
    /// it (`AssetStore.dictionaryVersion`, asked only after another connection committed) and
    /// reloads, so an entry added by the console or the CLI while `serve` or `jobs run` keeps
    /// running reaches the next job's mapping and model schema. Nil keeps `dictionary` and `map`
    /// for the worker's life.
    public var loadMapping: (@Sendable (any AssetStore) throws -> WorkerMapping)?
    /// The store's `dictionaryVersion()` read before `dictionary` and `map` were, so the first
    /// job does not reload what was just loaded; nil when unknown (the first look reloads).
    public var dictionaryVersion: Int64?

    public init(
        openStore: @escaping @Sendable () throws -> any AssetStore, dictionary: AttributeDictionary, map: @escaping RemapFunction,
        makeEmbedded: @escaping @Sendable () throws -> any AnalysisProvider = { try EmbeddedAnalyser() },
        makeProvider: @escaping @Sendable (_ name: String, _ spec: ProviderSpec) throws -> any AnalysisProvider,
        crossCheck: @escaping @Sendable (_ model: ProviderAnalysis, _ embedded: ProviderAnalysis) -> [AnalysisDisagreement] = { _, _ in []
        },
        clock: any QueueClock = SystemQueueClock(),
        loadMapping: (@Sendable (any AssetStore) throws -> WorkerMapping)? = nil, dictionaryVersion: Int64? = nil
    ) {
        self.openStore = openStore
        self.dictionary = dictionary
        self.map = map
        self.makeEmbedded = makeEmbedded
        self.makeProvider = makeProvider
        self.crossCheck = crossCheck
        self.clock = clock
        self.loadMapping = loadMapping
        self.dictionaryVersion = dictionaryVersion
    }
}

/// A dictionary and the mapping built from it, as `WorkerEnvironment.loadMapping` returns them.
public struct WorkerMapping: Sendable {
    public var dictionary: AttributeDictionary
    public var map: RemapFunction

    public init(dictionary: AttributeDictionary, map: @escaping RemapFunction) {
        self.dictionary = dictionary
        self.map = map
    }
}
