import Foundation
import KBQuery

/// A built site on disk, read by `kb lookup` and `kb mcp`.
enum SiteFolder {
    /// Reads files of the site folder by their paths relative to it; a path that would leave the
    /// folder reads as no file.
    static func reader(_ site: String) -> SiteReader {
        let root = URL(fileURLWithPath: site)
        return { path in
            guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else { return nil }
            return FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
        }
    }
}
