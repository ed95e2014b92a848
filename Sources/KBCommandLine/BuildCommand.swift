import ArgumentParser
import CFileSystem
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
        let formats = try project.formats(from: OutputFormats.all(templates: try project.templateSet()))
        var pipeline = Pipeline.site(formats: formats)
        let writer = try SiteWriter(output: project.outputPath, content: tree.root, force: force)

        // Nothing changed since the last build of this folder: report what it reported.
        let recordLocation = BuildRecord.location(of: writer.output)
        let templates = try project.templatesPath.map { try ContentTree(path: $0, limits: project.settings.limits) }
        let fingerprint = BuildRecord.fingerprint(of: project, content: tree, formats: formats.map(\.name))
        let inputs = BuildRecord.inputs(content: tree, templates: templates, configuration: project.configuration.file)
        if !rebuild, let fingerprint, let inputs,
           let record = BuildRecord.current(at: recordLocation, fingerprint: fingerprint, inputs: inputs, output: writer.output.path) {
            let engine = DiagnosticEngine()
            engine.emit(record.diagnostics)
            options.report(engine, contentPath: project.contentPath, virtualLocale: record.virtualLocale)
            FileHandle.standardError.write(Data("up to date: \(record.summary) (nothing changed since the last build)\n".utf8))
            if options.timings { TimingConsole.report(steps: [], total: ContinuousClock.now - start) }
            if project.failOn.fails(record.diagnostics) { throw ExitCode(1) }
            return
        }
        // The record describes the site about to be replaced: a build stopped halfway must not
        // leave it behind.
        try? FileManager.default.removeItem(at: recordLocation)

        // Each step's files are written into the staging folder as it makes them; the last
        // step settles collisions and swaps the site in.
        let staged = try writer.stage()
        pipeline.steps.append(BuildStep("write") { state in
            state.diagnostics.emit(try writer.finish(staged))
        })
        var settings = project.settings
        settings.sink = staged
        let engine = project.makeDiagnosticEngine()
        let progress = ProgressDisplay.onTerminal(quiet: options.quiet)
        let state: BuildState
        kb_keep_large_blocks_apart()
        do {
            // Before each step, the memory the last one let go goes back to the system: the next
            // step's peak then does not stand on the last one's free but held memory.
            state = try await pipeline.run(tree, settings: settings, diagnostics: engine) { step in
                kb_release_free_memory()
                progress?.report(step)
            }
        } catch {
            staged.drain()
            try? FileManager.default.removeItem(at: staged.staging)
            throw error
        }
        progress?.finish()

        options.report(engine, contentPath: project.contentPath, virtualLocale: state.layout.virtualLocale)
        let linked = state.linked
        let entries = linked?.articles.reduce(0) { $0 + $1.entries.count } ?? 0
        func count(_ number: Int, _ noun: String, _ plural: String? = nil) -> String {
            "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
        }
        let summary = "\(count(linked?.articles.count ?? 0, "article")), \(count(entries, "error entry", "error entries")), "
            + "\(count(linked?.codes.codes.count ?? 0, "code")) in \(count(linked?.locales.count ?? 0, "language")): "
            + "\(count(state.fileCount, "file")) in \(project.outputPath)"
        FileHandle.standardError.write(Data("built \(summary) (\(writer.unchangedFiles) unchanged since the last build)\n".utf8))
        if let fingerprint, let inputs, let outputs = BuildRecord.outputs(of: writer.output.path) {
            let record = BuildRecord(
                fingerprint: fingerprint, started: started, inputs: inputs, outputs: outputs, diagnostics: engine.diagnostics,
                virtualLocale: state.layout.virtualLocale, summary: summary)
            do {
                try record.save(to: recordLocation)
            } catch {
                FileHandle.standardError.write(Data("kb: warning: cannot keep a record of this build at '\(recordLocation.path)' (\(error)); the next build builds everything again\n".utf8))
            }
        }
        if options.timings { TimingConsole.report(state, total: ContinuousClock.now - start) }
        // The command ends the process: the model goes back to the system with it, at once, where
        // letting go of its millions of small values one by one took one core 0.46 s on the
        // corpus and about 1.5 s on four copies of it, after the site was written.
        KeptUntilExit.keep(state)
        if project.failOn.fails(engine.diagnostics) { throw ExitCode(1) }
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
