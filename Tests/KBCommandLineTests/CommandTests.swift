import CFileSystem
import Foundation
import KBCore
import KBExtraction
import KBLinking
import KBModel
import KBDump
import KBOutput
import KBPages
import KBPipeline
import KBTestSupport
import Testing
@testable import KBCommandLine

@Suite("kb dump")
struct DumpTests {
    @Test("prints the documented fields of articles, entries, codes and diagnostics")
    func fields() async throws {
        let json = ModelDump.json(try await seedModel())
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        let articles = try #require(document["articles"] as? [[String: Any]])
        #expect(articles.count == 5)
        for key in ["id", "locale", "source", "title", "translationKey", "entries", "procedures"] {
            #expect(articles.allSatisfy { $0[key] != nil }, "articles lack \(key)")
        }
        let article = try #require(articles.first { $0["source"] as? String == "nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.md" })
        #expect(article["id"] as? String == "enrollment/troubleshoot-device-enrollment-in-intune")
        let entries = try #require(article["entries"] as? [[String: Any]])
        for key in ["id", "anchor", "title", "message", "codes", "cause", "resolution", "procedures"] {
            #expect(entries.allSatisfy { $0.keys.contains(key) }, "entries lack \(key)")
        }
        let codes = try #require(entries.compactMap { $0["codes"] as? [[String: Any]] }.flatMap { $0 }.first)
        #expect(Set(codes.keys).isSuperset(of: ["code", "raw", "kind"]))
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(!diagnostics.isEmpty)
        for key in ["file", "line", "column", "severity", "id", "message"] {
            #expect(diagnostics.allSatisfy { $0[key] != nil }, "diagnostics lack \(key)")
        }
    }
}

@Suite("kb build")
struct BuildTests {
    @Test("writes a page per article and replaces only a site it wrote itself")
    func writesAndProtects() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = repositoryRoot.appendingPathComponent("content")
        let output = folder.appendingPathComponent("site")
        let site = BuiltSite(files: try await build(try seedFiles()).files)

        try SiteWriter(output: output.path, content: content, force: false).write(site)
        let page = output.appendingPathComponent("nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("id=\"device-cap-reached\""))
        #expect(html.contains("<html lang=\"nl-nl\" dir=\"ltr\">"))

        // A second build replaces the first: a file it lacks is gone, a new one is there, and a
        // file whose bytes did not change is linked from the first site, not written again.
        var second = site
        second.files.removeAll { $0.path == "nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.html" }
        second.files.append(BuiltSite.File(path: "nl-nl/new.html", text: "<!doctype html><title>new</title>"))
        let again = try SiteWriter(output: output.path, content: content, force: false)
        #expect(try again.write(second).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: page.path))
        #expect(try String(contentsOf: output.appendingPathComponent("nl-nl/new.html"), encoding: .utf8).contains("new"))
        #expect(again.unchangedFiles == site.files.count - 1)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(SiteWriter.marker).path))

        // The content folder, a folder holding it, and a folder kb did not create are refused.
        #expect(throws: SiteWriterError.self) { try SiteWriter(output: content.path, content: content, force: true) }
        #expect(throws: SiteWriterError.self) {
            try SiteWriter(output: repositoryRoot.path, content: content, force: true)
        }
        let foreign = folder.appendingPathComponent("foreign")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        #expect(throws: SiteWriterError.self) { try SiteWriter(output: foreign.path, content: content, force: false) }
        // With --force it is replaced.
        #expect(try SiteWriter(output: foreign.path, content: content, force: true).write(second).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: foreign.appendingPathComponent("notes.txt").path))
        #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("nl-nl/new.html").path))
    }
}

@Suite("The staging folder")
struct StagingFolderTests {
    @Test("a top folder made under a random name is renamed at once: only the site's own names remain")
    func foldersKeepTheirNames() throws {
        let staging = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: staging) }
        _ = kb_spread_subfolders(staging.path)
        for folder in ["nl-nl/intune/enrollment", "nl-nl/intune", "nl-nl/other", "search/nl-nl", "api/v1/schemas", "NL-nl"] {
            try StagedFolder.createFolder(folder, in: staging.path)
        }
        let manager = FileManager.default
        #expect(try manager.contentsOfDirectory(atPath: staging.path).sorted() == ["NL-nl", "api", "nl-nl", "search"])
        #expect(try manager.contentsOfDirectory(atPath: staging.path + "/nl-nl").sorted() == ["intune", "other"])
        #expect(try manager.contentsOfDirectory(atPath: staging.path + "/nl-nl/intune") == ["enrollment"])
        #expect(try manager.contentsOfDirectory(atPath: staging.path + "/api/v1") == ["schemas"])
        // A file where a folder is needed is an error, as it was, and leaves nothing behind.
        try Data("x".utf8).write(to: staging.appendingPathComponent("file"))
        #expect(throws: (any Error).self) { try StagedFolder.createFolder("file/below", in: staging.path) }
        #expect(try manager.contentsOfDirectory(atPath: staging.path).sorted() == ["NL-nl", "api", "file", "nl-nl", "search"])
    }
}

@Suite("Choosing outputs and reporting diagnostics")
struct OutputChoiceTests {
    @Test("--outputs keeps the named formats in their registered order and refuses unknown names; DocSearch records and llms-full.txt only when named")
    func outputs() throws {
        #expect(try OutputFormats.chosen(nil).map(\.name) == ["pages", "contract", "llms", "search"])
        #expect(try OutputFormats.chosen(["search", "llms", "pages"]).map(\.name) == ["pages", "llms", "search"])
        #expect(try OutputFormats.chosen(["docsearch", "contract"]).map(\.name) == ["contract", "docsearch"])
        // An optional part chooses its format, with the option on.
        let withFull = try OutputFormats.chosen(["llms-full", "pages"])
        #expect(withFull.map(\.name) == ["pages", "llms"])
        #expect(SiteLinks.declared(by: withFull).path(.llmsFull, "nl-nl") == "nl-nl/llms-full.txt")
        #expect(SiteLinks.declared(by: try OutputFormats.chosen(["llms"])).path(.llmsFull, "nl-nl") == nil)
        #expect(throws: (any Error).self) { try OutputFormats.chosen(["pages", "pdf"]) }
    }

    @Test("GitHub annotations escape what would end or break a workflow command")
    func gitHubEscaping() {
        #expect(GitHubDiagnostics.message("50% done\nnext") == "50%25 done%0Anext")
        #expect(GitHubDiagnostics.property("nl-nl/a,b:c.md") == "nl-nl/a%2Cb%3Ac.md")
        #expect(GitHubDiagnostics.message("\u{1B}[2J") == "\\u{1B}[2J")
    }
}

@Suite("kb lookup")
struct LookupTests {
    @Test("reads the terminal's language as messages' language is chosen: LC_ALL, then LC_MESSAGES, then LANG; C and POSIX choose none")
    func terminalLanguage() {
        #expect(LookupCommand.terminalLocale(["LANG": "en_US.UTF-8"]) == "en-us")
        #expect(LookupCommand.terminalLocale(["LANG": "en_US.UTF-8", "LC_MESSAGES": "de_DE@euro"]) == "de-de")
        #expect(LookupCommand.terminalLocale(["LANG": "en_US.UTF-8", "LC_ALL": "ja_JP.UTF-8", "LC_MESSAGES": "de_DE"]) == "ja-jp")
        #expect(LookupCommand.terminalLocale(["LANG": "sv", "LC_ALL": ""]) == "sv")
        #expect(LookupCommand.terminalLocale(["LANG": "C.UTF-8"]) == nil)
        #expect(LookupCommand.terminalLocale(["LANG": "POSIX"]) == nil)
        #expect(LookupCommand.terminalLocale([:]) == nil)
        #expect(LookupCommand.rank("en-us", preferring: "en-us") == 0)
        #expect(LookupCommand.rank("en-gb", preferring: "en-us") == 1)
        #expect(LookupCommand.rank("de-de", preferring: "en-us") == 2)
        #expect(LookupCommand.rank("en-us", preferring: "en") == 1)
    }
}

@Suite("kb init")
struct InitTests {
    @Test("finds the folder of articles beside kb.yml: content or docs, else the one with the most Markdown; the template names it")
    func contentFolder() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let manager = FileManager.default
        #expect(InitCommand.contentFolder(in: root.path) == nil)
        for (path, text) in [("notes/a.md", "# A"), ("articles/b.md", "# B"), ("articles/c/d.md", "# D"), (".hidden/e.md", "# E"), ("site/f.md", "# F")] {
            let file = root.appendingPathComponent(path)
            try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        #expect(InitCommand.contentFolder(in: root.path) == "articles")
        #expect(InitCommand.contentFolder(in: root.path, searching: false) == nil)
        try manager.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        #expect(InitCommand.contentFolder(in: root.path) == "docs")
        let template = try Configuration.parse(Configuration.template(content: "my docs"), file: "kb.yml")
        #expect(template.content == "my docs")
        #expect(try Configuration.parse(Configuration.template(content: "docs"), file: "kb.yml").content == "docs")
        #expect(try Configuration.parse(Configuration.template(content: "yes"), file: "kb.yml").content == "yes")
        #expect(ContentError.notAFolder(root.appendingPathComponent("content").path).description.contains("give docs as the command's argument"))
    }
}

@Suite("Diagnostics on the console")
struct ConsoleDiagnosticsTests {
    @Test("a long list is a page a person can read: the errors one by one, the rest a line per kind; --verbose and a short list print each")
    func grouped() {
        var diagnostics: [Diagnostic] = []
        for index in 0..<30 {
            diagnostics.append(Diagnostic(.error, .frontMatterInvalid, "broken \(index)", file: "en/e\(index).md", at: SourceLocation(line: 2)))
        }
        for index in 0..<6_000 {
            diagnostics.append(Diagnostic(.warning, .imageMissing, "no image \(index)", file: "en/a\(index % 800).md", at: SourceLocation(line: index + 1)))
        }
        for index in 0..<1_700 {
            diagnostics.append(Diagnostic(.warning, .linkUnresolved, "no link \(index)", file: "en/b\(index % 3).md", at: SourceLocation(line: 1)))
        }
        let text = ConsoleDiagnostics(quiet: false).text(diagnostics)
        let lines = text.split(separator: "\n")
        #expect(lines.count <= 60, "\(lines.count) lines")
        #expect(lines.filter { $0.contains(": error: ") }.count == ConsoleDiagnostics.errorsShown && text.contains("… and 10 more errors"))
        #expect(text.contains("  6000 image.missing in 800 files, first: en/a0.md:1:1: warning: no image 0 [image.missing]"))
        #expect(text.contains("  1700 link.unresolved in 3 files, first: "))
        #expect(lines.last == "30 errors, 7700 warnings: 6000 image.missing, 1700 link.unresolved, 30 frontMatter.invalid")
        #expect(ConsoleDiagnostics(quiet: false, verbose: true).text(diagnostics).split(separator: "\n").count == diagnostics.count + 1)
        let few = Array(diagnostics.suffix(10))
        #expect(ConsoleDiagnostics(quiet: false).text(few).split(separator: "\n").count == 11)
        #expect(ConsoleDiagnostics(quiet: true).text(diagnostics).split(separator: "\n").count == 1)
    }
}
