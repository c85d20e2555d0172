import AssetScoreIngest
import Foundation

/// HMAC-SHA256 (RFC 2104) over the project's SHA-256, for webhook signatures.
///
/// libcrypto is on the machine only as a dependency of libcurl, not of this project, and HMAC is
/// two hashes: H((K ^ opad) || H((K ^ ipad) || message)), with K padded to the 64-byte block.
public enum HMACSHA256 {
    public static func mac(key: Data, message: Data) -> [UInt8] {
        var k = [UInt8](key)
        if k.count > 64 {
            var h = SHA256()
            h.update(key)
            k = h.finalize()
        }
        k += [UInt8](repeating: 0, count: 64 - k.count)
        var inner = SHA256()
        inner.update(Data(k.map { $0 ^ 0x36 }))
        inner.update(message)
        var outer = SHA256()
        outer.update(Data(k.map { $0 ^ 0x5c }))
        outer.update(Data(inner.finalize()))
        return outer.finalize()
    }

    public static func hex(key: Data, message: Data) -> String {
        Hex.string(mac(key: key, message: message))
    }
}
