import Foundation

/// Reduces a word to its stem, so "travelling" and "travel" share a mapping key.
///
/// A protocol because the core imports only Foundation: the Snowball implementation lives in
/// `AssetScoreText` (over libstemmer) and is handed to `Normalizer` by whoever wires things up.
/// Implementations must be deterministic and safe to call from several threads.
public protocol Stemmer: Sendable {
    /// The stem of one lower-case, already normalised word.
    func stem(_ word: String) -> String
}
