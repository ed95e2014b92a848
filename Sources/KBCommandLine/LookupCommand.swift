import ArgumentParser
import Foundation
import KBContract
import KBCore
import KBPipeline
import KBQuery

/// `kb lookup CODE`: the entries of an error code, in the terminal.
struct LookupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Print the entries of an error code: title, message, cause and steps, per language.",
        discussion: """
            The code may be written in any form the site's search accepts: 0x80CF0437, 80cf0437, \
            -2133916617, DeviceCapReached in any case. Prints the entries in the language of --lang, else \
            in the terminal's (LC_ALL, LC_MESSAGES or LANG: en_US.UTF-8 is en-us, then any English) when the \
            code has entries in it, and names the other languages, which --all-languages prints after \
            them; without either, every language. Reads the built site's api/v1/ files (--site), \
            or builds the contract in memory from a content folder (--content) with the settings kb build \
            would read (the kb.yml beside it, or --config). Exits with status 1 when the code \
            is unknown, and suggests the nearest known codes.
            """
    )

    // Captured even when it starts with a minus sign, as the decimal form of an HRESULT does.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The error code, in any form (-2133916617 too).", valueName: "code"))
    var words: [String] = []

    /// The words typed, without the `--` that lets a word start with a minus sign.
    var code: String { words.filter { $0 != "--" }.joined(separator: " ") }

    /// The command line with the words of a lookup's code joined into one argument after `--`
    /// (ArgumentParser reads many loose words in quadratic time, and a code may start with a
    /// minus sign); other commands' arguments pass unchanged.
    static func preparedArguments(_ arguments: [String]) -> [String] {
        guard arguments.first == configuration.commandName else { return arguments }
        let withValue: Set<String> = ["--site", "--content", "--lang", "--config"]
        let flags: Set<String> = ["--json", "--all-languages", "-h", "--help"]
        var options: [String] = []
        var words: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                words += arguments[(index + 1)...]
                break
            }
            if withValue.contains(argument), index + 1 < arguments.count {
                options += [argument, arguments[index + 1]]
                index += 2
                continue
            }
            if flags.contains(argument) || withValue.contains(where: { argument.hasPrefix($0 + "=") }) {
                options.append(argument)
            } else {
                words.append(argument)
            }
            index += 1
        }
        return [arguments[0]] + options + (words.isEmpty ? [] : ["--", words.joined(separator: " ")])
    }

    func validate() throws {
        if words.isEmpty { throw ValidationError("Missing expected argument '<code>'") }
    }

    @Option(help: "The built site to read (the output folder of kb build).")
    var site = "site"

    @Option(help: "Read this content folder instead of a built site, with the settings of its kb.yml (locale, locales, exclude, limits), as kb build would.")
    var content: String?

    @Option(help: "The configuration file for --content (default: kb.yml beside the content folder).")
    var config: String?

    @Option(name: .customLong("lang"), help: "Only this locale or language (sv-se, sv).")
    var locale: String?

    @Flag(help: "Print the code's record of codes.json and its entries' records of articles.json, as JSON (every language, or --lang's).")
    var json = false

    @Flag(help: "Print the other languages' entries too, after those of --lang or of the terminal's language.")
    var allLanguages = false

    func run() async throws {
        let lookup: CodeLookup
        do {
            if let content {
                lookup = try await Self.lookup(content: content, config: config)
            } else {
                lookup = try CodeLookup.load(reading: SiteFolder.reader(site), site: site)
            }
        } catch {
            throw ValidationError(String(describing: error))
        }
        let source = content ?? site
        guard let record = lookup.code(code) else {
            let shown = code.count > 80 ? String(code.prefix(79)) + "…" : code
            var message = "kb: no code \(shown.terminalEscaped) in \(source)"
            let suggestions = lookup.suggestions(for: code)
            if !suggestions.isEmpty { message += "; did you mean " + suggestions.joined(separator: ", ") + "?" }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            throw ExitCode(1)
        }
        if json {
            FileHandle.standardOutput.write(Data(Self.json(lookup.report(record, locale: locale))))
            return
        }
        let matches: [CodeLookup.Match]
        var others: [String] = []
        if allLanguages {
            // Every language, the chosen one first.
            let preferred = locale ?? Self.terminalLocale(ProcessInfo.processInfo.environment)
            matches = Self.ordered(lookup.matches(record), preferring: preferred)
        } else if let locale {
            matches = lookup.matches(record, locale: locale)
        } else if let preferred = Self.terminalLocale(ProcessInfo.processInfo.environment),
                  case let all = Self.ordered(lookup.matches(record), preferring: preferred),
                  case let own = all.filter({ Self.rank($0.article.locale, preferring: preferred) < 2 }), !own.isEmpty {
            matches = own
            others = Array(Set(all.map(\.article.locale)).subtracting(own.map(\.article.locale))).sorted()
        } else {
            matches = lookup.matches(record)
        }
        // The entries' text comes from the content: nothing in it may act on the terminal.
        var text = Self.text(record, matches, lookup: lookup)
        if !others.isEmpty {
            text += "\nAlso in \(others.joined(separator: ", ")): --all-languages prints them, --lang chooses one.\n"
        }
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).terminalEscaped }.joined(separator: "\n")
        FileHandle.standardOutput.write(Data(text.utf8))
        if matches.isEmpty, let locale {
            FileHandle.standardError.write(Data("kb: \(record.code) has no entry in \(locale); it has entries in \(record.locales.joined(separator: ", "))\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The terminal's language as a locale (`en_US.UTF-8` → `en-us`), from the variables that
    /// choose messages' language in their order; nil for C and POSIX, or when none is set.
    static func terminalLocale(_ environment: [String: String]) -> String? {
        guard let value = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else { return nil }
        let name = value.split(separator: ".").first.map(String.init)?.split(separator: "@").first.map(String.init) ?? ""
        guard !name.isEmpty, name != "C", name != "POSIX", name.allSatisfy({ $0.isLetter || $0 == "_" || $0 == "-" }) else { return nil }
        return name.replacingOccurrences(of: "_", with: "-").lowercased()
    }

    /// 0 for the preferred locale itself, 1 for another of its language, 2 for the others.
    static func rank(_ locale: String, preferring preferred: String?) -> Int {
        guard let preferred else { return 2 }
        if locale == preferred { return 0 }
        let language = String(preferred.split(separator: "-").first ?? "")
        return CodeLookup.locale(locale, matches: language) ? 1 : 2
    }

    /// The entries, the preferred locale's first, then its language's, then the others, each in the order given.
    static func ordered(_ matches: [CodeLookup.Match], preferring preferred: String?) -> [CodeLookup.Match] {
        matches.enumerated().sorted { a, b in
            let (rankA, rankB) = (rank(a.element.article.locale, preferring: preferred), rank(b.element.article.locale, preferring: preferred))
            return rankA != rankB ? rankA < rankB : a.offset < b.offset
        }.map(\.element)
    }

    /// The contract built in memory from a content folder, as `kb build` would write it.
    static func lookup(content: String, config: String? = nil) async throws -> CodeLookup {
        let project = try Project(content: content, options: try ContentOptions.parse(config.map { ["--config", $0] } ?? []))
        let tree = try ContentTree(path: project.contentPath, limits: project.settings.limits)
        let state = try await SiteBuild.contract(project.settings).make(tree, diagnostics: project.makeDiagnosticEngine())
        let files = state.filesByPath
        return try CodeLookup.load(reading: { path in files[path].map { Data($0.contents) } }, site: nil)
    }

    static func json(_ report: CodeLookup.Report) -> [UInt8] {
        try! JSONWriter.encode(report, style: .pretty) + [0x0A]
    }

    /// The entries for people: per language, the article, the entry's title, message, cause,
    /// resolution (its steps numbered) and where the entry is.
    static func text(_ record: CodeIndexRecord, _ matches: [CodeLookup.Match], lookup: CodeLookup) -> String {
        var lines: [String] = []
        var heading = record.code + "  (" + record.kind.rawValue
        if let hresult = record.hresult {
            heading += "; HRESULT \(hresult.severity), facility \(hresult.facility)"
            if let name = hresult.facilityName { heading += " \(name)" }
            heading += ", code \(hresult.code); \(hresult.signed)"
            if let win32 = hresult.win32Error { heading += "; Win32 error \(win32)" + (hresult.win32ErrorName.map { " \($0)" } ?? "") }
        }
        lines.append(heading + ")")
        let locales = Set(matches.map(\.article.locale))
        lines.append("\(matches.count) \(matches.count == 1 ? "entry" : "entries") in \(locales.count) \(locales.count == 1 ? "language" : "languages")")
        for match in matches {
            let entry = match.entry
            lines.append("")
            lines.append("[\(match.article.locale)] \(match.article.title)")
            lines.append("  " + entry.title)
            for message in entry.messages where message != entry.title { lines += block("Message", message) }
            if let cause = entry.cause { lines += block("Cause", cause.text) }
            if let resolution = entry.resolution { lines += block("Resolution", resolution.text) }
            lines.append("  " + lookup.location(entry.url))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A labelled text, its lines indented under the label.
    static func block(_ label: String, _ text: String) -> [String] {
        let textLines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard textLines.count > 1 || (textLines.first?.count ?? 0) > 60 else { return ["  \(label): " + (textLines.first ?? "")] }
        return ["  \(label):"] + textLines.map { "    " + $0 }
    }
}
