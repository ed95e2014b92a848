import Foundation
import KBCore
import KBWeb

/// Options of the site as a whole.
public struct SiteOptions: Sendable {
    /// Shown in every page's header and title.
    public var title: String
    /// A date shown in the footer (`2026-11-22`); nil for none, so that builds are identical.
    public var buildDate: String?
    /// The address the site is published at (`https://help.example.com/kb/`), for what needs
    /// absolute URLs (OpenSearch); nil when unknown, and then those URLs stay relative.
    public var baseURL: String?
    /// The address of an article's source for editing, with `{path}` where its path goes
    /// (`https://github.com/org/repo/edit/main/{path}`); nil for no edit link.
    public var editLink: String?
    /// What is put before an article's path in the content folder for `{path}` in `editLink`
    /// (`docs/`, the content folder's place in the repository).
    public var editLinkPrefix: String
    /// The locale a tree without locale folders is shown as (set by the pipeline): the
    /// articles' paths start with it, their files' paths do not.
    public var virtualLocale: String?
    /// The interface's words as kb.yml's `strings` sets them, over the built-in ones: by locale
    /// or language (`de`, `de-de`), or for every language under `*`.
    public var strings: [String: [String: String]] = [:]
    /// The site's logo, accent colour, CSS and head snippet (kb.yml's `theme`).
    public var theme = SiteTheme()

    /// The interface's words of a locale, with the site's own over them.
    public func strings(for locale: String) -> SiteStrings {
        SiteStrings(locale: locale, overrides: strings)
    }

    public init(
        title: String = "Knowledge base", buildDate: String? = nil, baseURL: String? = nil, editLink: String? = nil,
        editLinkPrefix: String = ""
    ) {
        self.title = title
        self.buildDate = buildDate
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        self.editLink = editLink
        self.editLinkPrefix = editLinkPrefix
    }

    /// The edit link of a file of the content folder, if the site has them.
    public func editLink(for source: String) -> String? {
        var path = source
        if let virtualLocale, path.hasPrefix(virtualLocale + "/") { path.removeFirst(virtualLocale.count + 1) }
        return editLink.map { $0.replacingOccurrences(of: "{path}", with: URLSafety.pathURL(editLinkPrefix + path)) }
    }
}
