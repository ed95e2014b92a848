import KBOutput

/// `llms.txt` files and the Markdown twin of every article page; with its option `full` (or
/// `llms-full` among the outputs), `llms-full.txt` per locale too, made from the same rendering
/// as the twins.
public struct LanguageModelFormat: OutputFormat {
    public static let name = "llms"
    public static let options = [
        FormatOption("full", .flag, "every article of a language in one Markdown file, <locale>/llms-full.txt", part: "llms-full"),
    ]
    /// Whether each language gets `llms-full.txt`.
    let full: Bool

    public init(full: Bool = false) {
        self.full = full
    }

    public init(options: FormatOptions) {
        self.init(full: options.flag("full"))
    }

    public func declareLinks(into links: inout SiteLinks) {
        links.declare(.llms) { LanguageModelFiles.llmsPath($0) }
        links.declare(.markdownTwin) { LanguageModelFiles.twinPath(ofPage: $0 ?? "") }
        if full { links.declare(.llmsFull) { LanguageModelFiles.llmsFullPath($0 ?? "") } }
    }

    public func plannedFiles(for input: OutputInput) -> [(path: String, origin: String?)]? {
        LanguageModelFiles(options: input.options, full: full, links: input.links).plannedFiles(input.linked)
    }

    public func files(for input: OutputInput) -> [BuiltSite.File] {
        LanguageModelFiles(options: input.options, full: full, links: input.links).build(input.linked, memo: input.memo)
    }

    /// A language at a time (with a memo too: each language's twins are made in parallel).
    public func emit(for input: OutputInput, _ emit: ([BuiltSite.File]) throws -> Void) throws {
        try LanguageModelFiles(options: input.options, full: full, links: input.links).build(input.linked, memo: input.memo, emit: emit)
    }
}
