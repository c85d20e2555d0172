/// Evaluates an `If-None-Match` field against the current ETag (RFC 9110 §13.1.2).
///
/// The comparison is weak: `W/"x"` and `"x"` name the same representation here. The field is a
/// list (repeated header lines arrive joined with ", "), and `*` matches whatever we have. The
/// field is scanned byte by byte without building strings, because a cache revalidating a
/// decision is on the hot path, and quoted tags are skipped whole, since an entity tag may itself
/// contain a comma. A member that is not an entity tag (unquoted, unterminated) matches nothing,
/// so a malformed field never turns a 200 into a 304.
enum IfNoneMatch {
    /// True when `field` names `etag` (strong or weak) or is `*`: the client's copy is current.
    static func matches(_ field: String, etag: String) -> Bool {
        var field = field
        var etag = etag
        return field.withUTF8 { f in etag.withUTF8 { e in matches(f, opaqueTag(e)) } }
    }

    /// `tag` without a leading `W/`: what weak comparison compares.
    private static func opaqueTag(_ tag: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        tag.count >= 2 && tag[0] == weakW && tag[1] == slash ? UnsafeBufferPointer(rebasing: tag[2...]) : tag
    }

    private static func matches(_ f: UnsafeBufferPointer<UInt8>, _ current: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < f.count {
            while i < f.count && (f[i] == comma || isSpace(f[i])) { i += 1 }
            guard i < f.count else { break }
            var member: Range<Int>? = nil
            if f[i] == star {
                i += 1
                member = 0..<0
            } else {
                if f[i] == weakW && i + 1 < f.count && f[i + 1] == slash { i += 2 }
                if i < f.count && f[i] == quote {
                    let open = i
                    i += 1
                    while i < f.count && f[i] != quote { i += 1 }
                    // An unterminated tag ends the field: nothing after it can be read as a tag.
                    guard i < f.count else { return false }
                    i += 1
                    member = open..<i
                }
            }
            while i < f.count && isSpace(f[i]) { i += 1 }
            guard let member, i == f.count || f[i] == comma else {
                // Not an entity tag: skip to the next member.
                while i < f.count && f[i] != comma { i += 1 }
                continue
            }
            if member.isEmpty || equal(f, member, current) { return true }
        }
        return false
    }

    private static func equal(_ f: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ tag: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count == tag.count else { return false }
        var j = 0
        for k in range {
            if f[k] != tag[j] { return false }
            j += 1
        }
        return true
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    private static let comma = UInt8(ascii: ",")
    private static let star = UInt8(ascii: "*")
    private static let quote = UInt8(ascii: "\"")
    private static let slash = UInt8(ascii: "/")
    private static let weakW = UInt8(ascii: "W")
}
