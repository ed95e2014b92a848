import KBOutput

/// The JSON contract under `api/v1/` (`ContractBuilder`): articles, codes, chunks, DocSearch
/// records, the entry point and the schemas.
public struct ContractFormat: OutputFormat {
    public let name = "contract"

    public init() {}

    public func files(for input: OutputInput) -> [BuiltSite.File] {
        ContractBuilder(options: input.options).build(input.linked, memo: input.memo).files()
    }

    /// Without a memo, a language at a time: its files are made and handed on, its values let go.
    public func emit(for input: OutputInput, _ emit: ([BuiltSite.File]) throws -> Void) throws {
        guard input.memo == nil else { return try emit(files(for: input)) }
        try ContractBuilder(options: input.options).stream(input.linked, emit)
    }
}
