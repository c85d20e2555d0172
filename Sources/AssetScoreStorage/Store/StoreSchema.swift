import Foundation

/// The numbered migrations of the AssetScore database, oldest first. Never edit a released
/// migration: add a new one, so every existing file can be brought forward step by step.
enum StoreSchema {
    static let migrations: [SchemaMigration] = [
        SchemaMigration(version: 1, name: "initial schema", sql: initial)
    ]

    static var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Design notes:
    /// - Ids of facets and entries are the dictionary's own text ids; everything else uses
    ///   INTEGER PRIMARY KEY (the rowid).
    /// - `broader` and `replaced_by` are deferred so an import may name entries in any order.
    /// - A tag or attribute waiting for an operator has `review_item_id`; once a decision (or a
    ///   remap) settles it, `resolved_by_item` remembers which item did, so undo can find it.
    /// - `review_items.added_alias` / `created_entry` record what a decision added to the
    ///   dictionary, so undo can remove exactly that.
    /// - `content_hash` is NULL when the bytes could not be read; NULLs never collide in UNIQUE.
    static let initial = """
        CREATE TABLE facets (
            id TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            description TEXT,
            weight REAL NOT NULL,
            fuzzy_accept REAL NOT NULL,
            candidate_minimum REAL NOT NULL,
            fuzzy_minimum_length INTEGER NOT NULL
        );

        CREATE TABLE entries (
            id TEXT PRIMARY KEY,
            facet TEXT NOT NULL REFERENCES facets(id),
            label TEXT NOT NULL,
            broader TEXT REFERENCES entries(id) DEFERRABLE INITIALLY DEFERRED,
            description TEXT,
            status TEXT NOT NULL CHECK (status IN ('active', 'deprecated')),
            replaced_by TEXT REFERENCES entries(id) DEFERRABLE INITIALLY DEFERRED,
            hex TEXT
        );
        CREATE INDEX entries_by_facet ON entries(facet);
        CREATE INDEX entries_by_broader ON entries(broader) WHERE broader IS NOT NULL;
        CREATE INDEX entries_by_replacement ON entries(replaced_by) WHERE replaced_by IS NOT NULL;

        CREATE TABLE entry_aliases (
            entry TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            alias TEXT NOT NULL COLLATE NOCASE,
            hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
            PRIMARY KEY (entry, alias)
        );
        CREATE INDEX entry_aliases_by_alias ON entry_aliases(alias);

        CREATE TABLE campaigns (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            facet_weights TEXT NOT NULL DEFAULT '{}',
            fallback_asset_id INTEGER REFERENCES assets(id) ON DELETE SET NULL
        );

        CREATE TABLE assets (
            id INTEGER PRIMARY KEY,
            campaign TEXT NOT NULL REFERENCES campaigns(id),
            path TEXT NOT NULL,
            content_hash TEXT,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            width INTEGER,
            height INTEGER,
            status TEXT NOT NULL
                CHECK (status IN ('queued', 'analysing', 'needs_review', 'ready', 'failed')),
            failure_reason TEXT,
            alt_text TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (campaign, content_hash)
        );
        CREATE INDEX assets_by_campaign_path ON assets(campaign, path);
        CREATE INDEX assets_by_status ON assets(status);

        CREATE TABLE analyses (
            id INTEGER PRIMARY KEY,
            asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
            version INTEGER NOT NULL CHECK (version >= 1),
            analyser TEXT NOT NULL,
            model TEXT,
            analyser_version TEXT NOT NULL,
            raw_output TEXT NOT NULL,
            fields TEXT NOT NULL,
            duration_ms INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (asset_id, version)
        );

        CREATE TABLE review_items (
            id INTEGER PRIMARY KEY,
            facet TEXT NOT NULL,
            normalized TEXT NOT NULL,
            sample_text TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'mapped', 'created', 'rejected')),
            candidates TEXT NOT NULL DEFAULT '[]',
            decided_entry TEXT REFERENCES entries(id),
            decided_by TEXT,
            decided_at TEXT,
            added_alias TEXT,
            created_entry TEXT REFERENCES entries(id),
            created_at TEXT NOT NULL,
            UNIQUE (facet, normalized)
        );
        CREATE INDEX review_items_by_status ON review_items(status);

        CREATE TABLE asset_tags (
            id INTEGER PRIMARY KEY,
            analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
            raw_text TEXT NOT NULL,
            facet_hint TEXT,
            source TEXT NOT NULL,
            confidence REAL NOT NULL,
            evidence TEXT NOT NULL,
            facet TEXT NOT NULL,
            normalized TEXT NOT NULL,
            entry TEXT REFERENCES entries(id),
            method TEXT NOT NULL,
            mapping_confidence REAL NOT NULL,
            review_item_id INTEGER REFERENCES review_items(id),
            resolved_by_item INTEGER REFERENCES review_items(id)
        );
        CREATE INDEX asset_tags_by_analysis ON asset_tags(analysis_id);
        CREATE INDEX asset_tags_by_entry ON asset_tags(entry) WHERE entry IS NOT NULL;
        CREATE INDEX asset_tags_by_key ON asset_tags(normalized, facet);
        CREATE INDEX asset_tags_waiting ON asset_tags(review_item_id) WHERE review_item_id IS NOT NULL;
        CREATE INDEX asset_tags_resolved ON asset_tags(resolved_by_item) WHERE resolved_by_item IS NOT NULL;

        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE user_attributes (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            facet TEXT NOT NULL,
            value TEXT NOT NULL,
            normalized TEXT NOT NULL,
            weight REAL NOT NULL,
            entry TEXT REFERENCES entries(id),
            method TEXT NOT NULL,
            review_item_id INTEGER REFERENCES review_items(id),
            resolved_by_item INTEGER REFERENCES review_items(id)
        );
        CREATE INDEX user_attributes_by_user ON user_attributes(user_id);
        CREATE INDEX user_attributes_by_entry ON user_attributes(entry) WHERE entry IS NOT NULL;
        CREATE INDEX user_attributes_waiting ON user_attributes(review_item_id) WHERE review_item_id IS NOT NULL;
        CREATE INDEX user_attributes_resolved ON user_attributes(resolved_by_item) WHERE resolved_by_item IS NOT NULL;

        CREATE TABLE personas (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE persona_attributes (
            id INTEGER PRIMARY KEY,
            persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
            facet TEXT NOT NULL,
            value TEXT NOT NULL,
            normalized TEXT,
            weight REAL NOT NULL,
            entry TEXT REFERENCES entries(id),
            method TEXT NOT NULL
        );
        CREATE INDEX persona_attributes_by_persona ON persona_attributes(persona_id);
        CREATE INDEX persona_attributes_by_entry ON persona_attributes(entry) WHERE entry IS NOT NULL;

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            actor TEXT NOT NULL,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            before TEXT,
            after TEXT
        );
        CREATE INDEX audit_log_by_subject ON audit_log(subject);

        CREATE TABLE decisions (
            id TEXT PRIMARY KEY,
            campaign TEXT NOT NULL REFERENCES campaigns(id),
            subject TEXT,
            asset_id INTEGER REFERENCES assets(id),
            score REAL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX decisions_by_campaign ON decisions(campaign, created_at);
        """
}
