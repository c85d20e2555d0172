import AssetScoreCore
import AssetScoreIngest
import AssetScoreStorage
import Foundation

extension ToolContext {
    /// A queue worker over this database with the given settings: a connection per thread,
    /// the current dictionary and mapper, and providers built by `ProviderWiring`.
    func worker(_ settings: IngestSettings) throws -> Worker {
        let path = databasePath
        _ = try store()
        let environment = WorkerEnvironment(
            openStore: { try SQLiteStore(path: path) }, dictionary: try dictionary(), map: try remapFunction(),
            makeProvider: ProviderWiring.factory(settings, environment: environment),
            crossCheck: ProviderWiring.crossCheck)
        return Worker(configuration: settings.workerConfiguration, environment: environment)
    }
}
