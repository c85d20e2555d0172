import Foundation

/// Limits applied to every request, so no remote party can hang or exhaust the process.
public struct HTTPClientOptions: Sendable, Hashable {
    /// Longest wait for the TCP (and TLS) connection.
    public var connectTimeout: TimeInterval
    /// Longest time for the whole transfer, connection included.
    public var totalTimeout: TimeInterval
    /// A transfer slower than `lowSpeedLimit` bytes/second for `lowSpeedTime` seconds is ended,
    /// so a server that trickles one byte a minute fails long before the total timeout.
    public var lowSpeedLimit: Int
    public var lowSpeedTime: TimeInterval
    /// Response body bytes (after decoding) above which the transfer is aborted.
    public var maxResponseBytes: Int
    /// Redirects followed; 0 (the default) returns a 3xx response as it is.
    public var maxRedirects: Int
    /// Which kinds of address a connection may go to (checked on the resolved address).
    public var addressPolicy: AddressPolicy

    public init(
        connectTimeout: TimeInterval = 10, totalTimeout: TimeInterval = 120, lowSpeedLimit: Int = 1,
        lowSpeedTime: TimeInterval = 30, maxResponseBytes: Int = 16 * 1024 * 1024, maxRedirects: Int = 0,
        addressPolicy: AddressPolicy = .publicOnly
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxResponseBytes = maxResponseBytes
        self.maxRedirects = maxRedirects
        self.addressPolicy = addressPolicy
    }
}
