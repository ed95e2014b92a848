import KBCore
import KBModel

/// Renders the site: one page per article and an index of them.
public struct SiteRenderer: Sendable {
    public init() {}

    public func render(_ knowledgeBase: KnowledgeBase) -> BuiltSite {
        var site = BuiltSite()
        for article in knowledgeBase.articles {
            site.files.append(BuiltSite.File(path: Self.pagePath(of: article), text: page(for: article)))
        }
        site.files.append(BuiltSite.File(path: "index.html", text: index(of: knowledgeBase)))
        return site
    }

    /// `nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.html`.
    public static func pagePath(of article: Article) -> String {
        "\(article.locale)/\(article.id).html"
    }

    private func page(for article: Article) -> String {
        var renderer = HTMLRenderer()
        let depth = Self.pagePath(of: article).split(separator: "/").count - 1
        let root = String(repeating: "../", count: depth)
        renderer.rewriteLink = { destination in Self.rewrite(destination) }
        let body = renderer.render(article.document)
        return """
            <!DOCTYPE html>
            <html lang="\(article.locale.htmlEscaped)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(article.title.htmlEscaped)</title>
            </head>
            <body>
            <nav><a href="\(root)index.html">Index</a></nav>
            <main>
            \(body)</main>
            </body>
            </html>

            """
    }

    /// Relative links to `.md` files lead to the generated `.html` pages.
    static func rewrite(_ destination: String) -> String {
        guard URLSafety.scheme(of: destination) == nil, !destination.hasPrefix("/") else { return destination }
        let fragmentStart = destination.firstIndex(of: "#") ?? destination.endIndex
        let path = destination[..<fragmentStart]
        guard path.lowercased().hasSuffix(".md") else { return destination }
        return path.dropLast(3) + ".html" + destination[fragmentStart...]
    }

    private func index(of knowledgeBase: KnowledgeBase) -> String {
        var items = ""
        for article in knowledgeBase.articles {
            items += "<li lang=\"\(article.locale.htmlEscaped)\"><a href=\"\(Self.pagePath(of: article).htmlEscaped)\">"
                + "\(article.title.htmlEscaped)</a> (\(article.locale.htmlEscaped), \(article.entries.count) entries)</li>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Knowledge base</title>
            </head>
            <body>
            <main>
            <h1>Knowledge base</h1>
            <ul>
            \(items)</ul>
            </main>
            </body>
            </html>

            """
    }
}
