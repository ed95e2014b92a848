import KBCore

/// Options of the site as a whole.
public struct SiteOptions: Sendable {
    /// Shown in every page's header and title.
    public var title: String
    /// A date shown in the footer (`2026-11-22`); nil for none, so that builds are identical.
    public var buildDate: String?
    /// The address the site is published at (`https://help.example.com/kb/`), for what needs
    /// absolute URLs (OpenSearch); nil when unknown, and then those URLs stay relative.
    public var baseURL: String?

    public init(title: String = "Knowledge base", buildDate: String? = nil, baseURL: String? = nil) {
        self.title = title
        self.buildDate = buildDate
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }
}
