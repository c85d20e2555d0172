import Foundation

extension StoreSchema {
    /// Migration 7: a counter that moves with every change to what mapping reads.
    ///
    /// A long-running queue worker (`serve`, `jobs run`, `ingest --watch`) maps tags with the
    /// dictionary it loaded. The change token says only that someone committed something, and
    /// in `serve` something is committed all the time (served decisions, feedback), so reloading
    /// the dictionary whenever it moves would rebuild the mapper for nearly every job. Triggers
    /// on the tables the mapper and the model schema are built from (facets, entries, aliases,
    /// and review items entering or leaving `rejected`) bump one row instead, whichever
    /// connection or code path made the change; a worker compares that number before a job and
    /// reloads only when it moved. A pending review item being added, the bulk of review
    /// writes, does not move it.
    static let dictionaryVersion = """
        CREATE TABLE dictionary_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        INSERT INTO dictionary_version (id, version) VALUES (1, 0);

        CREATE TRIGGER facets_version_insert AFTER INSERT ON facets
        BEGIN UPDATE dictionary_version SET version = version + 1; END;
        CREATE TRIGGER facets_version_update AFTER UPDATE ON facets
        BEGIN UPDATE dictionary_version SET version = version + 1; END;
        CREATE TRIGGER facets_version_delete AFTER DELETE ON facets
        BEGIN UPDATE dictionary_version SET version = version + 1; END;

        CREATE TRIGGER entries_version_insert AFTER INSERT ON entries
        BEGIN UPDATE dictionary_version SET version = version + 1; END;
        CREATE TRIGGER entries_version_update AFTER UPDATE ON entries
        BEGIN UPDATE dictionary_version SET version = version + 1; END;
        CREATE TRIGGER entries_version_delete AFTER DELETE ON entries
        BEGIN UPDATE dictionary_version SET version = version + 1; END;

        CREATE TRIGGER entry_aliases_version_insert AFTER INSERT ON entry_aliases
        BEGIN UPDATE dictionary_version SET version = version + 1; END;
        CREATE TRIGGER entry_aliases_version_update AFTER UPDATE ON entry_aliases
        BEGIN UPDATE dictionary_version SET version = version + 1; END;
        CREATE TRIGGER entry_aliases_version_delete AFTER DELETE ON entry_aliases
        BEGIN UPDATE dictionary_version SET version = version + 1; END;

        CREATE TRIGGER review_rejections_version_insert AFTER INSERT ON review_items
            WHEN NEW.status = 'rejected'
        BEGIN UPDATE dictionary_version SET version = version + 1; END;
        CREATE TRIGGER review_rejections_version_update AFTER UPDATE OF status, facet, normalized ON review_items
            WHEN OLD.status = 'rejected' OR NEW.status = 'rejected'
        BEGIN UPDATE dictionary_version SET version = version + 1; END;
        CREATE TRIGGER review_rejections_version_delete AFTER DELETE ON review_items
            WHEN OLD.status = 'rejected'
        BEGIN UPDATE dictionary_version SET version = version + 1; END;
        """
}
