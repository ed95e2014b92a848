import KBOutput

/// The search index under `search/` (`SearchIndexBuilder`).
public struct SearchIndexFormat: OutputFormat {
    public let name = "search"

    public init() {}

    public func files(for input: OutputInput) -> [BuiltSite.File] {
        SearchIndexBuilder(excerptLength: input.options.searchExcerptLength).build(input.linked, memo: input.memo)
    }

    /// A language at a time; with a memo (`kb serve`, which keeps its files in memory anyway),
    /// every language at once, patched side by side.
    public func emit(for input: OutputInput, _ emit: ([BuiltSite.File]) throws -> Void) throws {
        guard input.memo == nil else { return try emit(files(for: input)) }
        try SearchIndexBuilder(excerptLength: input.options.searchExcerptLength).build(input.linked, memo: input.memo, emit: emit)
    }
}
