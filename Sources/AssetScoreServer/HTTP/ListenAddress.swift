import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A numeric IPv4 or IPv6 address and port to listen on, as the `sockaddr` libmicrohttpd binds.
///
/// Names other than "localhost" are refused rather than resolved: what a server listens on
/// should not depend on DNS at start-up.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: UInt16

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public init(host: String, port: UInt16) throws {
        let h = host == "localhost" ? "127.0.0.1" : host
        var v4 = in_addr()
        var v6 = in6_addr()
        guard inet_pton(AF_INET, h, &v4) == 1 || inet_pton(AF_INET6, h, &v6) == 1 else {
            throw Invalid(description: "host '\(host)' is not an IPv4 or IPv6 address (use 127.0.0.1, 0.0.0.0, ::1 or ::)")
        }
        self.host = h
        self.port = port
    }

    public var isIPv6: Bool { host.contains(":") }

    /// Loopback addresses: the only ones the service may listen on without API tokens.
    public var isLoopback: Bool { host.hasPrefix("127.") || host == "::1" }

    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Calls `body` with a `sockaddr` for this address, valid only inside the call.
    func withSocketAddress<T>(_ body: (UnsafePointer<sockaddr>) throws -> T) rethrows -> T {
        if isIPv6 {
            var a = sockaddr_in6()
            a.sin6_family = sa_family_t(AF_INET6)
            a.sin6_port = port.bigEndian
            _ = inet_pton(AF_INET6, host, &a.sin6_addr)
            return try withUnsafePointer(to: &a) { try $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
        }
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_port = port.bigEndian
        _ = inet_pton(AF_INET, host, &a.sin_addr)
        return try withUnsafePointer(to: &a) { try $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
    }

    /// The numeric text of a peer address (IPv4 or IPv6), or nil for other families.
    static func text(of address: UnsafePointer<sockaddr>) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { p in
                var a = p.pointee.sin_addr
                return inet_ntop(AF_INET, &a, &buffer, socklen_t(buffer.count)).map { String(cString: $0) }
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { p in
                var a = p.pointee.sin6_addr
                return inet_ntop(AF_INET6, &a, &buffer, socklen_t(buffer.count)).map { String(cString: $0) }
            }
        default:
            return nil
        }
    }
}
