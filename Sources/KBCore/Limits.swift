/// What one file may make the build do, at most: the bounds that keep a broken or hostile
/// article from stopping, hanging or exhausting a build. Each limit is far above what real
/// documentation reaches (the largest of 3,075 Intune articles is 657 KB, nests 6 levels,
/// has 12 columns and 2 levels of includes); reaching one gives a diagnostic with the file
/// and line, and the rest of the build goes on.
public struct Limits: Sendable, Equatable {
    /// Bytes of one file (article, include, toc file, image); a larger file is not read.
    public var fileSize = 5 * 1024 * 1024
    /// Bytes of an article's front matter; a larger one is ignored.
    public var frontMatterSize = 64 * 1024
    /// Values a YAML document may hold once its aliases are expanded (`*a` counts the whole
    /// value it stands for): front matter and toc files beyond it are not read.
    public var yamlValues = 20_000
    /// Containers (quotes, list items) one line may open: deeper markers stay text.
    public var lineNesting = 32
    /// Depth of the syntax tree (blocks and inlines): what lies deeper is kept as plain text.
    public var treeDepth = 64
    /// Markdown syntax one article may hold, counted as its lines plus its punctuation bytes
    /// (each can become a node of cmark-gfm's tree, about 250 bytes of memory each).
    public var markdownSyntax = 1_000_000
    /// Columns of a table: a wider one is read as text.
    public var tableColumns = 100
    /// Cells of a table (rows × columns): rows beyond it are left out. The largest real error
    /// references hold about 9,000 rows of four or five columns.
    public var tableCells = 100_000
    /// Error entries of one article (each gets a place on a code page, a search document and a
    /// retrieval chunk): entries beyond it, in document order, are left out.
    public var entriesPerArticle = 20_000
    /// Includes within includes (and toc files within toc files).
    public var includeDepth = 10
    /// Includes expanded in one article (toc files read for one navigation tree), in total: the
    /// same file included twice counts twice.
    public var includeCount = 1_000
    /// Bytes that includes may add to one article, in total: their text, and the folders that
    /// rebasing puts in front of their links.
    public var includedSize = 2 * 1024 * 1024
    /// Levels of a navigation tree (toc.yml items and the toc files they include).
    public var navigationDepth = 16
    /// Files and folders below the content folder.
    public var contentEntries = 1_000_000

    public init() {}

    public static let `default` = Limits()
}
