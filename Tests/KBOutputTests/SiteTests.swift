import Foundation
import KBCore
import KBExtraction
import KBLinking
import KBModel
import Testing
@testable import KBOutput
@testable import KBPages
import KBTestSupport

@Suite("The help site")
struct SiteTests {
    static let dutch = "nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.html"
    static let swedish = "sv-se/enrollment/troubleshoot-device-enrollment-in-intune.html"

    @Test("has a language chooser, a home per locale, a page per article and per code, and a coverage page")
    func pages() async throws {
        let site = try await sampleSite()
        for path in ["index.html", "nl-nl/index.html", "sv-se/index.html", Self.dutch, Self.swedish, "nl-nl/apps/troubleshoot-mam.html",
                     "nl-nl/codes/0x80CF0437.html", "sv-se/codes/0x80CF0437.html", "nl-nl/codes/DeviceCapReached.html", "coverage.html", "assets/site.css", "assets/site.js"] {
            #expect(site[path] != nil, "\(path) is missing")
        }
        let root = try #require(site["index.html"])
        #expect(root.contains("Nederlands (Nederland)") && root.contains("Svenska (Sverige)"))
        #expect(root.contains("href=\"nl-nl/index.html\""))
    }

    @Test("an article page gives every entry an id, and links to the same article and entry in other languages")
    func articlePage() async throws {
        let site = try await sampleSite()
        let dutch = try #require(site[Self.dutch])
        #expect(dutch.contains("<html lang=\"nl-nl\" dir=\"ltr\">"))
        for id in ["device-cap-reached", "mdm-authority-not-defined", "general-enrollment-error-codes-row-1", "iosipados-enrollment-errors-row-2"] {
            #expect(dutch.contains("id=\"\(id)\""), "no element with id \(id)")
        }
        #expect(dutch.contains("<link rel=\"alternate\" hreflang=\"sv-se\" href=\"../../sv-se/enrollment/troubleshoot-device-enrollment-in-intune.html\">"))
        #expect(dutch.contains("href=\"../../sv-se/enrollment/troubleshoot-device-enrollment-in-intune.html#device-cap-reached\" hreflang=\"sv-se\""))
        #expect(dutch.contains("\"device-cap-reached\":{\"sv-se\":\"device-cap-reached\"}"))
        // A table of entries links once to the same table in the other language (its section,
        // whose anchor differs there), not once per row; the switcher follows the row.
        #expect(dutch.contains("<div class=\"entry-meta\"><details class=\"entry-languages\"><summary>In andere talen (1)</summary><ul><li><a href=\"../../sv-se/enrollment/"
            + "troubleshoot-device-enrollment-in-intune.html#ios-enrollment-errors\" hreflang=\"sv-se\" lang=\"sv-se\">Svenska (Sverige)</a></li></ul></details></div>\n<table class=\"entries\">"))
        // Each cell of an entry carries its column's heading, for the card it becomes on a phone.
        #expect(dutch.contains("<td data-label=\"Foutcode\">"))
        // Sections link to themselves, and the page lists them on the side.
        #expect(dutch.contains(#"data-section-link="Koppeling naar deze sectie""#))
        #expect(dutch.contains(##"<li><a href="#device-cap-reached">"##) || dutch.contains(##"<li class="nested"><a href="#device-cap-reached">"##))
        #expect(!dutch.contains("-row-2\" hreflang="))
        // Codes in the text lead to their pages.
        #expect(dutch.contains("<a class=\"code\" href=\"../../nl-nl/codes/0x80CF0437.html\">0x80CF0437</a>"))
        // Alerts are callouts; landmarks and the skip link are there.
        #expect(dutch.contains("<div class=\"alert alert-note\" role=\"note\">"))
        #expect(dutch.contains("<a class=\"skip-link\" href=\"#main\">Doorgaan naar hoofdinhoud</a>"))
        #expect(dutch.contains("<main id=\"main\"") && dutch.contains("<header") && dutch.contains("<footer"))
        // The include of the sample content was resolved.
        let mam = try #require(site["nl-nl/apps/troubleshoot-mam.html"])
        #expect(mam.contains("Dit artikel beschrijft de klassieke Intune-console."))
        // The DocFX button.
        let prerequisites = try #require(site["nl-nl/enrollment/prerequisites-for-enrollment.html"])
        #expect(prerequisites.contains("<div class=\"docfx-button\">"))
    }

    @Test("a locale home names each table of contents by its landing item (DocFX's href: index.yml), not by its folder")
    func tableTitles() async throws {
        func page(_ title: String) -> String { "---\ntitle: \(title)\n---\n# \(title)\n\nText.\n" }
        let site = try await renderedSite([
            "en-us/apps/toc.yml": "- name: Manage apps\n  href: index.yml\n- name: Add\n  href: add.md\n- name: Assign\n  href: assign.md\n",
            "en-us/devices/toc.yml": "- name: Enroll\n  href: enroll.md\n- name: Wipe\n  href: wipe.md\n",
            "en-us/apps/add.md": page("Add"), "en-us/apps/assign.md": page("Assign"),
            "en-us/devices/enroll.md": page("Enroll"), "en-us/devices/wipe.md": page("Wipe"),
        ])
        let home = try #require(site["en-us/index.html"])
        #expect(home.contains(#"<nav class="toc" aria-label="Manage apps">"#) && home.contains("<h3>Manage apps</h3>"))
        #expect(!home.contains("<span>Manage apps</span>"))
        // Without a landing item, the folder.
        #expect(home.contains(#"<nav class="toc" aria-label="devices">"#))
    }

    @Test("an article's navigation opens only the branch that leads to it; closed branches link to their first page")
    func prunedNavigation() async throws {
        func page(_ title: String) -> String { "---\ntitle: \(title)\n---\n# \(title)\n\nText.\n" }
        let site = try await renderedSite([
            "en-us/guide/toc.yml": """
                - name: Start
                  href: start.md
                - name: Devices
                  items:
                    - name: Enroll
                      href: enroll.md
                    - name: Windows
                      items:
                        - name: Autopilot
                          href: autopilot.md
                        - name: Hybrid join
                          href: hybrid.md
                - name: Apps
                  items:
                    - name: Deploy
                      href: deploy.md
                    - name: Protect
                      href: protect.md
                """,
            "en-us/guide/start.md": page("Start"), "en-us/guide/enroll.md": page("Enroll"), "en-us/guide/autopilot.md": page("Autopilot"),
            "en-us/guide/hybrid.md": page("Hybrid"), "en-us/guide/deploy.md": page("Deploy"), "en-us/guide/protect.md": page("Protect"),
        ])
        func navigation(_ path: String) throws -> String {
            let page = try #require(site[path])
            let start = try #require(page.range(of: "<nav class=\"sidebar toc\""))
            let end = try #require(page.range(of: "</nav>", range: start.upperBound..<page.endIndex))
            return String(page[start.lowerBound..<end.upperBound])
        }
        let autopilot = try navigation("en-us/guide/autopilot.html")
        #expect(autopilot.contains("<a href=\"autopilot.html\" aria-current=\"page\">Autopilot</a>"))
        #expect(autopilot.contains("<a href=\"hybrid.html\">Hybrid join</a>") && autopilot.contains("<a href=\"enroll.html\">Enroll</a>"))
        // The other branch is one closed item that leads to its first page.
        #expect(autopilot.contains("<li class=\"closed\"><a href=\"deploy.html\">Apps</a>"))
        #expect(!autopilot.contains("protect.html"))
        let start = try navigation("en-us/guide/start.html")
        #expect(start.contains("<li class=\"closed\"><a href=\"enroll.html\">Devices</a>"))
        #expect(!start.contains("autopilot.html") && !start.contains("protect.html"))
        let enroll = try navigation("en-us/guide/enroll.html")
        #expect(enroll.contains("<li class=\"closed\"><a href=\"autopilot.html\">Windows</a>") && !enroll.contains("hybrid.html"))
        // The locale home shows the tree collapsed to its top level, each branch leading to its
        // first page.
        let home = try #require(site["en-us/index.html"])
        #expect(home.contains("<li class=\"closed\"><a href=\"guide/enroll.html\">Devices</a>"))
        #expect(home.contains("<li class=\"closed\"><a href=\"guide/deploy.html\">Apps</a>"))
        #expect(!home.contains("guide/hybrid.html") && !home.contains("guide/protect.html"))
        // Breadcrumbs follow the branches to the article; previous and next the table's order.
        let autopilotPage = try #require(site["en-us/guide/autopilot.html"])
        #expect(autopilotPage.contains(#"<ol><li><a href="../index.html">Home</a></li><li><a href="enroll.html">Devices</a></li>"#
            + #"<li><a href="autopilot.html">Windows</a></li></ol>"#))
        #expect(autopilotPage.contains(#"<a class="pager-previous" href="enroll.html" rel="prev"><span class="pager-label">Previous</span> Enroll</a>"#))
        #expect(autopilotPage.contains(#"<a class="pager-next" href="hybrid.html" rel="next"><span class="pager-label">Next</span> Hybrid join</a>"#))
        let startPage = try #require(site["en-us/guide/start.html"])
        #expect(!startPage.contains("pager-previous") && startPage.contains(#"<a class="pager-next" href="enroll.html""#))
        #expect(try #require(site["en-us/guide/protect.html"]).contains("pager-previous") && !site["en-us/guide/protect.html"]!.contains("pager-next"))
    }

    @Test("success codes stay entries where an article lists them, but are never a language's most common codes")
    func successCodes() async throws {
        let table = "|Foutcode|Foutbericht|\n|---|---|\n|0x00000000|Gelukt.|\n|3010|Gelukt, opnieuw opstarten nodig.|\n|0x80CF0437|De klok staat verkeerd.|\n"
        let site = try await renderedSite([
            "nl-nl/a.md": "# A\n\n## Codes\n\n" + table, "nl-nl/b.md": "# B\n\n## Codes\n\n" + table,
        ])
        let home = try #require(site["nl-nl/index.html"])
        let common = try #require(home.components(separatedBy: "class=\"common-codes\"").last?.components(separatedBy: "</ul>").first)
        #expect(common.contains(">0x80CF0437<"))
        #expect(!common.contains(">0x00000000<") && !common.contains(">3010<"))
        #expect(site.keys.contains { $0.hasPrefix("nl-nl/codes/") && $0.contains("0x00000000") })
    }

    @Test("a code has a page in each language with entries of it: that language's entries in full, in its interface, the others folded below; the HRESULT decoded")
    func codePage() async throws {
        let site = try await sampleSite()
        let swedish = try #require(site["sv-se/codes/0x80CF0437.html"])
        #expect(swedish.contains("<html lang=\"sv-se\" dir=\"ltr\">"))
        #expect(swedish.contains("<span class=\"code-label\">Felkod</span>") && swedish.contains("<h4>Orsak</h4>") && !swedish.contains("<h4>Oorzaak</h4>"))
        #expect(swedish.contains(#"<nav class="breadcrumbs" aria-label="Brödsmulor"><ol><li><a href="../index.html">Start</a></li><li><a href="../codes.html">Alla felkoder</a></li></ol></nav>"#))
        // The language switcher leads to the same code in Dutch; the Dutch entries are links, folded.
        #expect(swedish.contains(#"<a href="../../nl-nl/codes/0x80CF0437.html" hreflang="nl-nl""#))
        #expect(swedish.contains("<details class=\"code-other-languages\">\n  <summary>På andra språk (1)</summary>"))
        #expect(swedish.contains("href=\"../../nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.html#general-enrollment-error-codes-row-1\" hreflang=\"nl-nl\""))
        let dutch = try #require(site["nl-nl/codes/0x80CF0437.html"])
        #expect(dutch.contains("<h4>Oorzaak</h4>") && dutch.contains("<html lang=\"nl-nl\""))
        // A code only one language has: a page in that language alone, and no other languages.
        #expect(site["nl-nl/codes/0x80070774.html"] != nil && site["sv-se/codes/0x80070774.html"] == nil)
        #expect(!(try #require(site["nl-nl/codes/0x80070774.html"])).contains("code-other-languages"))
        let win32 = try #require(site["nl-nl/codes/0x8007064C.html"])
        #expect(win32.contains("1612 (ERROR_INSTALL_SOURCE_ABSENT)"))
        #expect(win32.contains("7 (FACILITY_WIN32)"))
    }

    @Test("the locale home lists its most common codes and its troubleshooting articles, and links to its code index, a sortable and filterable table of its codes")
    func home() async throws {
        let site = try await sampleSite()
        let home = try #require(site["sv-se/index.html"])
        #expect(home.contains("<ul class=\"common-codes\">"))
        #expect(home.contains(#"<p class="all-codes"><a href="codes.html">Alla felkoder ("#))
        #expect(home.contains(#"<ul class="troubleshooting">"#))
        let index = try #require(site["sv-se/codes.html"])
        #expect(index.contains(#"<table class="sortable code-index" id="code-index">"#))
        #expect(index.contains(#"data-filter-table="code-index""#))
        #expect(index.contains("<a class=\"code\" href=\"codes/DeviceCapReached.html\">DeviceCapReached</a>"))
        #expect(!index.contains("0x80070774.html"), "a Dutch-only code is listed in the Swedish index")
        // The 404 page links from the server's root: a relative link would start from the missing page's folder.
        let missing = try #require(site["404.html"])
        #expect(missing.contains(#"<link rel="stylesheet" href="/assets/site.css">"#) && missing.contains(#"href="/sv-se/index.html""#))
    }

    @Test("the coverage page shows which article exists in which language")
    func coverage() async throws {
        let site = try await sampleSite()
        let coverage = try #require(site["coverage.html"])
        #expect(coverage.contains("<th scope=\"row\">enrollment/troubleshoot-windows-enrollment-errors</th><td class=\"present\">"))
        #expect(coverage.contains("<td class=\"missing\">"))
    }

    @Test("a build date appears only when asked for (builds are compared across processes in KBEndToEndTests)")
    func buildDate() async throws {
        let first = try await sampleSite()
        #expect(!(first["index.html"] ?? "").contains("<time"))
        let dated = try await sampleSite(options: SiteOptions(buildDate: "2026-11-22"))
        #expect((dated["index.html"] ?? "").contains("<time datetime=\"2026-11-22\">"))
    }
}

@Suite("Templates")
struct TemplateTests {
    @Test("kb carries every file of the templates folder (each needs its line in Package.swift)")
    func everyTemplateIsEmbedded() throws {
        let folder = repositoryRoot.appendingPathComponent("Sources/KBPages/Templates")
        var onDisk: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue, !path.hasPrefix(".") {
                onDisk[path] = Array(try Data(contentsOf: folder.appendingPathComponent(path)))
            }
        }
        #expect(onDisk.count == 15)
        #expect(onDisk == DefaultTemplates.files, "add the file to DefaultTemplates and to KBPages' resources in Package.swift")
    }

    @Test("a template can be replaced file by file")
    func override() async throws {
        let templates = try TemplateSet(overrides: [
            "root.mustache": Array("{{<layout}}{{$main}}<p class=\"custom\">{{#locales}}[{{locale}}]{{/locales}}</p>{{/main}}{{/layout}}".utf8),
            "assets/extra.css": Array("p { }".utf8),
        ])
        let site = try await sampleSite(templates: templates)
        #expect(site["index.html"]?.contains("<p class=\"custom\">[nl-nl][sv-se]</p>") == true)
        #expect(site["assets/extra.css"] == "p { }")
        // The other templates are the defaults.
        #expect(site[SiteTests.dutch]?.contains("class=\"language-switcher\"") == true)
        // Every page names its icon, which browsers otherwise ask for at /favicon.ico.
        #expect(site[SiteTests.dutch]?.contains(#"<link rel="icon" href="../../assets/favicon.svg" type="image/svg+xml">"#) == true)
        #expect(site["index.html"]?.contains(#"<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">"#) == true)
        #expect(site["assets/favicon.svg"]?.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") == true)
    }

    @Test("a template that does not parse is reported with its name")
    func invalid() {
        #expect(throws: TemplateError.self) {
            try TemplateSet(overrides: ["article.mustache": Array("{{#unclosed}}".utf8)])
        }
        do {
            _ = try TemplateSet(overrides: ["article.mustache": Array("{{#unclosed}}".utf8)])
        } catch {
            #expect("\(error)".contains("article.mustache"))
        }
    }

    @Test("what templates write is escaped byte by byte, in the pages they inherit from too: a quote before a combining mark as well")
    func escaping() async throws {
        // One Character ("\u{0301}" joins the quote), which Mustache's own escaping lets through.
        let site = try await sampleSite(options: SiteOptions(title: "Help\"\u{0301} onmouseover=alert(1) <b>&'"))
        let page = try #require(site[SiteTests.dutch])
        let escaped = "title=\"Help&quot;\u{0301} onmouseover=alert(1) &lt;b&gt;&amp;&#39;\""
        let joined = "\"\u{0301}"
        #expect(page.contains(escaped))
        #expect(!page.contains(joined))
    }

    @Test("an article page says when it was last updated (ms.date), in the page's language")
    func lastUpdated() async throws {
        let site = try await sampleSite()
        let dutch = try #require(site[SiteTests.dutch])
        #expect(dutch.contains(#"<p class="last-updated">Laatst bijgewerkt: <time datetime="2018-11-09">2018-11-09</time></p>"#))
        let swedish = try #require(site[SiteTests.dutch.replacingOccurrences(of: "nl-nl/", with: "sv-se/")])
        #expect(swedish.contains(#"<p class="last-updated">Senast uppdaterad: <time datetime=""#))
    }

    @Test("the stylesheet's colours meet WCAG 2.2 AA in both themes: text 4.5:1, control edges 3:1")
    func contrast() throws {
        let css = String(decoding: try #require(DefaultTemplates.files["assets/site.css"]), as: UTF8.self)
        let dark = try #require(css.range(of: "prefers-color-scheme: dark"))
        func colours(_ text: Substring) -> [String: String] {
            var found: [String: String] = [:]
            for match in text.matches(of: #/--([a-z-]+):\s*(#[0-9a-fA-F]{6});/#) where found[String(match.1)] == nil {
                found[String(match.1)] = String(match.2)
            }
            return found
        }
        let light = colours(css[..<dark.lowerBound])
        // The reader's dark theme (the toggle) is the system's dark theme.
        let chosen = try #require(css.range(of: #":root[data-theme="dark"] {"#))
        let chosenEnd = try #require(css[chosen.upperBound...].range(of: "}"))
        #expect(colours(css[chosen.upperBound..<chosenEnd.lowerBound]) == colours(css[dark.upperBound...]))
        let themes = ["light": light, "dark": light.merging(colours(css[dark.upperBound...])) { $1 }]
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16)!
            return zip([0.2126, 0.7152, 0.0722], [16, 8, 0]).reduce(0) { sum, channel in
                let c = Double((value >> channel.1) & 0xFF) / 255
                return sum + channel.0 * (c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4))
            }
        }
        func ratio(_ a: String, _ b: String) -> Double {
            let (x, y) = (luminance(a), luminance(b))
            return (max(x, y) + 0.05) / (min(x, y) + 0.05)
        }
        let text = ["text", "muted", "link", "note", "tip", "important", "warning", "caution"]
        for (theme, colours) in themes {
            func colour(_ name: String) throws -> String { try #require(colours[name], "\(theme): no --\(name)") }
            for name in text {
                for ground in ["background", "surface"] {
                    let value = ratio(try colour(name), try colour(ground))
                    #expect(value >= 4.5, "\(theme): \(name) on \(ground) is \(value):1")
                }
            }
            #expect(ratio(try colour("on-accent"), try colour("accent")) >= 4.5, "\(theme): text on the accent")
            #expect(ratio(try colour("control-border"), try colour("background")) >= 3, "\(theme): a control's edge")
        }
    }
}

@Suite("Template contexts")
struct TemplateContextTests {
    /// Every name a template reads: `{{name}}`, `{{{name}}}`, `{{#name}}`, `{{^name}}`, `{{&name}}`;
    /// not blocks (`{{$main}}`), parents (`{{<layout}}`), partials (`{{> nav}}`) or comments.
    static func names(in template: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            var tag = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if tag.hasPrefix("{") { tag = String(tag.dropFirst()) }
            guard let first = tag.first, !"$</>!".contains(first) else { continue }
            if "#^&".contains(first) { tag = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces) }
            names.insert(tag)
        }
        return names
    }

    @Test("every interface language has its own search hint and words for a count of results as its plural rules need")
    func searchWords() {
        // CLDR's categories for whole numbers: every language here has "one" but Japanese, Chinese
        // and Korean; Polish and Russian have "few" and "many", Czech "few".
        let noOne: Set = ["ja", "zh-cn", "zh-tw", "ko"]
        let few: Set = ["pl", "cs", "ru"], many: Set = ["pl", "ru"]
        for (language, words) in SiteStrings.table where language != "en" {
            #expect(words["searchHint"] != nil && words["otherLanguage"] != nil, "\(language)")
            #expect(noOne.contains(language) || words["resultOne"] != nil, "\(language): one")
            #expect(!few.contains(language) || words["resultFew"] != nil, "\(language): few")
            #expect(!many.contains(language) || words["resultMany"] != nil, "\(language): many")
        }
        let russian = SiteStrings(locale: "ru-ru")
        #expect([russian[.resultOne], russian[.resultFew], russian[.resultMany]] == ["результат", "результата", "результатов"])
    }

    @Test("every interface language has every word of the interface, but the plural forms its rules do not use")
    func everyWordTranslated() {
        let english = Set(SiteStrings.table["en"]!.keys)
        let plurals: Set = ["resultOne", "resultFew", "resultMany"]
        for (language, words) in SiteStrings.table where language != "en" {
            let missing = english.subtracting(words.keys).subtracting(plurals)
            #expect(missing.isEmpty, "\(language) shows these in English: \(missing.sorted())")
            #expect(Set(words.keys).isSubset(of: english), "\(language): \(Set(words.keys).subtracting(english).sorted())")
        }
    }

    @Test("every name the templates read is a property of a template context or a word of the interface")
    func namesResolve() throws {
        let keys = Set(templateValueTypes.flatMap { $0.keyNames })
        let words = Set(SiteStrings(locale: "en").values.keys)
        var unknown: [String] = []
        for (path, contents) in DefaultTemplates.files where path.hasSuffix(".mustache") {
            for name in Self.names(in: String(decoding: contents, as: UTF8.self)) {
                let parts = name.split(separator: ".").map(String.init)
                let known = parts[0] == "strings" ? parts.count == 2 && words.contains(parts[1]) : parts.allSatisfy(keys.contains)
                if !known { unknown.append("\(path): \(name)") }
            }
        }
        #expect(unknown.isEmpty, "\(unknown.sorted())")
        // The reading finds names, and would find a misspelled one.
        #expect(Self.names(in: "{{#items}}{{{body}}}{{> nav}}{{titel}}{{/items}}") == ["items", "body", "titel"])
        #expect(!keys.contains("titel"))
    }
}

extension TemplateValue {
    static var keyNames: [String] { Array(keys.keys) }
}
