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
    /// When the outline changed, whether only within the changed articles: the same articles
    /// at the same places in the same translation groups, the same content files, the same code
    /// index (every code with the same entries) and no title of an article no table of contents
    /// lists (the folders' navigation shows those). Then only the outputs that read a changed
    /// article, or all of them (the homes, the indexes), are made again (`OutputMemo`).
    public var sameShape: Bool

    public init(sameOutline: Bool, changed: Set<Int>, sameShape: Bool = false) {
        self.sameOutline = sameOutline
        self.changed = changed
        self.sameShape = sameShape
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
