import Foundation
import KBCore
import KBLinking
import KBModel
import KBOutput
import KBPipeline
import KBTestSupport
import Testing

/// Missing and outdated translations, and the interface's words in every language.
@Suite("Translations a reader should know about")
struct TranslationPageTests {
    static func article(_ title: String, front: String = "", body: String = "") -> String {
        "---\ntitle: \(title)\n\(front)---\n# \(title)\n\n\(body)\n"
    }

    static let table = "## Foutcodes\n\n|Foutcode|Foutbericht|\n|---|---|\n|0x80CF0437|De klok staat verkeerd.|\n|0x80CF0438|Het account is verlopen.|\n"

    @Test("a language without an article shows the original there, in its interface, under a notice, left out of search and the alternates")
    func fallback() async throws {
        let site = try await renderedSite([
            "nl-nl/a.md": Self.article("Artikel", body: "Zie [b](b.md) en ![schema](media/s.png).\n\n" + Self.table),
            "nl-nl/b.md": Self.article("B"), "sv-se/b.md": Self.article("B på svenska"),
        ])
        let page = try #require(site["sv-se/a.html"])
        #expect(page.contains(#"<html lang="sv-se" dir="ltr">"#))
        #expect(page.contains(#"<div class="translation-notice fallback" role="note">"#))
        #expect(page.contains("Den här sidan finns inte på det här språket än."))
        #expect(page.contains(#"<article class="article" lang="nl-nl">"#) && !page.contains("data-pagefind-body"))
        #expect(page.contains(#"<meta name="robots" content="noindex">"#) && page.contains(#"<link rel="canonical" href="../nl-nl/a.html">"#))
        #expect(!page.contains(#"<link rel="alternate" hreflang"#))
        // Its links and images lead where they led from the original.
        #expect(page.contains(#"href="../nl-nl/b.html""#) && page.contains(#"src="../nl-nl/media/s.png""#))
        // The original's switcher offers Swedish, marked as not translated; the Swedish search index does not have it.
        let original = try #require(site["nl-nl/a.html"])
        #expect(original.contains(#"<a href="../sv-se/a.html" hreflang="sv-se" lang="sv-se" data-locale="sv-se" class="fallback">Svenska (Sverige)<span class="visually-hidden" lang="nl-nl"> (niet vertaald)</span></a>"#))
        let swedishIndex = site.filter { $0.key.hasPrefix("search/sv-se/r-") }.values
        #expect(swedishIndex.contains { $0.contains("B på svenska") } && !swedishIndex.contains { $0.contains("Artikel") })
        // A page the language has is never replaced.
        #expect(try #require(site["sv-se/b.html"]).contains("B på svenska"))
    }

    @Test("a translation that follows an older version of its original says so, and lists the original's entries it lacks")
    func outdated() async throws {
        let site = try await sampleSite()
        let swedish = try #require(site["sv-se/enrollment/troubleshoot-device-enrollment-in-intune.html"])
        #expect(swedish.contains(#"<div class="translation-notice outdated" role="note">"#))
        #expect(swedish.contains("Den här översättningen är äldre än originalet"))
        #expect(swedish.contains(#"<a href="../../nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.html" hreflang="nl-nl">Läs den senaste versionen</a>"#))
        #expect(swedish.contains("<summary>Finns inte i den här översättningen än (1)</summary>"))
        #expect(swedish.contains("#users-iosipados-device-is-stuck-on-an-enrollment-screen-for-more-than-10-minutes\" hreflang=\"nl-nl\""))
        let dutch = try #require(site["nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.html"])
        #expect(!dutch.contains("translation-notice"))
        let coverage = try #require(site["coverage.html"])
        #expect(coverage.contains(#"<h2 id="behind-heading">Translations older than the original</h2>"#))
        #expect(coverage.contains(#"<span class="outdated-mark">outdated</span>"#))
    }

    @Test("the original is the article that is no translation, else the one handed off last; the same source version is never older")
    func status() async throws {
        func linked(_ files: [String: String]) async throws -> LinkedKnowledgeBase {
            try #require(try await build(MemoryContent(texts: files), outputs: []).linked)
        }
        let handoff = { (date: String, commit: String) in "ms.translationtype: HT\nms.lasthandoff: \(date)\nms.sourcegitcommit: \(commit)\n" }
        var knowledge = try await linked([
            "en-us/a.md": Self.article("A", front: "ms.date: 2024-03-01\n", body: Self.table),
            "de-de/a.md": Self.article("A", front: handoff("02/01/2024", "c1"), body: Self.table),
            "nl-nl/a.md": Self.article("A", front: handoff("2024-03-05", "c2"), body: Self.table),
        ])
        func index(_ locale: String) -> Int { knowledge.articles.firstIndex { $0.locale == locale }! }
        #expect(knowledge.original(ofGroupOf: index("de-de")) == index("en-us"))
        #expect(knowledge.translationStatus(of: index("de-de"))?.isOutdated == true)
        #expect(knowledge.translationStatus(of: index("nl-nl"))?.isOutdated == false)
        #expect(knowledge.translationStatus(of: index("en-us")) == nil)
        knowledge = try await linked([
            "de-de/a.md": Self.article("A", front: handoff("02/01/2024", "c1"), body: Self.table),
            "nl-nl/a.md": Self.article("A", front: handoff("03/05/2024", "c1"), body: "## Foutcodes\n\n|Foutcode|Foutbericht|\n|---|---|\n|0x80CF0437|De klok.|\n"),
        ])
        // All translations: the one handed off last is the original; the same commit is not older.
        #expect(knowledge.original(ofGroupOf: index("de-de")) == index("nl-nl"))
        #expect(knowledge.translationStatus(of: index("de-de"))?.isOutdated == false)
        #expect(knowledge.translationStatus(of: index("de-de"))?.missingEntries.isEmpty == true)
        #expect(knowledge.translationStatus(of: index("nl-nl")) == nil)
    }

    @Test("ms.date is read as DocFX writes it and as ISO 8601; an impossible date is none")
    func dates() {
        #expect(ArticleMetadata.isoDate("03/14/2024") == "2024-03-14")
        #expect(ArticleMetadata.isoDate("2024-02-01") == "2024-02-01")
        #expect(ArticleMetadata.isoDate("2024-02-01T10:00:00Z") == "2024-02-01")
        #expect(ArticleMetadata.isoDate("2023-02-29") == nil && ArticleMetadata.isoDate("2024-02-29") == "2024-02-29")
        #expect(ArticleMetadata.isoDate("13/01/2024") == nil && ArticleMetadata.isoDate("tomorrow") == nil)
        let fields = { (key: String, value: String) in ArticleMetadata(fields: [MetadataField(key: key, value: .string(value))]) }
        #expect(fields("ms.date", "2024-02-01").isoDate == "2024-02-01")
        #expect(fields("updated", "03/14/2024").isoDate == "2024-03-14" && fields("date", "2023-12-31").isoDate == "2023-12-31")
    }

    @Test("an Arabic site reads right to left with Arabic interface words; the site's own words show on every page")
    func interfaceWords() async throws {
        var options = SiteOptions()
        options.strings = ["*": ["search": "Find it"], "nl": ["allCodes": "Alle codes van ons"]]
        let site = try await renderedSite([
            "ar-sa/a.md": Self.article("مقالة", body: "## رموز الأخطاء\n\n|رمز الخطأ|الرسالة|\n|---|---|\n|0x80CF0437|الساعة غير صحيحة.|\n"),
            "nl-nl/a.md": Self.article("Artikel", body: Self.table),
        ], options: options)
        let arabic = try #require(site["ar-sa/a.html"])
        #expect(arabic.contains(#"<html lang="ar-sa" dir="rtl">"#))
        #expect(arabic.contains("التخطي إلى المحتوى الرئيسي"))
        for (path, page) in site where path.hasSuffix(".html") && path != "404.html" {
            #expect(page.contains(">Find it<") || page.contains("\"Find it\""), "\(path) does not show the site's word for search")
        }
        #expect(try #require(site["nl-nl/index.html"]).contains("Alle codes van ons"))
        #expect(!(try #require(site["ar-sa/index.html"])).contains("Alle codes van ons"))
    }

    @Test("with a base URL the site has a sitemap with every page's languages and dates, robots.txt, canonical links and Open Graph tags; without, none")
    func webConventions() async throws {
        let site = try await sampleSite(options: SiteOptions(baseURL: "https://help.example.com/kb"))
        let sitemap = try #require(site["sitemap.xml"])
        #expect(sitemap.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""))
        #expect(sitemap.contains("<url><loc>https://help.example.com/kb/sv-se/enrollment/troubleshoot-device-enrollment-in-intune.html</loc><lastmod>2018-11-09</lastmod>"
            + "<xhtml:link rel=\"alternate\" hreflang=\"nl-NL\" href=\"https://help.example.com/kb/nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.html\"/>"))
        #expect(sitemap.contains("<loc>https://help.example.com/kb/sv-se/codes/0x80CF0437.html</loc>"))
        #expect(!sitemap.contains("sv-se/apps/troubleshoot-mam.html") && !sitemap.contains("search.html"))
        #expect(site["robots.txt"] == "User-agent: *\nAllow: /\n\nSitemap: https://help.example.com/kb/sitemap.xml\n")
        let swedish = try #require(site["sv-se/enrollment/troubleshoot-device-enrollment-in-intune.html"])
        for tag in [#"<link rel="canonical" href="https://help.example.com/kb/sv-se/enrollment/troubleshoot-device-enrollment-in-intune.html">"#,
                    #"<meta property="og:type" content="article">"#, #"<meta property="og:locale" content="sv_SE">"#,
                    #"<meta property="og:locale:alternate" content="nl_NL">"#, #"<meta name="twitter:card" content="summary">"#] {
            #expect(swedish.contains(tag), "\(tag)")
        }
        #expect(try #require(site["sv-se/apps/troubleshoot-mam.html"]).contains(#"<link rel="canonical" href="https://help.example.com/kb/nl-nl/apps/troubleshoot-mam.html">"#))
        let local = try await sampleSite()
        #expect(local["sitemap.xml"] == nil && local["robots.txt"] == nil)
        #expect(!(try #require(local["sv-se/enrollment/troubleshoot-device-enrollment-in-intune.html"])).contains("og:url"))
    }

    @Test("articles no table of contents lists get their navigation from their folders: titles, order, index pages, breadcrumbs, previous and next")
    func folderNavigation() async throws {
        let site = try await renderedSite([
            "index.md": Self.article("Welcome"),
            "guides/index.md": Self.article("Guides", front: "order: 1\n"),
            "guides/b-install.md": Self.article("Install", front: "order: 1\n"),
            "guides/a-configure.md": Self.article("Configure", front: "order: 2\n"),
            "guides/c-enroll.md": Self.article("Enroll"),
            "release-notes.md": Self.article("Release notes"),
            "zz/first.md": Self.article("First"),
        ])
        let install = try #require(site["en/guides/b-install.html"])
        let sidebar = try #require(install.components(separatedBy: "<nav class=\"sidebar toc\"").last?.components(separatedBy: "</nav>").first)
        // Guides (its index, order 1) with its pages by order, then the file names; the folder zz by its name.
        let order = ["Guides", "Install", "Configure", "Enroll", "Release notes", "Zz"].map { sidebar.range(of: ">" + $0 + "<")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "\(sidebar)")
        #expect(install.contains(#"<a href="b-install.html" aria-current="page">Install</a>"#))
        #expect(install.contains(#"<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="../index.html">Home</a></li><li><a href="index.html">Guides</a></li></ol></nav>"#))
        #expect(install.contains(#"<a class="pager-previous" href="index.html" rel="prev">"#) && install.contains(#"<a class="pager-next" href="a-configure.html" rel="next">"#))
        #expect(try #require(site["en/index.html"]).contains(">Release notes<"))
    }

    @Test("a theme puts its logo, accent colours, CSS and head snippet on every page; colours are held to 4.5:1")
    func theme() async throws {
        var options = SiteOptions()
        options.theme = SiteTheme(logo: (Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), "svg"), accent: "#0a6b3d", accentDark: "#6fd39b",
                                  css: ".site-title { letter-spacing: 1px; }", head: "<meta name=\"analytics\" content=\"x\">")
        let site = try await renderedSite(["nl-nl/a.md": Self.article("A"), "sv-se/a.md": Self.article("A")], options: options)
        #expect(site["assets/logo.svg"] != nil)
        let css = try #require(site["assets/custom.css"])
        #expect(css.hasPrefix(":root { --accent: #0a6b3d; --link: #0a6b3d; --on-accent: #ffffff; }") && css.hasSuffix(".site-title { letter-spacing: 1px; }\n"))
        for (path, page) in site where path.hasSuffix(".html") && path != "404.html" {
            #expect(page.contains(#"<img class="site-logo" src=""#) && page.contains("assets/custom.css\">") && page.contains(#"<meta name="analytics" content="x">"#), "\(path)")
        }
        #expect(SiteTheme.contrast("#0a6b3d", SiteTheme.lightBackground)! >= 4.5 && SiteTheme.contrast("#6fd39b", SiteTheme.darkBackground)! >= 4.5)
        #expect(SiteTheme.contrast("#ffffff", "#000000")! > 20.9 && SiteTheme.contrast("#fc0", "#ffffff")! < 2)
        let plain = try await renderedSite(["nl-nl/a.md": Self.article("A")])
        let plainPage = try #require(plain["nl-nl/a.html"])
        #expect(plain["assets/custom.css"] == nil && !plainPage.contains("site-logo"))
    }

    @Test("a link to a missing anchor names the nearest one, and the target as the link writes it")
    func anchorSuggestions() async throws {
        let state = try await build(MemoryContent(texts: [
            "a.md": "# A\n\n## Device cap reached\n\nSee [x](#device-cap-reachd) and [y](b.md#instal).\n",
            "b.md": "# B\n\n## Install\n\ntext\n",
        ]))
        let messages = state.diagnostics.diagnostics.filter { $0.identifier == "link.anchorMissing" }.map(\.message)
        #expect(messages.contains("the link '#device-cap-reachd' points to an anchor this article does not have (did you mean '#device-cap-reached'?)"))
        #expect(messages.contains("the link 'b.md#instal' points to an anchor 'instal' that 'b.md' does not have (did you mean '#install'?)"))
    }
}
