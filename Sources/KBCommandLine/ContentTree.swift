import Foundation
import KBCore
import KBOutput
import KBPipeline

/// The files of a content folder (`content/<locale>/<path>.md`), found on disk.
///
/// The content folder is a boundary: a symbolic link is followed only when it leads to a
/// place inside the folder and not back into a folder it lies in (a loop); only regular files
/// are read, and only files the walk found; nothing is read through a path that leaves the
/// folder. What is left out gets a diagnostic (`file.outsideContent`, `file.symlinkLoop`,
/// `file.notRegular`, `file.unreadable`), and the rest is read.
struct ContentTree: ContentSource {
    /// The folder, with symbolic links resolved.
    let root: URL
    /// Every regular file below the root, as relative `/`-separated paths, sorted; hidden files
    /// and folders left out.
    let files: [String]
    /// Problems found while listing the files.
    let diagnostics: [Diagnostic]
    let limits: Limits
    /// Each file's place on disk, with the symbolic links on its way resolved.
    private let locations: [String: String]
    /// Files that were found but may not be read, and why.
    private let refused: [String: FileReadError]

    init(path: String, limits: Limits = .default) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
              let real = Self.realPath(path)
        else {
            throw ContentError.notAFolder(path)
        }
        root = URL(fileURLWithPath: real)
        self.limits = limits
        var walk = Walk(root: real, limits: limits)
        walk.folder(logical: "", real: real, chain: [real], throughLink: false)
        files = walk.files.map(\.logical)
        locations = Dictionary(walk.files.map { ($0.logical, $0.real) }, uniquingKeysWith: { first, _ in first })
        refused = walk.refused
        diagnostics = walk.diagnostics
    }

    /// A file the walk found, read within the size limit; files the walk refused throw why.
    func bytes(_ path: String) throws -> [UInt8] {
        if let refusal = refused[path] { throw refusal }
        guard let location = locations[path] else {
            throw FileReadError(.fileUnreadable, "there is no such file in the content folder")
        }
        return try Self.read(location, limit: limits.fileSize, listed: true)
    }

    /// Where a file the walk found lies on disk, with the symbolic links on its way resolved.
    func location(of path: String) -> String? {
        locations[path]
    }

    /// A file the walk found, copied from its place on disk when the site is written, not held in
    /// memory.
    func published(_ path: String) -> BuiltSite.File? {
        locations[path].map { BuiltSite.File(path: path, copying: $0, origin: path) }
    }

    /// A file of the content opened for reading, and its size: a regular file, opened without
    /// following a symbolic link (the walk resolved those) and without waiting on a pipe. The
    /// caller closes the descriptor.
    static func openRegularFile(_ path: String) throws -> (descriptor: Int32, size: Int) {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FileReadError(.fileUnreadable, "the file cannot be read (\(String(cString: strerror(errno))))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw FileReadError(.fileNotRegular, "this is not a regular file; it is not read")
        }
        return (descriptor, Int(status.st_size))
    }

    /// A file the walk listed, opened for reading by the place it found (`location(of:)`, a
    /// real path): the descriptor must be that path's file. A folder on the way replaced since
    /// the walk (by a symbolic link out of the content, say) would lead elsewhere; such a file
    /// is refused, not read. The caller closes the descriptor.
    static func openListed(_ location: String) throws -> (descriptor: Int32, size: Int) {
        let (descriptor, size) = try openRegularFile(location)
        guard isFile(descriptor, at: location) else {
            close(descriptor)
            throw FileReadError(
                .fileOutsideContent,
                "a folder on the way to this file was moved or replaced since the content folder was listed; it is not read")
        }
        return (descriptor, size)
    }

    /// Whether an open descriptor is the file at `path`, a real path: the path the system
    /// keeps for the descriptor (`/proc/self/fd`, `F_GETPATH`) is `path`, or, where the system
    /// keeps none, `path` has no symbolic link on its way and names the same file.
    static func isFile(_ descriptor: Int32, at path: String) -> Bool {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
        if count >= 0 {
            return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) == path
        }
        #elseif canImport(Darwin)
        var buffer = [CChar](repeating: 0, count: Int(MAXPATHLEN) + 1)
        if fcntl(descriptor, F_GETPATH, &buffer) == 0 { return String(cString: buffer) == path }
        #endif
        var opened = stat()
        var named = stat()
        return realPath(path) == path && fstat(descriptor, &opened) == 0 && stat(path, &named) == 0
            && opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }

    /// The bytes of a regular file (see `openRegularFile`; `listed`: a file the walk listed, see
    /// `openListed`), at most `limit` of them.
    static func read(_ path: String, limit: Int, listed: Bool = false) throws -> [UInt8] {
        let (descriptor, size) = try listed ? openListed(path) : openRegularFile(path)
        defer { close(descriptor) }
        guard size <= limit else {
            throw FileReadError(
                .fileTooLarge, "the file has \(size) bytes, more than the limit of \(limit) (--max-file-size); it is not read")
        }
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0, errno == EINTR { continue }
            guard read >= 0 else {
                throw FileReadError(.fileUnreadable, "the file cannot be read (\(String(cString: strerror(errno))))")
            }
            if read == 0 { break }
            count += read
        }
        // A file that grew while it was read is cut at the limit.
        return Array(bytes[..<min(count, limit)])
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The walk of the folder: depth first, entries in byte order, so that the result and the
    /// diagnostics are the same on every run.
    private struct Walk {
        let root: String
        let limits: Limits
        var files: [(logical: String, real: String)] = []
        var refused: [String: FileReadError] = [:]
        var diagnostics: [Diagnostic] = []
        var entries = 0

        init(root: String, limits: Limits) {
            self.root = root
            self.limits = limits
        }

        /// `chain`: the real paths of the folders on the way here, to see loops; `throughLink`:
        /// whether a symbolic link to a folder is on the way here.
        mutating func folder(logical: String, real: String, chain: [String], throughLink: Bool) {
            guard let directory = opendir(real) else {
                diagnostics.append(Diagnostic(
                    .warning, .fileUnreadable, "the folder cannot be read (\(String(cString: strerror(errno))))",
                    file: logical, at: nil))
                return
            }
            var names: [(name: [UInt8], type: UInt8)] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                guard name.first != UInt8(ascii: ".") else { continue }
                names.append((name, entry.pointee.d_type))
            }
            closedir(directory)
            names.sort { $0.name.lexicographicallyPrecedes($1.name) }

            for (bytes, entryType) in names {
                entries += 1
                if entries > limits.contentEntries {
                    if entries == limits.contentEntries + 1 {
                        diagnostics.append(Diagnostic(
                            .error, .contentTooManyFiles,
                            "the content folder holds more than \(limits.contentEntries) files and folders; the rest are not read",
                            file: logical, at: nil))
                    }
                    return
                }
                let name = String(decoding: bytes, as: UTF8.self)
                let path = logical.isEmpty ? name : logical + "/" + name
                let full = real + "/" + name
                guard Array(name.utf8) == bytes else {
                    diagnostics.append(Diagnostic(
                        .warning, .fileInvalidName, "the name is not UTF-8 text; the file is not read", file: path, at: nil))
                    continue
                }
                var type = entryType
                if type == UInt8(DT_UNKNOWN) {
                    var status = stat()
                    guard lstat(full, &status) == 0 else { continue }
                    type = Self.entryType(status.st_mode)
                }
                switch type {
                case UInt8(DT_DIR):
                    folder(logical: path, real: full, chain: chain + [full], throughLink: throughLink)
                case UInt8(DT_REG):
                    files.append((path, full))
                case UInt8(DT_LNK):
                    link(path, at: full, chain: chain, throughLink: throughLink)
                default:
                    refuse(path, .fileNotRegular, "this is not a regular file (a pipe, socket or device); it is not read",
                           severity: .warning)
                }
            }
        }

        /// A symbolic link: followed when it leads to a file or folder inside the content folder.
        /// Links to folders are followed one level deep: in a folder reached through one, they are
        /// not, so that a few links to folders that link to each other twice cannot list the same
        /// files 2^n times.
        mutating func link(_ path: String, at full: String, chain: [String], throughLink: Bool) {
            guard let target = ContentTree.realPath(full) else {
                refuse(path, .fileUnreadable, "this is a symbolic link to nothing ('\(Self.destination(of: full))'); it is not read",
                       severity: .warning)
                return
            }
            guard target == root || target.hasPrefix(root + "/") else {
                refuse(path, .fileOutsideContent,
                       "this is a symbolic link to '\(target)', outside the content folder; it is not read", severity: .error)
                return
            }
            var status = stat()
            guard stat(target, &status) == 0 else {
                refuse(path, .fileUnreadable, "this symbolic link cannot be followed; it is not read", severity: .warning)
                return
            }
            switch Self.entryType(status.st_mode) {
            case UInt8(DT_DIR):
                if chain.contains(target) {
                    diagnostics.append(Diagnostic(
                        .warning, .fileSymlinkLoop,
                        "this is a symbolic link to a folder it lies in ('\(Self.destination(of: full))'); it is not followed",
                        file: path, at: nil))
                } else if throughLink {
                    diagnostics.append(Diagnostic(
                        .warning, .fileSymlinkNested,
                        "this is a symbolic link to a folder ('\(Self.destination(of: full))') in a folder reached through "
                            + "another one; links to folders are followed one level deep, so it is not followed",
                        file: path, at: nil))
                } else {
                    folder(logical: path, real: target, chain: chain + [target], throughLink: true)
                }
            case UInt8(DT_REG):
                files.append((path, target))
            default:
                refuse(path, .fileNotRegular, "this links to something that is not a regular file; it is not read",
                       severity: .warning)
            }
        }

        mutating func refuse(_ path: String, _ identifier: DiagnosticID, _ message: String, severity: Diagnostic.Severity) {
            refused[path] = FileReadError(identifier, message)
            diagnostics.append(Diagnostic(severity, identifier, message, file: path, at: nil))
        }

        static func entryType(_ mode: mode_t) -> UInt8 {
            switch mode & S_IFMT {
            case S_IFDIR: UInt8(DT_DIR)
            case S_IFREG: UInt8(DT_REG)
            case S_IFLNK: UInt8(DT_LNK)
            default: 0
            }
        }

        /// What a symbolic link holds, as written.
        static func destination(of path: String) -> String {
            var buffer = [CChar](repeating: 0, count: 4096)
            let count = readlink(path, &buffer, buffer.count - 1)
            guard count >= 0 else { return "?" }
            return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}

enum ContentError: Error, CustomStringConvertible {
    case notAFolder(String)

    /// Where the articles may be instead: a folder of Markdown beside the one named.
    static func hint(for path: String) -> String {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard let found = InitCommand.contentFolder(in: parent, searching: false), found != URL(fileURLWithPath: path).lastPathComponent else {
            return "; give the folder of articles as the command's argument, or set content: in kb.yml (kb init writes one)"
        }
        let shown = URL(fileURLWithPath: parent).appendingPathComponent(found).path
        return "; the articles may be in '\(shown)': give \(found) as the command's argument, or set content: \(found) in kb.yml"
    }

    var description: String {
        switch self {
        case .notAFolder(let path):
            "'\(path)' is not a folder of content" + Self.hint(for: path)
        }
    }
}
