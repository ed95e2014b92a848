import Foundation
import KBCore
import KBLinking
import KBOutput
import KBPages
import KBPipeline
import KBTestSupport
import Testing

/// A toy output format with an option and a folder of its own: a text file per language in
/// `counts/` with its number of articles, under a label the option sets.
struct ArticleCountFormat: OutputFormat {
    static let name = "counts"
    static let folder: String? = "counts/"
    static let options = [FormatOption("label", .text, "the words before each number")]
    let label: String

    init(options: FormatOptions) {
        label = options.text("label") ?? "articles"
    }

    func files(for input: OutputInput) -> [BuiltSite.File] {
        input.linked.locales.map { locale in
            let count = input.linked.articles.filter { $0.locale == locale }.count
            return BuiltSite.File(path: Self.folder! + locale + ".txt", text: "\(label): \(count)\n")
        }
    }
}

@Suite("The pipeline")
struct PipelineTests {
    @Test("a new output format with an option and a folder is one type and one line where formats are registered")
    func toyFormat() async throws {
        // The one line: the format among the kinds.
        let kinds = OutputFormats.kinds + [ArticleCountFormat.self]
        // Its option, read as kb.yml's `counts: {label: …}` and `--set counts.label=…` are.
        var options = FormatOptions()
        try options.set("label", to: "Artikelen", declared: ArticleCountFormat.options, readFolder: { _ in [:] })
        let formats = try OutputFormats.chosen(["pages", "contract", "llms", "search", "counts"], options: ["counts": options], from: kinds)
        let state = try await SiteBuild.memory(BuildSettings(), formats: formats).make(try seedFiles())
        let files = state.filesByPath
        #expect(files["counts/nl-nl.txt"].map { String(decoding: $0.contents, as: UTF8.self) } == "Artikelen: 4\n")
        #expect(files["counts/sv-se.txt"].map { String(decoding: $0.contents, as: UTF8.self) } == "Artikelen: 1\n")
        // Not chosen, it writes nothing; a misspelled option names the right one.
        #expect(try OutputFormats.chosen(nil, from: kinds).map(\.name) == ["pages", "contract", "llms", "search", "counts"])
        #expect(try OutputFormats.chosen(["pages"], from: kinds).map(\.name) == ["pages"])
        #expect { try options.set("lable", to: "x", declared: ArticleCountFormat.options, readFolder: { _ in [:] }) } throws: { error in
            "\(error)" == "there is no option 'lable' (did you mean 'label'?); the options are label"
        }
        #expect(state.timings.map(\.step) == ["model", "link", "media", "pages", "contract", "llms", "search", "counts", "collisions"])
        // The standard formats still write what they write.
        #expect(state.files.contains { $0.path == "nl-nl/index.html" } && state.files.contains { $0.path == "api/v1/kb.json" })
    }

    @Test("each format hands on in parts (a language at a time) the files it makes at once, byte for byte")
    func formatsInParts() async throws {
        let state = try await build(try seedFiles())
        let linked = try #require(state.linked)
        // Every format, with every optional part.
        let formats = try OutputFormats.chosen(["pages", "contract", "docsearch", "llms-full", "search"])
        let input = OutputInput(model: state.model, linked: linked, options: SiteOptions(), links: SiteLinks.declared(by: formats))
        for format in formats {
            let whole = format.files(for: input)
            var parts: [[BuiltSite.File]] = []
            try format.emit(for: input) { parts.append($0) }
            let streamed = parts.flatMap { $0 }
            #expect(streamed.count == whole.count, "\(format.name)")
            #expect(Dictionary(streamed.map { ($0.path, $0.contents) }) { $1 } == Dictionary(whole.map { ($0.path, $0.contents) }) { $1 },
                    "\(format.name)")
            if format.name == "contract" { #expect(parts.count == linked.locales.count + 1) }
        }
    }

    @Test("the formats write only their own paths: a site without a format lacks exactly its files")
    func formatsOwnTheirPaths() async throws {
        let all = OutputFormats.standard(templates: try TemplateSet())
        let source = try seedFiles()
        let whole = Set(try await SiteBuild.memory(BuildSettings(), formats: all).make(source).files.map(\.path))
        var seen: Set<String> = []
        for format in all {
            let alone = Set(try await SiteBuild.memory(BuildSettings(), formats: [format]).make(source).files.map(\.path))
            let media = Set(try await Pipeline(steps: [.model, .link, .media]).run(source).files.map(\.path))
            let own = alone.subtracting(media)
            #expect(!own.isEmpty, "\(format.name) writes nothing")
            #expect(own.isDisjoint(with: seen), "\(format.name) writes another format's files: \(own.intersection(seen).sorted().prefix(3))")
            if let folder = type(of: format).folder {
                #expect(own.allSatisfy { $0.hasPrefix(folder) }, "\(format.name) writes outside its folder \(folder)")
            }
            seen.formUnion(own)
        }
        #expect(whole.subtracting(seen).allSatisfy { !$0.hasSuffix(".html") && !$0.hasSuffix(".json") })
    }

    @Test("kb check's preset reports the collisions kb build's settles, and every preset agrees on what it reports")
    func checkReportsCollisions() async throws {
        // The article links a file of its own named as kb's llms.txt for the language.
        let files = ["en/a.md": "# A\n\nSee [the list](llms.txt).\n", "en/llms.txt": "mine\n"]
        let formats = OutputFormats.standard(templates: try TemplateSet())
        let checked = DiagnosticEngine(), built = DiagnosticEngine()
        let check = try await SiteBuild.check(BuildSettings(), formats: formats).make(MemoryContent(texts: files), diagnostics: checked)
        let site = try await SiteBuild.memory(BuildSettings(), formats: formats).make(MemoryContent(texts: files), diagnostics: built)
        let collision = try #require(built.diagnostics.first { $0.identifier == "output.collision" })
        #expect(collision.file == "en/llms.txt" && collision.message.contains("a file kb generates"))
        #expect(checked.diagnostics == built.diagnostics)
        // The check keeps no file; the site keeps kb's llms.txt, once.
        #expect(check.files.isEmpty)
        let kept = site.files.filter { $0.path == "en/llms.txt" }
        #expect(kept.count == 1 && kept.first?.origin == nil)
        #expect(check.timings.map(\.step) == ["model", "link", "media", "pages", "contract", "llms", "search", "collisions"])
    }

    @Test("steps in an order that cannot run are an error that says which step needs which")
    func stepsOutOfOrder() async throws {
        await #expect { try await Pipeline(steps: [.model, .output(OutputFormats.dump)]).run(MemoryContent(texts: ["en/a.md": "# A\n"])) }
            throws: { "\($0)" == "the step 'dump' runs before the step 'link' it reads" }
    }

    @Test("a file of the content in a format's own folder makes the check make that format's files, and collide as the build does")
    func checkInAFormatsFolder() async throws {
        let files = ["en/a.md": "# A\n\n[codes](../api/v1/codes.json)\n", "api/v1/codes.json": "{}\n"]
        let formats = OutputFormats.standard(templates: try TemplateSet())
        let checked = DiagnosticEngine(), built = DiagnosticEngine()
        _ = try await SiteBuild.check(BuildSettings(), formats: formats).make(MemoryContent(texts: files), diagnostics: checked)
        _ = try await SiteBuild.memory(BuildSettings(), formats: formats).make(MemoryContent(texts: files), diagnostics: built)
        #expect(checked.diagnostics == built.diagnostics)
        #expect(built.diagnostics.contains { $0.identifier == "output.collision" && $0.file == "api/v1/codes.json" }, "\(built.diagnostics)")
    }

    @Test("the paths a format plans are the paths it makes, with their origins", arguments: [false, true])
    func plannedPaths(full: Bool) async throws {
        var contents = try seedFiles().contents
        contents["nl-nl/index.md"] = Array("# Welkom\n".utf8)
        let formats = try OutputFormats.chosen(["pages", "contract", "search", full ? "llms-full" : "llms"])
        let state = try await SiteBuild.memory(BuildSettings(), formats: formats).make(MemoryContent(contents))
        let linked = try #require(state.linked)
        let input = OutputInput(model: state.model, linked: linked, options: SiteOptions(), links: SiteLinks.declared(by: formats))
        var planning = 0
        for format in formats {
            guard let planned = format.plannedFiles(for: input) else { continue }
            planning += 1
            let made = format.files(for: input)
            #expect(planned.map { "\($0.path) \($0.origin ?? "-")" }.sorted() == made.map { "\($0.path) \($0.origin ?? "-")" }.sorted(),
                    "\(format.name)")
        }
        #expect(planning == 2)
    }

    @Test("diagnostics are emitted into the engine, which applies the severity rules")
    func diagnostics() async throws {
        let files = ["nl-nl/a.md": "# A\n\n## Twee\n\n## Twee\n\n[broken](missing.md)\n"]
        let plain = DiagnosticEngine()
        _ = try await SiteBuild.memory(BuildSettings(), formats: []).make(MemoryContent(texts: files), diagnostics: plain)
        let identifiers = Set(plain.diagnostics.map(\.identifier))
        #expect(identifiers.isSuperset(of: ["anchor.duplicate", "link.unresolved"]), "\(identifiers)")
        #expect(!plain.hasErrors)

        let ruled = DiagnosticEngine(rules: SeverityRules(["link.*": .error, "anchor.duplicate": .ignore]))
        _ = try await SiteBuild.memory(BuildSettings(), formats: []).make(MemoryContent(texts: files), diagnostics: ruled)
        #expect(!ruled.diagnostics.contains { $0.identifier == "anchor.duplicate" })
        #expect(ruled.diagnostics.filter { $0.identifier == "link.unresolved" }.allSatisfy { $0.severity == .error })
        #expect(ruled.hasErrors)
    }
}

@Suite("Severity rules")
struct SeverityRuleTests {
    @Test("the most specific rule wins: the identifier, then its nearest family, then *")
    func specificity() {
        let rules = SeverityRules(["*": .ignore, "code.*": .warning, "code.suspect.*": .error, "code.suspect": .error])
        #expect(rules.rule(for: "code.suspect") == .error)
        #expect(rules.rule(for: "code.suspect.decimal") == .error)
        #expect(rules.rule(for: "code.other") == .warning)
        #expect(rules.rule(for: "anchor.duplicate") == .ignore)
        #expect(SeverityRules().rule(for: "anchor.duplicate") == nil)
        let diagnostic = Diagnostic(.warning, .codeSuspect, "x", file: "a.md", at: nil)
        #expect(rules.apply(diagnostic)?.severity == .error)
        #expect(SeverityRules(["code.suspect": .ignore]).apply(diagnostic) == nil)
    }
}
