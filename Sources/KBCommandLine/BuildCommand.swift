import ArgumentParser
import Foundation
import KBCore
import KBOutput
import KBPages
import KBPipeline

/// `kb build [CONTENT] [-o OUT]`: writes the site.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the static site from a content folder.",
        discussion: """
            Writes a language chooser, a home page per locale with its navigation and code index, \
            a page per article, a page per error code, a translation coverage page, search pages \
            with OpenSearch descriptions, the search index (search/, split per locale into small \
            files loaded as scripts, so search works from disk too), the assets, and the files for \
            machines: the JSON contract under api/v1/ (articles, codes, retrieval chunks, DocSearch \
            records, with JSON Schemas), llms.txt files and a Markdown twin of every article \
            page (its URL with .md appended). Pages come from Mustache templates; --templates replaces them file by file. \
            The site is written into a temporary folder beside the output folder and swapped in \
            at the end, so a failed or interrupted build leaves the previous site whole; a second \
            build of the same output folder waits for the first. Output is the same for the same \
            input; SOURCE_DATE_EPOCH adds a build date to the footer. Content is untrusted: only \
            files inside the content folder are read, URLs and raw HTML that could run script are \
            dropped, files a browser would run (.html, .js, SVG with scripts) are not copied, and \
            limits on sizes and nesting (--max-file-size among them) keep one article from \
            exhausting the build; each is reported and the rest is built.
            """
    )

    @Argument(help: "The content folder, holding one folder per locale.")
    var content: String = "content"

    @Option(name: [.short, .customLong("output")], help: "The folder to write the site to.")
    var output: String = "site"

    @Option(help: "A folder of templates and assets replacing the defaults of the same name (such as article.mustache, assets/site.css).")
    var templates: String?

    @Option(help: "The site's title, shown on every page.")
    var title: String = "Knowledge base"

    @Option(name: .customLong("base-url"), help: "The address the site will be published at (https://help.example.com/kb/), for absolute URLs: OpenSearch needs them, and the JSON contract, llms.txt and JSON-LD use them.")
    var baseURL: String?

    @Flag(help: "Write into the output folder even if kb did not create it.")
    var force = false

    @OptionGroup var options: ContentOptions

    @Option(help: ArgumentHelp(
        "The outputs to write, separated by commas: pages (HTML pages and assets), search (the search index), contract (api/v1/), llms (llms.txt files and Markdown twins). Pages link to the other three.",
        valueName: "names"))
    var outputs: String?

    func run() async throws {
        let start = ContinuousClock.now
        let limits = options.limits
        let tree = try ContentTree(path: content, limits: limits)
        let templateSet = try TemplateSet(overrides: try templates.map { try Self.readTemplates($0, limits: limits) } ?? [:])
        var pipeline = Pipeline.site(formats: try Self.formats(outputs, from: OutputFormats.standard(templates: templateSet)))
        let writer = try SiteWriter(output: output, content: tree.root, force: force)
        pipeline.steps.append(BuildStep("write") { state in
            state.diagnostics.emit(try writer.write(BuiltSite(files: state.files)))
        })
        let engine = options.makeDiagnosticEngine()
        let settings = BuildSettings(options: SiteOptions(title: title, buildDate: Self.buildDate(), baseURL: baseURL), limits: limits)
        let state = try await pipeline.run(tree, settings: settings, diagnostics: engine)

        options.report(engine, contentPath: content)
        let linked = state.linked
        let entries = linked?.articles.reduce(0) { $0 + $1.entries.count } ?? 0
        FileHandle.standardError.write(Data((
            "built \(linked?.articles.count ?? 0) articles, \(entries) error entries, \(linked?.codes.codes.count ?? 0) codes "
                + "in \(linked?.locales.count ?? 0) languages: \(state.files.count) files in \(output)\n").utf8))
        if options.timings { TimingConsole.report(state, total: ContinuousClock.now - start) }
        if options.strict, engine.hasErrors { throw ExitCode(1) }
    }

    /// The formats `--outputs` names, in the order they are registered; all when it is not given.
    static func formats(_ names: String?, from all: [any OutputFormat]) throws -> [any OutputFormat] {
        guard let names else { return all }
        let wanted = Set(names.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let known = all.map(\.name)
        if let unknown = wanted.subtracting(known).sorted().first {
            throw ValidationError("--outputs: there is no output '\(unknown)' (there are \(known.joined(separator: ", ")))")
        }
        return all.filter { wanted.contains($0.name) }
    }

    /// Every file below a templates folder, by its path relative to it.
    /// Read as content is: inside the folder only, regular files, within the size limit.
    static func readTemplates(_ path: String, limits: Limits) throws -> [String: [UInt8]] {
        let folder = try ContentTree(path: path, limits: limits)
        if let problem = folder.diagnostics.first(where: { $0.severity == .error }) {
            throw ValidationError("templates: \(problem.file): \(problem.message)")
        }
        var files: [String: [UInt8]] = [:]
        for file in folder.files {
            files[file] = try folder.bytes(file)
        }
        return files
    }

    /// The date of `SOURCE_DATE_EPOCH` (seconds since 1970, UTC), for a footer that does not
    /// change from one build of the same input to the next.
    static func buildDate() -> String? {
        guard let value = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Double(value) else {
            return nil
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
