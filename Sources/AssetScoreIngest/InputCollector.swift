import AssetScoreCore
import Foundation

/// Turns the paths given on the command line into the files to ingest.
///
/// Files named explicitly are always attempted (a bad one ends as `failed`, with its reason).
/// Folders are walked recursively in sorted order; hidden files, sidecar JSON files and files that
/// are neither named nor shaped like images are reported as skipped rather than stored as failures,
/// so a README beside the creatives does not pollute the asset list.
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
                for file in try walk(url, fileManager: fileManager) where seen.insert(file.path).inserted {
                    out.append(Input(url: file, folderCampaign: campaignName(for: file), skipReason: skipReason(file)))
                }
            } else if seen.insert(url.path).inserted {
                out.append(Input(url: url, folderCampaign: campaignName(for: url), skipReason: nil))
            }
        }
        return out
    }

    private static func walk(_ dir: URL, fileManager: FileManager) throws -> [URL] {
        guard let e = fileManager.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var files: [URL] = []
        for case let url as URL in e {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey])
            if values?.isRegularFile == true { files.append(url.standardizedFileURL) }
        }
        return files.sorted { $0.path < $1.path }
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
