import KBOutput

/// The model as extracted, as one JSON file (`ModelDump`): what `kb dump` prints.
public struct DumpFormat: OutputFormat {
    public static let name = "dump"
    /// Where the dump lies in the output.
    public static let path = "model.json"

    public init() {}

    public init(options: FormatOptions) {}

    public func files(for input: OutputInput) -> [BuiltSite.File] {
        [BuiltSite.File(path: Self.path, contents: ModelDump.json(input.model))]
    }
}
