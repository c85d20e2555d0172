import Foundation

/// One change to the dictionary or the review queue: who, when, what, before and after.
public struct AuditEvent: Codable, Sendable, Hashable {
    public var id: Int64
    public var actor: String
    public var at: Date
    /// e.g. "dict.import", "entry.add", "alias.add", "review.map", "review.reject", "review.undo".
    public var action: String
    /// What it was about: an entry id, a review item id, a file name.
    public var subject: String
    /// JSON snapshots (nil where there was nothing before or after).
    public var before: String?
    public var after: String?

    public init(id: Int64 = 0, actor: String, at: Date = Date(), action: String, subject: String, before: String?, after: String?) {
        self.id = id
        self.actor = actor
        self.at = at
        self.action = action
        self.subject = subject
        self.before = before
        self.after = after
    }
}
