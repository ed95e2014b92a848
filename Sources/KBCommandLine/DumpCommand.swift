import ArgumentParser
import Foundation
import KBExtraction
import KBRendering

/// `kb dump CONTENT`: the whole model as JSON on standard output.
struct DumpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the extracted model as JSON on standard output.",
        discussion: """
            The JSON holds articles[] (id, locale, source, title, translationKey, sections, entries \
            with codes, messages, cause, resolution and procedures, procedures) and diagnostics[] \
            (file, line, column, severity, id, message). Diagnostics are also printed on standard error.
            """
    )

    @Argument(help: "The content folder, holding one folder per locale.")
    var content: String

    @OptionGroup var options: ContentOptions

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let tree = try ContentTree(path: content, limits: options.limits)
        let (knowledgeBase, stages) = await KnowledgeBaseBuilder(limits: options.limits).measuredBuild(
            files: tree.articleFiles(), tablesOfContents: tree.tableOfContentsFiles(), found: tree.diagnostics,
            read: tree.reader)
        let modelDone = clock.now
        FileHandle.standardOutput.write(Data(ModelDump.json(knowledgeBase)))
        DiagnosticConsole.report(knowledgeBase.diagnostics, contentPath: content, quiet: options.quiet)
        if options.timings {
            TimingConsole.report(stages, wall: [("model", modelDone - start), ("JSON", clock.now - modelDone), ("total", clock.now - start)])
        }
        if options.strict, !knowledgeBase.diagnostics.isEmpty { throw ExitCode(1) }
    }
}
