import AssetScoreCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Turns the paths given on the command line into the files to ingest.
///
/// Files named explicitly are always attempted (a bad one ends as `failed`, with its reason).
/// Folders are walked recursively in sorted order; hidden files, links, names that are not UTF-8,
/// sidecar JSON files and files that are neither named nor shaped like images are reported as
/// skipped, with the reason, rather than stored as failures, so a README beside the creatives
/// does not pollute the asset list and nothing is left out unseen.
public enum InputCollector {
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "webp", "gif", "tif", "tiff"]

    public struct Input: Sendable, Hashable {
        public var url: URL
        /// The campaign the folder layout suggests: the name of the file's parent folder.
        public var folderCampaign: String
        public var skipReason: String?
    }

    public enum CollectError: Error, CustomStringConvertible {
        case notFound(String)
        public var description: String {
            switch self {
            case .notFound(let p): return "\(SafeText.display(p)): no such file or folder"
            }
        }
    }

    public static func collect(_ paths: [String], fileManager: FileManager = .default) throws -> [Input] {
        var out: [Input] = []
        var seen: Set<String> = []
        for path in paths {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            var isDir: ObjCBool = false
            guard fileManager.fileExists(atPath: url.path, isDirectory: &isDir) else { throw CollectError.notFound(path) }
            if isDir.boolValue {
                for found in walk(url) where seen.insert(found.url.path).inserted {
                    out.append(
                        Input(
                            url: found.url, folderCampaign: campaignName(for: found.url),
                            skipReason: found.skipReason ?? skipReason(found.url)))
                }
            } else if seen.insert(url.path).inserted {
                out.append(Input(url: url, folderCampaign: campaignName(for: url), skipReason: nil))
            }
        }
        return out
    }

    /// Every entry below `dir`, sorted, read with readdir(3) so that nothing is dropped unseen:
    /// names that are not UTF-8, hidden files, links and unreadable folders come back with the
    /// reason they are skipped (Foundation's enumerator silently leaves some of them out).
    static func walk(_ dir: URL) -> [(url: URL, skipReason: String?)] {
        guard let handle = opendir(dir.path) else {
            return [(dir, "cannot read folder: \(String(cString: strerror(errno)))")]
        }
        defer { closedir(handle) }
        var names: [(name: String, valid: Bool)] = []
        while let entry = readdir(handle) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                names.append((name, true))
            } else {
                names.append((String(decoding: bytes, as: UTF8.self), false))
            }
        }
        var out: [(url: URL, skipReason: String?)] = []
        for (name, valid) in names.sorted(by: { $0.name < $1.name }) {
            let url = dir.appendingPathComponent(name)
            if !valid {
                out.append((url, "file name is not valid UTF-8: rename it to ingest it"))
                continue
            }
            if name.hasPrefix(".") {
                out.append((url, "hidden file"))
                continue
            }
            var info = stat()
            guard lstat(url.path, &info) == 0 else {
                out.append((url, "cannot read: \(String(cString: strerror(errno)))"))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: out += walk(url)
            case S_IFREG: out.append((url, nil))
            case S_IFLNK: out.append((url, "symbolic link, not followed inside a folder (name the file itself to ingest it)"))
            default: out.append((url, "not a regular file"))
            }
        }
        return out
    }

    static func skipReason(_ url: URL) -> String? {
        let ext = url.pathExtension.lowercased()
        if imageExtensions.contains(ext) { return nil }
        if ext == "json" { return "sidecar or data file, not an image" }
        if ImageSignature.sniff(url) != nil { return nil }
        return "not an image (no image extension or signature)"
    }

    /// A campaign id from a folder name: lower-case, separators to hyphens.
    public static func campaignName(for file: URL) -> String {
        slug(file.deletingLastPathComponent().lastPathComponent)
    }

    public static func slug(_ text: String) -> String {
        var out = ""
        var lastHyphen = true
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber {
                out.append(ch)
                lastHyphen = false
            } else if !lastHyphen {
                out.append("-")
                lastHyphen = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "default" : out
    }
}
