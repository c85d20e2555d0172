import Foundation

/// The numbered migrations of the AssetScore database, oldest first. Never edit a released
/// migration: add a new one, so every existing file can be brought forward step by step.
enum StoreSchema {
    static let migrations: [SchemaMigration] = [
        SchemaMigration(version: 1, name: "initial schema", sql: initial),
        SchemaMigration(version: 2, name: "indexes for paged console reads", sql: pagedReads),
        SchemaMigration(version: 3, name: "ingestion jobs, model answer cache, disagreements", sql: StoreSchema.jobs),
        SchemaMigration(version: 4, name: "feedback events", sql: feedbackEvents),
        SchemaMigration(version: 5, name: "jobs keep their base URL and API key file", sql: jobSettings),
        SchemaMigration(version: 6, name: "jobs keep a digest of their webhook delivery", sql: deliveryDigest),
        SchemaMigration(version: 7, name: "a version of the dictionary, moved by triggers", sql: dictionaryVersion),
        SchemaMigration(version: 8, name: "persona attributes wait for review", sql: personaReview),
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

    /// For a console over 100,000 assets and 10,000 review items: every list it pages through
    /// is read in index order, and the impact of review items (how many tags of latest
    /// analyses wait on each, in how many campaigns) is counted from narrow covering indexes.
    ///
    /// - `assets.latest_analysis_id` names the asset's newest analysis, kept by triggers on
    ///   `analyses` (the only table that decides it), so "tags of the latest analysis" is one
    ///   index probe instead of a MAX(version) subquery per tag.
    /// - The `created_at` indexes end in the rowid, so `ORDER BY created_at DESC, id DESC` with
    ///   any combination of campaign and status filters walks an index and stops at LIMIT.
    /// - The link and entry indexes replace the single-column ones of version 1 (same leading
    ///   column, so every lookup those served still uses them) and cover the columns that
    ///   review impact and entry usage count.
    /// - `asset_counts` holds the number of assets per campaign and status, kept by triggers on
    ///   `assets`, so the totals a console shows after every change cost a few rows, not a scan.
    ///   Rows that drop to 0 stay (and are skipped when read).
    static let pagedReads = """
        ALTER TABLE assets ADD COLUMN latest_analysis_id INTEGER;
        UPDATE assets SET latest_analysis_id =
            (SELECT v.id FROM analyses v WHERE v.asset_id = assets.id ORDER BY v.version DESC LIMIT 1);
        CREATE INDEX assets_by_latest_analysis ON assets(latest_analysis_id, campaign)
            WHERE latest_analysis_id IS NOT NULL;

        CREATE TRIGGER analyses_track_latest AFTER INSERT ON analyses
        BEGIN
            UPDATE assets SET latest_analysis_id = NEW.id
            WHERE id = NEW.asset_id
              AND (latest_analysis_id IS NULL
                   OR NEW.version >= (SELECT v.version FROM analyses v WHERE v.id = assets.latest_analysis_id));
        END;
        CREATE TRIGGER analyses_forget_latest AFTER DELETE ON analyses
        BEGIN
            UPDATE assets SET latest_analysis_id =
                (SELECT v.id FROM analyses v WHERE v.asset_id = OLD.asset_id ORDER BY v.version DESC LIMIT 1)
            WHERE id = OLD.asset_id AND latest_analysis_id = OLD.id;
        END;

        DROP INDEX assets_by_status;
        CREATE INDEX assets_by_created ON assets(created_at);
        CREATE INDEX assets_by_campaign_created ON assets(campaign, created_at);
        CREATE INDEX assets_by_status_created ON assets(status, created_at);
        CREATE INDEX assets_by_campaign_status_created ON assets(campaign, status, created_at);

        DROP INDEX asset_tags_by_entry;
        CREATE INDEX asset_tags_by_entry_analysis ON asset_tags(entry, analysis_id) WHERE entry IS NOT NULL;
        DROP INDEX asset_tags_waiting;
        CREATE INDEX asset_tags_waiting_on ON asset_tags(review_item_id, analysis_id)
            WHERE review_item_id IS NOT NULL;
        DROP INDEX asset_tags_resolved;
        CREATE INDEX asset_tags_settled_by ON asset_tags(resolved_by_item, review_item_id, analysis_id)
            WHERE resolved_by_item IS NOT NULL;

        DROP INDEX user_attributes_waiting;
        CREATE INDEX user_attributes_waiting_on ON user_attributes(review_item_id, user_id)
            WHERE review_item_id IS NOT NULL;
        DROP INDEX user_attributes_resolved;
        CREATE INDEX user_attributes_settled_by ON user_attributes(resolved_by_item, review_item_id, user_id)
            WHERE resolved_by_item IS NOT NULL;

        DROP INDEX review_items_by_status;
        CREATE INDEX review_items_by_status_facet ON review_items(status, facet);

        CREATE TABLE asset_counts (
            campaign TEXT NOT NULL,
            status TEXT NOT NULL,
            assets INTEGER NOT NULL,
            PRIMARY KEY (campaign, status)
        ) WITHOUT ROWID;
        INSERT INTO asset_counts (campaign, status, assets)
            SELECT campaign, status, COUNT(*) FROM assets GROUP BY campaign, status;
        CREATE TRIGGER assets_count_insert AFTER INSERT ON assets
        BEGIN
            INSERT INTO asset_counts (campaign, status, assets) VALUES (NEW.campaign, NEW.status, 1)
                ON CONFLICT (campaign, status) DO UPDATE SET assets = assets + 1;
        END;
        CREATE TRIGGER assets_count_delete AFTER DELETE ON assets
        BEGIN
            UPDATE asset_counts SET assets = assets - 1 WHERE campaign = OLD.campaign AND status = OLD.status;
        END;
        CREATE TRIGGER assets_count_update AFTER UPDATE OF campaign, status ON assets
            WHEN OLD.campaign IS NOT NEW.campaign OR OLD.status IS NOT NEW.status
        BEGIN
            UPDATE asset_counts SET assets = assets - 1 WHERE campaign = OLD.campaign AND status = OLD.status;
            INSERT INTO asset_counts (campaign, status, assets) VALUES (NEW.campaign, NEW.status, 1)
                ON CONFLICT (campaign, status) DO UPDATE SET assets = assets + 1;
        END;
        """

    /// Feedback from ESPs and landing pages (impressions, clicks, conversions).
    ///
    /// - `id` is the sender's event id: the primary key makes a resent batch count once.
    /// - No foreign key to `decisions`: the service writes decisions in batches off the request
    ///   path, so a click may arrive before its decision row; campaign and asset are checked when
    ///   the event is accepted.
    /// - The indexes serve per-campaign reports (by type and time) and joins to decisions.
    static let feedbackEvents = """
        CREATE TABLE feedback_events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL CHECK (type IN ('impression', 'click', 'conversion')),
            user_id TEXT,
            campaign TEXT NOT NULL,
            asset_id INTEGER NOT NULL,
            decision_id TEXT,
            occurred_at TEXT NOT NULL,
            received_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX feedback_events_by_campaign ON feedback_events(campaign, type, occurred_at);
        CREATE INDEX feedback_events_by_decision ON feedback_events(decision_id) WHERE decision_id IS NOT NULL;
        """
}
