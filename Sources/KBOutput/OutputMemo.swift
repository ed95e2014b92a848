import KBCore
import KBLinking
import KBModel
import Synchronization

/// What the output formats made in one build, kept for the next (`kb serve`), so that a build
/// after an edit makes again only what the edit touches and reuses the rest.
///
/// A value is stored under a key with the articles it was made from (their sources). The next
/// build reuses it when each of those articles is *unchanged*: equal to what it was, its
/// translations equal to what they were, and the *outline* of the whole knowledge base equal
/// to what it was. The outline (`Outline`) is everything one article's outputs may read of the
/// others: paths, titles, metadata, anchors, entries without their text, tables of contents,
/// the content's files. Editing a paragraph leaves it alone; renaming a title, adding an
/// article or an entry changes it, and then everything is made again. Reused values are the
/// ones the same build would make again, so a build with a memo writes what one without it does.
public final class OutputMemo: Sendable {
    private struct State {
        var outline: Outline?
        var articles: [String: Article] = [:]
        /// Whether the outline is the last build's: else nothing is reused.
        var sameOutline = false
        /// Sources whose outputs may be reused in this build.
        var unchanged: Set<String> = []
        var previous: [String: Stored] = [:]
        var current: [String: Stored] = [:]
        var reused = 0
        var made = 0
    }

    private struct Stored: @unchecked Sendable {
        /// Immutable values only (files, bytes, records); never mutated once stored.
        var value: Any
        var sources: [String]
    }

    private let state = Mutex(State())

    public init() {}

    /// Compares the linked model with the last build's and decides what may be reused.
    public func begin(_ linked: LinkedKnowledgeBase, contentFiles: [String]) {
        let outline = Outline(linked, contentFiles: contentFiles)
        state.withLock { state in
            state.previous = state.current
            state.current = [:]
            state.reused = 0
            state.made = 0
            var unchanged: Set<String> = []
            if state.outline == outline {
                let changed = Set(linked.articles.indices.filter { state.articles[linked.articles[$0].source] != linked.articles[$0] })
                for index in linked.articles.indices where !changed.contains(index) {
                    if linked.translations(of: index).allSatisfy({ !changed.contains($0) }) {
                        unchanged.insert(linked.articles[index].source)
                    }
                }
            }
            state.unchanged = unchanged
            state.sameOutline = state.outline == outline
            state.outline = outline
            state.articles = Dictionary(linked.articles.map { ($0.source, $0) }) { first, _ in first }
        }
    }

    /// The value stored under `key` by the last build if every article of `sources` is
    /// unchanged, else `make()`, stored for the next build.
    public func value<T: Sendable>(_ key: String, from sources: [String], _ make: () -> T) -> T {
        let reused: T? = state.withLock { state in
            guard state.sameOutline, let stored = state.previous[key], stored.sources == sources, let value = stored.value as? T,
                  sources.allSatisfy(state.unchanged.contains)
            else { return nil }
            state.current[key] = stored
            state.reused += 1
            return value
        }
        if let reused { return reused }
        let value = make()
        state.withLock { state in
            state.current[key] = Stored(value: value, sources: sources)
            state.made += 1
        }
        return value
    }

    /// How many values the current build reused and made.
    public var counts: (reused: Int, made: Int) { state.withLock { ($0.reused, $0.made) } }
}

extension OutputInput {
    /// `make()`, or what the last build made of the same articles (`OutputMemo`).
    public func memoized<T: Sendable>(_ key: String, from sources: [String], _ make: () -> T) -> T {
        guard let memo else { return make() }
        return memo.value(key, from: sources, make)
    }
}

/// Everything the outputs of one article may read of the others: the knowledge base without the
/// text of articles and entries and without source positions (which move when a line is added).
struct Outline: Equatable, Sendable {
    struct ArticleOutline: Equatable, Sendable {
        var id: String
        var locale: String
        var source: String
        var title: String
        var translationKey: String
        var metadata: ArticleMetadata
        var anchors: [String]
        var sections: [String]
        var entries: [EntryOutline]
        var procedures: [String]
    }

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

    var articles: [ArticleOutline]
    var groups: [TranslationGroup]
    var tablesOfContents: [TableOfContents]
    var contentFiles: [String]

    init(_ linked: LinkedKnowledgeBase, contentFiles: [String]) {
        articles = linked.articles.map { article in
            ArticleOutline(
                id: article.id, locale: article.locale, source: article.source, title: article.title,
                translationKey: article.translationKey, metadata: article.metadata, anchors: article.anchors.sorted(),
                sections: article.sections.map { "\($0.level) \($0.anchor) \($0.titleText)" },
                entries: article.entries.map { entry in
                    EntryOutline(
                        id: entry.id, anchor: entry.anchor, kind: entry.kind, title: entry.title, messages: entry.messages,
                        codes: entry.codes.map(\.code), codeKinds: entry.codes.map(\.kind), aliases: entry.codes.map(\.aliases),
                        sectionPath: entry.sectionPath, platform: entry.platform)
                },
                procedures: article.procedures.map { $0.id + "\u{0}" + $0.sectionAnchor + "\u{0}" + $0.title })
        }
        groups = linked.groups
        tablesOfContents = linked.knowledgeBase.tablesOfContents
        self.contentFiles = contentFiles
    }
}
