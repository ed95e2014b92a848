import Foundation
import KBCore
import KBOutput
import KBTestSupport
import Testing
@testable import KBCommandLine

/// The record that spares `kb build` a build whose input did not change: it must never spare one
/// whose input did, or whose site folder is no longer what the build wrote.
@Suite("kb build's record of the last build")
struct BuildRecordTests {
    /// A content folder of two articles, a site folder of two files, and a record of both.
    struct Fixture {
        let folder: URL
        var content: URL { folder.appendingPathComponent("content") }
        var site: URL { folder.appendingPathComponent("site") }
        let record: BuildRecord

        init() throws {
            folder = try temporaryFolder()
            let content = folder.appendingPathComponent("content"), site = folder.appendingPathComponent("site")
            try FileManager.default.createDirectory(at: content.appendingPathComponent("en-us"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: site.appendingPathComponent("en-us"), withIntermediateDirectories: true)
            try Data("# One\n".utf8).write(to: content.appendingPathComponent("en-us/one.md"))
            try Data("# Two\n".utf8).write(to: content.appendingPathComponent("en-us/two.md"))
            try Data("<h1>One</h1>".utf8).write(to: site.appendingPathComponent("en-us/one.html"))
            try Data("kb".utf8).write(to: site.appendingPathComponent(".kb-site"))
            let tree = try ContentTree(path: content.path)
            record = BuildRecord(
                fingerprint: "settings", started: BuildRecord.now(),
                inputs: try #require(BuildRecord.inputs(content: tree, templates: nil, configuration: nil)),
                outputs: try #require(BuildRecord.outputs(of: site.path)),
                diagnostics: [Diagnostic(.error, .linkUnresolved, "no such file", file: "en-us/one.md", at: SourceLocation(line: 1))],
                virtualLocale: nil, summary: "2 articles")
        }

        /// Whether the record, saved, still holds, the content and site as they are now.
        func isCurrent(fingerprint: String = "settings", racyMargin: Int64 = 0) throws -> Bool {
            let inputs = try #require(BuildRecord.inputs(content: try ContentTree(path: content.path), templates: nil, configuration: nil))
            let location = BuildRecord.location(of: site)
            try record.save(to: location)
            return BuildRecord.current(at: location, fingerprint: fingerprint, inputs: inputs, output: site.path, racyMargin: racyMargin) != nil
        }

        /// Runs `body` on a new fixture, then removes it.
        static func with(_ body: (Fixture) throws -> Void) throws {
            let fixture = try Fixture()
            defer { try? FileManager.default.removeItem(at: fixture.folder) }
            try body(fixture)
        }

        /// Waits past the granularity of file times, so that a change shows in them.
        func tick() {
            usleep(30_000)
        }
    }

    @Test("holds while nothing changes, and survives being saved and read back")
    func unchanged() throws {
        try Fixture.with { fixture throws in
            #expect(try fixture.isCurrent())
            let location = BuildRecord.location(of: fixture.site)
            #expect(location.lastPathComponent == ".site.kb-build.json")
            try fixture.record.save(to: location)
            let inputs = try #require(BuildRecord.inputs(content: try ContentTree(path: fixture.content.path), templates: nil, configuration: nil))
            func current() -> BuildRecord? {
                BuildRecord.current(at: location, fingerprint: "settings", inputs: inputs, output: fixture.site.path, racyMargin: 0)
            }
            let loaded = try #require(current())
            #expect(loaded.inputs == fixture.record.inputs && loaded.outputs == fixture.record.outputs)
            #expect(loaded.diagnostics == fixture.record.diagnostics && loaded.summary == "2 articles")
            #expect(BuildRecord.current(at: location, fingerprint: "other", inputs: inputs, output: fixture.site.path, racyMargin: 0) == nil)
            // A record of another form is not read.
            let saved = try Data(contentsOf: location)
            try Data(#"{"format": 0}"#.utf8).write(to: location)
            #expect(current() == nil)
            // Nor is one whose site folder is gone.
            try saved.write(to: location)
            #expect(current() != nil)
            try FileManager.default.removeItem(at: fixture.site)
            #expect(current() == nil)
        }
    }

    @Test("is written as the encoder writes it, every member and none of the optional ones")
    func sameBytesAsTheEncoder() throws {
        try Fixture.with { fixture throws in
            var record = fixture.record
            record.diagnostics += [
                Diagnostic(.warning, .anchorDuplicate, "quote \" and 登録", file: "en-us/two.md", at: nil,
                           notes: [.init(location: SourceLocation(line: 3, column: 7), message: "first"), .init(location: nil, message: "second")]),
            ]
            record.virtualLocale = "nl-nl"
            record.inputs[0].changed = nil
            record.inputs[0].inode = UInt64.max
            for record in [record, fixture.record] {
                #expect(record.json == (try JSONWriter.encode(record)))
            }
        }
    }

    @Test("fails when an article is rewritten with bytes of the same length, added, removed, or its place changes")
    func contentChanges() throws {
        try Fixture.with { fixture throws in
            fixture.tick()
            try Data("# Owt\n".utf8).write(to: fixture.content.appendingPathComponent("en-us/two.md"))
            #expect(try fixture.isCurrent() == false)
        }
        try Fixture.with { fixture throws in
            try Data("# Three\n".utf8).write(to: fixture.content.appendingPathComponent("en-us/three.md"))
            #expect(try fixture.isCurrent() == false)
        }
        try Fixture.with { fixture throws in
            try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("en-us/one.md"))
            #expect(try fixture.isCurrent() == false)
        }
        // The same file under another name.
        try Fixture.with { fixture throws in
            try FileManager.default.moveItem(
                at: fixture.content.appendingPathComponent("en-us/two.md"), to: fixture.content.appendingPathComponent("en-us/zwei.md"))
            #expect(try fixture.isCurrent() == false)
        }
    }

    @Test("fails when the settings or kb differ, or a file changed just before the build began")
    func settingsAndRaces() throws {
        try Fixture.with { fixture throws in
            #expect(try fixture.isCurrent(fingerprint: "other settings") == false)
            // Files written a moment before the build: a change within the same tick would not show.
            #expect(try fixture.isCurrent(racyMargin: BuildRecord.racyMargin) == false)
        }
    }

    @Test("fails when the site folder is no longer what the build wrote")
    func siteChanges() throws {
        try Fixture.with { fixture throws in
            fixture.tick()
            try Data("<h1>Eno</h1>".utf8).write(to: fixture.site.appendingPathComponent("en-us/one.html"))
            #expect(try fixture.isCurrent() == false)
        }
        try Fixture.with { fixture throws in
            try Data("extra".utf8).write(to: fixture.site.appendingPathComponent("en-us/extra.html"))
            #expect(try fixture.isCurrent() == false)
        }
        try Fixture.with { fixture throws in
            try FileManager.default.removeItem(at: fixture.site.appendingPathComponent("en-us/one.html"))
            #expect(try fixture.isCurrent() == false)
        }
        try Fixture.with { fixture throws in
            try FileManager.default.createSymbolicLink(
                at: fixture.site.appendingPathComponent("en-us/link.html"),
                withDestinationURL: fixture.content.appendingPathComponent("en-us/one.md"))
            #expect(try fixture.isCurrent() == false)
        }
    }
}
