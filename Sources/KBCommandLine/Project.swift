import ArgumentParser
import Foundation
import KBCore
import KBOutput
import KBPages
import KBPipeline

/// The flags of the commands that make a site (build, serve), each over its kb.yml setting.
struct SiteFlags: ParsableArguments {
    @Option(help: "A folder of templates and assets replacing the defaults of the same name (such as article.mustache, assets/site.css).")
    var templates: String?

    @Option(help: "The site's title, shown on every page (default: kb.yml's title, else Knowledge base).")
    var title: String?

    @Option(name: .customLong("base-url"), help: "The address the site will be published at (https://help.example.com/kb/), for absolute URLs: OpenSearch needs them, and the JSON contract, llms.txt and JSON-LD use them.")
    var baseURL: String?

    @Option(help: ArgumentHelp(
        "The outputs to make, separated by commas: pages (HTML pages and assets), search (the search index), contract (api/v1/), llms (llms.txt files and Markdown twins), llms-full (llms plus <locale>/llms-full.txt, every article of a language in one Markdown file), and docsearch (Algolia DocSearch records, api/v1/<locale>/search-records.json), which only a site that feeds Algolia needs. Default: pages, search, contract, llms. Pages link to search, contract and llms.",
        valueName: "names"))
    var outputs: String?
}

/// The settings of one run: `kb.yml` (`Configuration`), with the flags given on the command line
/// put over it.
struct Project: Sendable {
    var configuration: Configuration
    /// The content folder, as given (diagnostics name files below it).
    var contentPath: String
    var outputPath: String
    var templatesPath: String?
    var settings: BuildSettings
    /// The output formats to run; nil for all.
    var outputNames: [String]?
    var failOn: FailureThreshold
    var rules: SeverityRules
    /// `--timings`.
    var showTimings: Bool

    /// Reads the configuration (`--config`, else `kb.yml` beside the content folder) and puts
    /// the flags over it. Flags that were not given are nil.
    init(
        content: String?, options: ContentOptions, failure: FailureOptions? = nil, site: SiteFlags? = nil, output: String? = nil
    ) throws {
        let templates = site?.templates, title = site?.title, baseURL = site?.baseURL, outputs = site?.outputs
        // A ConfigurationError prints as file:line:col: error: message.
        let configuration = try Configuration.find(explicit: options.config, content: content)
        self.configuration = configuration
        contentPath = content ?? configuration.content.map(configuration.resolve) ?? "content"
        outputPath = output ?? configuration.output.map(configuration.resolve) ?? "site"
        templatesPath = templates ?? configuration.templates.map(configuration.resolve)
        outputNames = outputs.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? configuration.outputs
        failOn = failure?.strict == true ? .warning : failure?.failOn ?? configuration.failOn ?? .error
        showTimings = options.timings

        var siteOptions = SiteOptions(
            title: title ?? configuration.title ?? "Knowledge base", buildDate: BuildCommand.buildDate(),
            baseURL: baseURL ?? configuration.baseURL, editLink: configuration.editLink,
            searchExcerptLength: configuration.searchExcerptLength ?? 200)
        siteOptions.docSearchRecords = outputNames?.contains("docsearch") == true
        siteOptions.llmsFull = outputNames?.contains("llms-full") == true
        if configuration.editLink != nil, let folder = configuration.folder {
            siteOptions.editLinkPrefix = Self.relativePrefix(of: contentPath, below: folder)
        }
        settings = BuildSettings(
            options: siteOptions, limits: options.limits,
            content: ContentSettings(
                exclude: configuration.exclude, locales: configuration.locales,
                defaultLocale: configuration.locale ?? Self.folderLocale(contentPath) ?? "en"))

        // The file's severities, then the flags', which win for the same identifier.
        var rules = SeverityRules()
        for (identifier, rule) in configuration.severities { rules.set(rule, for: [identifier]) }
        options.apply(to: &rules)
        self.rules = rules
    }

    /// The language a content folder's own name gives (`…/da-dk`), for a tree of one language
    /// that kb.yml does not name.
    static func folderLocale(_ contentPath: String) -> String? {
        let name = URL(fileURLWithPath: contentPath).standardizedFileURL.lastPathComponent
        return ContentLayout.isLocaleFolder(name) && name.contains("-") ? name.lowercased() : nil
    }

    /// The formats to run, in the order they are registered, the pages made from the templates.
    func formats() throws -> [any OutputFormat] {
        try Self.formats(outputNames, from: OutputFormats.all(templates: try templateSet()))
    }

    static func formats(_ outputNames: [String]?, from all: [any OutputFormat]) throws -> [any OutputFormat] {
        guard let outputNames else { return all.filter(\.isDefault) }
        let known = all.flatMap { [$0.name] + $0.optionalParts }
        if let unknown = Set(outputNames).subtracting(known).sorted().first {
            throw ValidationError("outputs: there is no output '\(unknown)' (there are \(known.joined(separator: ", ")))")
        }
        return all.filter { format in outputNames.contains { $0 == format.name || format.optionalParts.contains($0) } }
    }

    /// The templates: the defaults, with the files of the templates folder over them.
    func templateSet() throws -> TemplateSet {
        try TemplateSet(overrides: try templatesPath.map { try BuildCommand.readTemplates($0, limits: settings.limits) } ?? [:])
    }

    func makeDiagnosticEngine() -> DiagnosticEngine {
        DiagnosticEngine(rules: rules)
    }

    /// `docs/` when the content folder is `<folder>/docs`: what goes before a content path to
    /// make it a path of the repository the configuration file lies at the root of.
    static func relativePrefix(of content: String, below folder: String) -> String {
        let contentPath = URL(fileURLWithPath: ContentTree.realPath(content) ?? content).standardizedFileURL.path
        let base = URL(fileURLWithPath: ContentTree.realPath(folder) ?? folder).standardizedFileURL.path
        guard contentPath.hasPrefix(base + "/") else { return "" }
        return String(contentPath.dropFirst(base.count + 1)) + "/"
    }
}
