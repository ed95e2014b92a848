import KBCore
import KBModel
import KBWeb
import KBText

/// The content of a table cell as blocks. A pipe table cell is one line of Markdown, so DocFX
/// authors write its structure in HTML: `<br>` for line breaks, `<br><br>` and `<p>` for
/// paragraphs, `<ol><li>…</li></ol>` for lists. Those tags become paragraphs and lists here.
enum CellContent {
    static func blocks(from inlines: [Inline], location: SourceLocation) -> [Block] {
        guard inlines.contains(where: isStructuralTag) else {
            let trimmed = trim(inlines)
            return trimmed.isEmpty ? [] : [.paragraph(trimmed)]
        }
        var builder = Builder(location: location)
        for inline in inlines {
            if case .html(let raw) = inline, let tag = HTMLTag(raw) {
                builder.apply(tag, raw: raw)
            } else {
                builder.append(inline)
            }
        }
        return builder.finish()
    }

    private static func isStructuralTag(_ inline: Inline) -> Bool {
        guard case .html(let raw) = inline, let tag = HTMLTag(raw) else { return false }
        return ["br", "p", "ol", "ul", "li"].contains(tag.name)
    }

    /// Drops white space and line breaks at both ends.
    static func trim(_ inlines: [Inline]) -> [Inline] {
        var result = inlines
        while let first = result.first, isBlank(first) { result.removeFirst() }
        while let last = result.last, isBlank(last) { result.removeLast() }
        if case .text(let text)? = result.first, text.hasPrefix(" ") {
            result[0] = .text(String(text.drop { $0 == " " }))
        }
        if case .text(let text)? = result.last, text.hasSuffix(" ") {
            var trimmed = Substring(text)
            while trimmed.hasSuffix(" ") { trimmed = trimmed.dropLast() }
            result[result.count - 1] = .text(String(trimmed))
        }
        return result
    }

    private static func isBlank(_ inline: Inline) -> Bool {
        switch inline {
        case .text(let text): Whitespace.isBlank(text)
        case .softBreak, .lineBreak: true
        case .html(let raw): raw.utf8.count < 8 && HTMLTag(raw)?.name == "br"
        default: false
        }
    }

    private struct Builder {
        /// A list being built: its items so far and the blocks of the open item.
        struct OpenList {
            var isOrdered: Bool
            var items: [[Block]] = []
            var current: [Block] = []
            var hasOpenItem = false
        }

        let location: SourceLocation
        var blocks: [Block] = []
        var lists: [OpenList] = []
        var inlines: [Inline] = []
        var pendingBreaks = 0

        mutating func append(_ inline: Inline) {
            if pendingBreaks > 0 {
                if case .text(let text) = inline, Whitespace.isBlank(text) { return }
                if pendingBreaks == 1, !trim(inlines).isEmpty {
                    inlines.append(.lineBreak)
                } else {
                    flushParagraph()
                }
                pendingBreaks = 0
            }
            inlines.append(inline)
        }

        mutating func apply(_ tag: HTMLTag, raw: String) {
            switch tag.name {
            case "br":
                pendingBreaks += 1
            case "p":
                flushParagraph()
            case "ol", "ul":
                guard !tag.isClosing else {
                    closeList()
                    return
                }
                flushParagraph()
                lists.append(OpenList(isOrdered: tag.name == "ol"))
            case "li":
                flushParagraph()
                guard !lists.isEmpty else { return }
                if tag.isClosing {
                    closeItem()
                } else {
                    closeItem()
                    lists[lists.count - 1].hasOpenItem = true
                }
            default:
                append(.html(raw))
            }
        }

        mutating func flushParagraph() {
            pendingBreaks = 0
            let content = HTMLFormatting.pairTags(in: trim(inlines))
            inlines = []
            guard !content.isEmpty else { return }
            add(.paragraph(content))
        }

        mutating func add(_ block: Block) {
            if lists.isEmpty {
                blocks.append(block)
            } else {
                lists[lists.count - 1].current.append(block)
                lists[lists.count - 1].hasOpenItem = true
            }
        }

        mutating func closeItem() {
            guard var list = lists.popLast() else { return }
            if list.hasOpenItem || !list.current.isEmpty {
                list.items.append(list.current)
            }
            list.current = []
            list.hasOpenItem = false
            lists.append(list)
        }

        mutating func closeList() {
            flushParagraph()
            guard !lists.isEmpty else { return }
            closeItem()
            let list = lists.removeLast()
            guard !list.items.isEmpty else { return }
            add(.list(List(
                isOrdered: list.isOrdered, start: 1, isTight: true, items: list.items,
                location: location)))
        }

        mutating func finish() -> [Block] {
            flushParagraph()
            while !lists.isEmpty { closeList() }
            return blocks
        }
    }
}
