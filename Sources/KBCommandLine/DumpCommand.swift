import ArgumentParser
import Foundation
import KBDump
import KBPipeline

/// `kb dump CONTENT`: the whole model as JSON on standard output.
struct DumpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the extracted model as JSON on standard output.",
        discussion: """
            The JSON holds articles[] (id, locale, source, title, translationKey, sections, entries \
            with codes, messages, cause, resolution and procedures, procedures) and diagnostics[] \
            (file, line, column, severity, id, message) found reading the articles. Diagnostics, \
            those of linking too, are also printed on standard error.
            """
    )

    @Argument(help: "The content folder: one folder per locale, or the articles of one language (see kb build --help).")
    var content: String

    @OptionGroup var options: ContentOptions

    @OptionGroup var failure: FailureOptions

    func run() async throws {
        let start = ContinuousClock.now
        let project = try Project(content: content, options: options, failure: failure)
        let tree = try ContentTree(path: content, limits: project.settings.limits)
        let engine = project.makeDiagnosticEngine()
        let state = try await SiteBuild.dump(project.settings).make(tree, diagnostics: engine)
        for file in state.files where file.path == DumpFormat.path {
            FileHandle.standardOutput.write(Data(file.contents))
        }
        options.report(engine, contentPath: content, virtualLocale: state.layout.virtualLocale)
        if options.timings { TimingConsole.report(state, total: ContinuousClock.now - start) }
        if project.failOn.fails(engine.diagnostics) { throw ExitCode(1) }
    }
}
