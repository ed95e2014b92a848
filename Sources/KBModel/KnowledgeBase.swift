import KBCore

/// Every article of a content tree, in every language, and the problems found reading them.
public struct KnowledgeBase: Sendable {
    /// Sorted by locale, then source path.
    public var articles: [Article]
    /// Sorted by file and position.
    public var diagnostics: [Diagnostic]

    public init(articles: [Article], diagnostics: [Diagnostic]) {
        self.articles = articles
        self.diagnostics = diagnostics
    }

    /// The locales present, sorted.
    public var locales: [String] {
        Array(Set(articles.map(\.locale))).sorted()
    }
}
