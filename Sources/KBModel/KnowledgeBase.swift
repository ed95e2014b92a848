import KBCore

/// Every article of a content tree, in every language, and the problems found reading them.
public struct KnowledgeBase: Sendable {
    /// Sorted by locale, then source path.
    public var articles: [Article]
    /// Sorted by file and position.
    public var diagnostics: [Diagnostic]
    /// The `toc.yml` files, sorted by locale and folder.
    public var tablesOfContents: [TableOfContents]

    public init(articles: [Article], diagnostics: [Diagnostic], tablesOfContents: [TableOfContents] = []) {
        self.articles = articles
        self.diagnostics = diagnostics
        self.tablesOfContents = tablesOfContents
    }

    /// The locales present, sorted.
    public var locales: [String] {
        Array(Set(articles.map(\.locale))).sorted()
    }
}
