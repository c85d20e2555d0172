import AssetScoreHTTP
import XCTest

final class AddressPolicyTests: XCTestCase {
    private func kind(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> AddressKind? {
        guard let address = IPAddress(text) else {
            XCTFail("\(text) did not parse", file: file, line: line)
            return nil
        }
        return address.kind
    }

    func testIPv4Ranges() {
        let expected: [(String, AddressKind)] = [
            ("127.0.0.1", .loopback), ("127.255.255.254", .loopback),
            ("10.0.0.1", .privateNetwork), ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork),
            ("172.32.0.1", .publicAddress), ("172.15.255.255", .publicAddress),
            ("192.168.1.1", .privateNetwork), ("192.169.0.1", .publicAddress),
            ("100.64.0.1", .sharedAddressSpace), ("100.127.255.255", .sharedAddressSpace), ("100.128.0.1", .publicAddress),
            ("100.63.255.255", .publicAddress),
            ("169.254.169.254", .linkLocal), ("169.254.0.1", .linkLocal),
            ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified),
            ("224.0.0.1", .multicast), ("239.255.255.255", .multicast),
            ("255.255.255.255", .broadcast), ("240.0.0.1", .reserved),
            ("192.0.2.10", .reserved), ("198.51.100.1", .reserved), ("203.0.113.9", .reserved), ("198.18.0.1", .reserved),
            ("8.8.8.8", .publicAddress), ("1.1.1.1", .publicAddress), ("93.184.216.34", .publicAddress),
        ]
        for (text, kind) in expected { XCTAssertEqual(self.kind(text), kind, text) }
    }

    func testIPv6Ranges() {
        let expected: [(String, AddressKind)] = [
            ("::1", .loopback), ("::", .unspecified),
            ("fe80::1", .linkLocal), ("fe80::1%eth0", .linkLocal), ("febf::1", .linkLocal),
            ("fc00::1", .uniqueLocal), ("fd12:3456::1", .uniqueLocal), ("fec0::1", .uniqueLocal),
            ("ff02::1", .multicast), ("2001:db8::1", .reserved),
            ("2606:4700:4700::1111", .publicAddress), ("[2a00:1450:4001::200e]", .publicAddress),
        ]
        for (text, kind) in expected { XCTAssertEqual(self.kind(text), kind, text) }
    }

    /// IPv6 spellings of IPv4 hosts reach those hosts, so they are judged like them.
    func testEmbeddedIPv4IsJudgedByTheIPv4Address() {
        XCTAssertEqual(kind("::ffff:127.0.0.1"), .loopback)
        XCTAssertEqual(kind("::ffff:169.254.169.254"), .linkLocal)
        XCTAssertEqual(kind("::ffff:a9fe:a9fe"), .linkLocal)
        XCTAssertEqual(kind("::ffff:10.1.2.3"), .privateNetwork)
        XCTAssertEqual(kind("::ffff:8.8.8.8"), .publicAddress)
        XCTAssertEqual(kind("::10.0.0.1"), .privateNetwork)
        XCTAssertEqual(kind("64:ff9b::192.168.0.1"), .privateNetwork)
        XCTAssertEqual(kind("2002:7f00:0001::1"), .loopback)
        XCTAssertEqual(IPAddress("::ffff:169.254.169.254")?.embeddedIPv4?.description, "169.254.169.254")
    }

    func testShorthandAndGarbageDoNotParse() {
        for text in ["127.1", "0x7f.0.0.1", "2130706433", "localhost", "", "1.2.3.4.5", "::g", "256.0.0.1"] {
            XCTAssertNil(IPAddress(text), text)
        }
    }

    func testPolicies() {
        let metadata = IPAddress("169.254.169.254")!
        let loopback = IPAddress("127.0.0.1")!
        let lan = IPAddress("192.168.0.10")!
        let web = IPAddress("8.8.4.4")!
        XCTAssertTrue(AddressPolicy.publicOnly.permits(web))
        XCTAssertFalse(AddressPolicy.publicOnly.permits(loopback))
        XCTAssertFalse(AddressPolicy.publicOnly.permits(lan))
        XCTAssertTrue(AddressPolicy.publicAndLoopback.permits(loopback))
        XCTAssertFalse(AddressPolicy.publicAndLoopback.permits(lan))
        XCTAssertTrue(AddressPolicy.operatorNetwork.permits(lan))
        for policy in [AddressPolicy.publicOnly, .publicAndLoopback, .operatorNetwork, .loopbackOnly] {
            XCTAssertFalse(policy.permits(metadata), "\(policy) must never reach the metadata service")
        }
        XCTAssertFalse(AddressPolicy.loopbackOnly.permits(web))
    }

    func testAddressRoundTripsToText() {
        XCTAssertEqual(IPAddress("::ffff:10.0.0.1")?.description, "::ffff:10.0.0.1")
        XCTAssertEqual(IPAddress("10.0.0.1")?.description, "10.0.0.1")
        XCTAssertEqual(IPAddress("[::1]")?.description, "::1")
    }
}
