import AssetScoreCore
import AssetScoreIngest
import AssetScoreStorage
import AssetScoreText
import Foundation

/// What every subcommand needs: the output, the database and who is acting.
///
/// The store, dictionary and mapper are opened lazily, so `--help` and usage errors never touch
/// the database, and a command that changes the dictionary can ask for a fresh mapper.
public final class ToolContext {
    public let output: Output
    public let databasePath: String
    public let actor: String
    public let environment: [String: String]
    private var openedStore: SQLiteStore?
    private var cachedMapper: Mapper?
    private var cachedDictionary: AttributeDictionary?

    public init(output: Output, databasePath: String?, actor: String?, environment: [String: String]) {
        self.output = output
        self.environment = environment
        self.databasePath = databasePath ?? environment["ASSETSCORE_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "assetscore.db"
        self.actor = actor ?? environment["ASSETSCORE_ACTOR"] ?? environment["USER"] ?? "operator"
    }

    /// Commands that build a database (init, ingest, imports) set this; the others refuse a
    /// missing file instead of creating an empty database and reporting that it is empty.
    public var mayCreateDatabase = false

    public struct MissingDatabase: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "no database at \(SafeText.display(path)): run 'assetscore init' first, or point --db / ASSETSCORE_DB at one"
        }
    }

    public func store() throws -> SQLiteStore {
        if let s = openedStore { return s }
        if !mayCreateDatabase, !FileManager.default.fileExists(atPath: databasePath) { throw MissingDatabase(path: databasePath) }
        let s = try SQLiteStore(path: databasePath)
        openedStore = s
        return s
    }

    public func dictionary() throws -> AttributeDictionary {
        if let d = cachedDictionary { return d }
        let d = try store().loadDictionary()
        cachedDictionary = d
        return d
    }

    public func mapper() throws -> Mapper {
        if let m = cachedMapper { return m }
        let m = Mapper(dictionary: try dictionary(), normalizer: try Self.normalizer(), rejections: try store().rejections())
        cachedMapper = m
        return m
    }

    /// Call after anything that changed the dictionary or the remembered rejections.
    public func dictionaryChanged() {
        cachedDictionary = nil
        cachedMapper = nil
    }

    public func remapFunction() throws -> RemapFunction {
        let m = try mapper()
        return { facet, text in m.map(text, facet: facet) }
    }

    nonisolated(unsafe) private static var sharedNormalizer: Normalizer?

    /// English Snowball stemming over the core's normaliser.
    static func normalizer() throws -> Normalizer {
        if let n = sharedNormalizer { return n }
        let n = Normalizer(stemmer: try SnowballStemmer(algorithm: "english"))
        sharedNormalizer = n
        return n
    }

    /// Re-maps everything waiting for review with the current dictionary; reports what got resolved.
    @discardableResult
    func remapPending() throws -> Int {
        dictionaryChanged()
        let n = try store().remapUnresolved(try remapFunction(), actor: actor)
        dictionaryChanged()
        return n
    }
}
