import ArgumentParser
import Foundation
import KBContract

/// `kb lookup CODE`: the entries of an error code, in the terminal.
struct LookupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Print the entries of an error code: title, message, cause and steps, per language.",
        discussion: """
            The code may be written in any form the site's search accepts: 0x80CF0437, 80cf0437, \
            -2133916617, DeviceCapReached in any case. Reads the built site's api/v1/ files (--site), \
            or builds the model from a content folder (--content). Exits with status 1 when the code \
            is unknown, and suggests the nearest known codes.
            """
    )

    // Captured even when it starts with a minus sign, as the decimal form of an HRESULT does.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The error code, in any form (-2133916617 too).", valueName: "code"))
    var words: [String] = []

    var code: String { words.joined(separator: " ") }

    func validate() throws {
        if words.isEmpty { throw ValidationError("Missing expected argument '<code>'") }
    }

    @Option(help: "The built site to read (the output folder of kb build).")
    var site = "site"

    @Option(help: "Read this content folder instead of a built site.")
    var content: String?

    @Option(name: .customLong("lang"), help: "Only this locale or language (sv-se, sv).")
    var locale: String?

    @Flag(help: "Print the code's record of codes.json and its entries' records of articles.json, as JSON.")
    var json = false

    func run() async throws {
        let lookup: CodeLookup
        do {
            if let content {
                lookup = try await CodeLookup.build(content: content)
            } else {
                lookup = try CodeLookup.load(site: site)
            }
        } catch {
            throw ValidationError(String(describing: error))
        }
        let source = content ?? site
        guard let record = lookup.code(code) else {
            var message = "kb: no code \(code) in \(source)"
            let suggestions = lookup.suggestions(for: code)
            if !suggestions.isEmpty { message += "; did you mean " + suggestions.joined(separator: ", ") + "?" }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            throw ExitCode(1)
        }
        let matches = lookup.matches(record, locale: locale)
        if json {
            FileHandle.standardOutput.write(Data(Self.json(lookup.report(record, locale: locale))))
            return
        }
        FileHandle.standardOutput.write(Data(Self.text(record, matches, lookup: lookup).utf8))
        if matches.isEmpty, let locale {
            FileHandle.standardError.write(Data("kb: \(record.code) has no entry in \(locale); it has entries in \(record.locales.joined(separator: ", "))\n".utf8))
            throw ExitCode(1)
        }
    }

    static func json(_ report: CodeLookup.Report) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try! encoder.encode(report)) + [0x0A]
    }

    /// The entries for people: per language, the article, the entry's title, message, cause,
    /// resolution (its steps numbered) and where the entry is.
    static func text(_ record: CodeIndexRecord, _ matches: [CodeLookup.Match], lookup: CodeLookup) -> String {
        var lines: [String] = []
        var heading = record.code + "  (" + record.kind
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
