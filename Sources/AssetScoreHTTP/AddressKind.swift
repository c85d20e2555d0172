import Foundation

/// What kind of network an IP address belongs to, for the SSRF guard.
///
/// Ranges from the IANA special-purpose registries (RFC 6890 and successors). Anything not
/// listed is `.publicAddress`.
public enum AddressKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case publicAddress = "public"
    /// 127.0.0.0/8, ::1.
    case loopback
    /// RFC 1918: 10/8, 172.16/12, 192.168/16.
    case privateNetwork = "private"
    /// RFC 6598 carrier-grade NAT: 100.64.0.0/10.
    case sharedAddressSpace = "shared address space"
    /// 169.254/16 (including the cloud metadata service 169.254.169.254), fe80::/10.
    case linkLocal = "link-local"
    /// fc00::/7 unique local, and the deprecated site-local fec0::/10.
    case uniqueLocal = "unique-local"
    /// 0.0.0.0/8, ::: "this host", which Linux connects to as loopback.
    case unspecified
    /// 224/4, ff00::/8.
    case multicast
    /// 255.255.255.255.
    case broadcast
    /// Documentation, benchmarking, IETF protocol and future-use ranges: never a real server.
    case reserved

    public var description: String {
        switch self {
        case .publicAddress: "a public address"
        case .loopback: "a loopback address"
        case .privateNetwork: "a private-network address"
        case .sharedAddressSpace: "a carrier-grade NAT address"
        case .linkLocal: "a link-local address"
        case .uniqueLocal: "a unique-local address"
        case .unspecified: "the unspecified address"
        case .multicast: "a multicast address"
        case .broadcast: "the broadcast address"
        case .reserved: "a reserved address"
        }
    }
}

extension IPAddress {
    /// The address's kind; IPv6 forms that embed an IPv4 address take the IPv4 address's kind.
    public var kind: AddressKind {
        if let inner = embeddedIPv4 { return inner.kind }
        return isIPv4 ? Self.kind4(bytes) : Self.kind6(bytes)
    }

    private static func kind4(_ b: [UInt8]) -> AddressKind {
        let (a, b1, b2) = (b[0], b[1], b[2])
        switch a {
        case 0: return .unspecified
        case 10: return .privateNetwork
        case 127: return .loopback
        case 100 where b1 & 0xC0 == 64: return .sharedAddressSpace
        case 169 where b1 == 254: return .linkLocal
        case 172 where b1 & 0xF0 == 16: return .privateNetwork
        case 192 where b1 == 168: return .privateNetwork
        case 192 where b1 == 0 && (b2 == 0 || b2 == 2): return .reserved  // IETF protocol assignments, TEST-NET-1
        case 198 where b1 & 0xFE == 18: return .reserved  // benchmarking 198.18/15
        case 198 where b1 == 51 && b2 == 100, 203 where b1 == 0 && b2 == 113: return .reserved  // TEST-NET-2, -3
        case 224...239: return .multicast
        case 255 where b == [255, 255, 255, 255]: return .broadcast
        case 240...255: return .reserved
        default: return .publicAddress
        }
    }

    private static func kind6(_ b: [UInt8]) -> AddressKind {
        if b.allSatisfy({ $0 == 0 }) { return .unspecified }
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return .loopback }
        if b[0] == 0xFF { return .multicast }
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return .linkLocal }
        if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return .uniqueLocal }
        if b[0] & 0xFE == 0xFC { return .uniqueLocal }
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return .reserved }  // documentation
        if b[0] == 0x01 && b[1..<8].allSatisfy({ $0 == 0 }) { return .reserved }  // discard-only 100::/64
        return .publicAddress
    }
}
