import AssetScoreCore
import AssetScoreIngest
import AssetScoreStorage
import Foundation

extension ToolContext {
    /// A queue worker over this database with the given settings: a connection per thread,
    /// the current dictionary and mapper, and providers built by `ProviderWiring`.
    ///
    /// The worker reloads the dictionary when it changes (`loadMapping`), so `serve`, `jobs run`
    /// and `ingest --watch`, which run for as long as they are left running, map with entries
    /// added meanwhile by the console or another command.
    func worker(_ settings: IngestSettings) throws -> Worker {
        let path = databasePath
        // The version first, then a dictionary read after it: a change in between is seen as
        // a change at the first job, never missed.
        let version = try store().dictionaryVersion()
        dictionaryChanged()
        let normalizer = try Self.normalizer()
        let environment = WorkerEnvironment(
            openStore: { try SQLiteStore(path: path) }, dictionary: try dictionary(), map: try remapFunction(),
            makeProvider: ProviderWiring.factory(settings, environment: environment),
            crossCheck: ProviderWiring.crossCheck,
            loadMapping: { store in
                let dictionary = try store.loadDictionary()
                let mapper = Mapper(dictionary: dictionary, normalizer: normalizer, rejections: try store.rejections())
                return WorkerMapping(dictionary: dictionary, map: { facet, text in mapper.map(text, facet: facet) })
            },
            dictionaryVersion: version)
        return Worker(configuration: settings.workerConfiguration, environment: environment)
    }
}
