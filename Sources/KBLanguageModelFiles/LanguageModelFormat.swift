import KBOutput

/// `llms.txt` files, `llms-full.txt` per locale and the Markdown twin of every article page.
public struct LanguageModelFormat: OutputFormat {
    public let name = "llms"

    public init() {}

    public func files(for input: OutputInput) -> [BuiltSite.File] {
        LanguageModelFiles(options: input.options).build(input.linked, memo: input.memo)
    }
}
