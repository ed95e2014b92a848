import KBCore

/// A rendered site: every file's path below the output folder and its content. Rendering
/// produces it without touching the disk; the command line writes it.
public struct BuiltSite: Sendable {
    public struct File: Sendable {
        /// `/`-separated, relative to the output folder.
        public var path: String
        public var contents: [UInt8]
        /// A file on disk whose bytes are copied when the site is written, instead of
        /// `contents` (images of the content folder, which need not be held in memory).
        public var source: String?
        /// The file of the content folder this file was made from, relative to the content
        /// folder (an article's page, its Markdown twin, a copied image); nil for the files kb
        /// generates from the whole site, which win when two files want the same path.
        public var origin: String?

        public init(path: String, contents: [UInt8], origin: String? = nil) {
            self.path = path
            self.contents = contents
            self.origin = origin
        }

        public init(path: String, text: String, origin: String? = nil) {
            self.init(path: path, contents: Array(text.utf8), origin: origin)
        }

        public init(path: String, copying source: String, origin: String) {
            self.init(path: path, contents: [], origin: origin)
            self.source = source
        }
    }

    public var files: [File]

    public init(files: [File] = []) {
        self.files = files
    }
}

extension BuiltSite {
    /// The site with one file per output path: where two files want the same path, or one
    /// wants a path another needs as a folder, compared without case (a site is often served
    /// from a file system that ignores it), one is kept and the other reported. Files kb
    /// generates from the whole site (home and search pages, assets, the search index, the
    /// contract) win over files made from one file of the content; among those, the one made
    /// from the content file that sorts first wins. The outcome does not depend on the order
    /// of `files`.
    public func resolvingCollisions() -> (site: BuiltSite, diagnostics: [Diagnostic]) {
        let (kept, diagnostics) = Self.keptFiles(files.map { ($0.path, $0.origin) })
        return (BuiltSite(files: kept.map { files[$0] }.sorted { $0.path < $1.path }), diagnostics)
    }

    /// The collision rules of `resolvingCollisions` on paths and origins alone (a site written
    /// as it is made keeps only those): the indices of the files kept, and the diagnostics of
    /// those left out.
    public static func keptFiles(_ files: [(path: String, origin: String?)]) -> (kept: [Int], diagnostics: [Diagnostic]) {
        func rank(_ index: Int) -> (Int, String, String) {
            (files[index].origin == nil ? 0 : 1, files[index].origin ?? "", files[index].path)
        }
        let ordered = files.indices.sorted { rank($0) < rank($1) }
        var filePaths: [String: Int] = [:]
        var folderPaths: [String: Int] = [:]
        var kept: [Int] = []
        var diagnostics: [Diagnostic] = []
        for index in ordered {
            let file = files[index]
            let key = file.path.lowercased()
            let folders = Self.folders(of: key)
            let winner = filePaths[key] ?? folderPaths[key] ?? folders.lazy.compactMap { filePaths[$0] }.first
            if let winner {
                // Two files kb generates cannot both be kept: the first stays (it does not happen).
                if let origin = file.origin {
                    let other = files[winner].origin.map { "'\($0)'" } ?? "a file kb generates"
                    diagnostics.append(Diagnostic(
                        .warning, .outputCollision,
                        "this file would be written to '\(file.path)', where \(other) is written (as '\(files[winner].path)'); it is left out",
                        file: origin, at: nil))
                }
                continue
            }
            filePaths[key] = index
            for folder in folders where folderPaths[folder] == nil { folderPaths[folder] = index }
            kept.append(index)
        }
        return (kept, diagnostics.sorted())
    }

    /// `a/b/c.html` → `a`, `a/b`.
    public static func folders(of path: String) -> [String] {
        var result: [String] = []
        var index = path.startIndex
        while let slash = path[index...].firstIndex(of: "/") {
            result.append(String(path[..<slash]))
            index = path.index(after: slash)
        }
        return result
    }
}

/// Where a build puts the files it makes, as it makes them. `kb build` writes each one into its
/// staging folder at once and keeps only its path and origin, so that a site is never held
/// whole in memory; without a sink, a build keeps its files in memory (`kb serve`, the tests).
public protocol SiteSink: Sendable {
    func add(_ files: [BuiltSite.File]) throws
}
