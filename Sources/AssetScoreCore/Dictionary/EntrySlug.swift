import Foundation

/// Entry ids from labels: lower-case ASCII slugs, unique in the dictionary.
public enum EntrySlug {
    public static func make(_ label: String, avoiding dictionary: AttributeDictionary) -> String {
        let folded = label.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var slug = ""
        for s in folded.unicodeScalars {
            if s.isASCII, CharacterSet.alphanumerics.contains(s) {
                slug.unicodeScalars.append(s)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = "entry" }
        var candidate = slug
        var n = 2
        while dictionary.entry(candidate) != nil {
            candidate = "\(slug)-\(n)"
            n += 1
        }
        return candidate
    }
}
