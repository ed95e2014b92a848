import Foundation
import KBCore
import KBOutput
import KBPages
import KBPipeline
import Yams

/// `kb.yml`: what a project sets once instead of on every command line. Flags given on the
/// command line override it. `kb init` writes a commented one (`Configuration.template`).
///
/// It is read from `--config`, else from the content folder's parent (the repository root when
/// the content is `docs/` or `content/`), else not at all. Every key is optional; an unknown
/// key, or a value of the wrong kind, is an error naming the file, line and column.
struct Configuration: Sendable {
    /// The file it was read from; nil for the defaults.
    var file: String?
    var title: String?
    var baseURL: String?
    /// The content folder, relative to the configuration file.
    var content: String?
    /// The output folder, relative to the configuration file.
    var output: String?
    /// A templates folder, relative to the configuration file.
    var templates: String?
    /// The language of a tree without locale folders (nil: the folder's name when it is a
    /// language tag, else `en`).
    var locale: String?
    /// The locales to build; all when nil.
    var locales: [String]?
    /// Globs of content paths to leave out (`drafts/**`, `**/_*.md`).
    var exclude: [String] = []
    /// The address of a page's source for editing, with `{path}` for its path below the
    /// configuration file's folder (`https://github.com/org/repo/edit/main/{path}`).
    var editLink: String?
    /// The outputs to write; all when nil.
    var outputs: [String]?
    /// A severity per diagnostic identifier (or family `link.*`, or `*`).
    var severities: [(identifier: String, rule: SeverityRules.Rule)] = []
    /// Which diagnostics make `kb build` and `kb check` exit with status 1.
    var failOn: FailureThreshold?
    /// The options of output formats, from the sections named after them (`search:
    /// {excerpt-length: 300}`), as written: checked against the format's declarations when the
    /// settings are put together (`Project`).
    var formatOptions: [FormatOptionSetting] = []
    /// The interface's words the site sets over kb's (`strings: {search: Find}`, or by locale or
    /// language: `strings: {de: {search: Finden}}`), under `*` for every language.
    var strings: [String: [String: String]] = [:]
    /// The site's logo, accent colours, CSS and head snippet (`theme: {logo: logo.svg, accent:
    /// "#0a6b3d", css: extra.css, head: head.html}`), its files read.
    var theme = SiteTheme()

    /// The folder relative paths in the file are resolved against.
    var folder: String? { file.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } }

    /// A path of the file (content, output, templates) as the process sees it.
    func resolve(_ path: String) -> String {
        guard let folder, !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: folder).appendingPathComponent(path).standardizedFileURL.path
    }
}

/// One option of an output format as kb.yml sets it, with where.
struct FormatOptionSetting: Sendable {
    var format: String
    var option: String
    var value: String
    var line: Int?
    var column: Int?
}

/// When a build or a check fails.
enum FailureThreshold: String, Sendable, CaseIterable, Equatable {
    /// On an error (the default).
    case error
    /// On an error or a warning (`--strict`).
    case warning
    /// Never: the build is written and the status is 0 whatever was reported.
    case never

    func fails(_ diagnostics: [Diagnostic]) -> Bool {
        switch self {
        case .error: diagnostics.contains { $0.severity == .error }
        case .warning: diagnostics.contains { $0.severity != .note }
        case .never: false
        }
    }
}

/// A problem with the configuration file, at a place in it.
struct ConfigurationError: Error, CustomStringConvertible {
    var file: String
    var line: Int?
    var column: Int?
    var message: String

    var description: String {
        "\(file)\(line.map { ":\($0)" } ?? "")\(column.map { ":\($0)" } ?? ""): error: \(message)"
    }
}

extension Configuration {
    static let fileName = "kb.yml"

    /// The keys, as written in the file, for the message naming an unknown one.
    static let keys = [
        "title", "base-url", "content", "output", "templates", "locale", "locales", "exclude", "edit-link", "outputs",
        "diagnostics", "fail-on", "strings", "theme",
    ] + OutputFormats.kinds.filter { !$0.options.isEmpty }.map { $0.name }

    /// The configuration `--config` names, else the `kb.yml` beside the content folder (in its
    /// parent folder), else the one in the current folder when no content folder is named,
    /// else none.
    static func find(explicit: String?, content: String?) throws -> Configuration {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw ConfigurationError(file: explicit, message: "there is no such configuration file")
            }
            return try load(explicit)
        }
        let folder = content.map { URL(fileURLWithPath: $0).standardizedFileURL.deletingLastPathComponent().path } ?? "."
        let candidate = URL(fileURLWithPath: folder).appendingPathComponent(fileName).path
        guard FileManager.default.fileExists(atPath: candidate) else { return Configuration() }
        return try load(content == nil ? fileName : candidate)
    }

    static func load(_ path: String) throws -> Configuration {
        let bytes: [UInt8]
        do {
            bytes = try ContentTree.read(path, limit: 1 << 20)
        } catch {
            throw ConfigurationError(file: path, message: "the configuration cannot be read: \(error)")
        }
        return try parse(String(decoding: bytes, as: UTF8.self), file: path)
    }

    /// Reads the text of a configuration file; `file` names it in errors.
    static func parse(_ text: String, file: String) throws -> Configuration {
        var configuration = Configuration(file: file)
        func error(_ node: Node?, _ message: String) -> ConfigurationError {
            ConfigurationError(file: file, line: node?.mark.map(\.line), column: node?.mark.map(\.column), message: message)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let yamlError as YamlError {
            switch yamlError {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw ConfigurationError(file: file, line: mark.line, column: mark.column, message: "this is not valid YAML: \(problem)")
            default:
                throw ConfigurationError(file: file, message: "this is not valid YAML: \(yamlError)")
            }
        }
        guard let root else { return configuration }
        guard let mapping = root.mapping else { throw error(root, "the configuration is a mapping of keys (title: …) to values") }

        func string(_ node: Node, _ key: String) throws -> String {
            guard let scalar = node.scalar else { throw error(node, "'\(key)' is a single value, not a list or a mapping") }
            return scalar.string
        }
        func strings(_ node: Node, _ key: String) throws -> [String] {
            if node.scalar != nil { return [try string(node, key)] }
            guard let sequence = node.sequence else { throw error(node, "'\(key)' is a list of text values") }
            return try sequence.map { try string($0, key) }
        }

        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw error(keyNode, "a key is text") }
            // A key with no value (every line below it commented out) is as if it were not there.
            if let scalar = value.scalar, scalar.style == .plain, ["", "~", "null"].contains(scalar.string), Self.keys.contains(key) {
                continue
            }
            switch key {
            case "title": configuration.title = try string(value, key)
            case "base-url":
                let url = try string(value, key)
                guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                    throw error(value, "'base-url' is an http or https address, such as https://help.example.com/kb/")
                }
                configuration.baseURL = url
            case "content": configuration.content = try string(value, key)
            case "output": configuration.output = try string(value, key)
            case "templates": configuration.templates = try string(value, key)
            case "locale":
                let locale = try string(value, key).lowercased()
                guard LanguageTag.isValid(locale) else { throw error(value, "'locale' is a language tag, such as en or nl-nl") }
                configuration.locale = locale
            case "locales":
                let locales = try strings(value, key).map { $0.lowercased() }
                if let bad = locales.first(where: { !LanguageTag.isValid($0) }) {
                    throw error(value, "'\(bad)' in 'locales' is not a language tag, such as en or nl-nl")
                }
                configuration.locales = locales
            case "exclude": configuration.exclude = try strings(value, key)
            case "edit-link":
                let pattern = try string(value, key)
                guard pattern.contains("{path}") else { throw error(value, "'edit-link' holds {path}, where the page's source path goes") }
                configuration.editLink = pattern
            case "outputs": configuration.outputs = try strings(value, key)
            case "diagnostics":
                guard let rules = value.mapping else {
                    throw error(value, "'diagnostics' maps identifiers to error, warning or ignore (link.broken: error)")
                }
                for (identifier, rule) in rules {
                    guard let name = identifier.scalar?.string, !name.isEmpty else { throw error(identifier, "an identifier is text") }
                    if let problem = DiagnosticID.problem(with: name) { throw error(identifier, problem) }
                    guard let parsed = SeverityRules.Rule(rawValue: try string(rule, name)) else {
                        throw error(rule, "'\(name)' is error, warning or ignore")
                    }
                    configuration.severities.append((name, parsed))
                }
            case "strings":
                guard let words = value.mapping else {
                    throw error(value, "'strings' maps the interface's words to the site's own (search: Find), or a language to them (de: {search: Finden})")
                }
                let names = SiteString.allCases.map(\.rawValue)
                func known(_ node: Node, _ name: String) throws {
                    guard SiteString(rawValue: name) == nil else { return }
                    let hint = EditDistance.nearest(to: name, among: names, within: 3).map { " (did you mean '\($0)'?)" } ?? ""
                    throw error(node, "there is no interface word '\(name)'\(hint); kb check --list-strings lists them")
                }
                for (nameNode, setting) in words {
                    guard let name = nameNode.scalar?.string, !name.isEmpty else { throw error(nameNode, "a word's name is text") }
                    guard let perLanguage = setting.mapping else {
                        try known(nameNode, name)
                        configuration.strings["*", default: [:]][name] = try string(setting, name)
                        continue
                    }
                    let locale = name.lowercased()
                    guard LanguageTag.isValid(locale) else {
                        throw error(nameNode, "'\(name)' in 'strings' is neither an interface word nor a language tag (de, de-de)")
                    }
                    for (inner, text) in perLanguage {
                        guard let innerName = inner.scalar?.string else { throw error(inner, "a word's name is text") }
                        try known(inner, innerName)
                        configuration.strings[locale, default: [:]][innerName] = try string(text, innerName)
                    }
                }
            case "theme":
                configuration.theme = try Self.theme(value, configuration: configuration, error: error, string: string)
            case "fail-on":
                guard let threshold = FailureThreshold(rawValue: try string(value, key)) else {
                    throw error(value, "'fail-on' is error, warning or never")
                }
                configuration.failOn = threshold
            case let name where OutputFormats.kinds.contains { $0.name == name }:
                let declared = OutputFormats.kinds.first { $0.name == name }!.options
                guard let options = value.mapping else {
                    let example = declared.first.map { " (\($0.name): …)" } ?? ""
                    throw error(value, "'\(name)' is a mapping of the output's options\(example)")
                }
                for (option, setting) in options {
                    guard let optionName = option.scalar?.string else { throw error(option, "an option's name is text") }
                    guard declared.contains(where: { $0.name == optionName }) else {
                        throw error(option, "'\(name)': " + FormatOptions.unknown(optionName, declared.map(\.name)))
                    }
                    configuration.formatOptions.append(FormatOptionSetting(
                        format: name, option: optionName, value: try string(setting, optionName),
                        line: setting.mark?.line, column: setting.mark?.column))
                }
            default:
                let hint = EditDistance.nearest(to: key, among: keys, within: 2).map { " (did you mean '\($0)'?)" } ?? ""
                throw error(keyNode, "there is no setting '\(key)'\(hint); the settings are \(keys.joined(separator: ", "))")
            }
        }
        return configuration
    }

    /// kb.yml's `theme`: each file read beside the configuration, each colour checked against the
    /// backgrounds it is drawn on (links need 4.5:1, WCAG 2.2 AA).
    static func theme(
        _ node: Node, configuration: Configuration, error: (Node?, String) -> ConfigurationError, string: (Node, String) throws -> String
    ) throws -> SiteTheme {
        let keys = ["logo", "accent", "accent-dark", "css", "head"]
        guard let mapping = node.mapping else { throw error(node, "'theme' is a mapping: logo, accent, accent-dark, css, head") }
        var theme = SiteTheme()
        func read(_ value: Node, _ key: String, limit: Int) throws -> [UInt8] {
            let path = configuration.resolve(try string(value, key))
            do {
                return try ContentTree.read(path, limit: limit)
            } catch {
                throw ConfigurationError(file: configuration.file ?? fileName, line: value.mark?.line, column: value.mark?.column,
                                         message: "'\(key)': \(path) cannot be read (\(error))")
            }
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw error(keyNode, "a key is text") }
            switch key {
            case "logo":
                let name = try string(value, key)
                let fileExtension = String(name.split(separator: ".").last ?? "").lowercased()
                guard ["svg", "png", "jpg", "jpeg", "webp", "gif", "avif"].contains(fileExtension) else {
                    throw error(value, "'logo' is an image: .svg, .png, .jpg, .webp, .gif or .avif")
                }
                let bytes = try read(value, key, limit: 1 << 20)
                if fileExtension == "svg", let reason = MediaPolicy.activeContent(inSVG: bytes) {
                    throw error(value, "'logo' is an SVG image that holds \(reason); a site's files run nothing")
                }
                theme.logo = (bytes, fileExtension)
            case "accent", "accent-dark":
                let colour = try string(value, key).lowercased()
                guard colour.hasPrefix("#"), SiteTheme.contrast(colour, "#000000") != nil else {
                    throw error(value, "'\(key)' is a colour written #rgb or #rrggbb, such as #0a6b3d")
                }
                let backgrounds = key == "accent" ? [("light", SiteTheme.lightBackground)] : [("dark", SiteTheme.darkBackground)]
                for (name, background) in backgrounds {
                    let ratio = SiteTheme.contrast(colour, background) ?? 0
                    guard ratio >= 4.5 else {
                        throw error(value, "'\(key)' \(colour) has a contrast of \(String(format: "%.1f", ratio)):1 on the \(name) background (\(background)); links need 4.5:1")
                    }
                }
                if key == "accent" { theme.accent = colour } else { theme.accentDark = colour }
            case "css": theme.css = String(decoding: try read(value, key, limit: 1 << 20), as: UTF8.self)
            case "head": theme.head = String(decoding: try read(value, key, limit: 64 << 10), as: UTF8.self)
            default:
                let hint = EditDistance.nearest(to: key, among: keys, within: 2).map { " (did you mean '\($0)'?)" } ?? ""
                throw error(keyNode, "'theme' has no setting '\(key)'\(hint); it has \(keys.joined(separator: ", "))")
            }
        }
        // An accent without a dark one is drawn on the dark background too.
        if let accent = theme.accent, theme.accentDark == nil, let ratio = SiteTheme.contrast(accent, SiteTheme.darkBackground), ratio < 4.5 {
            throw error(node, "'accent' \(accent) has a contrast of \(String(format: "%.1f", ratio)):1 on the dark background (\(SiteTheme.darkBackground)); set 'accent-dark' for the dark theme")
        }
        return theme
    }

    /// What `kb init` writes: every setting, commented, the outputs' options as they declare them.
    static let template = template(content: "content")

    /// The same, with `content` naming the folder of articles.
    static func template(content: String) -> String {
        settingsTemplate.replacingOccurrences(of: "\ncontent: content\n", with: "\ncontent: \(yamlScalar(content))\n") + outputOptionsTemplate
    }

    /// A folder name as a YAML value: quoted when YAML would read it otherwise.
    static func yamlScalar(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) } && !text.isEmpty
            && !["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased())
        return plain ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Each output's options under its name, commented (pages' one option is `templates`, above).
    static var outputOptionsTemplate: String {
        var lines = ["", "# The outputs' options, each under its output's name (or --set output.option=value)."]
        for kind in OutputFormats.kinds where kind.name != PagesFormat.name && !kind.options.isEmpty {
            lines.append("# \(kind.name):")
            for option in kind.options {
                lines.append("#   \(option.name): \(option.example)    # \(option.summary)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let settingsTemplate = """
        # kb.yml: the settings of this knowledge base. Flags on the command line override them.
        # Paths are relative to this file. Every setting is optional.

        # Shown in every page's header and title.
        title: Knowledge base

        # The address the site is published at, for the absolute URLs that OpenSearch, the JSON
        # contract, llms.txt and JSON-LD need.
        # base-url: https://help.example.com/kb/

        # The content folder: one folder per locale (content/en-us/…), or the articles themselves.
        content: content

        # Where `kb build` writes the site.
        output: site

        # A folder of templates and assets replacing the defaults of the same name.
        # templates: templates

        # The language of a content folder without locale folders.
        locale: en

        # Build only these locales (all when left out).
        # locales: [en-us, nl-nl]

        # Content paths to leave out, as globs: * within a folder, ** across folders.
        exclude:
          - "**/drafts/**"

        # A link from every page to its source, {path} being the file's path below this folder.
        # edit-link: https://github.com/org/repo/edit/main/{path}

        # The outputs to write: pages, search, contract, llms, llms-full (llms plus every article
        # of a language in one file) and docsearch (Algolia DocSearch records, for a site that
        # feeds Algolia). Left out: pages, search, contract, llms.
        # outputs: [pages, search, contract, llms-full, docsearch]

        # Severity per diagnostic identifier (a family: link.*; all: *): error, warning or ignore.
        diagnostics:
          # link.unresolved: error
          # table.*: ignore

        # When kb build and kb check exit with status 1: error (the default), warning, or never.
        fail-on: error

        # The site's look: a logo before its title, an accent colour for links and buttons
        # (4.5:1 on the light background, accent-dark on the dark one), CSS after kb's, and
        # HTML for every page's <head> (an analytics tag). Paths are relative to this file.
        # theme:
        #   logo: images/logo.svg
        #   accent: "#0a6b3d"
        #   accent-dark: "#6fd39b"
        #   css: theme/extra.css
        #   head: theme/head.html

        # The interface's words over kb's own (kb check --list-strings lists them), for every
        # language, or under a language or locale.
        # strings:
        #   search: Find
        #   de:
        #     search: Finden

        """
}

/// BCP 47 language tags of the kind DocFX uses: `en`, `nl-nl`, `zh-hans-cn`.
enum LanguageTag {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { part in (2...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
