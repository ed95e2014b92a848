/// A DocFX `toc.yml`: the navigation of one folder of one locale.
public struct TableOfContents: Hashable, Sendable {
    public var locale: String
    /// The folder of the `toc.yml`, below the locale folder (`intune/enrollment`).
    public var folder: String
    /// The path of the `toc.yml` relative to the content root.
    public var source: String
    public var items: [NavigationItem]

    public init(locale: String, folder: String, source: String, items: [NavigationItem]) {
        self.locale = locale
        self.folder = folder
        self.source = source
        self.items = items
    }
}

/// One entry of a navigation tree.
public struct NavigationItem: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        /// An article of the same locale, by id.
        case article(String)
        /// A link outside the content (`https://…`).
        case external(String)
        /// A heading of the tree without a page of its own.
        case none
    }

    public var title: String
    public var target: Target
    public var children: [NavigationItem]

    public init(title: String, target: Target, children: [NavigationItem] = []) {
        self.title = title
        self.target = target
        self.children = children
    }
}
