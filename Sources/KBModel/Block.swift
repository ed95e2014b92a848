import KBCore

/// Block content of the model. DocFX constructs are their own cases, so that no stage after
/// extraction needs to know how they are written in Markdown.
public indirect enum Block: Hashable, Sendable {
    case paragraph([Inline])
    /// A heading that does not open a section, such as one inside a list item.
    case heading(level: Int, content: [Inline])
    case list(List)
    case quote([Block])
    case alert(Alert)
    case code(language: String, text: String)
    /// A raw HTML block as written; renderers pass it through their allowlist.
    case html(String)
    case table(Table)
    case thematicBreak
    /// `[!INCLUDE[title](path)]`: another file's content, resolved when the site is built.
    case include(Include)
    /// `> [!div class="…"]`: DocFX's classed block, such as a button link.
    case division(className: String, content: [Block])
    /// `::: zone pivot="…"`: the start of content shown for some pivots only. Zones may span
    /// headings, so they are markers in the flow of blocks rather than containers.
    case zoneStart(pivot: String)
    /// `::: zone-end`.
    case zoneEnd
    /// `> [!VIDEO https://…]`: a video, kept as a link since the site never embeds remote content.
    case video(url: String)
}

public struct List: Hashable, Sendable {
    public var isOrdered: Bool
    public var start: Int
    public var isTight: Bool
    public var items: [[Block]]
    /// Where the list starts in its file.
    public var location: SourceLocation

    public init(isOrdered: Bool, start: Int, isTight: Bool, items: [[Block]], location: SourceLocation) {
        self.isOrdered = isOrdered
        self.start = start
        self.isTight = isTight
        self.items = items
        self.location = location
    }
}

public struct Include: Hashable, Sendable {
    public var title: String
    /// The path as written, relative to the including file.
    public var path: String
    public var location: SourceLocation

    public init(title: String, path: String, location: SourceLocation) {
        self.title = title
        self.path = path
        self.location = location
    }
}
