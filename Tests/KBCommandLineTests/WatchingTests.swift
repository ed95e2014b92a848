import Foundation
import KBTestSupport
import Testing
@testable import KBCommandLine

@Suite("Watching the content for kb serve")
struct WatchingTests {
    @Test("a look finds files edited, added in a new folder and removed, and lists the folders to watch")
    func looks() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content").path
        try FileManager.default.createDirectory(atPath: content + "/en-us", withIntermediateDirectories: true)
        try Data("# One\n".utf8).write(to: URL(fileURLWithPath: content + "/en-us/one.md"))
        let settings = root.appendingPathComponent("kb.yml").path
        var watcher = ContentWatcher(roots: [content, settings])
        #expect(watcher.folders == [root.path, content, content + "/en-us"])
        #expect(watcher.changes().isEmpty)

        try Data("# One, longer\n".utf8).write(to: URL(fileURLWithPath: content + "/en-us/one.md"))
        #expect(watcher.changes() == [content + "/en-us/one.md"])
        #expect(!watcher.foldersChanged)

        try FileManager.default.createDirectory(atPath: content + "/en-us/new", withIntermediateDirectories: true)
        try Data("# Two\n".utf8).write(to: URL(fileURLWithPath: content + "/en-us/new/two.md"))
        #expect(watcher.changes() == [content + "/en-us/new/two.md"])
        #expect(watcher.foldersChanged && watcher.filesAddedOrRemoved)
        #expect(watcher.folders.contains(content + "/en-us/new"))

        try Data("content: content\n".utf8).write(to: URL(fileURLWithPath: settings))
        #expect(watcher.changes() == [settings])

        try FileManager.default.removeItem(atPath: content + "/en-us/new")
        #expect(watcher.changes() == [content + "/en-us/new/two.md"])
        #expect(!watcher.folders.contains(content + "/en-us/new"))
    }

    #if os(Linux)
    @Test("the kernel's report of a change wakes the look at once, in folders watched from the start or added later")
    func wakes() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("en-us").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // No timer wakes it within the test: a wake-up is the kernel's.
        let signal = ChangeSignal(folders: [root.path, folder], fallback: .seconds(3600))
        #expect(signal.isComplete)
        var wakeups = signal.wakeups.makeAsyncIterator()

        try Data("# One\n".utf8).write(to: URL(fileURLWithPath: folder + "/one.md"))
        #expect(await wakeups.next() != nil)

        let added = folder + "/new"
        try FileManager.default.createDirectory(atPath: added, withIntermediateDirectories: true)
        #expect(await wakeups.next() != nil)
        signal.watch([root.path, folder, added])
        #expect(signal.isComplete)
        try Data("# Two\n".utf8).write(to: URL(fileURLWithPath: added + "/two.md"))
        #expect(await wakeups.next() != nil)

        // A folder that cannot be watched leaves the look to the timer.
        signal.watch([root.path, folder, added, root.appendingPathComponent("missing").path])
        #expect(!signal.isComplete)
    }
    #endif
}
