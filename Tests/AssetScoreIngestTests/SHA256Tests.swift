import Foundation
import XCTest

@testable import AssetScoreIngest

/// FIPS 180-4 / NIST example vectors.
final class SHA256Tests: XCTestCase {
    func testStandardVectors() {
        XCTAssertEqual(SHA256.hex(of: Array("".utf8)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(of: Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(
            SHA256.hex(
                of: Array(
                    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8)
            ),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testOneMillionAs() {
        var hasher = SHA256()
        hasher.update(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
        XCTAssertEqual(hasher.hexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Padding edge cases: 55, 56, 63, 64 and 65 bytes cross the one/two-block boundary.
    func testStreamingInPiecesMatchesOneShot() {
        for length in [55, 56, 63, 64, 65, 119, 120, 1000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let oneShot = SHA256.hex(of: bytes)
            var pieces = SHA256()
            var i = 0
            var step = 1
            while i < bytes.count {
                let end = min(bytes.count, i + step)
                if step % 2 == 0 { pieces.update(Data(bytes[i..<end])) } else { pieces.update(bytes[i..<end]) }
                i = end
                step += 3
            }
            XCTAssertEqual(pieces.hexDigest(), oneShot, "length \(length)")
        }
        // 56 bytes of 'a' is a classic padding-boundary value.
        XCTAssertEqual(
            SHA256.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 56)),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }

    func testContentHashOfFile() throws {
        let dir = try TestImages.makeDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("abc.txt")
        try Data("abc".utf8).write(to: file)
        let result = try contentHash(of: file)
        XCTAssertEqual(result.sha256Hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(result.size, 3)

        let big = dir.appendingPathComponent("big.bin")
        try Data(repeating: UInt8(ascii: "a"), count: 1_000_000 + 1_048_576).write(to: big)
        let bigHash = try contentHash(of: big)
        XCTAssertEqual(bigHash.size, 2_048_576)
        // Spans two read chunks; value from an independent implementation (Python hashlib).
        XCTAssertEqual(bigHash.sha256Hex, "b4516abe8192d6c60021ec3a8d0781c069578eddb10c9ee8e793a29f5d579a11")
    }

    func testContentHashOfMissingFileNamesIt() {
        XCTAssertThrowsError(try contentHash(of: URL(fileURLWithPath: "/nonexistent/hero.png"))) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("hero.png: "), "\(error)")
        }
    }
}
