import KBOutput

/// The search index under `search/` (`SearchIndexBuilder`).
public struct SearchIndexFormat: OutputFormat {
    public let name = "search"

    public init() {}

    public func files(for input: OutputInput) -> [BuiltSite.File] {
        SearchIndexBuilder(excerptLength: input.options.searchExcerptLength).build(input.linked, memo: input.memo)
    }

    /// A language at a time.
    public func emit(for input: OutputInput, _ emit: ([BuiltSite.File]) throws -> Void) throws {
        try SearchIndexBuilder(excerptLength: input.options.searchExcerptLength).build(input.linked, memo: input.memo, emit: emit)
    }
}
