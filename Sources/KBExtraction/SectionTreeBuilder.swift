import KBCore
import KBModel
import KBWeb

/// Builds the section tree from a document's top-level headings and blocks, in order.
struct SectionTreeBuilder {
    private var stack = [Section(anchor: "", level: 0, title: [], location: SourceLocation(line: 1))]

    mutating func append(_ blocks: [Block]) {
        stack[stack.count - 1].blocks += blocks
    }

    mutating func open(level: Int, title: [Inline], anchor: String, location: SourceLocation) {
        while stack.count > 1, stack[stack.count - 1].level >= level { closeInnermost() }
        stack.append(Section(anchor: anchor, level: level, title: title, location: location))
    }

    mutating func finish() -> Section {
        while stack.count > 1 { closeInnermost() }
        return stack[0]
    }

    private mutating func closeInnermost() {
        let section = stack.removeLast()
        stack[stack.count - 1].subsections.append(section)
    }

    /// Splits a heading's `<a name="…"></a>` (or `<a id="…">`) from its title.
    static func anchorAndTitle(of content: [Inline]) -> (anchor: String?, title: [Inline]) {
        var anchor: String?
        var title: [Inline] = []
        var skipClosingAnchor = false
        for inline in content {
            if case .html(let raw) = inline, let tag = HTMLTag(raw), tag.name == "a" {
                if !tag.isClosing, anchor == nil, let name = tag.attribute("name") ?? tag.attribute("id"), !name.isEmpty {
                    anchor = name
                    skipClosingAnchor = true
                    continue
                }
                if tag.isClosing, skipClosingAnchor {
                    skipClosingAnchor = false
                    continue
                }
            }
            title.append(inline)
        }
        return (anchor, CellContent.trim(title))
    }
}
