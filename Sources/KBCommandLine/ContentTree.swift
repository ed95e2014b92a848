import Foundation

/// The Markdown files of a content folder (`content/<locale>/<path>.md`), found on disk.
struct ContentTree {
    let root: URL

    init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ContentError.notAFolder(path)
        }
        root = URL(fileURLWithPath: path).standardizedFileURL
    }

    /// Paths relative to the root, `/`-separated, sorted. Hidden files and folders are left out,
    /// and so are `includes` folders: they hold fragments that articles include, not articles.
    func articleFiles() -> [String] {
        allFiles().filter { path in
            path.lowercased().hasSuffix(".md") && !path.split(separator: "/").dropLast().contains("includes")
        }
    }

    /// Every file below the root, as relative `/`-separated paths, sorted.
    func allFiles() -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var files: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            files.append(String(path.dropFirst(prefix.count)))
        }
        return files.sorted()
    }

    /// A reader for `KnowledgeBaseBuilder`: the text of a file below the root. Bytes that are
    /// not UTF-8 are replaced rather than failing the article.
    var reader: @Sendable (String) throws -> String {
        let root = self.root
        return { path in
            let data = try Data(contentsOf: root.appendingPathComponent(path))
            return String(decoding: data, as: UTF8.self)
        }
    }
}

enum ContentError: Error, CustomStringConvertible {
    case notAFolder(String)

    var description: String {
        switch self {
        case .notAFolder(let path): "'\(path)' is not a folder of content"
        }
    }
}
