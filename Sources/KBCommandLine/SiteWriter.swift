import CFileSystem
import Dispatch
import Foundation
import KBCore
import KBOutput
import KBPipeline
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
        let staged = try stage()
        try staged.add(site.files)
        return try finish(staged)
    }

    /// A staging folder beside the output, empty, for a site written as it is made.
    func stage() throws -> StagedFolder {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        // A fixed name, which the lock keeps to one build: what a killed build left behind is
        // cleared by the next one.
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).kb-staging")
        try? fileManager.removeItem(at: staging)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        // Its folders go where the file system has room, not beside it (`StagedFolder.createFolder`).
        _ = kb_spread_subfolders(staging.path)
        let previous = fileManager.fileExists(atPath: output.appendingPathComponent(Self.marker).path) ? output : nil
        return StagedFolder(staging: staging, previous: previous, writer: self)
    }

    /// Settles the collisions of the staged site (`BuiltSite.keptFiles`), marks it as kb's and
    /// swaps it in; on an error, removes it and leaves the previous site.
    func finish(_ staged: StagedFolder) throws -> [Diagnostic] {
        do {
            let diagnostics = try staged.settle()
            try Data("This folder was written by kb build and is replaced by the next build.\n".utf8)
                .write(to: staged.staging.appendingPathComponent(Self.marker))
            try swap(staged.staging, into: output)
            unchanged.value.withLock { $0 = staged.linked }
            return diagnostics
        } catch {
            try? FileManager.default.removeItem(at: staged.staging)
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
                  let mine = try? ContentTree.read(old, limit: size), let theirs = try? ContentTree.read(source, limit: size, listed: true),
                  mine == theirs
            else { return false }
        } else {
            guard size == file.contents.count, let mine = try? ContentTree.read(old, limit: size), mine == file.contents else { return false }
        }
        return link(old, destination) == 0
    }

    /// Writes a new file of the staging folder. No `fsync`: the staging folder is swapped in
    /// whole or not at all, and a crash of the machine before the system writes it out loses a
    /// build that is made again, not a site (the previous one is still in place until the swap).
    static func write(_ bytes: [UInt8], to destination: String) throws {
        let output = try create(destination)
        defer { close(output) }
        try bytes.withUnsafeBytes { try writeAll($0, to: output, destination) }
    }

    /// Copies a file of the content to the site in pieces, so that a large video never sits
    /// in memory. The source is opened as the content's files are read
    /// (`ContentTree.openListed`: the file the walk found, or nothing).
    static func copy(_ source: String, to destination: String) throws {
        let input = try ContentTree.openListed(source).descriptor
        defer { close(input) }
        let output = try create(destination)
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw FileReadError(.fileUnreadable, "the file cannot be read (\(String(cString: strerror(errno))))")
            }
            if count == 0 { return }
            try buffer.withUnsafeBytes { try writeAll(UnsafeRawBufferPointer(rebasing: $0[..<count]), to: output, destination) }
        }
    }

    /// A new file of the staging folder, opened for writing.
    private static func create(_ destination: String) throws -> Int32 {
        let output = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination]) }
        return output
    }

    /// Writes all of `bytes`, however many calls it takes.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to output: Int32, _ destination: String) throws {
        var written = 0
        while written < bytes.count {
            let result = Glibc.write(output, bytes.baseAddress! + written, bytes.count - written)
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination]) }
            written += result
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

/// A site being written into its staging folder as the build makes it (`SiteSink`): each group
/// of files is handed to a writer thread at once, so that the build makes the next group while
/// this one is written, and only the files' paths and origins are kept, so that the site is
/// never whole in memory (one group at a time is with the writer; a step that hands on the
/// next waits until it is written). A file that would collide with one already written (the
/// same path, or one that differs only in case, or a file where a folder is needed) is kept in
/// memory instead, and `settle` applies the collision rules to all of them at the end, as a build that
/// held the site in memory does: the outcome does not depend on the order files come in.
final class StagedFolder: StagedSite {
    let staging: URL
    private let previous: URL?
    private struct State {
        var files: [(path: String, origin: String?)] = []
        /// Files written, by the key of their path (lowercased), and folders they need.
        var writtenFiles: [String: Int] = [:]
        var writtenFolders: Set<String> = []
        var createdFolders: Set<String> = []
        /// Files held back because their path collides with one written.
        var heldBack: [Int: BuiltSite.File] = [:]
        var diagnostics: [Diagnostic] = []
        var linked = 0
    }
    private let state = Mutex(State())
    /// Writes the groups one after another, in the order they came.
    private let writer = DispatchQueue(label: "kb.site-writer")
    private let waiting = DispatchSemaphore(value: 1)
    /// The first error the writer met, thrown by the next `add` or by `settle`.
    private let failure = Mutex<(any Error)?>(nil)

    /// The site writer that made it, which swaps it in.
    private let siteWriter: SiteWriter

    init(staging: URL, previous: URL?, writer: SiteWriter) {
        self.staging = staging
        self.previous = previous
        self.siteWriter = writer
    }

    func publish() throws -> [Diagnostic] {
        try siteWriter.finish(self)
    }

    func discard() {
        drain()
        try? FileManager.default.removeItem(at: staging)
    }

    /// How many files were linked from the previous site, their bytes unchanged.
    var linked: Int { state.withLock(\.linked) }

    func add(_ files: [BuiltSite.File]) throws {
        // Claim the paths, and the folders to create, under the lock; write outside it.
        let (toWrite, folders): ([(Int, BuiltSite.File)], [String]) = state.withLock { state in
            var toWrite: [(Int, BuiltSite.File)] = []
            var folders: [String] = []
            for file in files {
                let index = state.files.count
                state.files.append((file.path, file.origin))
                let key = file.path.lowercased()
                let keyFolders = BuiltSite.folders(of: key)
                if state.writtenFiles[key] != nil || state.writtenFolders.contains(key)
                    || keyFolders.contains(where: { state.writtenFiles[$0] != nil }) {
                    state.heldBack[index] = file
                    continue
                }
                state.writtenFiles[key] = index
                state.writtenFolders.formUnion(keyFolders)
                if let slash = file.path.lastIndex(of: "/") {
                    let folder = String(file.path[..<slash])
                    if state.createdFolders.insert(folder).inserted { folders.append(folder) }
                }
                toWrite.append((index, file))
            }
            return (toWrite, folders)
        }
        if let error = failure.withLock({ $0 }) { throw error }
        waiting.wait()
        writer.async { [self] in
            defer { waiting.signal() }
            guard failure.withLock({ $0 == nil }) else { return }
            do {
                for folder in folders { try Self.createFolder(folder, in: staging.path) }
                try write(toWrite.map(\.1))
            } catch {
                failure.withLock { $0 = error }
            }
        }
    }

    /// Creates a folder of the staging site and those above it. A folder at the top (`nl-nl`,
    /// `search`) is made under a random name and renamed at once: the staging folder spreads
    /// the folders made in it (`kb_spread_subfolders`), and ext4 picks a new folder's place
    /// starting from a hash of its name, so under its own name each build's `nl-nl` would land
    /// where the last one's was. On ext4 without a journal, each new file is then given an
    /// inode only after every inode freed there in the last minutes has been looked at: when
    /// the last site was just deleted (`rm -rf site`, a clean build), each of thousands of new
    /// files looks at thousands of freed inodes, a large part of the build. A file's inode stays where it was made,
    /// so the rename moves nothing; elsewhere this only names the folder twice.
    static func createFolder(_ folder: String, in staging: String) throws {
        let top = staging + "/" + folder.prefix { $0 != "/" }
        var status = stat()
        if lstat(top, &status) != 0, errno == ENOENT {
            let made = staging + "/.kb-folder-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            if mkdir(made, 0o777) == 0, rename(made, top) != 0 { rmdir(made) }
        }
        try FileManager.default.createDirectory(atPath: staging + "/" + folder, withIntermediateDirectories: true)
    }

    /// Writes files one after another, on one thread: two threads creating files in one folder
    /// mostly wait for the folder's lock, with the kernel spinning on it. A file whose bytes are those of the site written last time is linked to that
    /// file instead of written again.
    private func write(_ files: [BuiltSite.File]) throws {
        var diagnostics: [Diagnostic] = []
        var linked = 0
        let staging = self.staging.path, previous = self.previous?.path
        for file in files {
            if let pause = Self.pauseAfterFiles {
                // For the test of a build killed while it writes: it stops here, at a known point.
                written += 1
                if written == pause { raise(SIGSTOP) }
            }
            let destination = staging + "/" + file.path
            do {
                if let previous, SiteWriter.linkUnchanged(file, from: previous + "/" + file.path, to: destination) {
                    linked += 1
                } else if let source = file.source {
                    try SiteWriter.copy(source, to: destination)
                } else {
                    try SiteWriter.write(file.contents, to: destination)
                }
            } catch let error as FileReadError {
                diagnostics.append(Diagnostic(.warning, error.identifier, error.description + "; it is not copied to the site",
                                              file: file.origin ?? file.path, at: nil))
            }
        }
        state.withLock { state in
            state.diagnostics += diagnostics
            state.linked += linked
        }
    }

    /// `KB_TEST_PAUSE_AFTER_FILES=N`: the process stops itself (`SIGSTOP`) once N files are
    /// in the staging folder, so that a test can kill a build in the middle of its writing
    /// without racing it.
    static let pauseAfterFiles = ProcessInfo.processInfo.environment["KB_TEST_PAUSE_AFTER_FILES"].flatMap(Int.init)
    /// How many files the writer thread has written (for `pauseAfterFiles`).
    nonisolated(unsafe) private var written = 0

    /// Waits until the writer has written every group handed to it.
    func drain() {
        writer.sync {}
    }

    /// Applies the collision rules to every file added: removes the written files that lose,
    /// writes the held-back files that win. Returns the diagnostics of both.
    func settle() throws -> [Diagnostic] {
        drain()
        if let error = failure.withLock({ $0 }) { throw error }
        let (files, heldBack, written) = state.withLock { ($0.files, $0.heldBack, $0.writtenFiles) }
        let (kept, collisions) = BuiltSite.keptFiles(files)
        let keptSet = Set(kept)
        let fileManager = FileManager.default
        for index in written.values where !keptSet.contains(index) {
            try? fileManager.removeItem(atPath: staging.path + "/" + files[index].path)
        }
        let winners = heldBack.filter { keptSet.contains($0.key) }.sorted { $0.key < $1.key }.map(\.value)
        for file in winners {
            // What stands at its path, or at a folder of it, lost to it: clear it.
            var path = ""
            for component in file.path.split(separator: "/", omittingEmptySubsequences: false) {
                path += path.isEmpty ? String(component) : "/" + component
                var isFolder: ObjCBool = false
                let full = staging.path + "/" + path
                guard fileManager.fileExists(atPath: full, isDirectory: &isFolder) else { continue }
                if path == file.path || !isFolder.boolValue { try fileManager.removeItem(atPath: full) }
            }
            if let slash = file.path.lastIndex(of: "/") { try Self.createFolder(String(file.path[..<slash]), in: staging.path) }
        }
        try write(winners)
        return (collisions + state.withLock(\.diagnostics)).sorted()
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
