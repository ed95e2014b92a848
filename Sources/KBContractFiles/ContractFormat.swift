import KBContract
import KBOutput

/// The JSON contract under `api/v1/` (`ContractBuilder`): articles, codes, chunks, the entry
/// point and the schemas.
public struct ContractFormat: OutputFormat {
    public static let name = "contract"
    public static let folder: String? = Contract.folder

    public init() {}

    public init(options: FormatOptions) {}

    public func declareLinks(into links: inout SiteLinks) {
        links.declare(.contractIndex) { _ in Contract.indexPath }
        links.declare(.contractCodes) { _ in Contract.codesPath }
        links.declare(.contractArticles) { Contract.articlesPath($0 ?? "") }
        links.declare(.contractChunks) { Contract.chunksPath($0 ?? "") }
    }

    public func files(for input: OutputInput) -> [BuiltSite.File] {
        ContractBuilder(options: input.options, links: input.links).build(input.linked, memo: input.memo).files()
    }

    /// Without a memo, a language at a time: its files are made and handed on, its values let go.
    public func emit(for input: OutputInput, _ emit: ([BuiltSite.File]) throws -> Void) throws {
        guard input.memo == nil else { return try emit(files(for: input)) }
        try ContractBuilder(options: input.options, links: input.links).stream(input.linked, emit)
    }
}
