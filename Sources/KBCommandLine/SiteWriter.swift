import CFileSystem
import Dispatch
import Foundation
import Synchronization
import KBRendering

/// Writes a built site to disk safely: into a temporary folder beside the output, swapped in at
/// the end, so that a failed or interrupted build leaves the previous site whole.
struct SiteWriter {
    /// The file that marks a folder as written by kb, so that kb never replaces a folder it did
    /// not create.
    static let marker = ".kb-site"

    let output: URL

    init(output path: String, content: URL, force: Bool) throws {
        output = URL(fileURLWithPath: path).standardizedFileURL
        let outputPath = output.resolvingSymlinksInPath().path
        let contentPath = content.resolvingSymlinksInPath().path
        if outputPath == contentPath || contentPath.hasPrefix(outputPath + "/") || outputPath == "/" {
            throw SiteWriterError.wouldReplaceContent(path)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw SiteWriterError.notAFolder(path) }
            let isOurs = FileManager.default.fileExists(atPath: output.appendingPathComponent(Self.marker).path)
            let isEmpty = (try? FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty) ?? false
            if !isOurs, !isEmpty, !force { throw SiteWriterError.notCreatedByKB(path) }
        }
    }

    func write(_ site: BuiltSite) throws {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        // A fixed name: what a killed build left behind is cleared by the next one.
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).kb-staging")
        try? fileManager.removeItem(at: staging)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            var folders: Set<String> = []
            for file in site.files {
                let folder = staging.appendingPathComponent(file.path).deletingLastPathComponent().path
                if folders.insert(folder).inserted {
                    try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
            }
            // Files are independent: write them on every core.
            let failures = ConcurrentFailures()
            DispatchQueue.concurrentPerform(iterations: site.files.count) { index in
                let file = site.files[index]
                do {
                    try Data(file.contents).write(to: staging.appendingPathComponent(file.path))
                } catch {
                    failures.record(error)
                }
            }
            if let error = failures.first { throw error }
            try Data("This folder was written by kb build and is replaced by the next build.\n".utf8)
                .write(to: staging.appendingPathComponent(Self.marker))
            try swap(staging, into: output)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// Exchanges the new site with the previous one in one atomic step where the system can
    /// (`renameat2` with `RENAME_EXCHANGE`), so that the output path always holds a whole site,
    /// whenever the build is stopped. Elsewhere it moves the previous site aside, the new one in,
    /// then deletes the previous one.
    private func swap(_ staging: URL, into output: URL) throws {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: output.path) else {
            try fileManager.moveItem(at: staging, to: output)
            return
        }
        if kb_exchange_paths(staging.path, output.path) == 0 {
            try? fileManager.removeItem(at: staging)
            return
        }
        let previous = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).kb-previous")
        try fileManager.moveItem(at: output, to: previous)
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            try? fileManager.moveItem(at: previous, to: output)
            throw error
        }
        try? fileManager.removeItem(at: previous)
    }
}

/// The first error of a parallel loop.
private final class ConcurrentFailures: Sendable {
    private let errors = Mutex<[any Error]>([])

    func record(_ error: any Error) {
        errors.withLock { $0.append(error) }
    }

    var first: (any Error)? { errors.withLock { $0.first } }
}

enum SiteWriterError: Error, CustomStringConvertible {
    case wouldReplaceContent(String)
    case notAFolder(String)
    case notCreatedByKB(String)

    var description: String {
        switch self {
        case .wouldReplaceContent(let path):
            "refusing to write the site to '\(path)': it is the content folder or contains it"
        case .notAFolder(let path):
            "'\(path)' exists and is not a folder"
        case .notCreatedByKB(let path):
            "refusing to replace '\(path)': it was not created by kb build (use --force to replace it)"
        }
    }
}
