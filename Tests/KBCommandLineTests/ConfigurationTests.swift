import Foundation
import KBCore
import KBOutput
import KBPipeline
import KBTestSupport
import Testing
@testable import KBCommandLine

@Suite("kb.yml")
struct ConfigurationTests {
    @Test("every setting is read, and kb init's file is valid as written")
    func settings() throws {
        let configuration = try Configuration.parse("""
            title: Our help
            base-url: https://help.example.com/kb/
            content: docs
            output: public
            templates: theme
            locale: nl-NL
            locales: [nl-nl, sv-se]
            exclude:
              - "drafts/**"
              - "*.draft.md"
            edit-link: https://github.com/org/repo/edit/main/{path}
            outputs: [pages, search]
            diagnostics:
              link.*: error
              image.missing: ignore
            fail-on: warning
            search:
              excerpt-length: 120
            """, file: "kb.yml")
        #expect(configuration.title == "Our help" && configuration.baseURL == "https://help.example.com/kb/")
        #expect(configuration.content == "docs" && configuration.output == "public" && configuration.templates == "theme")
        #expect(configuration.locale == "nl-nl" && configuration.locales == ["nl-nl", "sv-se"])
        #expect(configuration.exclude == ["drafts/**", "*.draft.md"])
        #expect(configuration.editLink == "https://github.com/org/repo/edit/main/{path}")
        #expect(configuration.outputs == ["pages", "search"])
        #expect(configuration.severities.map(\.identifier) == ["link.*", "image.missing"])
        #expect(configuration.severities.map(\.rule) == [.error, .ignore])
        #expect(configuration.failOn == .warning)
        #expect(configuration.formatOptions.map { "\($0.format).\($0.option)=\($0.value)" } == ["search.excerpt-length=120"])

        let template = try Configuration.parse(Configuration.template, file: "kb.yml")
        #expect(template.title == "Knowledge base" && template.locale == "en" && template.failOn == .error)
    }

    @Test("a wrong setting is an error at its line and column", arguments: [
        ("titel: x\n", "1:1", "did you mean 'title'"),
        ("title: ok\nlocales: [en, 12]\n", "2:10", "not a language tag"),
        ("base-url: help.example.com\n", "1:11", "http or https"),
        ("edit-link: https://example.com/edit\n", "1:12", "{path}"),
        ("fail-on: sometimes\n", "1:10", "error, warning or never"),
        ("diagnostics:\n  link.unresolved: loud\n", "2:20", "error, warning or ignore"),
        ("title: [a, b]\n", "1:8", "a single value"),
        ("title: 'unclosed\n", "", "not valid YAML"),
        ("- a list\n", "1:1", "a mapping"),
        ("search:\n  excerpt-lenght: 300\n", "2:3", "did you mean 'excerpt-length'"),
        ("llms: true\n", "1:7", "a mapping of the output's options (full: …)"),
        ("diagnostics:\n  link.broken: error\n", "2:3", "there is no diagnostic 'link.broken' (did you mean 'link.unresolved'?)"),
        ("diagnostics:\n  lnk.*: ignore\n", "2:3", "did you mean 'link.*'"),
        ("strings:\n  serch: Find\n", "2:3", "there is no interface word 'serch' (did you mean 'search'?)"),
        ("strings:\n  de:\n    allCode: Alle\n", "3:5", "did you mean 'allCodes'"),
        ("strings:\n  12:\n    search: x\n", "2:3", "neither an interface word nor a language tag"),
        ("strings: Find\n", "1:10", "'strings' maps the interface's words"),
        ("theme:\n  acent: \"#0a6b3d\"\n", "2:3", "'theme' has no setting 'acent' (did you mean 'accent'?)"),
        ("theme:\n  accent: \"#ffcc00\"\n", "2:11", "contrast of 1.5:1 on the light background"),
        ("theme:\n  accent: \"#0a6b3d\"\n", "2:3", "set 'accent-dark' for the dark theme"),
        ("theme:\n  accent: green\n", "2:11", "#rgb or #rrggbb"),
        ("theme:\n  logo: logo.exe\n", "2:9", "'logo' is an image"),
    ])
    func errors(text: String, place: String, message: String) throws {
        do {
            _ = try Configuration.parse(text, file: "kb.yml")
            Issue.record("\(text) was accepted")
        } catch let error as ConfigurationError {
            #expect(error.description.hasPrefix("kb.yml:" + place), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test("strings sets the interface's words for every language, or for a language or locale")
    func strings() throws {
        let parsed = try Configuration.parse("strings:\n  search: Find\n  de:\n    search: Finden\n  nl-BE:\n    home: Thuis\n", file: "kb.yml")
        #expect(parsed.strings == ["*": ["search": "Find"], "de": ["search": "Finden"], "nl-be": ["home": "Thuis"]])
        var options = SiteOptions()
        options.strings = parsed.strings
        #expect(options.strings(for: "de-de")[.search] == "Finden" && options.strings(for: "de-de")[.home] == "Startseite")
        #expect(options.strings(for: "nl-be")[.home] == "Thuis" && options.strings(for: "nl-nl")[.home] == "Start")
        #expect(options.strings(for: "ja-jp")[.search] == "Find")
    }

    @Test("flags override the file, and --strict fails on warnings")
    func flagsWin() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try Data("title: From the file\noutputs: [pages]\nfail-on: never\ndiagnostics:\n  image.missing: error\n".utf8)
            .write(to: folder.appendingPathComponent("kb.yml"))

        let fromFile = try Project(content: content.path, options: try ContentOptions.parse([]))
        #expect(fromFile.settings.options.title == "From the file" && fromFile.outputNames == ["pages"] && fromFile.failOn == .never)
        #expect(fromFile.rules.rule(for: "image.missing") == .error)

        let options = try ContentOptions.parse(["--ignore", "image.missing"])
        let flags = try SiteFlags.parse(["--title", "From the flag", "--outputs", "search,llms"])
        let overridden = try Project(content: content.path, options: options, failure: try FailureOptions.parse(["--strict"]), site: flags)
        #expect(overridden.settings.options.title == "From the flag" && overridden.outputNames == ["search", "llms"])
        #expect(overridden.failOn == .warning && overridden.rules.rule(for: "image.missing") == .ignore)
    }

    @Test("a format's options come from its kb.yml section and --set, each checked where it is written")
    func formatOptions() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("kb.yml")
        try Data("title: x\nsearch:\n  excerpt-length: 120\n".utf8).write(to: file)
        let fromFile = try Project(content: content.path, options: try ContentOptions.parse([]))
        #expect(fromFile.formatOptions["search"]?.integer("excerpt-length") == 120)

        let flags = try SiteFlags.parse(["--set", "search.excerpt-length=300", "--set", "llms.full=yes"])
        let overridden = try Project(content: content.path, options: try ContentOptions.parse([]), site: flags)
        #expect(overridden.formatOptions["search"]?.integer("excerpt-length") == 300 && overridden.formatOptions["llms"]?.flag("full") == true)
        let formats = try overridden.formats()
        #expect(SiteLinks.declared(by: formats).has(.llmsFull))

        for (flag, message) in [
            ("search.excerpt-length=5", "a whole number from 40 to 2000"), ("search.excerpt=3", "did you mean 'excerpt-length'"),
            ("serch.excerpt-length=300", "there is no output 'serch'"), ("excerpt-length", "output.option=value"),
        ] {
            #expect { try Project(content: content.path, options: try ContentOptions.parse([]), site: try SiteFlags.parse(["--set", flag])) }
                throws: { "\($0)".contains(message) }
        }
        try Data("title: x\nsearch:\n  excerpt-length: 9999\n".utf8).write(to: file)
        #expect { try Project(content: content.path, options: try ContentOptions.parse([])) } throws: { error in
            "\(error)".hasSuffix("kb.yml:3:19: error: 'search': 'excerpt-length' is a whole number from 40 to 2000")
        }
    }

    @Test("diagnostic identifiers are declared once; kb.yml, its template and the flags name only real ones")
    func identifiers() throws {
        // Every declaration is listed in `all`, once, as family.name.
        let source = try String(contentsOf: repositoryRoot.appendingPathComponent("Sources/KBCore/DiagnosticID.swift"), encoding: .utf8)
        let declared = source.components(separatedBy: "= DiagnosticID(\"").count - 1
        #expect(declared == DiagnosticID.all.count && Set(DiagnosticID.all.map(\.name)).count == declared)
        #expect(DiagnosticID.all.allSatisfy { $0.name.split(separator: ".").count == 2 && !$0.summary.isEmpty })
        // The README's table lists every identifier with what it reports, and no other.
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `") }.map(String.init)
        let listed = Set(rows.compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) }
            .filter { $0.wholeMatch(of: #/[a-z][A-Za-z]*\.[A-Za-z]+/#) != nil })
        #expect(listed == Set(DiagnosticID.all.map(\.name)), "README: \(listed.symmetricDifference(DiagnosticID.all.map(\.name)).sorted())")
        for id in DiagnosticID.all {
            #expect(rows.contains("| `\(id.name)` | \(id.summary) |"), "README does not say what \(id.name) reports as kb check --list does")
        }
        // The template's examples, uncommented, are accepted.
        let examples = Configuration.template.split(separator: "\n").compactMap { line -> String? in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("# "), text.hasSuffix(": error") || text.hasSuffix(": ignore") || text.hasSuffix(": warning") else { return nil }
            return String(text.dropFirst(2))
        }
        #expect(examples.count >= 2)
        _ = try Configuration.parse("diagnostics:\n" + examples.map { "  " + $0 }.joined(separator: "\n") + "\n", file: "kb.yml")
        // The outputs' options, uncommented, are accepted and checked.
        let options = Configuration.outputOptionsTemplate.split(separator: "\n").filter { !$0.hasPrefix("# The") && !$0.isEmpty }
            .map { $0.dropFirst(2) }.joined(separator: "\n")
        let parsed = try Configuration.parse(options + "\n", file: "kb.yml")
        #expect(Set(parsed.formatOptions.map { "\($0.format).\($0.option)" }) == ["search.excerpt-length", "llms.full"])
        // Flags: a misspelling is an error naming the nearest identifier.
        var rules = SeverityRules()
        #expect { try ContentOptions.parse(["--ignore", "anchor.duplicat"]).apply(to: &rules) } throws: {
            "\($0)".contains("did you mean 'anchor.duplicate'")
        }
        try ContentOptions.parse(["--ignore", "link.*,anchor.duplicate", "--error", "*"]).apply(to: &rules)
        #expect(rules.rule(for: "link.unresolved") == .ignore && rules.rule(for: "code.suspect") == .error)
    }

    @Test("the failure threshold")
    func threshold() {
        let warning = Diagnostic(.warning, .linkUnresolved, "x", file: "a.md", at: nil)
        let error = Diagnostic(.error, .frontMatterInvalid, "x", file: "a.md", at: nil)
        #expect(!FailureThreshold.error.fails([warning]) && FailureThreshold.error.fails([warning, error]))
        #expect(FailureThreshold.warning.fails([warning]) && !FailureThreshold.never.fails([error]))
    }
}

@Suite("Content layout")
struct ContentLayoutTests {
    @Test("a content folder of one language named for it (…/da-dk) is read as that language, unless kb.yml names one")
    func folderLocale() {
        #expect(Project.folderLocale("/work/docs/da-dk") == "da-dk")
        #expect(Project.folderLocale("/work/docs/zh-Hans/") == "zh-hans")
        #expect(Project.folderLocale("/work/docs") == nil)
        #expect(Project.folderLocale("/work/content/en") == nil)
    }

    @Test("a tree of locale folders is localized; its root Markdown is left out")
    func localized() {
        let layout = ContentLayout(files: [
            "README.md", "nl-nl/a.md", "nl-nl/includes/i.md", "nl-nl/toc.yml", "sv-se/a.md", "sv-se/media/x.png", "zh-hans/b.md",
        ], settings: ContentSettings())
        #expect(layout.virtualLocale == nil)
        #expect(layout.articles == ["nl-nl/a.md", "sv-se/a.md", "zh-hans/b.md"])
        #expect(layout.tablesOfContents == ["nl-nl/toc.yml"] && layout.media == ["sv-se/media/x.png"])
        #expect(layout.leftOut == ["README.md"] && layout.leftOutNote?.identifier == "content.leftOut")
        // A stray folder beside locale folders does not make the tree one language.
        #expect(ContentLayout(files: ["nl-nl/a.md", "d20/deep.md"], settings: ContentSettings()).virtualLocale == nil)
        #expect(ContentLayout(files: ["en/a.md", "ui/b.md"], settings: ContentSettings()).virtualLocale == "en")
    }

    @Test("any other tree is one language; repository files at its root are left out; excludes and locales apply")
    func oneLanguage() {
        let files = ["CONTRIBUTING.md", "README.md", "api/reference.md", "faq.md", "drafts/wip.md", "guide/setup.md", "guide/x.draft.md"]
        let layout = ContentLayout(files: files, settings: ContentSettings(exclude: ["drafts/**", "*.draft.md"], defaultLocale: "fr"))
        #expect(layout.virtualLocale == "fr")
        #expect(layout.articles == ["fr/api/reference.md", "fr/faq.md", "fr/guide/setup.md"])
        #expect(layout.leftOut.sorted() == ["CONTRIBUTING.md", "README.md", "drafts/wip.md", "guide/x.draft.md"])
        let chosen = ContentLayout(files: ["nl-nl/a.md", "sv-se/a.md"], settings: ContentSettings(locales: ["sv-se"]))
        #expect(chosen.articles == ["sv-se/a.md"])
    }

    @Test("globs", arguments: [
        ("drafts/**", "drafts/a/b.md", true), ("drafts/**", "guide/drafts/b.md", false), ("**/drafts/**", "guide/drafts/b.md", true),
        ("*.md", "a/b/c.md", true), ("guide/*.md", "guide/a.md", true), ("guide/*.md", "guide/x/a.md", false),
        ("g?ide/a.md", "guide/a.md", true), ("/README.md", "README.md", true), ("/README.md", "x/README.md", false),
    ])
    func globs(pattern: String, path: String, matches: Bool) {
        #expect(ContentLayout(files: [path], settings: ContentSettings(exclude: [pattern])).leftOut.isEmpty != matches)
    }
}
