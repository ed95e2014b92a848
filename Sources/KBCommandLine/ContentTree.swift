import Foundation
import KBRendering

/// The Markdown files of a content folder (`content/<locale>/<path>.md`), found on disk.
struct ContentTree: Sendable {
    let root: URL
    /// Every file below the root, as relative `/`-separated paths, sorted; hidden files and
    /// folders left out. Read once.
    let files: [String]

    init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ContentError.notAFolder(path)
        }
        root = URL(fileURLWithPath: path).standardizedFileURL
        files = Self.listFiles(below: root.path)
    }

    /// A `readdir` walk: the entry types come with the names, so no file is looked up twice.
    private static func listFiles(below root: String) -> [String] {
        var result: [String] = []
        var pending = [""]
        while let folder = pending.popLast() {
            guard let directory = opendir(folder.isEmpty ? root : root + "/" + folder) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }
                let path = folder.isEmpty ? name : folder + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                    var status = stat()
                    guard stat(root + "/" + path, &status) == 0 else { continue }
                    type = (status.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : (status.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0
                }
                if type == UInt8(DT_DIR) {
                    pending.append(path)
                } else if type == UInt8(DT_REG) {
                    result.append(path)
                }
            }
        }
        return result.sorted()
    }

    /// Paths relative to the root, `/`-separated, sorted. Hidden files and folders are left out,
    /// and so are `includes` folders (fragments that articles include) and `TOC.md` files
    /// (navigation written in Markdown).
    func articleFiles() -> [String] {
        allFiles().filter { path in
            path.lowercased().hasSuffix(".md") && !path.split(separator: "/").dropLast().contains("includes")
                && path.split(separator: "/").last?.lowercased() != "toc.md"
        }
    }

    /// The DocFX `toc.yml` and `TOC.md` files that define navigation; breadcrumb tables of contents, which
    /// describe the published site around the docs, are left out.
    func tableOfContentsFiles() -> [String] {
        allFiles().filter { path in
            let parts = path.split(separator: "/")
            return ["toc.yml", "toc.md"].contains(parts.last?.lowercased() ?? "")
                && !parts.dropLast().contains { ["breadcrumb", "bread"].contains($0.lowercased()) }
        }
    }

    /// Every file below the root, as relative `/`-separated paths, sorted.
    func allFiles() -> [String] { files }

    /// Images and other files the articles use, copied to the same place in the site: every
    /// file that is not Markdown or YAML.
    func mediaFiles(in files: [String]) throws -> [BuiltSite.File] {
        try files.filter { path in
            let lower = path.lowercased()
            return !lower.hasSuffix(".md") && !lower.hasSuffix(".yml") && !lower.hasSuffix(".yaml")
        }.map { path in
            BuiltSite.File(path: path, contents: Array(try Data(contentsOf: root.appendingPathComponent(path))))
        }
    }

    /// A reader for `KnowledgeBaseBuilder`: the text of a file below the root. Bytes that are
    /// not UTF-8 are replaced rather than failing the article.
    var reader: @Sendable (String) throws -> String {
        let root = self.root
        return { path in
            let url = root.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ContentError.unreadable(
                    path, FileManager.default.fileExists(atPath: url.path) ? "it cannot be read" : "no such file")
            }
            return String(decoding: data, as: UTF8.self)
        }
    }
}

enum ContentError: Error, CustomStringConvertible {
    case notAFolder(String)
    case unreadable(String, String)

    var description: String {
        switch self {
        case .notAFolder(let path): "'\(path)' is not a folder of content"
        case .unreadable(_, let reason): reason
        }
    }
}
