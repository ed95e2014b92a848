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
            throw FileReadError(.fileUnreadable, "there is no such file in the content folder")
        }
        return bytes
    }

    public func published(_ path: String) -> BuiltSite.File? {
        contents[path].map { BuiltSite.File(path: path, contents: $0, origin: path) }
    }
}
