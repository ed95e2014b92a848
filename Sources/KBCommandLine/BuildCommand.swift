import ArgumentParser
import Foundation
import KBExtraction
import KBRendering

/// `kb build [CONTENT] [-o OUT]`: writes the site.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the static site from a content folder.",
        discussion: """
            The site is written into a temporary folder beside the output folder and swapped in at \
            the end, so a failed or interrupted build leaves the previous site whole.
            """
    )

    @Argument(help: "The content folder, holding one folder per locale.")
    var content: String = "content"

    @Option(name: [.short, .customLong("output")], help: "The folder to write the site to.")
    var output: String = "site"

    @Flag(help: "Write into the output folder even if kb did not create it.")
    var force = false

    @OptionGroup var options: ContentOptions

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let tree = try ContentTree(path: content)
        let writer = try SiteWriter(output: output, content: tree.root, force: force)
        let (knowledgeBase, stages) = await KnowledgeBaseBuilder().measuredBuild(files: tree.articleFiles(), read: tree.reader)
        let modelDone = clock.now
        let site = SiteRenderer().render(knowledgeBase)
        let renderDone = clock.now
        try writer.write(site)
        if options.timings {
            TimingConsole.report(stages, wall: [
                ("model", modelDone - start), ("render", renderDone - modelDone), ("write", clock.now - renderDone),
                ("total", clock.now - start),
            ])
        }
        DiagnosticConsole.report(knowledgeBase.diagnostics, contentPath: content, quiet: options.quiet)
        let articles = knowledgeBase.articles.count
        let entries = knowledgeBase.articles.reduce(0) { $0 + $1.entries.count }
        FileHandle.standardError.write(Data(
            "built \(articles) articles, \(entries) error entries, \(site.files.count) files into \(output)\n".utf8))
        if options.strict, !knowledgeBase.diagnostics.isEmpty { throw ExitCode(1) }
    }
}
