import ArgumentParser
import Foundation
import KBCore
import KBOutput
import KBPipeline

/// `kb check [CONTENT]`: everything a build checks, without writing anything.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the content as a build would, without writing a site.",
        discussion: """
            Reads, parses and extracts every article and links them, as kb build does: front \
            matter, Markdown, includes, links and anchors, error codes, translations, tables of \
            contents, media, and the paths of the files the site would have (two files that would be written to one path, found without making the files). Prints every problem as path:line:col: severity: message [id] \
            (--format json for one JSON object, --format github for workflow annotations) and writes \
            nothing. The exit status is 1 when an error was reported, and with --strict when a \
            warning was; severities come from kb.yml and --error, --warn and --ignore.
            """
    )

    @Argument(help: "The content folder (default: kb.yml's content, else content).")
    var content: String?

    @OptionGroup var options: ContentOptions

    @OptionGroup var failure: FailureOptions

    @Flag(help: "List the identifiers of the diagnostics kb reports, each with what it means, and exit.")
    var list = false

    @Flag(help: "List the words of the site's interface that kb.yml's strings can set, each with its English text, and exit.")
    var listStrings = false

    func run() async throws {
        if listStrings {
            let english = SiteStrings(locale: "en")
            let width = SiteString.allCases.map(\.rawValue.count).max() ?? 0
            let lines = SiteString.allCases.map { $0.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + english[$0] }
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            return
        }
        if list {
            let width = DiagnosticID.all.map(\.name.count).max() ?? 0
            let lines = DiagnosticID.all.map { $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary }
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            return
        }
        let start = ContinuousClock.now
        let project = try Project(content: content, options: options, failure: failure)
        let tree = try ContentTree(path: project.contentPath, limits: project.settings.limits)
        let engine = project.makeDiagnosticEngine()
        let state = try await SiteBuild.check(project.settings, formats: try project.formats()).make(tree, diagnostics: engine)
        options.report(engine, contentPath: project.contentPath, virtualLocale: state.layout.virtualLocale)
        if options.timings { TimingConsole.report(state, total: ContinuousClock.now - start) }
        if project.failOn.fails(engine.diagnostics) { throw ExitCode(1) }
    }
}
