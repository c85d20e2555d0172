import Foundation

/// SHA-256 of a file's bytes (lower-case hex) and its size, read in 1 MB chunks.
///
/// The hash is an asset's identity: the same bytes are not analysed twice, changed bytes give a
/// new analysis version. Needs no analyser (no OCR data), so it is a free function.
public func contentHash(of file: URL) throws -> (sha256Hex: String, size: Int64) {
    let handle: FileHandle
    do {
        handle = try FileHandle(forReadingFrom: file)
    } catch {
        throw AnalyserError(.unreadable, file: file.path, reason: "cannot open file (\((error as NSError).localizedDescription))")
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    var size: Int64 = 0
    do {
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(chunk)
            size += Int64(chunk.count)
        }
    } catch {
        throw AnalyserError(
            .unreadable, file: file.path, reason: "read failed after \(size) bytes (\((error as NSError).localizedDescription))")
    }
    return (hasher.hexDigest(), size)
}
