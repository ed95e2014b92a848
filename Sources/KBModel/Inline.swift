/// Inline content of the model: text with its emphasis and links, free of Markdown syntax.
public indirect enum Inline: Hashable, Sendable {
    case text(String)
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case link(destination: String, title: String, content: [Inline])
    case image(source: String, title: String, alt: String)
    /// A raw HTML tag as written; renderers pass it through their allowlist.
    case html(String)
    case softBreak
    case lineBreak
}
