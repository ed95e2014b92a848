import KBOutput

/// The search index under `search/` (`SearchIndexBuilder`). Its option `excerpt-length` is the
/// most characters a result's snippet shows (kb.yml's `search: {excerpt-length: 200}`).
public struct SearchIndexFormat: OutputFormat {
    public static let name = "search"
    public static let folder: String? = SearchIndexBuilder.folder
    public static let options = [
        FormatOption("excerpt-length", .integer(40...2000), "the most characters a search result's snippet shows (40 to 2000; 200 when left out)", example: "200"),
    ]
    let excerptLength: Int

    public init(excerptLength: Int = 200) {
        self.excerptLength = excerptLength
    }

    public init(options: FormatOptions) {
        self.init(excerptLength: options.integer("excerpt-length") ?? 200)
    }

    public func files(for input: OutputInput) -> [BuiltSite.File] {
        SearchIndexBuilder(excerptLength: excerptLength).build(input.linked, memo: input.memo)
    }

    /// A language at a time; with a memo (`kb serve`, which keeps its files in memory anyway),
    /// every language at once, patched side by side.
    public func emit(for input: OutputInput, _ emit: ([BuiltSite.File]) throws -> Void) throws {
        guard input.memo == nil else { return try emit(files(for: input)) }
        try SearchIndexBuilder(excerptLength: excerptLength).build(input.linked, memo: input.memo, emit: emit)
    }
}
