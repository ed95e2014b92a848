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

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "An option of an output format, over kb.yml's section of that format (repeatable): search.excerpt-length=300, llms.full=true, pages.templates=theme.",
        valueName: "format.option=value"))
    var formatOptions: [String] = []
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
    /// The output formats to run; nil for the default ones.
    var outputNames: [String]?
    /// Each format's options, from kb.yml and `--set`, checked against its declarations.
    var formatOptions: [String: FormatOptions] = [:]
    var failOn: FailureThreshold
    var rules: SeverityRules
    /// `--timings`.
    var showTimings: Bool

    /// Reads the configuration (`--config`, else `kb.yml` beside the content folder) and puts
    /// the flags over it. Flags that were not given are nil.
    init(
        content: String?, options: ContentOptions, failure: FailureOptions? = nil, site: SiteFlags? = nil, output: String? = nil
    ) throws {
        let title = site?.title, baseURL = site?.baseURL, outputs = site?.outputs
        // A ConfigurationError prints as file:line:col: error: message.
        let configuration = try Configuration.find(explicit: options.config, content: content)
        self.configuration = configuration
        contentPath = content ?? configuration.content.map(configuration.resolve) ?? "content"
        outputPath = output ?? configuration.output.map(configuration.resolve) ?? "site"
        outputNames = outputs.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? configuration.outputs
        failOn = failure?.strict == true ? .warning : failure?.failOn ?? configuration.failOn ?? .error
        showTimings = options.timings

        var siteOptions = SiteOptions(
            title: title ?? configuration.title ?? "Knowledge base", buildDate: BuildCommand.buildDate(),
            baseURL: baseURL ?? configuration.baseURL, editLink: configuration.editLink)
        siteOptions.strings = configuration.strings
        siteOptions.theme = configuration.theme
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
        try options.apply(to: &rules)
        self.rules = rules

        // Format options: kb.yml's sections and its templates, then the flags over them; each
        // checked once, where it was written.
        struct Setting {
            var format, option, value: String
            /// Whether a folder it names is relative to kb.yml.
            var inConfiguration: Bool
            var fault: (String) -> any Error
        }
        let file = configuration.file ?? Configuration.fileName
        var settings = configuration.formatOptions.map { setting in
            Setting(format: setting.format, option: setting.option, value: setting.value, inConfiguration: true) {
                ConfigurationError(file: file, line: setting.line, column: setting.column, message: "'\(setting.format)': " + $0)
            }
        }
        if let templates = configuration.templates {
            settings.append(Setting(format: PagesFormat.name, option: "templates", value: templates, inConfiguration: true) {
                ConfigurationError(file: file, message: "templates: " + $0)
            })
        }
        for flag in site?.formatOptions ?? [] {
            let fault: (String) -> any Error = { ValidationError("--set \(flag): \($0)") }
            guard let equals = flag.firstIndex(of: "="), let dot = flag[..<equals].firstIndex(of: ".") else {
                throw fault("an option is set as output.option=value (search.excerpt-length=300)")
            }
            settings.append(Setting(
                format: String(flag[..<dot]), option: String(flag[flag.index(after: dot)..<equals]),
                value: String(flag[flag.index(after: equals)...]), inConfiguration: false, fault: fault))
        }
        if let templates = site?.templates {
            settings.append(Setting(format: PagesFormat.name, option: "templates", value: templates, inConfiguration: false) {
                ValidationError("--templates \(templates): \($0)")
            })
        }
        // The last setting of an option wins: the earlier ones are not read (a folder twice).
        var last: [String: Int] = [:]
        for (index, setting) in settings.enumerated() { last[setting.format + "." + setting.option] = index }
        let limits = options.limits
        for (index, setting) in settings.enumerated() where last[setting.format + "." + setting.option] == index {
            guard let kind = OutputFormats.kinds.first(where: { $0.name == setting.format }) else {
                throw setting.fault("there is no output '\(setting.format)' (there are \(OutputFormats.kinds.map { $0.name }.joined(separator: ", ")))")
            }
            let isFolder = kind.options.first { $0.name == setting.option }?.kind == .folder
            let value = isFolder && setting.inConfiguration ? configuration.resolve(setting.value) : setting.value
            if kind.name == PagesFormat.name, setting.option == "templates" { templatesPath = value }
            do {
                try formatOptions[kind.name, default: FormatOptions()].set(
                    setting.option, to: value, declared: kind.options, readFolder: { try Self.readFolder($0, limits: limits) })
            } catch {
                throw setting.fault(error.message)
            }
        }
    }

    /// Every file below a folder an option names (templates), by its path relative to it, read
    /// as content is: inside the folder only, regular files, within the size limit.
    static func readFolder(_ path: String, limits: Limits) throws -> [String: [UInt8]] {
        let folder = try ContentTree(path: path, limits: limits)
        if let problem = folder.diagnostics.first(where: { $0.severity == .error }) {
            throw ValidationError("\(problem.file): \(problem.message)")
        }
        var files: [String: [UInt8]] = [:]
        for file in folder.files {
            files[file] = try folder.bytes(file)
        }
        return files
    }

    /// The language a content folder's own name gives (`…/da-dk`), for a tree of one language
    /// that kb.yml does not name.
    static func folderLocale(_ contentPath: String) -> String? {
        let name = URL(fileURLWithPath: contentPath).standardizedFileURL.lastPathComponent
        return ContentLayout.isLocaleFolder(name) && name.contains("-") ? name.lowercased() : nil
    }

    /// The formats to run, in the order they are registered, each with its options.
    func formats() throws -> [any OutputFormat] {
        do {
            return try OutputFormats.chosen(outputNames, options: formatOptions)
        } catch {
            throw ValidationError(error.message)
        }
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
