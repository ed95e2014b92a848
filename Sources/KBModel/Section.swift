import KBCore

/// A heading and what follows it up to the next heading of the same or a higher level.
public struct Section: Hashable, Sendable {
    /// Unique within its article: the `<a name>` of the heading, else a slug of its text.
    public var anchor: String
    /// 1–6 for headings; 0 for the article's root, which holds what precedes the first heading.
    public var level: Int
    public var title: [Inline]
    public var location: SourceLocation
    /// The content before the first subsection.
    public var blocks: [Block]
    public var subsections: [Section]

    public init(
        anchor: String, level: Int, title: [Inline], location: SourceLocation,
        blocks: [Block] = [], subsections: [Section] = []
    ) {
        self.anchor = anchor
        self.level = level
        self.title = title
        self.location = location
        self.blocks = blocks
        self.subsections = subsections
    }

    /// The heading as plain text.
    public var titleText: String { title.plainText }

    /// This section and all sections below it, in document order.
    public var allSections: [Section] {
        var result: [Section] = []
        func visit(_ section: Section) {
            result.append(section)
            section.subsections.forEach(visit)
        }
        visit(self)
        return result
    }

    /// The section's own blocks followed by those of all its subsections, each subsection
    /// introduced by its heading: the section's whole content as one block sequence.
    public var flattenedContent: [Block] {
        var result = blocks
        for subsection in subsections {
            result.append(.heading(level: subsection.level, content: subsection.title))
            result += subsection.flattenedContent
        }
        return result
    }
}
