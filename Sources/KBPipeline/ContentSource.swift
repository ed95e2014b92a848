import KBCore
import KBOutput

/// A content tree as the pipeline reads it: its files and a way to read them. The pipeline does
/// no I/O of its own: the command line passes the folder on disk (`ContentTree`), tests and the
/// fuzz targets pass files held in memory (`MemoryContent`).
public protocol ContentSource: Sendable {
    /// Every file of the tree: `/`-separated paths relative to its root, sorted.
    var files: [String] { get }
    /// Problems found while listing the files.
    var diagnostics: [Diagnostic] { get }
    /// A file's bytes; a file the tree may not serve throws a `FileReadError`.
    func bytes(_ path: String) throws -> [UInt8]
    /// A file of `files` as the site publishes it, unchanged: its bytes, or a copy of it made when
    /// the site is written (so that images need not be held in memory); nil for any other path.
    func published(_ path: String) -> BuiltSite.File?
}

extension ContentSource {
    /// A file's text. Bytes that are not UTF-8 are replaced rather than failing the article.
    public func text(_ path: String) throws -> String {
        String(decoding: try bytes(path), as: UTF8.self)
    }

    /// The articles: Markdown files, except those in `includes` folders (fragments articles
    /// include) and `TOC.md` files (navigation written in Markdown).
    public var articleFiles: [String] {
        files.filter { path in
            path.lowercased().hasSuffix(".md") && !path.split(separator: "/").dropLast().contains("includes")
                && path.split(separator: "/").last?.lowercased() != "toc.md"
        }
    }

    /// The DocFX `toc.yml` and `TOC.md` files that define navigation; breadcrumb tables of
    /// contents, which describe the published site around the docs, are left out.
    public var tableOfContentsFiles: [String] {
        files.filter { path in
            let parts = path.split(separator: "/")
            return ["toc.yml", "toc.md"].contains(parts.last?.lowercased() ?? "")
                && !parts.dropLast().contains { ["breadcrumb", "bread"].contains($0.lowercased()) }
        }
    }

    /// Files that are not Markdown or YAML: images and other files the articles use.
    var mediaCandidates: [String] {
        files.filter { path in
            let lower = path.lowercased()
            return !lower.hasSuffix(".md") && !lower.hasSuffix(".yml") && !lower.hasSuffix(".yaml")
        }
    }
}

/// A content tree held in memory: path → bytes.
public struct MemoryContent: ContentSource {
    public let contents: [String: [UInt8]]
    public let files: [String]
    public var diagnostics: [Diagnostic] { [] }

    public init(_ contents: [String: [UInt8]]) {
        self.contents = contents
        files = contents.keys.sorted()
    }

    public init(texts: [String: String]) {
        self.init(texts.mapValues { Array($0.utf8) })
    }

    public func bytes(_ path: String) throws -> [UInt8] {
        guard let bytes = contents[path] else {
            throw FileReadError("file.unreadable", "there is no such file in the content folder")
        }
        return bytes
    }

    public func published(_ path: String) -> BuiltSite.File? {
        contents[path].map { BuiltSite.File(path: path, contents: $0, origin: path) }
    }
}
