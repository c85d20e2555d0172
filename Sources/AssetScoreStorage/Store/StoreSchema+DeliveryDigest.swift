import Foundation

extension StoreSchema {
    /// Migration 6: a webhook job keeps a digest of what its delivery asked for.
    ///
    /// A delivery id names one delivery. The same id with the same request is a redelivery and is
    /// answered with its job; the same id with another request is a sender's bug (or an attack)
    /// and is refused, rather than answered with a job for other content. The digest is of the
    /// parsed request (source, campaign, file name, metadata), so a redelivery encoded anew (a
    /// fresh multipart boundary, re-serialised JSON) is still the same delivery. NULL for jobs
    /// from before this migration and for jobs not made by a webhook: a delivery id on such a
    /// job can only be answered as a redelivery, as before.
    static let deliveryDigest = """
        ALTER TABLE jobs ADD COLUMN delivery_digest TEXT;
        """
}
