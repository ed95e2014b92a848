import Foundation
import KBTestSupport
import Testing

/// What the people who write the articles run: kb serve, kb check, kb init, and kb build on a
/// docs folder of their own.
@Suite("Writing docs with kb")
struct WritingTests {
    @Test("kb serve on a copy of the corpus: an edit saved on disk reloads the page with the new text; problems show in the page; Ctrl-C stops it")
    func serve() throws {
        let (status, output, errors) = try script("check-serve", [try kbExecutable().path, corpusPath])
        #expect(status == 0, "\(output)\n\(errors.suffix(3_000))")
        #expect(output.contains("save to reload event"))
    }

    @Test("kb check prints GitHub annotations, writes nothing, and exits 1 when an error is reported")
    func check() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, output, errors) = try run(try kbExecutable(), ["check", corpusPath, "--format", "github"])
        #expect(status == 1, "\(errors.suffix(2_000))")
        let lines = errors.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("::error file=") && $0.contains("line=") && $0.contains("frontMatter.invalid") })
        #expect(lines.contains { $0.hasPrefix("::warning file=") })
        #expect(output.isEmpty)
        // Nothing was written beside the corpus.
        #expect(!FileManager.default.fileExists(atPath: URL(fileURLWithPath: corpusPath).appendingPathComponent("site").path))

        // Seeds without errors: status 0; with --strict, their warnings fail.
        #expect(try run(try kbExecutable(), ["check", seedContent, "-q"]).status == 0)
        #expect(try run(try kbExecutable(), ["check", seedContent, "-q", "--strict"]).status == 1)
        #expect(try run(try kbExecutable(), ["check", seedContent, "-q", "--strict", "--ignore", "*"]).status == 0)
    }

    @Test("kb check reports the path collision kb build settles; kb lookup --content reads kb.yml as kb build does")
    func checkAndLookupAsBuild() throws {
        let kb = try kbExecutable()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("en"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: content.appendingPathComponent("fr"), withIntermediateDirectories: true)
        try Data("# A\n\nSee [the list](llms.txt).\n\n| Code | Message |\n|---|---|\n| 0x80070005 | Access denied. |\n".utf8)
            .write(to: content.appendingPathComponent("en/a.md"))
        try Data("mine\n".utf8).write(to: content.appendingPathComponent("en/llms.txt"))
        try Data("# A\n\n| Code | Message |\n|---|---|\n| 0x80070005 | Accès refusé. |\n".utf8).write(to: content.appendingPathComponent("fr/a.md"))

        let checked = try run(kb, ["check", content.path])
        let built = try run(kb, ["build", content.path, "-o", folder.appendingPathComponent("site").path])
        let collision = { (errors: String) in errors.split(separator: "\n").filter { $0.contains("[output.collision]") } }
        #expect(collision(checked.errors).count == 1 && collision(checked.errors) == collision(built.errors), "\(checked.errors)\n\(built.errors)")
        #expect(collision(checked.errors).first?.hasSuffix("en/llms.txt: warning: this file would be written to 'en/llms.txt', where a file kb generates is written (as 'en/llms.txt'); it is left out [output.collision]") == true)

        // kb.yml's locales: lookup from content sees only French, as the build would.
        #expect(try run(kb, ["lookup", "0x80070005", "--content", content.path]).output.contains("[en]"))
        try Data("locales: [fr]\n".utf8).write(to: folder.appendingPathComponent("kb.yml"))
        let french = try run(kb, ["lookup", "0x80070005", "--content", content.path])
        #expect(french.status == 0 && french.output.contains("[fr]") && !french.output.contains("[en]"), "\(french.output)")
        try Data("locales: [fr]\n".utf8).write(to: folder.appendingPathComponent("other.yml"))
        try Data("locales: [en]\n".utf8).write(to: folder.appendingPathComponent("kb.yml"))
        let chosen = try run(kb, ["lookup", "0x80070005", "--content", content.path, "--config", folder.appendingPathComponent("other.yml").path])
        #expect(chosen.output.contains("[fr]") && !chosen.output.contains("[en]"), "\(chosen.output)")
    }

    @Test("A docs folder without locale folders is one language: no chooser, no 'und', README.md left out and listed; kb.yml sets the title, the language and the edit links")
    func ownDocs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let docs = folder.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs.appendingPathComponent("guide"), withIntermediateDirectories: true)
        func write(_ path: String, _ text: String) throws {
            try Data(text.utf8).write(to: docs.appendingPathComponent(path))
        }
        try write("README.md", "# This repository\n\nHow to contribute.\n")
        try write("setup.md", "---\ntitle: Setting up\n---\n# Setting up\n\nInstall the app, then sign in.\n")
        try write("errors.md", "# Errors\n\n| Code | Message |\n|---|---|\n| 0x80CF0437 | The device is not supported. |\n")
        try write("guide/first-steps.md", "# First steps\n\nSee [setting up](../setup.md).\n")

        let kb = try kbExecutable()
        let (initStatus, _, _) = try run(kb, ["init", folder.path])
        #expect(initStatus == 0)
        var settings = try String(contentsOf: folder.appendingPathComponent("kb.yml"), encoding: .utf8)
        settings = settings.replacingOccurrences(of: "title: Knowledge base", with: "title: Our help")
            .replacingOccurrences(of: "content: content", with: "content: docs")
            .replacingOccurrences(of: "# edit-link: ", with: "edit-link: ")
        try Data(settings.utf8).write(to: folder.appendingPathComponent("kb.yml"))

        let site = folder.appendingPathComponent("site")
        let (status, _, errors) = try run(kb, ["build", docs.path, "-o", site.path])
        #expect(status == 0, "\(errors)")
        #expect(errors.contains("README.md") && errors.contains("content.leftOut"))
        let files = try tree(site)
        #expect(files["en/setup.html"] != nil && files["en/guide/first-steps.html"] != nil && files["en/errors.html"] != nil)
        #expect(!files.keys.contains { $0.hasPrefix("und/") || $0.lowercased().contains("readme") })
        let root = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(root.contains("http-equiv=\"refresh\"") && root.contains("en/index.html") && !root.contains("locale-list"))
        let page = String(decoding: try #require(files["en/setup.html"]), as: UTF8.self)
        #expect(page.contains("Our help"))
        #expect(page.contains("https://github.com/org/repo/edit/main/docs/setup.md"))

        // An unknown setting is refused with its place in the file.
        try Data("titel: Typo\n".utf8).write(to: folder.appendingPathComponent("kb.yml"))
        let refused = try run(kb, ["build", docs.path, "-o", site.path])
        #expect(refused.status != 0 && refused.errors.contains("kb.yml:1:1") && refused.errors.contains("did you mean 'title'"))
    }

    @Test("A second kb build with nothing changed reports what the first did and writes nothing; an edit, a touched site file or --rebuild builds again")
    func upToDate() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: seedContent), to: content)
        let site = folder.appendingPathComponent("site")
        let kb = try kbExecutable()
        let arguments = ["build", content.path, "-o", site.path, "--fail-on", "warning"]
        // Files changed within two seconds before a build are not trusted unchanged by the next.
        sleep(3)
        let first = try run(kb, arguments)
        #expect(first.errors.contains("built "), "\(first.errors.suffix(1_000))")
        let before = try tree(site)

        let second = try run(kb, arguments)
        #expect(second.status == first.status && second.status == 1)
        #expect(second.errors.contains("up to date: "), "\(second.errors.suffix(1_000))")
        func diagnostics(_ errors: String) -> [Substring] { errors.split(separator: "\n").filter { $0.contains(": warning: ") } }
        #expect(!diagnostics(first.errors).isEmpty && diagnostics(second.errors) == diagnostics(first.errors))
        #expect(try tree(site) == before)

        // A page of the site edited by hand is written again.
        let page = site.appendingPathComponent("nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.html")
        try Data("edited".utf8).write(to: page)
        #expect(try run(kb, arguments).errors.contains("built "))
        #expect(try tree(site) == before)

        // An edited article.
        let article = content.appendingPathComponent("nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.md")
        try (try String(contentsOf: article, encoding: .utf8) + "\nEen nieuwe zin.\n").write(to: article, atomically: false, encoding: .utf8)
        #expect(try run(kb, arguments).errors.contains("built "))
        #expect(String(decoding: try Data(contentsOf: page), as: UTF8.self).contains("Een nieuwe zin."))

        // Other settings, or --rebuild.
        sleep(3)
        #expect(try run(kb, arguments).errors.contains("built "))
        #expect(try run(kb, arguments).errors.contains("up to date: "))
        // Flags that change only what is printed leave the site up to date.
        for flags in [["-q"], ["--verbose"], ["--format", "json"], ["--format", "github"], ["--timings"]] {
            #expect(try run(kb, arguments + flags).errors.contains("up to date: "), "\(flags)")
        }
        #expect(try run(kb, arguments + ["--title", "Another title"]).errors.contains("built "))
        #expect(try run(kb, arguments + ["--title", "Another title", "--rebuild"]).errors.contains("built "))
    }
}
