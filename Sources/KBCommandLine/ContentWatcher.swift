import Foundation

/// Notices changes to the files below some folders (and to single files) by comparing what
/// `stat` says of them from one look to the next: size, modification time to the nanosecond,
/// inode. A look stats the files it knew and the folders; it walks the folders again only when
/// one of them changed (a file added, removed or renamed in it). Portable, and cheap enough to
/// look a few times a second on a tree of thousands of files.
struct ContentWatcher {
    struct Stamp: Equatable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
        var isFolder: Bool
    }

    /// The folders and files watched.
    let roots: [String]
    private(set) var stamps: [String: Stamp] = [:]
    /// Whether the last changes added or removed a file (not only edited some).
    private(set) var filesAddedOrRemoved = false
    /// Whether the last look found a folder changed (an entry added, removed or renamed in it),
    /// and walked the folders again.
    private(set) var foldersChanged = false

    init(roots: [String]) {
        self.roots = roots.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        stamps = Self.walk(self.roots)
    }

    /// The paths (absolute) of the files that changed since the last look: edited, added or
    /// removed.
    mutating func changes() -> Set<String> {
        var folderChanged = roots.contains { stamps[$0] == nil && Self.stamp($0) != nil }
        var fresh = stamps
        for (path, stamp) in stamps {
            let now = Self.stamp(path)
            guard now != stamp else { continue }
            if stamp.isFolder || now?.isFolder == true { folderChanged = true }
            fresh[path] = now
        }
        if folderChanged { fresh = Self.walk(roots) }
        foldersChanged = folderChanged
        let changed = Set(stamps.keys).union(fresh.keys).filter { path in
            stamps[path] != fresh[path] && stamps[path]?.isFolder != true && fresh[path]?.isFolder != true
        }
        filesAddedOrRemoved = changed.contains { stamps[$0] == nil || fresh[$0] == nil }
        stamps = fresh
        return changed
    }

    /// The folders whose entries are every watched file: each folder below the roots, and the
    /// folder of a root that is a file or is not there yet (kb.yml made while serving).
    var folders: [String] {
        var folders = Set(stamps.filter(\.value.isFolder).keys)
        for root in roots where stamps[root]?.isFolder != true {
            folders.insert(URL(fileURLWithPath: root).deletingLastPathComponent().path)
        }
        return folders.sorted()
    }

    static func stamp(_ path: String) -> Stamp? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Stamp(
            size: Int64(status.st_size), seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec),
            inode: UInt64(status.st_ino), isFolder: status.st_mode & S_IFMT == S_IFDIR)
    }

    /// Every file and folder below the roots, hidden ones left out.
    static func walk(_ roots: [String]) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        var pending = roots
        var seen: Set<UInt64> = []
        while let path = pending.popLast() {
            guard let stamp = stamp(path) else { continue }
            stamps[path] = stamp
            guard stamp.isFolder, seen.insert(stamp.inode).inserted,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: path)
            else { continue }
            for name in names where !name.hasPrefix(".") { pending.append(path + "/" + name) }
        }
        return stamps
    }
}
