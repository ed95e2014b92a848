import KBCore

/// One article in one language, with what was extracted from it.
public struct Article: Hashable, Sendable, Identifiable {
    /// The same in every language: the path below the locale folder, without `.md`
    /// (`enrollment/troubleshoot-device-enrollment-in-intune`).
    public var id: String
    /// A lower-case language tag (`nl-nl`).
    public var locale: String
    /// The path relative to the content root, `/`-separated.
    public var source: String
    public var title: String
    /// What translations of this article share: `ms.assetid` when it is set, else `id`.
    public var translationKey: String
    public var metadata: ArticleMetadata
    /// The article's content as a tree of sections; the root has level 0.
    public var document: Section
    public var entries: [ErrorEntry]
    public var procedures: [Procedure]
    public var links: [ArticleLink]

    public init(
        id: String, locale: String, source: String, title: String, translationKey: String,
        metadata: ArticleMetadata, document: Section, entries: [ErrorEntry] = [],
        procedures: [Procedure] = [], links: [ArticleLink] = []
    ) {
        self.id = id
        self.locale = locale
        self.source = source
        self.title = title
        self.translationKey = translationKey
        self.metadata = metadata
        self.document = document
        self.entries = entries
        self.procedures = procedures
        self.links = links
    }

    /// Every section, in document order, the root first.
    public var sections: [Section] { document.allSections }
}

/// A link written in an article, kept for checking and rewriting.
public struct ArticleLink: Hashable, Sendable {
    /// As written in the article; for included content, rebased to the article's folder.
    public var destination: String
    public var text: String
    public var location: SourceLocation
    public var isImage: Bool
    /// The file the link is written in, when it is an included file rather than the article.
    public var includedFrom: String?

    public init(destination: String, text: String, location: SourceLocation, isImage: Bool = false, includedFrom: String? = nil) {
        self.destination = destination
        self.text = text
        self.location = location
        self.isImage = isImage
        self.includedFrom = includedFrom
    }
}
