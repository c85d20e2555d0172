import AssetScoreHTTP
import XCTest

@testable import AssetScoreProviders

/// Which addresses a provider may reach: the hosted APIs at their own hosts only publicly; an
/// explicit base URL elsewhere is the operator's choice (a gateway, a test server), so private
/// and loopback addresses are allowed, never link-local.
final class AddressPolicyChoiceTests: XCTestCase {
    private func policy(_ kind: ProviderKind, _ base: String?) -> AddressPolicy {
        ProviderConfiguration(kind: kind, model: "m", baseURL: base.flatMap(URL.init(string:))).effectiveAddressPolicy
    }

    func testHostedAPIsArePublicOnlyAtTheirDefaultHosts() {
        XCTAssertEqual(policy(.openAI, nil), .publicOnly)
        XCTAssertEqual(policy(.anthropic, nil), .publicOnly)
        XCTAssertEqual(policy(.openAI, "https://api.openai.com/v1"), .publicOnly)
        XCTAssertEqual(policy(.anthropic, "https://API.anthropic.com"), .publicOnly)
    }

    func testAnExplicitBaseURLAllowsTheOperatorsNetworksButNeverLinkLocal() {
        for kind in [ProviderKind.openAI, .anthropic] {
            for base in ["http://127.0.0.1:8080/v1", "https://llm-gateway.corp.internal/v1", "http://10.0.0.7/v1"] {
                let p = policy(kind, base)
                XCTAssertEqual(p, .operatorNetwork, "\(kind) \(base)")
                XCTAssertFalse(p.allowedKinds.contains(.linkLocal), "the metadata service stays out of reach")
            }
        }
        XCTAssertEqual(policy(.openAICompatible, "http://127.0.0.1:1/v1"), .operatorNetwork)
        let pinned = ProviderConfiguration(
            kind: .openAI, model: "m", baseURL: URL(string: "http://127.0.0.1:1/v1"), addressPolicy: .loopbackOnly)
        XCTAssertEqual(pinned.effectiveAddressPolicy, .loopbackOnly, "an explicit policy still wins")
    }
}
