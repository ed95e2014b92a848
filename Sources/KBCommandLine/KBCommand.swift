import ArgumentParser
import KBCore

/// `kb`: builds a searchable help site from localized troubleshooting articles.
public enum KBTool {
    public static let name = "kb"
    public static let abstract = "Build a searchable help site from localized DocFX troubleshooting articles."
    public static let discussion = """
        Reads a content tree of DocFX Markdown articles (content/<locale>/<path>.md), extracts \
        error tables, error sections and procedures into a typed model, and writes a static site \
        with its search index and a versioned JSON contract for machines (api/v1/, llms.txt).
        """
    public static let version = "0.1.0"
    public static let commands: [any ParsableCommand.Type] = [
        InitCommand.self, BuildCommand.self, ServeCommand.self, CheckCommand.self, DumpCommand.self, LookupCommand.self, MCPCommand.self,
    ]
}

/// When a command that ends (build, check, dump) exits with status 1; not kb serve's.
struct FailureOptions: ParsableArguments {
    @Flag(help: "Exit with status 1 when a warning is reported, as for an error (the same as --fail-on warning).")
    var strict = false

    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "When to exit with status 1, after writing everything: error (the default), warning, or never.", valueName: "level"))
    var failOn: FailureThreshold?
}

/// Options shared by the commands that read content.
struct ContentOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only the count of diagnostics per kind, not each one.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every diagnostic; by default more than 40 are summarized: the errors one by one (20 at most), the rest a line per kind.")
    var verbose = false

    @Option(help: ArgumentHelp(
        "The settings file (default: kb.yml in the content folder's parent folder; see kb init). Flags override it.",
        valueName: "file"))
    var config: String?


    @Option(name: .customLong("error"), help: ArgumentHelp(
        "Report diagnostics with this identifier as errors (anchor.duplicate; a family: code.*; all: *). Repeatable.",
        valueName: "id"))
    var errorIDs: [String] = []

    @Option(name: .customLong("warn"), help: ArgumentHelp("Report diagnostics with this identifier as warnings. Repeatable.", valueName: "id"))
    var warningIDs: [String] = []

    @Option(name: .customLong("ignore"), help: ArgumentHelp("Do not report diagnostics with this identifier. Repeatable.", valueName: "id"))
    var ignoredIDs: [String] = []

    @Option(name: [.customLong("format"), .customLong("diagnostics")], help: "How diagnostics are printed on standard error: console (path:line:col: severity: message [id]), json (one object: the diagnostics and their summary), or github (workflow annotations).")
    var diagnosticFormat: DiagnosticFormat = .console

    @Flag(help: "Print the time spent in each stage on standard error.")
    var timings = false

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp(
        "The largest file kb reads, in bytes (suffixes K, M): larger articles, includes and toc files are reported and left out.",
        valueName: "bytes"))
    var maxFileSize: ByteCount = ByteCount(Limits.default.fileSize)

    /// Puts the severities chosen on the command line over `rules` (each option repeatable, each
    /// value a list separated by commas).
    func apply(to rules: inout SeverityRules) throws {
        func identifiers(_ values: [String]) throws -> [String] {
            let names = values.flatMap { $0.split(separator: ",").map(String.init) }
            if let problem = names.lazy.compactMap(DiagnosticID.problem(with:)).first { throw ValidationError(problem) }
            return names
        }
        rules.set(.error, for: try identifiers(errorIDs))
        rules.set(.warning, for: try identifiers(warningIDs))
        rules.set(.ignore, for: try identifiers(ignoredIDs))
    }

    /// Prints what the engine collected, in the chosen format, each file named as on the command
    /// line: below the content folder. `virtualLocale` is the locale folder a tree without them
    /// was read as, taken off the paths again.
    func report(_ engine: DiagnosticEngine, contentPath: String, virtualLocale: String? = nil) {
        let consumer: any DiagnosticConsumer = switch diagnosticFormat {
        case .console: ConsoleDiagnostics(quiet: quiet, verbose: verbose)
        case .json: JSONDiagnostics()
        case .github: GitHubDiagnostics()
        }
        engine.flush(to: [InContentFolder(path: contentPath, virtualLocale: virtualLocale, consumer: consumer)])
    }

    /// The limits of the build, with the ones set on the command line.
    var limits: Limits {
        var limits = Limits.default
        limits.fileSize = maxFileSize.value
        return limits
    }
}

extension FailureThreshold: ExpressibleByArgument {}

/// A number of bytes written as `5000000`, `512K` or `5M`.
struct ByteCount: ExpressibleByArgument, Sendable {
    var value: Int

    init(_ value: Int) {
        self.value = value
    }

    init?(argument: String) {
        let multipliers: [Character: Int] = ["K": 1024, "k": 1024, "M": 1024 * 1024, "m": 1024 * 1024, "G": 1 << 30, "g": 1 << 30]
        var digits = Substring(argument)
        var multiplier = 1
        if let last = digits.last, let factor = multipliers[last] {
            multiplier = factor
            digits = digits.dropLast()
        }
        guard let number = Int(digits), number > 0, number <= Int.max / multiplier else { return nil }
        value = number * multiplier
    }

    var defaultValueDescription: String {
        value % (1024 * 1024) == 0 ? "\(value / (1024 * 1024))M" : "\(value)"
    }
}

extension AsyncParsableCommand {
    /// Parses the process's arguments and runs the chosen command: the one call `main.swift` makes.
    public static func runFromCommandLine() async {
        // Named through an async function type so that the asynchronous `main` is chosen over
        // the synchronous one that `ParsableCommand` also provides.
        let main: ([String]?) async -> Void = Self.main
        await main(LookupCommand.preparedArguments(Array(CommandLine.arguments.dropFirst())))
    }
}
