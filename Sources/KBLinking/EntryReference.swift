/// An entry of the knowledge base: the index of its article and its index in that article.
public struct EntryReference: Hashable, Sendable, Comparable {
    public var article: Int
    public var entry: Int

    public init(article: Int, entry: Int) {
        self.article = article
        self.entry = entry
    }

    public static func < (lhs: EntryReference, rhs: EntryReference) -> Bool {
        (lhs.article, lhs.entry) < (rhs.article, rhs.entry)
    }
}

/// Articles that are the same article in different languages, by index, sorted by locale.
public struct TranslationGroup: Hashable, Sendable {
    public var articles: [Int]
}
