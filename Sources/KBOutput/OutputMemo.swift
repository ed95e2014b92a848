import KBCore
import KBLinking
import KBModel
import Synchronization

/// What the output formats made in one build, kept for the next (`kb serve`), so that a build
/// after an edit makes again only what the edit touches and reuses the rest.
///
/// A value is stored under a key with the articles it was made from (their sources). The next
/// build reuses it when each of those articles is *unchanged*: equal to what it was, its
/// translations equal to what they were, and the *outline* of the whole knowledge base
/// (`ArticleOutline`, compared by `LinkCache`) and its tables of contents equal to what they
/// were. The outline is everything one article's outputs may read of the others: paths,
/// titles, metadata, anchors, entries without their text, the content's files. Editing a
/// paragraph leaves it alone; renaming a title, adding an article or an entry changes it, and
/// then everything is made again. Reused values are the ones the same build would make again,
/// so a build with a memo gives what one without it gives.
public final class OutputMemo: Sendable {
    private struct State {
        var tablesOfContents: [TableOfContents]?
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

    /// Takes what linking found changed since the last build (`LinkedKnowledgeBase.changes`,
    /// from a `LinkCache`) and decides what may be reused: nothing when the outline or the
    /// tables of contents changed, else the outputs of articles that did not change and whose
    /// translations did not.
    public func begin(_ linked: LinkedKnowledgeBase) {
        let tables = linked.knowledgeBase.tablesOfContents
        state.withLock { state in
            state.previous = state.current
            state.current = [:]
            state.reused = 0
            state.made = 0
            var unchanged: Set<String> = []
            state.sameOutline = linked.changes?.sameOutline == true && state.tablesOfContents == tables
            if state.sameOutline, let changed = linked.changes?.changed {
                for index in linked.articles.indices where !changed.contains(index) {
                    if linked.translations(of: index).allSatisfy({ !changed.contains($0) }) {
                        unchanged.insert(linked.articles[index].source)
                    }
                }
            }
            state.unchanged = unchanged
            state.tablesOfContents = tables
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

    /// Whether the outline is the last build's (else nothing is reused).
    public var sameOutline: Bool { state.withLock(\.sameOutline) }

    /// Whether the article's outputs may be reused in this build.
    public func isUnchanged(_ source: String) -> Bool {
        state.withLock { $0.sameOutline && $0.unchanged.contains(source) }
    }

    /// What the last build stored under `key` (with `store`), if the outline is the same: for a
    /// format that updates its own state from one build to the next.
    public func previousValue<T: Sendable>(_ key: String) -> T? {
        state.withLock { state in state.sameOutline ? state.previous[key]?.value as? T : nil }
    }

    /// Keeps a value for the next build (`previousValue`).
    public func store<T: Sendable>(_ key: String, _ value: T) {
        state.withLock { $0.current[key] = Stored(value: value, sources: []) }
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
