import Foundation

/// The limits libmicrohttpd enforces for us, so no client can hold the service hostage.
///
/// - `connectionTimeout`: an idle connection (a slow client that stops sending) is closed.
/// - `connectionMemoryLimit`: request line and headers must fit; larger ones get 431 from
///   libmicrohttpd before any handler runs.
/// - `connectionLimit` / `perIPConnectionLimit`: one client cannot take every connection.
/// - `bodyLimit`: bytes of body per request path; more gets 413 (at once when Content-Length
///   says so, else as soon as the limit is passed).
public struct DaemonSettings: Sendable {
    public var address: ListenAddress
    public var threads: Int
    public var connectionTimeout: Int
    public var connectionMemoryLimit: Int
    public var connectionLimit: Int
    public var perIPConnectionLimit: Int
    public var bodyLimit: @Sendable (_ path: String) -> Int

    public init(
        address: ListenAddress, threads: Int, connectionTimeout: Int, connectionMemoryLimit: Int, connectionLimit: Int,
        perIPConnectionLimit: Int, bodyLimit: @escaping @Sendable (_ path: String) -> Int
    ) {
        self.address = address
        self.threads = threads
        self.connectionTimeout = connectionTimeout
        self.connectionMemoryLimit = connectionMemoryLimit
        self.connectionLimit = connectionLimit
        self.perIPConnectionLimit = perIPConnectionLimit
        self.bodyLimit = bodyLimit
    }
}
