import ArgumentParser
import Foundation
import KBCore
import KBExtraction
import KBPipeline

/// How diagnostics are printed (`--diagnostics`).
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    /// `path:line:col: warning: message [id]`, then a count per kind.
    case console
    /// One JSON object: `{"diagnostics": [{file, line, column, severity, id, message, notes}], "summary": …}`.
    case json
    /// GitHub Actions workflow commands (`::warning file=…,line=…,col=…,title=id::message`),
    /// which a workflow shows as annotations on the pull request's files.
    case github
}

/// Hands a consumer the diagnostics with each file named as on the command line: the content
/// folder as given, then the file's path in it.
struct InContentFolder: DiagnosticConsumer {
    var path: String
    /// The locale folder a tree without locale folders was read as (`LocaleFolderView`).
    var virtualLocale: String?
    var consumer: any DiagnosticConsumer

    func receive(_ diagnostics: [Diagnostic]) {
        consumer.receive(diagnostics.map { Self.located($0, in: path, virtualLocale: virtualLocale) })
    }

    /// The diagnostic with its file named below the content folder `path`.
    static func located(_ diagnostic: Diagnostic, in path: String, virtualLocale: String?) -> Diagnostic {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        var located = diagnostic
        var file = diagnostic.file
        if let virtualLocale {
            if file == virtualLocale { file = "" } else if file.hasPrefix(virtualLocale + "/") { file.removeFirst(virtualLocale.count + 1) }
        }
        located.file = file.isEmpty ? path : prefix + file
        return located
    }
}

/// Prints diagnostics on standard error as `path:line:col: warning: message [id]`, the form
/// editors and CI annotate, followed by a count per kind. A long list (a first build of a large
/// docs set) is a page a person can read: every error up to `errorsShown`, then each kind of the
/// other diagnostics on a line with its count, its files and its first occurrence; `--verbose`
/// prints every one.
struct ConsoleDiagnostics: DiagnosticConsumer {
    /// Only the count per kind.
    var quiet: Bool
    /// Every diagnostic, however many.
    var verbose = false

    /// Up to this many diagnostics are printed one by one.
    static let printedInFull = 40
    /// The errors printed one by one when there are more diagnostics than that.
    static let errorsShown = 20

    func receive(_ diagnostics: [Diagnostic]) {
        FileHandle.standardError.write(Data(text(diagnostics).utf8))
    }

    func text(_ diagnostics: [Diagnostic]) -> String {
        var output = ""
        if quiet {
        } else if verbose || diagnostics.count <= Self.printedInFull {
            for diagnostic in diagnostics { output += diagnostic.consoleDescription + "\n" }
        } else {
            output += Self.grouped(diagnostics)
        }
        return output + Self.summary(diagnostics)
    }

    /// The errors one by one (the first `errorsShown`), then each kind of the rest: how many,
    /// in how many files, and its first.
    static func grouped(_ diagnostics: [Diagnostic]) -> String {
        var lines: [String] = []
        let errors = diagnostics.filter { $0.severity == .error }
        for error in errors.prefix(errorsShown) { lines.append(error.consoleDescription) }
        if errors.count > errorsShown { lines.append("… and \(errors.count - errorsShown) more errors") }
        var kinds: [String: (count: Int, files: Set<String>, first: Diagnostic)] = [:]
        for diagnostic in diagnostics where diagnostic.severity != .error {
            if var kind = kinds[diagnostic.identifier] {
                kind.count += 1
                kind.files.insert(diagnostic.file)
                kinds[diagnostic.identifier] = kind
            } else {
                kinds[diagnostic.identifier] = (1, [diagnostic.file], diagnostic)
            }
        }
        if !kinds.isEmpty {
            lines.append("The other diagnostics by kind, the most frequent first (--verbose prints each, --format json or github all for tools):")
            for (identifier, kind) in kinds.sorted(by: { ($1.value.count, $0.key) < ($0.value.count, $1.key) }) {
                let files = kind.files.count == 1 ? "1 file" : "\(kind.files.count) files"
                // The first one, cut short, its identifier kept at the end as on every line.
                var first = kind.first.consoleDescription
                let suffix = " [\(identifier)]"
                if first.hasSuffix(suffix) { first.removeLast(suffix.count) }
                if first.count > 150 { first = String(first.prefix(149)) + "…" }
                first += suffix
                lines.append("  \(kind.count) \(identifier) in \(files), first: \(first)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `12 warnings, 1 error: 9 anchor.duplicate, 3 code.suspect, 1 frontMatter.invalid`.
    static func summary(_ diagnostics: [Diagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "no problems found\n" }
        var counts: [String: Int] = [:]
        var severities: [Diagnostic.Severity: Int] = [:]
        for diagnostic in diagnostics {
            counts[diagnostic.identifier, default: 0] += 1
            severities[diagnostic.severity, default: 0] += 1
        }
        let totals = Diagnostic.Severity.allCases.compactMap { severity -> String? in
            guard let count = severities[severity] else { return nil }
            return "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
        }
        let kinds = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.value) \($0.key)" }
        return totals.joined(separator: ", ") + ": " + kinds.joined(separator: ", ") + "\n"
    }
}

/// The diagnostics as one JSON object on standard error, for tools.
struct JSONDiagnostics: DiagnosticConsumer {
    struct Record: Encodable {
        struct Note: Encodable {
            var line: Int?
            var column: Int?
            var message: String
        }
        var file: String
        var line: Int?
        var column: Int?
        var severity: String
        var id: String
        var message: String
        var notes: [Note]
    }

    struct Report: Encodable {
        var diagnostics: [Record]
        var summary: String
    }

    func receive(_ diagnostics: [Diagnostic]) {
        let records = diagnostics.map { diagnostic in
            Record(
                file: diagnostic.file, line: diagnostic.location?.line, column: diagnostic.location?.column,
                severity: diagnostic.severity.rawValue, id: diagnostic.identifier, message: diagnostic.message,
                notes: diagnostic.notes.map { Record.Note(line: $0.location?.line, column: $0.location?.column, message: $0.message) })
        }
        let summary = ConsoleDiagnostics.summary(diagnostics).trimmingCharacters(in: .newlines)
        let json = (try? JSONWriter.encode(Report(diagnostics: records, summary: summary))) ?? []
        FileHandle.standardError.write(Data(json + [0x0A]))
    }
}

/// The diagnostics as GitHub Actions workflow commands, one per line on standard error, then
/// the count per kind.
struct GitHubDiagnostics: DiagnosticConsumer {
    func receive(_ diagnostics: [Diagnostic]) {
        var output = ""
        for diagnostic in diagnostics {
            let command = switch diagnostic.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
            var properties = ["file=" + Self.property(diagnostic.file)]
            if let location = diagnostic.location {
                properties += ["line=\(location.line)", "col=\(location.column)"]
            }
            properties.append("title=" + Self.property(diagnostic.identifier))
            output += "::\(command) \(properties.joined(separator: ","))::\(Self.message(diagnostic.message))\n"
        }
        output += ConsoleDiagnostics.summary(diagnostics)
        FileHandle.standardError.write(Data(output.utf8))
    }

    /// Escaped as the workflow command syntax asks: `%`, CR and LF in messages, and `:` and
    /// `,` too in properties. Other control characters are escaped as on the console.
    static func message(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A").terminalEscaped
    }

    static func property(_ text: String) -> String {
        message(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

/// Prints how long each step took, for `--timings` and `bench/build`.
enum TimingConsole {
    /// `timings: read 0.04 s, front matter 0.12 s, … (CPU, summed over files); model 1.10 s, … (wall)`.
    static func report(_ state: BuildState, total: Duration) {
        report(steps: state.timings, stages: state.modelStages, total: total)
    }

    /// The same for steps that are not a pipeline's (a build that found nothing to do has none).
    static func report(steps: [(step: String, duration: Duration)], stages: StageTimings? = nil, total: Duration) {
        func seconds(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            let hundredths = Int((value * 100).rounded())
            return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) s"
        }
        let cpu = stages.map { stages in
            [
                ("read", stages.reading), ("front matter", stages.frontMatter), ("markdown", stages.markdown),
                ("extraction", stages.extraction),
            ].map { "\($0.0) \(seconds($0.1))" }.joined(separator: ", ") + " (CPU, summed over files); "
        }
        let elapsed = (steps + [("total", total)]).map { "\($0.0) \(seconds($0.1))" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("timings: \(cpu ?? "")\(elapsed) (wall)\n".utf8))
    }
}
