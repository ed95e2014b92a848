import KBCore
import KBModel
import KBWeb

/// Where each page of the site lies, and relative URLs between pages: every link is relative,
/// so the site works from any folder, any server, and straight from disk.
public enum SitePaths {
    public static let root = "index.html"
    public static let coverage = "coverage.html"

    public static func home(_ locale: String) -> String { "\(locale)/index.html" }

    /// `nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.html`.
    public static func article(_ article: Article) -> String { "\(article.locale)/\(article.id).html" }

    /// `nl-nl/codes/0x80CF0437.html`: a code's page in a language that has entries of it: those
    /// entries, in that language's interface, and the other languages' folded below.
    public static func code(_ code: String, locale: String) -> String { "\(locale)/codes/\(fileName(for: code)).html" }

    /// `sv-se/enrollment/troubleshoot.html` for an article of another language shown in `locale`,
    /// which has no version of it: where that language's version would be.
    public static func fallback(_ article: Article, locale: String) -> String { "\(locale)/\(article.id).html" }

    /// Codes are letters, digits, `_`, `-`; anything else is percent-encoded.
    static func fileName(for code: String) -> String {
        var name = ""
        for byte in code.utf8 {
            if (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F || byte == 0x2D {
                name.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                name += "%" + String(byte, radix: 16, uppercase: true)
            }
        }
        return name
    }

    /// `nl-nl/codes.html`: a language's index of every code, beside the folder of its code pages.
    public static func codeIndex(_ locale: String) -> String { "\(locale)/codes.html" }

    /// The list of the site's pages for search engines, with a base URL; `sitemap-2.xml` a part
    /// of it when it is split.
    public static let sitemap = "sitemap.xml"
    public static func sitemapPart(_ number: Int) -> String { "sitemap-\(number).xml" }
    /// Where crawlers find what they may read, and the sitemap.
    public static let robots = "robots.txt"

    /// The page a web server shows for an address the site does not have.
    public static let notFound = "404.html"

    /// `nl-nl/search.html`; `search.html` for every language.
    public static func search(_ locale: String?) -> String { locale.map { "\($0)/search.html" } ?? "search.html" }

    /// `nl-nl/opensearch.xml`; `opensearch.xml` for every language.
    public static func openSearch(_ locale: String?) -> String { locale.map { "\($0)/opensearch.xml" } ?? "opensearch.xml" }

    /// The relative URL that leads from the page at `from` to the file at `to` (both paths
    /// relative to the site root): percent-encoded, and never read as a scheme (a file named
    /// `javascript:x.md` is linked as `./javascript:x.html`).
    public static func relative(from: String, to: String) -> String {
        URLSafety.pathURL(ContentPath.relative(to, from: ContentPath.folder(of: from)))
    }

    /// A path of the site, with an optional `#fragment`, as a URL relative to the site root:
    /// what follows the site's address (`https://help.example.com/kb/` + this).
    public static func url(_ path: String) -> String {
        guard let hash = path.utf8.firstIndex(of: UInt8(ascii: "#")) else { return URLSafety.pathURL(path) }
        return URLSafety.pathURL(String(decoding: path.utf8[..<hash], as: UTF8.self))
            + URLSafety.escaped(String(decoding: path.utf8[hash...], as: UTF8.self))
    }

    /// Relative links to `.md` files lead to the generated `.html` pages.
    public static func pageLink(_ destination: String) -> String {
        guard ContentPath.isRelative(destination) else { return destination }
        let fragmentStart = destination.utf8.firstIndex(of: UInt8(ascii: "#")) ?? destination.endIndex
        let path = destination[..<fragmentStart]
        let suffix = Array(path.utf8.suffix(3))
        guard suffix.count == 3, suffix[0] == UInt8(ascii: "."), suffix[1] | 0x20 == UInt8(ascii: "m"), suffix[2] | 0x20 == UInt8(ascii: "d")
        else { return destination }
        return path.dropLast(3) + ".html" + destination[fragmentStart...]
    }

    /// `../` repeated up to the site root from the page at `path`.
    public static func rootPrefix(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }
}

extension SitePaths {
    /// The pages kb writes in each locale's folder, which no article may replace.
    static let reservedInLocale: Set<String> = ["search.html", "codes.html"]

    /// Whether the article is a language's `index.md`, whose page is the language's home page:
    /// it is shown there, above the navigation and the code index, not on a page of its own.
    public static func isLanding(_ article: Article) -> Bool {
        Self.article(article) == home(article.locale)
    }

    /// The knowledge base without the articles whose page would be another's: a page kb
    /// generates (`nl-nl/index.md` would replace the locale's home, `nl-nl/search.md` its search
    /// page), or the page of an article that sorts before it (`p.md` and `p.MD`, `P.md`: a site is
    /// often served from a file system that ignores case). Each article left out is reported.
    public static func keepingArticlesWithOwnPages(_ knowledgeBase: KnowledgeBase) -> (KnowledgeBase, [Diagnostic]) {
        var owners: [String: Article] = [:]
        var kept: [Article] = []
        var diagnostics: [Diagnostic] = []
        for article in knowledgeBase.articles.sorted(by: { $0.source < $1.source }) {
            let page = SitePaths.article(article)
            let key = page.lowercased()
            let name = String(key.dropFirst(article.locale.count + 1))
            if reservedInLocale.contains(name) {
                diagnostics.append(Diagnostic(
                    .warning, .outputCollision,
                    "this article's page would be '\(page)', which kb writes itself (the language's search page or code index); the article is left out",
                    file: article.source, at: nil))
            } else if let owner = owners[key] {
                diagnostics.append(Diagnostic(
                    .warning, .outputCollision,
                    "this article's page would be '\(page)', the page of '\(owner.source)'; the article is left out",
                    file: article.source, at: nil))
            } else {
                owners[key] = article
                kept.append(article)
            }
        }
        guard !diagnostics.isEmpty else { return (knowledgeBase, []) }
        var result = knowledgeBase
        let keptSources = Set(kept.map(\.source))
        result.articles = knowledgeBase.articles.filter { keptSources.contains($0.source) }
        return (result, diagnostics.sorted())
    }
}
