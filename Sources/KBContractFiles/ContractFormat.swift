import KBOutput

/// The JSON contract under `api/v1/` (`ContractBuilder`): articles, codes, chunks, DocSearch
/// records, the entry point and the schemas.
public struct ContractFormat: OutputFormat {
    public let name = "contract"

    public init() {}

    public func files(for input: OutputInput) -> [BuiltSite.File] {
        ContractBuilder(options: input.options).build(input.linked, memo: input.memo).files()
    }
}
