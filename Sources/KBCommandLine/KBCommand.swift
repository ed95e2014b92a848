import ArgumentParser

/// `kb`: builds a searchable help site from localized troubleshooting articles.
public struct KBCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Build a searchable help site from localized DocFX troubleshooting articles.",
        discussion: """
            Reads a content tree of DocFX Markdown articles (content/<locale>/<path>.md), extracts \
            error tables, error sections and procedures into a typed model, and writes a static site.
            """,
        version: "0.1.0",
        subcommands: [BuildCommand.self, DumpCommand.self]
    )

    public init() {}
}

/// Options shared by the commands that read content.
struct ContentOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only the count of diagnostics per kind, not each one.")
    var quiet = false

    @Flag(help: "Exit with status 1 when any error or warning is found (after writing everything).")
    var strict = false

    @Flag(help: "Print the time spent in each stage on standard error.")
    var timings = false
}

extension KBCommand {
    /// Parses the process's arguments and runs the chosen command: the one call `main.swift` makes.
    public static func runFromCommandLine() async {
        // Named through an async function type so that the asynchronous `main` is chosen over
        // the synchronous one that `ParsableCommand` also provides.
        let main: () async -> Void = Self.main
        await main()
    }
}
