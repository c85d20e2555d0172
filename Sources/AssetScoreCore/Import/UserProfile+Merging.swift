import Foundation

extension UserProfile {
    /// This profile with `other`'s attributes added: an attribute of the same facet and value
    /// takes `other`'s weight (and mapping), new ones are appended in `other`'s order.
    ///
    /// Used when one user's rows arrive in several import batches.
    public func merging(_ other: UserProfile) -> UserProfile {
        var out = self
        out.attributes = Self.mergeAttributes(attributes, other.attributes)
        out.source = other.source
        out.updatedAt = max(updatedAt, other.updatedAt)
        return out
    }

    static func mergeAttributes(_ base: [UserAttribute], _ added: [UserAttribute]) -> [UserAttribute] {
        var out = base
        var index: [AttributeKey: Int] = [:]
        for (i, a) in out.enumerated() { index[AttributeKey(a)] = i }
        for a in added {
            if let i = index[AttributeKey(a)] {
                out[i] = a
            } else {
                index[AttributeKey(a)] = out.count
                out.append(a)
            }
        }
        return out
    }

    private struct AttributeKey: Hashable {
        var facet: String
        var value: String
        init(_ a: UserAttribute) {
            facet = a.facet
            value = a.value
        }
    }
}
