import Foundation
import KBCore
import KBOutput
@testable import KBPipeline
import KBTestSupport
import Testing
@testable import KBCommandLine

@Suite("The content folder as a boundary")
struct ContentBoundaryTests {
    /// A content folder with one article and what `make` adds, removed by the caller.
    func folder(_ make: (URL) throws -> Void) throws -> URL {
        let root = try temporaryFolder()
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("nl-nl"), withIntermediateDirectories: true)
        try Data("# Goed\n".utf8).write(to: content.appendingPathComponent("nl-nl/good.md"))
        try make(content)
        return root
    }

    @Test("symbolic links out of the folder, loops, pipes and dangling links are reported and not read")
    func boundary() async throws {
        let root = try folder { content in
            let locale = content.appendingPathComponent("nl-nl").path
            try FileManager.default.createSymbolicLink(atPath: locale + "/etc", withDestinationPath: "/etc")
            try FileManager.default.createSymbolicLink(atPath: locale + "/passwd.md", withDestinationPath: "/etc/passwd")
            try FileManager.default.createSymbolicLink(atPath: locale + "/loop", withDestinationPath: ".")
            try FileManager.default.createSymbolicLink(atPath: locale + "/up", withDestinationPath: "..")
            try FileManager.default.createSymbolicLink(atPath: locale + "/dangling.md", withDestinationPath: "nowhere.md")
            try FileManager.default.createSymbolicLink(atPath: locale + "/alias.md", withDestinationPath: "good.md")
            mkfifo(locale + "/pipe.md", 0o644)
        }
        defer { try? FileManager.default.removeItem(at: root) }
        let tree = try ContentTree(path: root.appendingPathComponent("content").path)
        #expect(tree.files == ["nl-nl/alias.md", "nl-nl/good.md"])
        let found = Dictionary(tree.diagnostics.map { ($0.file, $0.identifier) }, uniquingKeysWith: { first, _ in first })
        #expect(found == [
            "nl-nl/etc": "file.outsideContent", "nl-nl/passwd.md": "file.outsideContent", "nl-nl/loop": "file.symlinkLoop",
            "nl-nl/up": "file.symlinkLoop", "nl-nl/dangling.md": "file.unreadable", "nl-nl/pipe.md": "file.notRegular",
        ])
        #expect(throws: FileReadError.self) { try tree.text("nl-nl/passwd.md") }
        #expect(throws: FileReadError.self) { try tree.text("nl-nl/../../etc/passwd") }
        #expect(try tree.text("nl-nl/alias.md") == "# Goed\n")
        // What the listing found is part of the model's diagnostics, as kb dump prints them.
        let model = try await SiteBuild.model().make(tree).model
        #expect(Set(tree.diagnostics).isSubset(of: Set(model.diagnostics)) && !tree.diagnostics.isEmpty)
    }

    @Test("a file past the size limit is not read; a folder of the content linked from two places is read at each")
    func sizeAndLinkedFolders() async throws {
        let root = try folder { content in
            try Data(String(repeating: "x", count: 2_000).utf8).write(to: content.appendingPathComponent("nl-nl/large.md"))
            try FileManager.default.createDirectory(at: content.appendingPathComponent("media"), withIntermediateDirectories: true)
            try Data("png".utf8).write(to: content.appendingPathComponent("media/a.png"))
            try FileManager.default.createSymbolicLink(atPath: content.path + "/nl-nl/media", withDestinationPath: "../media")
            try FileManager.default.createDirectory(at: content.appendingPathComponent("sv-se"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: content.path + "/sv-se/media", withDestinationPath: "../media")
        }
        defer { try? FileManager.default.removeItem(at: root) }
        var limits = Limits.default
        limits.fileSize = 1_000
        let tree = try ContentTree(path: root.appendingPathComponent("content").path, limits: limits)
        #expect(tree.files.filter { $0.hasSuffix("a.png") } == ["media/a.png", "nl-nl/media/a.png", "sv-se/media/a.png"])
        #expect(throws: FileReadError.self) { try tree.text("nl-nl/large.md") }
        #expect(try await build(tree, steps: [.media]).files.map(\.path) == ["media/a.png", "nl-nl/media/a.png", "sv-se/media/a.png"])
    }

    @Test("links to folders are followed one level deep: 40 links between 20 folders do not list a file 2^20 times")
    func linkedFoldersDoNotMultiply() throws {
        let root = try folder { content in
            for level in 0..<20 {
                let folder = content.appendingPathComponent("d\(level)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: folder.path + "/x", withDestinationPath: "../d\(level + 1)")
                try FileManager.default.createSymbolicLink(atPath: folder.path + "/y", withDestinationPath: "../d\(level + 1)")
            }
            try FileManager.default.createDirectory(at: content.appendingPathComponent("d20"), withIntermediateDirectories: true)
            try Data("# Diep\n".utf8).write(to: content.appendingPathComponent("d20/deep.md"))
            try FileManager.default.createSymbolicLink(atPath: content.path + "/nl-nl/z", withDestinationPath: "../d0")
        }
        defer { try? FileManager.default.removeItem(at: root) }
        let tree = try ContentTree(path: root.appendingPathComponent("content").path)
        // A folder's own links are followed (d19/x and d19/y lead to d20); in the folders they lead to, no link is.
        #expect(tree.files == ["d19/x/deep.md", "d19/y/deep.md", "d20/deep.md", "nl-nl/good.md"])
        let nested = tree.diagnostics.filter { $0.identifier == "file.symlinkNested" }.map(\.file)
        #expect(nested.count == 19 * 4 + 2)
        #expect(nested.contains("nl-nl/z/x") && nested.contains("d0/x/y") && !nested.contains("d0/x/y/x"))
    }

    @Test("a folder swapped for a symbolic link out of the content after the listing: its files are neither read, copied nor served")
    func swappedFolder() throws {
        let outside = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: outside.appendingPathComponent("media"), withIntermediateDirectories: true)
        try Data("SECRET".utf8).write(to: outside.appendingPathComponent("media/a.png"))
        try Data("# Outside\n".utf8).write(to: outside.appendingPathComponent("media/b.md"))
        let root = try folder { content in
            try FileManager.default.createDirectory(at: content.appendingPathComponent("nl-nl/media"), withIntermediateDirectories: true)
            try Data("png".utf8).write(to: content.appendingPathComponent("nl-nl/media/a.png"))
            try Data("# Binnen\n".utf8).write(to: content.appendingPathComponent("nl-nl/media/b.md"))
        }
        defer { try? FileManager.default.removeItem(at: root) }
        let tree = try ContentTree(path: root.appendingPathComponent("content").path)
        let image = try #require(tree.location(of: "nl-nl/media/a.png"))
        #expect(try tree.text("nl-nl/media/b.md") == "# Binnen\n")

        let media = root.appendingPathComponent("content/nl-nl/media")
        try FileManager.default.moveItem(at: media, to: root.appendingPathComponent("content/nl-nl/moved"))
        try FileManager.default.createSymbolicLink(at: media, withDestinationURL: outside.appendingPathComponent("media"))
        #expect(throws: FileReadError.self) { try tree.text("nl-nl/media/b.md") }
        #expect(throws: FileReadError.self) { try ContentTree.openListed(image) }
        let copy = root.appendingPathComponent("copy.png").path
        #expect(throws: FileReadError.self) { try SiteWriter.copy(image, to: copy) }
        #expect(!FileManager.default.fileExists(atPath: copy))
    }

    @Test("only files no browser runs are copied; SVG images only without anything that can run")
    func media() {
        #expect(MediaPolicy.verdict(for: "a/b.PNG", read: { [] }) == .copy)
        for name in ["x.html", "x.htm", "x.js", "x.xml", "x.svgz", "x.xhtml"] {
            guard case .refuse(.warning, _) = MediaPolicy.verdict(for: name, read: { [] }) else {
                Issue.record("\(name) is copied")
                continue
            }
        }
        if case .refuse(.note, _) = MediaPolicy.verdict(for: "LICENSE", read: { [] }) {} else { Issue.record("LICENSE is copied") }
        let clean = ##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><style>.a{fill:red}</style><use xlink:href="#a"/><a href="https://x">x</a></svg>"##
        #expect(MediaPolicy.activeContent(inSVG: Array(clean.utf8)) == nil)
        // An SVG image is published as the bytes checked, not read again when written.
        #expect(MediaPolicy.verdict(for: "a/clean.svg", read: { Array(clean.utf8) }) == .publish(Array(clean.utf8)))
        for svg in ["<svg><script>alert(1)</script></svg>", "<svg onload=alert(1)>", "<svg><a href=\"javascript:x\">", "<svg><a xlink:href=' java\tscript:x'>",
                    "<svg><foreignObject>", "<!DOCTYPE svg [<!ENTITY x 'y'>]><svg>", "<svg><set attributeName=href to=x>",
                    "<svg\nONLOAD\n=\nx>", "<svg><a href=\"&#106;avascript:x\">"] {
            #expect(MediaPolicy.activeContent(inSVG: Array(svg.utf8)) != nil, "\(svg) is copied")
        }
    }

    @Test("kb lookup's words reach it as one argument, a leading minus sign and all")
    func lookupArguments() {
        #expect(LookupCommand.preparedArguments(["lookup", "-2133916617"]) == ["lookup", "--", "-2133916617"])
        #expect(LookupCommand.preparedArguments(["lookup", "--", "-21", "--json"]) == ["lookup", "--", "-21 --json"])
        #expect(LookupCommand.preparedArguments(["lookup", "Device", "--site", "s", "cap", "--json", "--lang=nl"])
            == ["lookup", "--site", "s", "--json", "--lang=nl", "--", "Device cap"])
        #expect(LookupCommand.preparedArguments(["build", "content", "-o", "x"]) == ["build", "content", "-o", "x"])
        let many = ["lookup"] + Array(repeating: "ab", count: 120_000)
        #expect(LookupCommand.preparedArguments(many).count == 3)
    }

    @Test("two files for one path: the one kb generates wins, then the content file that sorts first")
    func collisions() {
        let site = BuiltSite(files: [
            BuiltSite.File(path: "nl-nl/p.html", text: "upper", origin: "nl-nl/p.MD"),
            BuiltSite.File(path: "nl-nl/p.html", text: "lower", origin: "nl-nl/p.md"),
            BuiltSite.File(path: "assets/site.js", text: "hijacked", origin: "assets/site.js"),
            BuiltSite.File(path: "assets/site.js", text: "ours"),
            BuiltSite.File(path: "nl-nl/P.html", text: "case", origin: "nl-nl/P.md"),
            BuiltSite.File(path: "search.html/x.png", text: "folder", origin: "search.html/x.png"),
            BuiltSite.File(path: "search.html", text: "search"),
        ])
        let (kept, diagnostics) = site.resolvingCollisions()
        // Without case, the three pages are one: `P.md` sorts first (byte order).
        #expect(kept.files.map { String(decoding: $0.contents, as: UTF8.self) } == ["ours", "case", "search"])
        #expect(diagnostics.map(\.file) == ["assets/site.js", "nl-nl/p.MD", "nl-nl/p.md", "search.html/x.png"])
        #expect(Set(diagnostics.map(\.identifier)) == ["output.collision"])
    }

    @Test("a site written as it is made, in any order and in pieces, is the site the collision rules keep from all its files at once")
    func stagedCollisions() throws {
        var random = SeededGenerator(seed: 11)
        let names = ["a", "A", "b", "a/b", "A/b", "a/b/c", "b/a", "B/A/c", "c.html", "C.HTML"]
        let origins: [String?] = [nil, "x.md", "y.md", "Y.md", "z.md"]
        for round in 0..<40 {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            var files: [BuiltSite.File] = []
            for number in 0..<Int.random(in: 2...9, using: &random) {
                let origin = origins.randomElement(using: &random)!
                let path = names.randomElement(using: &random)!
                // Two files kb generates never share a path.
                if origin == nil, files.contains(where: { $0.origin == nil && $0.path.lowercased() == path.lowercased() }) { continue }
                files.append(BuiltSite.File(path: path, text: "\(round).\(number)", origin: origin))
            }
            files.shuffle(using: &random)
            let content = folder.appendingPathComponent("content")
            try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)

            let whole = try SiteWriter(output: folder.appendingPathComponent("whole").path, content: content, force: false)
            let (site, expected) = BuiltSite(files: files).resolvingCollisions()
            let wholeDiagnostics = try whole.write(site)
            let writer = try SiteWriter(output: folder.appendingPathComponent("staged").path, content: content, force: false)
            let staged = try writer.stage()
            var rest = files[...]
            while !rest.isEmpty {
                let count = Int.random(in: 1...rest.count, using: &random)
                try staged.add(Array(rest.prefix(count)))
                rest = rest.dropFirst(count)
            }
            let diagnostics = try writer.finish(staged)
            #expect(diagnostics == expected + wholeDiagnostics, "round \(round): \(files.map { ($0.path, $0.origin ?? "-") })")
            #expect(try tree(folder.appendingPathComponent("staged")) == tree(folder.appendingPathComponent("whole")),
                    "round \(round): \(files.map { ($0.path, $0.origin ?? "-") })")
        }
    }
}
