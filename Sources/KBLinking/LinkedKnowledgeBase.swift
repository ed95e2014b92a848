import KBCore
import KBModel

/// The knowledge base with its articles linked across languages: translation groups, the
/// counterparts of every entry, every code with the entries that carry it, and the problems
/// found checking links.
public struct LinkedKnowledgeBase: Sendable {
    public private(set) var knowledgeBase: KnowledgeBase
    public let groups: [TranslationGroup]
    /// Article index → the index of its group in `groups`.
    public let groupOfArticle: [Int]
    public let codes: CodeIndex
    /// Problems found while linking, sorted; `allDiagnostics` adds the knowledge base's own.
    public let diagnostics: [Diagnostic]
    let counterpartsOfEntry: [EntryReference: [EntryReference]]
    let articleIndex: [String: Int]
    /// What changed since the last build, when linked with a `LinkCache`; nil otherwise.
    public internal(set) var changes: BuildChanges?
    /// The locales present, sorted: worked out once, since pages ask it for every article.
    public let locales: [String]

    init(
        knowledgeBase: KnowledgeBase, groups: [TranslationGroup], groupOfArticle: [Int], codes: CodeIndex, diagnostics: [Diagnostic],
        counterpartsOfEntry: [EntryReference: [EntryReference]], articleIndex: [String: Int], changes: BuildChanges?
    ) {
        self.knowledgeBase = knowledgeBase
        self.groups = groups
        self.groupOfArticle = groupOfArticle
        self.codes = codes
        self.diagnostics = diagnostics
        self.counterpartsOfEntry = counterpartsOfEntry
        self.articleIndex = articleIndex
        self.changes = changes
        locales = knowledgeBase.locales
    }

    public var articles: [Article] { knowledgeBase.articles }

    public func article(_ reference: EntryReference) -> Article { articles[reference.article] }
    public func entry(_ reference: EntryReference) -> ErrorEntry { articles[reference.article].entries[reference.entry] }

    /// The article with this locale and id.
    public func article(locale: String, id: String) -> Int? { articleIndex["\(locale)\u{0}\(id)"] }

    /// The other languages of an article, sorted by locale.
    public func translations(of article: Int) -> [Int] {
        groups[groupOfArticle[article]].articles.filter { $0 != article }
    }

    /// The same entry in the other languages of its article, sorted by locale.
    public func counterparts(of entry: EntryReference) -> [EntryReference] {
        counterpartsOfEntry[entry] ?? []
    }

    /// The knowledge base's diagnostics and the linking ones, sorted.
    public var allDiagnostics: [Diagnostic] {
        (knowledgeBase.diagnostics + diagnostics).sorted()
    }

    /// The same, without each article's list of links: linking has checked them, and nothing
    /// after it reads them, so a build need not hold them while its outputs are made.
    public func droppingLinks() -> LinkedKnowledgeBase {
        var copy = self
        copy.knowledgeBase.droppingLinks()
        return copy
    }
}

extension KnowledgeBase {
    /// Lets every article's list of links go (`LinkedKnowledgeBase.droppingLinks`).
    public mutating func droppingLinks() {
        for index in articles.indices { articles[index].links = [] }
    }
}

/// Every code with the entries that carry it, in every article and language.
public struct CodeIndex: Sendable {
    public struct Code: Sendable, Equatable {
        public var code: String
        public var kind: ErrorCode.Kind
        /// Other written forms (decimal restatements), for search.
        public var aliases: [String]
        /// Sorted by locale, then article, then place in the article.
        public var entries: [EntryReference]
    }

    /// Sorted by code.
    public let codes: [Code]
    private let positions: [String: Int]

    init(codes: [Code]) {
        self.codes = codes
        positions = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1.code, $0) })
    }

    public subscript(code: String) -> Code? {
        positions[code].map { codes[$0] }
    }
}
