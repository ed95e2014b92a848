import KBLinking
import KBModel

/// One kind of output kb makes from the knowledge base: the HTML pages, the search index, the
/// JSON contract, the files for language models, the model dump. A format owns its options,
/// the paths it writes and the files others may name (`declareLinks`), and returns its files
/// without touching the disk; the build runs the formats it is given (`OutputFormats.kinds` in
/// KBPipeline is the one place they are registered) and puts what they return where it goes.
///
/// A new format is one type conforming to this protocol and one line in that list: its name
/// chooses it in the `outputs` setting, and its options are read from the kb.yml section of
/// that name and from `--set NAME.OPTION=VALUE`, checked against `options`.
public protocol OutputFormat: Sendable {
    /// What `--timings`, the `outputs` setting and kb.yml's section of its options call it:
    /// `pages`, `search`, `contract`.
    static var name: String { get }

    /// Whether a site has it when its outputs are not chosen (the `outputs` setting): the
    /// formats every site needs are; one only some sites need (DocSearch records) is not.
    static var isDefault: Bool { get }

    /// The options it takes. None by default.
    static var options: [FormatOption] { get }

    /// The folder of the site its files lie in (`search/`), when it has one; nil when they lie
    /// among others' (the pages).
    static var folder: String? { get }

    /// The format with its options, checked against `options`.
    init(options: FormatOptions) throws

    /// Declares where the files others may name lie (`SiteLinks`). None by default.
    func declareLinks(into links: inout SiteLinks)

    /// The paths and origins of the files `files(for:)` makes, without making them, for a check
    /// of the site's paths (`kb check`); nil when the format cannot tell without making them
    /// (the default). A format with a folder of its own need not: its files are made only when
    /// a file of the content lies in its folder.
    func plannedFiles(for input: OutputInput) -> [(path: String, origin: String?)]?

    /// The format's files for the knowledge base.
    func files(for input: OutputInput) -> [BuiltSite.File]

    /// The same files, handed to `emit` in parts as they are made (a language at a time), so
    /// that a build that writes them as they come (`kb build`) holds one part at a time. By
    /// default, all at once.
    func emit(for input: OutputInput, _ emit: ([BuiltSite.File]) throws -> Void) throws
}

extension OutputFormat {
    public static var isDefault: Bool { true }

    public static var options: [FormatOption] { [] }

    public static var folder: String? { nil }

    public var name: String { Self.name }

    public var isDefault: Bool { Self.isDefault }

    public func declareLinks(into links: inout SiteLinks) {}

    public func plannedFiles(for input: OutputInput) -> [(path: String, origin: String?)]? { nil }

    public func emit(for input: OutputInput, _ emit: ([BuiltSite.File]) throws -> Void) throws {
        try emit(files(for: input))
    }
}

/// What an output format is made from.
public struct OutputInput: Sendable {
    /// The model as extracted, every article and every diagnostic of reading it.
    public var model: KnowledgeBase
    /// The model as linked: articles that have a page of their own, translation groups,
    /// entry counterparts, the code index.
    public var linked: LinkedKnowledgeBase
    public var options: SiteOptions
    /// Where the files of the site's formats that others may name lie.
    public var links: SiteLinks
    /// What the last build made, to reuse what an edit did not touch (`kb serve`); nil to make
    /// everything.
    public var memo: OutputMemo?

    public init(model: KnowledgeBase, linked: LinkedKnowledgeBase, options: SiteOptions, links: SiteLinks = SiteLinks(), memo: OutputMemo? = nil) {
        self.model = model
        self.linked = linked
        self.options = options
        self.links = links
        self.memo = memo
    }
}
