import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An IPv4 or IPv6 address as its raw bytes (4 or 16), parsed and printed with inet_pton/ntop.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// nil unless `bytes` has 4 or 16 elements.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses dotted IPv4 or any IPv6 text form ("::1", "::ffff:10.0.0.1"); brackets and a zone
    /// ("fe80::1%eth0") are accepted and dropped. nil for anything else, including the
    /// inet_aton shorthands ("127.1", "0x7f.1") that inet_pton rightly refuses.
    public init?(_ text: String) {
        var text = text
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }

    public var isIPv4: Bool { bytes.count == 4 }

    /// The embedded IPv4 address of an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible
    /// (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002:AABB:CCDD::/48) IPv6 address: each of these
    /// reaches that IPv4 host, so it must be judged like it.
    public var embeddedIPv4: IPAddress? {
        guard bytes.count == 16 else { return nil }
        let head = Array(bytes[0..<12])
        if head == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] { return IPAddress(bytes: Array(bytes[12...])) }
        if head == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], bytes[12...].contains(where: { $0 != 0 }),
            !(bytes[12...15] == [0, 0, 0, 1])
        {
            return IPAddress(bytes: Array(bytes[12...]))
        }
        if head == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] { return IPAddress(bytes: Array(bytes[12...])) }
        if bytes[0] == 0x20, bytes[1] == 0x02 { return IPAddress(bytes: Array(bytes[2..<6])) }
        return nil
    }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = isIPv4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBufferPointer { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) != nil }
        return ok ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
    }
}
