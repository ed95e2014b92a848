import KBCore
import KBModel
import Synchronization

/// What linking found in one build, kept for the next (`kb serve`). When the outline of the
/// knowledge base is what it was (`ArticleOutline`: everything linking reads of an article but
/// the text and the links of its own), translation groups, entry counterparts and the code
/// index are what they were, and only the links of changed articles are checked again.
public final class LinkCache: Sendable {
    struct Previous: Sendable {
        var articles: [String: (article: Article, outline: ArticleOutline)]
        var outlines: [ArticleOutline]
        var contentFiles: Set<String>
        var linked: LinkedKnowledgeBase
        /// The problems found grouping translations.
        var groupDiagnostics: [Diagnostic]
        /// The problems of each article's links, by source.
        var checks: [String: Set<Diagnostic>]
        /// The words that may be codes of the articles whose were read (`Article.codeWords`), by
        /// source: read when the code index changes, kept while the article does not.
        var codeWords: [String: Set<String>] = [:]
    }

    let previous = Mutex<Previous?>(nil)

    public init() {}
}

/// What changed since the build a `LinkCache` remembers.
public struct BuildChanges: Sendable, Equatable {
    /// Whether the outline is the same: the same articles at the same places with the same
    /// titles, metadata, anchors and entries (their text aside), and the same content files.
    public var sameOutline: Bool
    /// The articles (indices) that are not equal to what they were.
    public var changed: Set<Int>
    /// When the outline changed, whether only within the changed articles: the same languages,
    /// articles added or removed or not, and no other file; `changed` then holds every article
    /// whose pages may differ: those whose group's members changed, those the folders'
    /// navigation lists when one of them did, and those that name a code the code index added,
    /// removed or gave other entries. Then only the outputs that read a changed article, or all
    /// of them (the homes, the indexes), are made again (`OutputMemo`).
    public var sameShape: Bool
    /// Whether the code index holds the same codes with the same entries: else what every code
    /// makes (the search's code shards) is made again.
    public var sameCodes: Bool

    public init(sameOutline: Bool, changed: Set<Int>, sameShape: Bool = false, sameCodes: Bool? = nil) {
        self.sameOutline = sameOutline
        self.changed = changed
        self.sameShape = sameShape
        self.sameCodes = sameCodes ?? sameOutline
    }
}

/// Everything of an article that linking, and the pages of other articles, read: the article
/// without the text of its sections and entries, its links and its source positions (which
/// move when a line is added).
public struct ArticleOutline: Equatable, Sendable {
    struct EntryOutline: Equatable, Sendable {
        var id: String
        var anchor: String?
        var kind: ErrorEntry.Kind
        var title: String
        var messages: [String]
        var codes: [String]
        var codeKinds: [ErrorCode.Kind]
        var aliases: [[String]]
        var sectionPath: [String]
        var platform: String?
    }

    var id: String
    var locale: String
    var source: String
    var title: String
    var translationKey: String
    var metadata: ArticleMetadata
    var anchors: Set<String>
    var sections: [String]
    var entries: [EntryOutline]
    var procedures: [String]

    init(_ article: Article) {
        id = article.id
        locale = article.locale
        source = article.source
        title = article.title
        translationKey = article.translationKey
        metadata = article.metadata
        anchors = article.anchors
        sections = article.sections.map { "\($0.level) \($0.anchor) \($0.titleText)" }
        entries = article.entries.map { entry in
            EntryOutline(
                id: entry.id, anchor: entry.anchor, kind: entry.kind, title: entry.title, messages: entry.messages,
                codes: entry.codes.map { $0.code + "\u{0}" + $0.raw }, codeKinds: entry.codes.map(\.kind), aliases: entry.codes.map(\.aliases),
                sectionPath: entry.sectionPath, platform: entry.platform)
        }
        procedures = article.procedures.map { $0.id + "\u{0}" + $0.sectionAnchor + "\u{0}" + $0.title }
    }
}
