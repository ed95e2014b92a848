import KBCore
import KBModel
import KBText
import KBWeb

/// HTML written in an article, parsed by `HTMLFragment` (as a browser parses it), as model
/// blocks: `<table>` becomes a `Table` (spans and heading rows kept, tables nested in cells
/// too), `<p>`, `<div>`, `<dl>` paragraphs, `<ol>`/`<ul>` lists, `<pre>` code, and `<b>`, `<i>`,
/// `<code>`, `<a>`, `<img>`, `<br>` their inlines. Scripts, styles, forms and embedded objects
/// are left out; elements kb does not know give their content.
struct HTMLContent {
    var location: SourceLocation
    var limits: Limits
    private(set) var links: [ArticleLink] = []
    /// Cells read so far, against `limits.tableCells`.
    private var cells = 0
    private(set) var truncated = false

    init(location: SourceLocation, limits: Limits) {
        self.location = location
        self.limits = limits
    }

    static let dropped: Set<String> = [
        "script", "style", "template", "noscript", "iframe", "object", "embed", "form", "input", "button", "select",
        "textarea", "svg", "math", "head", "title", "caption", "colgroup",
    ]
    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "aside", "header", "footer", "main", "nav", "figure", "figcaption", "center",
        "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
        "details", "summary", "address",
    ]

    /// The blocks of a list of nodes: runs of inline content become paragraphs.
    mutating func blocks(_ nodes: [HTMLNode]) -> [Block] {
        var result: [Block] = []
        var pending: [Inline] = []
        func flush() {
            let trimmed = CellContent.trim(pending)
            if !trimmed.isEmpty { result.append(.paragraph(trimmed)) }
            pending = []
        }
        for node in nodes {
            switch node {
            case .text(let text):
                appendText(text, to: &pending)
            case .element(let element) where Self.dropped.contains(element.name):
                continue
            case .element(let element) where Self.blockElements.contains(element.name):
                flush()
                result += block(element)
            case .element(let element):
                pending += inlines(element)
            }
        }
        flush()
        return result
    }

    private mutating func block(_ element: HTMLElement) -> [Block] {
        let anchor = anchorInline(element)
        var content: [Block]
        switch element.name {
        case "table":
            return [.table(table(element))] + (anchor.map { [.paragraph([$0])] } ?? [])
        case "ul", "ol":
            // Text or other elements directly in a list are kept as items of their own.
            var listItems: [[Block]] = []
            for node in element.children {
                if case .element(let item) = node, item.name == "li" {
                    listItems.append(blocks(item.children))
                } else if case .element(let other) = node {
                    let loose = blocks([.element(other)])
                    if !loose.isEmpty { listItems.append(loose) }
                } else if case .text(let text) = node, !Whitespace.isBlank(text) {
                    listItems.append([.paragraph([.text(Whitespace.collapse(text))])])
                }
            }
            guard !listItems.isEmpty else { return [] }
            let start = Int(element.attributes["start"] ?? "").map { min(max($0, 0), 1_000_000_000) } ?? 1
            let list = List(isOrdered: element.name == "ol", start: start, isTight: true, items: listItems, location: place(element))
            content = [.list(list)]
        case "pre":
            var text = element.textContent
            if text.hasPrefix("\n") { text.removeFirst() }
            return [.code(language: "", text: text)]
        case "hr":
            return [.thematicBreak]
        case "blockquote":
            content = [.quote(blocks(element.children))]
        case "h1", "h2", "h3", "h4", "h5", "h6":
            let inline = CellContent.trim(inlines(of: element.children))
            content = inline.isEmpty ? [] : [.paragraph([.strong(inline)])]
        default:
            content = blocks(element.children)
        }
        if let anchor {
            if case .paragraph(let inline)? = content.first {
                content[0] = .paragraph([anchor] + inline)
            } else {
                content.insert(.paragraph([anchor]), at: 0)
            }
        }
        return content
    }

    // MARK: Tables

    /// A table's rows, in the order a browser shows them: `<thead>`, then `<tbody>` and rows
    /// directly in the table, then `<tfoot>`. The first row is the header when all its cells are
    /// headings and a row follows it.
    mutating func table(_ element: HTMLElement) -> Table {
        var groups: (head: [HTMLElement], body: [HTMLElement], foot: [HTMLElement]) = ([], [], [])
        for child in element.elements {
            switch child.name {
            case "thead": groups.head += child.elements.filter { $0.name == "tr" }
            case "tfoot": groups.foot += child.elements.filter { $0.name == "tr" }
            case "tbody": groups.body += child.elements.filter { $0.name == "tr" }
            case "tr": groups.body.append(child)
            default: continue
            }
        }
        var rows: [Table.Row] = []
        for tr in groups.head + groups.body + groups.foot {
            let cellElements = tr.elements.filter { $0.name == "td" || $0.name == "th" }
            if cells + cellElements.count > limits.tableCells {
                truncated = true
                break
            }
            cells += cellElements.count
            var row = Table.Row(cells: [], location: place(tr))
            var allHeadings = !cellElements.isEmpty
            for cell in cellElements {
                row.cells.append(blocks(cell.children))
                row.spans.append(Table.Span(columns: Self.span(cell.attributes["colspan"], limit: 1_000),
                                            rows: Self.span(cell.attributes["rowspan"], limit: 65_534)))
                if cell.name != "th" { allHeadings = false }
            }
            if row.spans.allSatisfy({ $0 == .single }) { row.spans = [] }
            row.isHeading = allHeadings
            rows.append(row)
        }
        var header = Table.Row(cells: [], location: location)
        // A first row of headings that spans no rows is the header, unless it is the heading of
        // a group of rows (one cell over the whole width, as an event's `Event ID: 1000`).
        if let first = rows.first, first.isHeading, rows.count > 1, first.spans.allSatisfy({ $0.rows == 1 }),
           !(first.cells.count == 1 && (rows.dropFirst().map(\.cells.count).max() ?? 1) > 1) {
            header = rows.removeFirst()
            header.isHeading = false
        }
        return Table(alignments: [], header: header, rows: rows, location: place(element))
    }

    /// Where an element starts in the article: its line in the HTML, from the HTML's first line.
    private func place(_ element: HTMLElement) -> SourceLocation {
        element.line > 0 ? SourceLocation(line: location.line + element.line - 1, column: 1) : location
    }

    /// A `colspan` or `rowspan` as browsers read it: digits, 1 when missing or not a number, at
    /// most `limit` (the HTML standard's 1,000 and 65,534); a `rowspan` of 0 is read as 1.
    static func span(_ value: String?, limit: Int) -> Int {
        guard let value else { return 1 }
        let digits = value.trimmingWhitespace.prefix { $0.isASCII && $0.isNumber }.prefix(6)
        guard let number = Int(digits), number >= 1 else { return 1 }
        return min(number, limit)
    }

    // MARK: Inlines

    private mutating func inlines(of nodes: [HTMLNode]) -> [Inline] {
        var result: [Inline] = []
        for node in nodes {
            switch node {
            case .text(let text):
                appendText(text, to: &result)
            case .element(let element) where Self.dropped.contains(element.name):
                continue
            case .element(let element) where Self.blockElements.contains(element.name):
                // A block inside an inline element (`<b><p>…</p></b>`): its text, on a line of its own.
                if !result.isEmpty { result.append(.lineBreak) }
                result += blocks([.element(element)]).flatMap { block -> [Inline] in
                    if case .paragraph(let content) = block { return content }
                    return [.text(block.plainText)]
                }
            case .element(let element):
                result += inlines(element)
            }
        }
        return result
    }

    private mutating func inlines(_ element: HTMLElement) -> [Inline] {
        let anchor = anchorInline(element).map { [$0] } ?? []
        let content: [Inline]
        switch element.name {
        case "br":
            return [.lineBreak]
        case "wbr":
            return []
        case "b", "strong":
            content = wrap(inlines(of: element.children), Inline.strong)
        case "i", "em", "cite", "var", "dfn":
            content = wrap(inlines(of: element.children), Inline.emphasis)
        case "s", "del", "strike":
            content = wrap(inlines(of: element.children), Inline.strikethrough)
        case "code", "kbd", "samp", "tt":
            let text = Whitespace.collapse(element.textContent)
            content = text.isEmpty ? [] : [.code(text)]
        case "a":
            let inner = inlines(of: element.children)
            guard let href = element.attributes["href"], !href.isEmpty else { return anchor + inner }
            links.append(ArticleLink(destination: href, text: inner.plainText, location: place(element)))
            content = [.link(destination: href, title: element.attributes["title"] ?? "", content: inner)]
        case "img":
            guard let source = element.attributes["src"], !source.isEmpty else { return anchor }
            let alt = element.attributes["alt"] ?? ""
            links.append(ArticleLink(destination: source, text: alt, location: place(element), isImage: true))
            content = [.image(source: source, title: element.attributes["title"] ?? "", alt: alt)]
        default:
            content = inlines(of: element.children)
        }
        return anchor + content
    }

    private func wrap(_ content: [Inline], _ make: ([Inline]) -> Inline) -> [Inline] {
        // Spaces at the ends stay outside the emphasis, as Markdown writes it.
        let trimmed = CellContent.trim(content)
        guard !trimmed.isEmpty else { return content.isEmpty ? [] : [.text(" ")] }
        let leading = content.first.map { if case .text(let text) = $0, text.hasPrefix(" ") { true } else { false } } ?? false
        let trailing = content.last.map { if case .text(let text) = $0, text.hasSuffix(" ") { true } else { false } } ?? false
        return (leading ? [.text(" ")] : []) + [make(trimmed)] + (trailing ? [.text(" ")] : [])
    }

    /// `<a name="x">` and any element's `id`: an anchor the article's links may point to.
    private func anchorInline(_ element: HTMLElement) -> Inline? {
        guard let name = element.attributes["id"] ?? (element.name == "a" ? element.attributes["name"] : nil),
              !name.isEmpty, !name.contains(where: { "\"<>&'".contains($0) })
        else { return nil }
        return .html("<a id=\"\(name)\"></a>")
    }

    /// Text as HTML shows it: runs of white space are one space.
    private func appendText(_ text: String, to inlines: inout [Inline]) {
        let collapsed = Self.collapse(text)
        guard !collapsed.isEmpty else { return }
        if case .text(let previous)? = inlines.last {
            let joined = previous.hasSuffix(" ") && collapsed.hasPrefix(" ") ? previous + collapsed.dropFirst() : previous + collapsed
            inlines[inlines.count - 1] = .text(joined)
        } else {
            if collapsed == " ", inlines.isEmpty { return }
            inlines.append(.text(collapsed))
        }
    }

    /// Runs of HTML white space (space, tab, line feed, form feed, carriage return) as one
    /// space, at the ends too.
    static func collapse(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var inSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\u{0C}" || scalar == "\r" {
                if !inSpace { result.unicodeScalars.append(" ") }
                inSpace = true
            } else {
                result.unicodeScalars.append(scalar)
                inSpace = false
            }
        }
        return result
    }
}
