import Foundation

extension StoreSchema {
    /// Migration 3: the persistent ingestion queue, the model answer cache and cross-check
    /// disagreements.
    ///
    /// - `jobs.status` has no retry state: a retry is `queued` with `not_before` in the future,
    ///   so `jobs_due` serves both "what is due now" and "when is the next one due".
    /// - `lease_owner` is "pid:start-time@host" so a dead owner on this host is seen at once;
    ///   `lease_expires_at` is the backstop for owners on other hosts or stuck ones.
    /// - `delivery_key` is the idempotency key of a webhook delivery; NULLs never collide.
    /// - `jobs_active_source` finds a queued or analysing job for the same file, so enqueueing
    ///   a folder again (after a crash, say) does not queue its files twice.
    /// - `analysis_cache` is keyed by what determines a model's answer: the bytes (hash), the
    ///   provider, the model and the prompt version. `model` is '' rather than NULL so it can
    ///   be part of the key.
    /// - Disagreements hang off the analysis they were found in, so a re-analysis starts clean.
    static let jobs = """
        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            campaign TEXT,
            providers TEXT NOT NULL,
            model TEXT,
            force INTEGER NOT NULL DEFAULT 0 CHECK (force IN (0, 1)),
            status TEXT NOT NULL CHECK (status IN ('queued', 'analysing', 'needs_review', 'ready', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            max_tries INTEGER,
            chain_position INTEGER NOT NULL DEFAULT 0,
            position_attempts INTEGER NOT NULL DEFAULT 0,
            not_before TEXT,
            lease_owner TEXT,
            lease_expires_at TEXT,
            last_error TEXT,
            provider TEXT,
            answered_model TEXT,
            tokens_in INTEGER NOT NULL DEFAULT 0,
            tokens_out INTEGER NOT NULL DEFAULT 0,
            cost_usd REAL,
            cached INTEGER NOT NULL DEFAULT 0 CHECK (cached IN (0, 1)),
            duration_ms INTEGER,
            asset_id INTEGER REFERENCES assets(id) ON DELETE SET NULL,
            content_hash TEXT,
            delivery_key TEXT UNIQUE,
            result TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK ((status = 'analysing') = (lease_owner IS NOT NULL))
        );
        CREATE INDEX jobs_due ON jobs(status, not_before, id);
        CREATE INDEX jobs_by_owner ON jobs(lease_owner) WHERE lease_owner IS NOT NULL;
        CREATE INDEX jobs_active_source ON jobs(source) WHERE status IN ('queued', 'analysing');
        CREATE INDEX jobs_by_campaign ON jobs(campaign);
        CREATE INDEX jobs_by_asset ON jobs(asset_id) WHERE asset_id IS NOT NULL;

        CREATE TABLE analysis_cache (
            content_hash TEXT NOT NULL,
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            prompt_version TEXT NOT NULL,
            fields TEXT NOT NULL,
            raw_tags TEXT NOT NULL,
            raw_output TEXT NOT NULL,
            media_type TEXT NOT NULL,
            tokens_in INTEGER NOT NULL,
            tokens_out INTEGER NOT NULL,
            cost_usd REAL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (content_hash, provider, model, prompt_version)
        ) WITHOUT ROWID;

        CREATE TABLE analysis_disagreements (
            id INTEGER PRIMARY KEY,
            analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            provider TEXT NOT NULL,
            model_claim TEXT NOT NULL,
            measured TEXT NOT NULL,
            note TEXT
        );
        CREATE INDEX analysis_disagreements_by_analysis ON analysis_disagreements(analysis_id);
        """
}
