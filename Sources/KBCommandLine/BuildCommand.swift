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
            Writes a language chooser, a home page per locale with its most common codes, its \
            troubleshooting articles and its navigation, a code index per locale, a page per \
            article, a page per error code, a translation coverage page, a 404 page, search pages \
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
            exhausting the build; each is reported and the rest is built. Settings come from kb.yml \
            (see kb init), and flags override them. A build of an output folder whose input (content, \
            templates, kb.yml, settings, kb itself) did not change since its last build, and whose \
            files are still the ones that build wrote, is not made again: it reports what that \
            build reported (--rebuild builds anyway). Files whose bytes did not change are linked \
            from the previous site rather than written again. The exit status is 1 when an error was \
            reported (--fail-on changes that), after the site is written.
            """
    )

    @Argument(help: "The content folder: one folder per locale (content/en-us/…), or the articles of one language (that of kb.yml's locale, else of the folder's name when it is one, such as da-dk, else en). Default: kb.yml's content, else content.")
    var content: String?

    @Option(name: [.short, .customLong("output")], help: "The folder to write the site to (default: kb.yml's output, else site).")
    var output: String?

    @OptionGroup var site: SiteFlags

    @Flag(help: "Write into the output folder even if kb did not create it.")
    var force = false

    @OptionGroup var options: ContentOptions

    @OptionGroup var failure: FailureOptions

    @Flag(help: "Build the site again even when nothing it is made from changed since the last build of the output folder.")
    var rebuild = false

    func run() async throws {
        let start = ContinuousClock.now
        let started = BuildRecord.now()
        let project = try Project(content: content, options: options, failure: failure, site: site, output: output)
        let tree = try ContentTree(path: project.contentPath, limits: project.settings.limits)
        let formats = try project.formats()
        let store = try SiteFolderStore(project: project, content: tree, formats: formats.map(\.name), force: force, started: started)
        let engine = project.makeDiagnosticEngine()
        let progress = ProgressDisplay.onTerminal(quiet: options.quiet)
        let outcome = try await SiteBuild.build(project.settings, formats: formats, into: store)
            .run(tree, diagnostics: engine, rebuild: rebuild) { progress?.report($0) }
        progress?.finish()

        options.report(engine, contentPath: project.contentPath, virtualLocale: outcome.report.virtualLocale)
        let summary = "\(outcome.report.summary) in \(project.outputPath)"
        if let state = outcome.state {
            FileHandle.standardError.write(Data("built \(summary) (\(store.writer.unchangedFiles) unchanged since the last build)\n".utf8))
            if options.timings { TimingConsole.report(state, total: ContinuousClock.now - start) }
            // The command ends the process: the model goes back to the system with it, at once,
            // rather than its millions of small values one by one after the site was written.
            KeptUntilExit.keep(state)
        } else {
            FileHandle.standardError.write(Data("up to date: \(summary) (nothing changed since the last build)\n".utf8))
            if options.timings { TimingConsole.report(steps: [], total: ContinuousClock.now - start) }
        }
        if project.failOn.fails(engine.diagnostics) { throw ExitCode(1) }
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

/// What a command that ends the process keeps until then instead of freeing it (as compilers do
/// with their syntax trees): the process's end returns the memory whole.
enum KeptUntilExit {
    private final class Box: @unchecked Sendable {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    static func keep(_ value: Any) {
        _ = Unmanaged.passRetained(Box(value))
    }
}
