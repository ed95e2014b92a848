import KBLinking
import KBModel

/// One kind of output kb makes from the knowledge base: the HTML pages, the search index, the
/// JSON contract, the files for language models, the model dump. A format owns the paths it
/// writes and returns its files without touching the disk; the pipeline runs every format it
/// is given (`OutputFormats.all` in KBPipeline is the one place they are registered) and
/// the command line writes what they return.
///
/// A new format is one type conforming to this protocol and one line in that list.
public protocol OutputFormat: Sendable {
    /// What `--timings` and the `--outputs` setting call it: `pages`, `search`, `contract`.
    var name: String { get }

    /// Whether a site has it when its outputs are not chosen (the `outputs` setting): the
    /// formats every site needs are; one only some sites need (DocSearch records) is not.
    var isDefault: Bool { get }

    /// Parts of the format a site has only when the `outputs` setting names them
    /// (`llms-full`); naming one chooses the format too. None by default.
    var optionalParts: [String] { get }

    /// The format's files for the knowledge base.
    func files(for input: OutputInput) -> [BuiltSite.File]

    /// The same files, handed to `emit` in parts as they are made (a language at a time), so
    /// that a build that writes them as they come (`kb build`) holds one part at a time. By
    /// default, all at once.
    func emit(for input: OutputInput, _ emit: ([BuiltSite.File]) throws -> Void) throws
}

extension OutputFormat {
    public var isDefault: Bool { true }

    public var optionalParts: [String] { [] }

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
    /// What the last build made, to reuse what an edit did not touch (`kb serve`); nil to make
    /// everything.
    public var memo: OutputMemo?

    public init(model: KnowledgeBase, linked: LinkedKnowledgeBase, options: SiteOptions, memo: OutputMemo? = nil) {
        self.model = model
        self.linked = linked
        self.options = options
        self.memo = memo
    }
}
