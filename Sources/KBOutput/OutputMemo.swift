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
        /// Whether the outline is the last build's: else nothing is reused, unless it changed
        /// only within the changed articles (`partial`).
        var sameOutline = false
        /// The outline changed only within the changed articles (`BuildChanges.sameShape`): the
        /// outputs of the others are reused, and what reads every article (stored from no
        /// sources: homes, indexes) is made again.
        var partial = false
        /// Whether the code index is the last build's (`BuildChanges.sameCodes`).
        var sameCodes = false
        /// Sources whose outputs may be reused in this build.
        var unchanged: Set<String> = []
        /// Sources that did not change themselves, whatever their translations did: what reads an
        /// article's own text alone (a code page's entries) may be reused when it is one.
        var unedited: Set<String> = []
        var previous: [String: Stored] = [:]
        var current: [String: Stored] = [:]
        var reused = 0
        var made = 0
    }

    private struct Stored: @unchecked Sendable {
        /// A value of its slot's type (`MemoSlot`), immutable (files, bytes, records): never
        /// mutated once stored.
        var value: Any
        var sources: [String]
        /// The articles whose outline (not their text) it read.
        var outline: [String] = []
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
            var unedited: Set<String> = []
            state.sameOutline = linked.changes?.sameOutline == true && state.tablesOfContents == tables
            state.partial = !state.sameOutline && linked.changes?.sameShape == true && state.tablesOfContents == tables
            state.sameCodes = (state.sameOutline || state.partial) && linked.changes?.sameCodes == true
            if state.sameOutline || state.partial, let changed = linked.changes?.changed {
                for index in linked.articles.indices where !changed.contains(index) {
                    unedited.insert(linked.articles[index].source)
                    if linked.translations(of: index).allSatisfy({ !changed.contains($0) }) {
                        unchanged.insert(linked.articles[index].source)
                    }
                }
            }
            state.unchanged = unchanged
            state.unedited = unedited
            state.tablesOfContents = tables
        }
    }

    /// The value stored in `slot` under `key` by the last build if every article of `sources`
    /// is unchanged, else `make()`, stored for the next build.
    ///
    /// `outline` names the articles whose outline alone it reads (a home, a code index: titles,
    /// entries, codes): when the outline changed only within the changed articles, it is reused
    /// if none of those changed; what names neither sources nor outline reads every article.
    /// A value that reads its sources' own text and not their translations' says so
    /// (`readsTranslations: false`): an edit of one language then leaves it alone in the others.
    public func value<Value>(
        _ slot: MemoSlot<Value>, _ key: String, from sources: [String], outline: [String] = [], readsTranslations: Bool = true,
        _ make: () -> Value
    ) -> Value {
        let place = slot.place(key)
        let reused: Value? = state.withLock { state in
            let outlineKept = state.sameOutline || (state.partial && !(sources.isEmpty && outline.isEmpty) && outline.allSatisfy(state.unchanged.contains))
            let kept = readsTranslations ? state.unchanged : state.unedited
            guard outlineKept, let stored = state.previous[place], stored.sources == sources, stored.outline == outline,
                  sources.allSatisfy(kept.contains)
            else { return nil }
            state.current[place] = stored
            state.reused += 1
            return stored.value as? Value
        }
        if let reused { return reused }
        let value = make()
        state.withLock { state in
            state.current[place] = Stored(value: value, sources: sources, outline: outline)
            state.made += 1
        }
        return value
    }

    /// Whether the outline is the last build's (else nothing is reused).
    public var sameOutline: Bool { state.withLock(\.sameOutline) }

    /// Whether the code index is the last build's: every code with the same entries.
    public var sameCodes: Bool { state.withLock(\.sameCodes) }

    /// Whether the article's outputs may be reused in this build.
    public func isUnchanged(_ source: String) -> Bool {
        state.withLock { ($0.sameOutline || $0.partial) && $0.unchanged.contains(source) }
    }

    /// What the last build kept in `slot` under `key` (with `store`), if the outline is the
    /// same: for a format that updates its own state from one build to the next.
    public func previousValue<Value>(_ slot: MemoSlot<Value>, _ key: String) -> Value? {
        state.withLock { state in state.sameOutline || state.partial ? state.previous[slot.place(key)]?.value as? Value : nil }
    }

    /// Keeps a value for the next build (`previousValue`).
    public func store<Value>(_ slot: MemoSlot<Value>, _ key: String, _ value: Value) {
        state.withLock { $0.current[slot.place(key)] = Stored(value: value, sources: []) }
    }

    /// How many values the current build reused and made.
    public var counts: (reused: Int, made: Int) { state.withLock { ($0.reused, $0.made) } }
}

/// One kind of value a format keeps for the next build (a page, a language's index): every
/// value of a slot has its type, and a slot is named for its format (`pages.page`), so that
/// what one format keeps is never read as another's or as another type.
public struct MemoSlot<Value: Sendable>: Sendable {
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    /// Where a value of the slot is kept.
    fileprivate func place(_ key: String) -> String { name + "\u{0}" + key }
}

extension OutputInput {
    /// `make()`, or what the last build made in `slot` of the same articles (`OutputMemo`).
    public func memoized<Value>(_ slot: MemoSlot<Value>, _ key: String, from sources: [String], _ make: () -> Value) -> Value {
        memo.value(slot, key, from: sources, make)
    }
}

extension Optional where Wrapped == OutputMemo {
    /// `make()`, or what the last build made in `slot` of the same articles, when there is a memo.
    public func value<Value>(
        _ slot: MemoSlot<Value>, _ key: String, from sources: [String], outline: [String] = [], readsTranslations: Bool = true,
        _ make: () -> Value
    ) -> Value {
        guard let memo = self else { return make() }
        return memo.value(slot, key, from: sources, outline: outline, readsTranslations: readsTranslations, make)
    }
}
