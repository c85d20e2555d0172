import Foundation

extension StoreSchema {
    /// Migration 5: a job keeps the providers' base URL and API key file it was enqueued with.
    ///
    /// Without them a job left by a killed `ingest --base-url ...` was picked up with whatever
    /// the next process was started with, and failed ("needs a base URL") or went elsewhere.
    /// Both hold the CLI's spec text ("URL" or "name=URL,name=URL"); `api_key_file` is the
    /// path of the file, never a key. NULL means the running worker's setting, as before.
    static let jobSettings = """
        ALTER TABLE jobs ADD COLUMN base_url TEXT;
        ALTER TABLE jobs ADD COLUMN api_key_file TEXT;
        """
}
