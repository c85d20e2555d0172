import AssetScoreCore
import CStemmer
import Foundation

/// Errors from setting up the Snowball stemmer.
public enum StemmerError: Error, CustomStringConvertible {
    case unknownAlgorithm(String)

    public var description: String {
        switch self {
        case .unknownAlgorithm(let name):
            let known = SnowballStemmer.availableAlgorithms.joined(separator: ", ")
            return "stemmer: no Snowball algorithm named '\(name)' (available: \(known))"
        }
    }
}

/// The core's `Stemmer` over libstemmer (Snowball), so "sales" and "sale" share a key.
///
/// A libstemmer handle keeps per-call state and is not thread-safe, so calls are serialised by a
/// lock; stemming is a few hundred nanoseconds, far below anything that would make that contended.
public final class SnowballStemmer: Stemmer, @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()
    public let algorithm: String

    public init(algorithm: String = "english") throws {
        guard let h = sb_stemmer_new(algorithm, "UTF_8") else { throw StemmerError.unknownAlgorithm(algorithm) }
        handle = h
        self.algorithm = algorithm
    }

    deinit { sb_stemmer_delete(handle) }

    public static var availableAlgorithms: [String] {
        guard let list = sb_stemmer_list() else { return [] }
        var names: [String] = []
        var i = 0
        while let p = list[i] {
            names.append(String(cString: p))
            i += 1
        }
        return names
    }

    public func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard !bytes.isEmpty else { return word }
        lock.lock()
        defer { lock.unlock() }
        let result: String? = bytes.withUnsafeBufferPointer { buf in
            guard let out = sb_stemmer_stem(handle, buf.baseAddress, Int32(buf.count)) else { return nil }
            let n = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: out, count: n), as: UTF8.self)
        }
        return result ?? word
    }
}
