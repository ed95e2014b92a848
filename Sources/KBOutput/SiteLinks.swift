/// The files of one format that others name, by what they are: the contract's entry point
/// names each language's llms.txt, an article page names its Markdown twin, llms.txt names the
/// contract's files. Each format declares its own (`OutputFormat.declareLinks`) and the build
/// gathers those of the formats it runs, so that a format knows no other's paths, and names a
/// file only when the format that writes it is part of the site.
public struct SiteLinks: Sendable {
    /// What a link leads to.
    public enum Target: String, Sendable, CaseIterable {
        /// The contract's entry point (argument: none).
        case contractIndex
        /// Every code with its entries in every language (none).
        case contractCodes
        /// A language's articles as JSON (the locale).
        case contractArticles
        /// A language's retrieval chunks (the locale).
        case contractChunks
        /// A language's Algolia DocSearch records (the locale).
        case docSearchRecords
        /// llms.txt (the locale; none for the site's).
        case llms
        /// Every article of a language in one Markdown file (the locale).
        case llmsFull
        /// An article page's Markdown twin (the page's path).
        case markdownTwin
    }

    private var paths: [Target: @Sendable (String?) -> String] = [:]

    public init() {}

    /// Declares where `target` lies, given its argument.
    public mutating func declare(_ target: Target, _ path: @escaping @Sendable (String?) -> String) {
        paths[target] = path
    }

    /// Where `target` lies in this site, or nil when no format of the site writes it.
    public func path(_ target: Target, _ argument: String? = nil) -> String? {
        paths[target].map { $0(argument) }
    }

    /// Whether the site has the target.
    public func has(_ target: Target) -> Bool { paths[target] != nil }

    /// The links every format of `formats` declares.
    public static func declared(by formats: [any OutputFormat]) -> SiteLinks {
        var links = SiteLinks()
        for format in formats { format.declareLinks(into: &links) }
        return links
    }
}
