import CFileSystem
import Dispatch
import Foundation
import KBCore
import KBOutput
import Synchronization

/// Writes a built site to disk safely: into a temporary folder beside the output, swapped in at
/// the end, so that a failed or interrupted build leaves the previous site whole.
///
/// One build writes to an output folder at a time: the writer holds a lock (`flock` on a file
/// beside the folder) from its creation to the end of the process, and a second build waits
/// for it. Each path of the site is written once (`BuiltSite.resolvingCollisions`).
struct SiteWriter: Sendable {
    /// The file that marks a folder as written by kb, so that kb never replaces a folder it did
    /// not create.
    static let marker = ".kb-site"

    let output: URL
    private let lock: OutputLock
    /// How many files the last write linked from the previous site, their bytes unchanged.
    var unchangedFiles: Int { unchanged.value.withLock { $0 } }
    private let unchanged = Counter()

    final class Counter: Sendable {
        let value = Mutex(0)
    }

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
        let parent = output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        lock = try OutputLock(parent.appendingPathComponent(".\(output.lastPathComponent).kb-lock").path, for: path)
    }

    /// Writes the site and swaps it in. Files that lose a collision and files of the content
    /// that cannot be copied are left out and reported; the rest is written.
    func write(_ site: BuiltSite) throws -> [Diagnostic] {
        let (site, collisions) = site.resolvingCollisions()
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        // A fixed name, which the lock keeps to one build: what a killed build left behind is
        // cleared by the next one.
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
            // Files are independent: write them on every core. A file whose bytes are those of
            // the site written last time is linked to that file instead of written again.
            let previous = fileManager.fileExists(atPath: output.appendingPathComponent(Self.marker).path) ? output : nil
            let failures = ConcurrentFailures()
            let linked = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: site.files.count) { index in
                let file = site.files[index]
                let destination = staging.appendingPathComponent(file.path).path
                do {
                    if let previous, Self.linkUnchanged(file, from: previous.appendingPathComponent(file.path).path, to: destination) {
                        linked.add(1, ordering: .relaxed)
                    } else if let source = file.source {
                        try Self.copy(source, to: destination)
                    } else {
                        try Data(file.contents).write(to: URL(fileURLWithPath: destination))
                    }
                } catch let error as FileReadError {
                    failures.report(Diagnostic(.warning, error.identifier, error.description + "; it is not copied to the site",
                                               file: file.origin ?? file.path, at: nil))
                } catch {
                    failures.record(error)
                }
            }
            if let error = failures.first { throw error }
            try Data("This folder was written by kb build and is replaced by the next build.\n".utf8)
                .write(to: staging.appendingPathComponent(Self.marker))
            try swap(staging, into: output)
            unchanged.value.withLock { $0 = linked.load(ordering: .relaxed) }
            return (collisions + failures.diagnostics).sorted()
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// Links `destination` to the file of the previous site at `old` when it holds the bytes
    /// `file` would write; false when it does not (or cannot be compared or linked).
    static func linkUnchanged(_ file: BuiltSite.File, from old: String, to destination: String) -> Bool {
        var status = stat()
        guard lstat(old, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
        let size = Int(status.st_size)
        if let source = file.source {
            var sourceStatus = stat()
            guard stat(source, &sourceStatus) == 0, Int(sourceStatus.st_size) == size, size <= 16 << 20,
                  let mine = try? ContentTree.read(old, limit: size), let theirs = try? ContentTree.read(source, limit: size),
                  mine == theirs
            else { return false }
        } else {
            guard size == file.contents.count, let mine = try? ContentTree.read(old, limit: size), mine == file.contents else { return false }
        }
        return link(old, destination) == 0
    }

    /// Copies a file of the content to the site in pieces, so that a large video never sits
    /// in memory. The source is opened as the content's files are read
    /// (`ContentTree.openRegularFile`).
    static func copy(_ source: String, to destination: String) throws {
        let input = try ContentTree.openRegularFile(source).descriptor
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination]) }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw FileReadError("file.unreadable", "the file cannot be read (\(String(cString: strerror(errno))))")
            }
            if count == 0 { return }
            var written = 0
            while written < count {
                let result = buffer.withUnsafeBytes { Glibc.write(output, $0.baseAddress! + written, count - written) }
                if result < 0, errno == EINTR { continue }
                guard result > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination]) }
                written += result
            }
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

/// An exclusive lock on an output folder, held until the process ends (or the lock is
/// released): a second build of the same folder waits for the first, saying so.
final class OutputLock: Sendable {
    private let descriptor: Int32

    init(_ path: String, for output: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SiteWriterError.cannotLock(output, String(cString: strerror(errno))) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                close(descriptor)
                throw SiteWriterError.cannotLock(output, String(cString: strerror(errno)))
            }
            FileHandle.standardError.write(Data("kb: another kb build is writing '\(output)'; waiting for it to finish …\n".utf8))
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    throw SiteWriterError.cannotLock(output, String(cString: strerror(errno)))
                }
            }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The first error of a parallel loop, and the diagnostics it reported.
private final class ConcurrentFailures: Sendable {
    private let errors = Mutex<[any Error]>([])
    private let reported = Mutex<[Diagnostic]>([])

    func record(_ error: any Error) {
        errors.withLock { $0.append(error) }
    }

    func report(_ diagnostic: Diagnostic) {
        reported.withLock { $0.append(diagnostic) }
    }

    var first: (any Error)? { errors.withLock { $0.first } }
    var diagnostics: [Diagnostic] { reported.withLock { $0 } }
}

enum SiteWriterError: Error, CustomStringConvertible {
    case wouldReplaceContent(String)
    case notAFolder(String)
    case notCreatedByKB(String)
    case cannotLock(String, String)

    var description: String {
        switch self {
        case .wouldReplaceContent(let path):
            "refusing to write the site to '\(path)': it is the content folder or contains it"
        case .notAFolder(let path):
            "'\(path)' exists and is not a folder"
        case .notCreatedByKB(let path):
            "refusing to replace '\(path)': it was not created by kb build (use --force to replace it)"
        case let .cannotLock(path, reason):
            "cannot lock '\(path)' for writing: \(reason)"
        }
    }
}
