import KBOutput

/// `llms.txt` files and the Markdown twin of every article page; with the `llms-full` part
/// chosen, `llms-full.txt` per locale too, made from the same rendering as the twins.
public struct LanguageModelFormat: OutputFormat {
    public let name = "llms"
    public let optionalParts = ["llms-full"]

    public init() {}

    public func files(for input: OutputInput) -> [BuiltSite.File] {
        LanguageModelFiles(options: input.options).build(input.linked, memo: input.memo)
    }

    /// A language at a time (with a memo too: each language's twins are made in parallel).
    public func emit(for input: OutputInput, _ emit: ([BuiltSite.File]) throws -> Void) throws {
        try LanguageModelFiles(options: input.options).build(input.linked, memo: input.memo, emit: emit)
    }
}
