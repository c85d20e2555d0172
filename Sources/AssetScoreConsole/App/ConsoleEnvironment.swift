import AssetScoreCore
import AssetScoreIngest
import Foundation
import TerminalUI

/// What the console is given by whoever starts it: how to open the database, map text and
/// analyse files, who is acting, and what time it is. Tests pass their own.
public struct ConsoleEnvironment: Sendable {
    /// Opens a connection to the database; called once for the console and once per background job.
    public var openStore: @Sendable () throws -> any AssetStore
    /// Builds the mapper for the current dictionary of a store.
    public var makeMapper: @Sendable (any AssetStore) throws -> Mapper
    /// Builds an analyser for a background ingest (each job owns its own).
    public var makeAnalyser: @Sendable () throws -> EmbeddedAnalyser
    public var actor: String
    public var clock: any Clock
    /// Draws an image preview for a file path in at most (columns, rows) cells; nil shows none.
    /// Injected so the console needs no image libraries and tests can pass a fixed grid.
    public var previewProvider: PreviewProvider?
    /// The provider chain of ingests started here, and how to build a model provider (nil:
    /// the embedded analyser only); the same queue worker as `assetscore ingest` runs them.
    public var providers: [String] = ["embedded"]
    public var model: String?
    /// The base URL and API key file specs (as the CLI's options) stored with each job started
    /// here, so a later run analyses it with these rather than its own.
    public var baseURL: String?
    public var apiKeyFile: String?
    /// Builds a model provider for a job's spec (nil fields: the console's settings).
    public var makeProvider: (@Sendable (_ name: String, _ spec: ProviderSpec) throws -> any AnalysisProvider)?
    public var crossCheck: @Sendable (ProviderAnalysis, ProviderAnalysis) -> [AnalysisDisagreement] = { _, _ in [] }

    public init(
        openStore: @escaping @Sendable () throws -> any AssetStore,
        makeMapper: @escaping @Sendable (any AssetStore) throws -> Mapper,
        makeAnalyser: @escaping @Sendable () throws -> EmbeddedAnalyser,
        actor: String, clock: any Clock = SystemClock(), previewProvider: PreviewProvider? = nil
    ) {
        self.openStore = openStore
        self.makeMapper = makeMapper
        self.makeAnalyser = makeAnalyser
        self.actor = actor
        self.clock = clock
        self.previewProvider = previewProvider
    }
}
