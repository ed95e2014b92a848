import Dispatch
import KBContract
import KBLinking
import KBCore
import KBOutput

/// Algolia DocSearch records per language (`api/v1/<locale>/search-records.json`,
/// `SearchRecordBuilder`), for a site that feeds an Algolia index: not written unless chosen
/// (`outputs: [..., docsearch]`), as only such a site needs them.
public struct DocSearchFormat: OutputFormat {
    public static let name = "docsearch"
    /// What the format keeps for the next build: each article's records, encoded.
    static let recordsSlot = MemoSlot<[[UInt8]]>("docsearch.records")
    public static let isDefault = false
    public static let folder: String? = Contract.folder

    public init() {}

    public init(options: FormatOptions) {}

    public func declareLinks(into links: inout SiteLinks) {
        links.declare(.docSearchRecords) { Contract.searchRecordsPath($0 ?? "") }
    }

    public func files(for input: OutputInput) -> [BuiltSite.File] {
        input.linked.locales.indices.map { file($0, input) }
    }

    /// A language at a time.
    public func emit(for input: OutputInput, _ emit: ([BuiltSite.File]) throws -> Void) throws {
        for index in input.linked.locales.indices {
            try emit([file(index, input)])
        }
    }

    /// The records file of one language: each article's records made (and, with a memo,
    /// reused while the article is unchanged) and encoded on every core, then put together.
    private func file(_ localeIndex: Int, _ input: OutputInput) -> BuiltSite.File {
        let linked = input.linked
        let locale = linked.locales[localeIndex]
        let recorder = SearchRecordBuilder(contract: ContractBuilder(options: input.options, links: input.links))
        let indices = linked.articles.indices.filter { linked.articles[$0].locale == locale }
        let encoded = ConcurrentResults<[[UInt8]]>(count: indices.count)
        DispatchQueue.concurrentPerform(iterations: indices.count) { position in
            let index = indices[position]
            let source = linked.articles[index].source
            encoded.set(position, input.memoized(Self.recordsSlot, source, from: [source]) {
                recorder.records(of: index, linked).map { BuiltContract.json($0, lineFeed: false) }
            })
        }
        let path = Contract.searchRecordsPath(locale)
        let empty = SearchRecordsFile(
            schema: Contract.schemaReference("search-records", from: path), formatVersion: Contract.formatVersion, locale: locale,
            records: [])
        return BuiltSite.File(
            path: path, contents: BuiltContract.splice(encoded.values.flatMap { $0 }, into: BuiltContract.json(empty),
                                                       at: "records"))
    }
}
