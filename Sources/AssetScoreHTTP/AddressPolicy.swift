import Foundation

/// Which kinds of address an outgoing connection may go to: the guard against server-side
/// request forgery (a webhook URL pointing at 169.254.169.254 or at the database port).
///
/// It is checked on the address libcurl is about to connect to, after DNS, for every connection
/// of a transfer, so neither a name that resolves to a private address (DNS rebinding) nor a
/// redirect can slip past it; checking the URL's host name beforehand could not promise that.
/// libcurl 7.88 offers two hooks: CURLOPT_PREREQFUNCTION (7.80+) reports the address only after
/// the TCP connection exists, so the internal host would already have been reached;
/// CURLOPT_OPENSOCKETFUNCTION sees every address before connect(), and is the one used.
public struct AddressPolicy: Sendable, Hashable {
    public var allowedKinds: Set<AddressKind>

    public init(allowedKinds: Set<AddressKind>) {
        self.allowedKinds = allowedKinds
    }

    /// Public addresses only: the right default for any URL a user or a webhook supplies.
    public static let publicOnly = AddressPolicy(allowedKinds: [.publicAddress])

    /// Public and loopback: for tests against a server on 127.0.0.1 and for a local Ollama.
    public static let publicAndLoopback = AddressPolicy(allowedKinds: [.publicAddress, .loopback])

    /// Servers an operator runs themselves (Ollama, vLLM on the LAN): public, loopback, private
    /// and unique-local, but still never link-local (the metadata service), multicast or reserved.
    public static let operatorNetwork = AddressPolicy(
        allowedKinds: [.publicAddress, .loopback, .privateNetwork, .sharedAddressSpace, .uniqueLocal])

    /// Loopback only: tests that must not reach anything else.
    public static let loopbackOnly = AddressPolicy(allowedKinds: [.loopback])

    public func permits(_ address: IPAddress) -> Bool {
        allowedKinds.contains(address.kind)
    }
}
