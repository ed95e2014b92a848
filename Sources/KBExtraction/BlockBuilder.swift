import KBCore
import KBModel
import KBSyntax
import KBWeb

/// Turns cmark-gfm syntax into model blocks and inlines, recognising what DocFX adds to
/// Markdown: alerts, `[!div]`, `[!VIDEO]`, `[!INCLUDE]`, zone pivots, HTML formatting tags and
/// the `<br>`/`<ol><li>` structure authors write inside table cells.
struct BlockBuilder {
    let tree: SyntaxTree
    let file: String
    let limits: Limits
    private(set) var links: [ArticleLink] = []
    private(set) var diagnostics: [Diagnostic] = []

    /// The Markdown the tree was parsed from, and the line of the file it starts on: HTML that
    /// cmark cut into several blocks (a `<table>` with blank lines in it) is read again whole.
    let source: (text: Substring, firstLine: Int)?
    /// Nodes before this index were read with an HTML block before them.
    private var consumedBefore = 0
    /// Where the children being read end: the subtree end of their parent.
    private var siblingsEnd: Int
    /// Where each line of `source` starts, found when first needed.
    private var lineStarts: [Substring.Index] = []

    init(tree: SyntaxTree, file: String = "", limits: Limits = .default, source: (text: Substring, firstLine: Int)? = nil) {
        self.tree = tree
        self.file = file
        self.limits = limits
        self.source = source
        self.siblingsEnd = tree.nodes.count
    }

    init(document: ParsedDocument, limits: Limits) {
        self.init(tree: document.tree, file: document.file, limits: limits, source: (document.body, document.bodyFirstLine))
    }

    // MARK: Blocks

    /// The blocks of a container node's children.
    mutating func blocks(childrenOf index: Int) -> [Block] {
        var result: [Block] = []
        let outer = siblingsEnd
        siblingsEnd = Int(tree[index].subtreeEnd)
        for child in tree.children(of: index) {
            result += blocks(for: child)
        }
        siblingsEnd = outer
        return result
    }

    /// The blocks one node yields: usually one, none for an empty paragraph, several when a
    /// paragraph holds `::: zone` lines.
    mutating func blocks(for index: Int) -> [Block] {
        guard index >= consumedBefore else { return [] }
        let node = tree[index]
        switch node.kind {
        case .paragraph:
            let linkCount = links.count
            let blocks = paragraphBlocks(inlines(childrenOf: index), location: node.start)
            // The link inside `[!INCLUDE[…](path)]` is the directive's, not a link of the article.
            if case .include? = blocks.first, blocks.count == 1 { links.removeSubrange(linkCount...) }
            return blocks
        case .heading:
            return [.heading(level: node.headingLevel, content: inlines(childrenOf: index))]
        case .blockQuote:
            // A `::: zone` line right after a quote's text is folded into it by cmark (a lazy
            // continuation line); DocFX ends the quote there.
            let (inside, after) = Self.splitAtZoneMarker(blocks(childrenOf: index))
            return [quote(index, content: inside)] + after
        case .list:
            return Self.splittingAtZoneMarkers(list(index))
        case .codeBlock:
            let language = node.title.split(separator: " ").first.map(String.init) ?? ""
            return [.code(language: language, text: node.literal)]
        case .htmlBlock:
            let tables = HTMLFragment.tableTags(in: node.literal)
            guard tables.opening > 0 else { return [.html(node.literal)] }
            return htmlTables(from: index, unclosed: tables.unclosed)
        case .thematicBreak:
            return [.thematicBreak]
        case .table:
            return [.table(table(index))]
        case .customBlock, .footnoteDefinition, .item, .document:
            return blocks(childrenOf: index)
        default:
            // Inline content directly in a block container cannot come from cmark; keep its text.
            let content = inlines(childrenOf: index)
            return content.isEmpty ? [] : [.paragraph(content)]
        }
    }

    mutating func list(_ index: Int) -> List {
        let node = tree[index]
        let items = tree.children(of: index).map { item in blocks(childrenOf: item) }
        return List(
            isOrdered: node.listIsOrdered, start: node.listStart, isTight: node.listIsTight,
            items: items, location: node.start)
    }

    /// A paragraph, or the DocFX constructs written as one: `[!INCLUDE[…](…)]` and
    /// `::: zone` lines (which cmark folds into the neighbouring paragraph when no blank line
    /// separates them, after a soft or a hard line break).
    private mutating func paragraphBlocks(_ content: [Inline], location: SourceLocation) -> [Block] {
        if let include = Self.include(in: content, location: location) {
            return [.include(include)]
        }
        // Lines, each with the break that ends it.
        var lines: [(content: [Inline], end: Inline?)] = []
        var line: [Inline] = []
        for inline in content {
            if inline == .softBreak || inline == .lineBreak {
                lines.append((line, inline))
                line = []
            } else {
                line.append(inline)
            }
        }
        lines.append((line, nil))
        guard lines.contains(where: { Self.directive($0.content) != nil }) else {
            return content.isEmpty ? [] : [.paragraph(content)]
        }
        var result: [Block] = []
        var pending: [Inline] = []
        func flush() {
            while let last = pending.last, last == .softBreak || last == .lineBreak { pending.removeLast() }
            if !pending.isEmpty { result.append(.paragraph(pending)) }
            pending = []
        }
        for (line, end) in lines {
            if let directive = Self.directive(line) {
                flush()
                switch directive {
                case .block(let block):
                    result.append(block)
                case .image(let source, let alt):
                    links.append(ArticleLink(destination: source, text: alt, location: location, isImage: true))
                    result.append(.paragraph([.image(source: source, title: "", alt: alt)]))
                case .layout:
                    break
                }
            } else {
                pending += line
                if let end { pending.append(end) }
            }
        }
        flush()
        return result
    }

    static func isZoneMarker(_ block: Block) -> Bool {
        switch block {
        case .zoneStart, .zoneEnd: true
        default: false
        }
    }

    /// Blocks before the first zone marker, and that marker with all that follows it.
    static func splitAtZoneMarker(_ blocks: [Block]) -> (before: [Block], from: [Block]) {
        guard let marker = blocks.firstIndex(where: isZoneMarker) else { return (blocks, []) }
        return (Array(blocks[..<marker]), Array(blocks[marker...]))
    }

    /// A list, or, when a `::: zone` line was folded into one of its items, the list up to
    /// there, the marker and what follows it in the item outside the list, then the rest of
    /// the list: DocFX ends the list at the marker.
    static func splittingAtZoneMarkers(_ list: List) -> [Block] {
        guard list.items.contains(where: { $0.contains(where: isZoneMarker) }) else { return [.list(list)] }
        var result: [Block] = []
        var current = list
        current.items = []
        var number = list.start
        func flush() {
            if !current.items.isEmpty { result.append(.list(current)) }
            current.items = []
            current.start = number
        }
        for item in list.items {
            let (before, from) = splitAtZoneMarker(item)
            if !before.isEmpty {
                current.items.append(before)
                number += 1
            }
            if !from.isEmpty {
                flush()
                result += from
            }
        }
        flush()
        return result
    }

    /// `[!INCLUDE[title](path)]`, which cmark reads as text around a link.
    private static func include(in content: [Inline], location: SourceLocation) -> Include? {
        let significant = content.filter { inline in
            if case .text(let text) = inline { return !text.trimmingWhitespace.isEmpty }
            return true
        }
        guard significant.count == 3,
              case .text(let opening) = significant[0],
              case .link(let path, _, let title) = significant[1],
              case .text(let closing) = significant[2],
              opening.trimmingWhitespace.uppercased() == "[!INCLUDE",
              closing.trimmingWhitespace == "]"
        else { return nil }
        return Include(title: title.plainText, path: path, location: location)
    }

    /// What a DocFX triple-colon line stands for.
    enum Directive {
        /// `::: zone pivot="…"`, `::: zone-end`.
        case block(Block)
        /// `:::image type="content" source="…" alt-text="…":::`.
        case image(source: String, alt: String)
        /// `:::row:::`, `:::column span="2":::`, `:::moniker range="…":::`, `:::image-end:::`
        /// and their ends: layout and versioning that carry no text.
        case layout
    }

    /// The directive a line of a paragraph holds, or nil when it is text.
    static func directive(_ line: some Collection<Inline>) -> Directive? {
        guard case .text(let first)? = line.first, first.hasPrefix(":::") else { return nil }
        var text = Substring(line.plainText.trimmingWhitespace)
        guard text.hasPrefix(":::") else { return nil }
        text = text.dropFirst(3)
        if text.hasSuffix(":::") { text = text.dropLast(3) }
        let words = text.trimmingWhitespace.split(separator: " ", maxSplits: 1)
        guard let keyword = words.first?.lowercased() else { return nil }
        let attributes = words.count == 2 ? Self.attributes(words[1]) : [:]
        switch keyword {
        case "zone-end":
            return .block(.zoneEnd)
        case "zone":
            if let pivot = attributes["pivot"] { return .block(.zoneStart(pivot: pivot)) }
            return attributes["target"] != nil ? .layout : nil
        case "image":
            guard let source = attributes["source"], !source.isEmpty else { return .layout }
            return .image(source: source, alt: attributes["alt-text"] ?? attributes["alt"] ?? "")
        case "image-end", "row", "row-end", "column", "column-end", "moniker", "moniker-end", "no-loc":
            return .layout
        default:
            return nil
        }
    }

    /// `type="content" source="x.png" alt-text="A B"` → its names and values.
    private static func attributes(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var rest = text[...]
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].trimmingWhitespace.lowercased()
            rest = rest[rest.index(after: equals)...].drop { $0 == " " }
            guard let quote = rest.first, "\"'“”".contains(quote) else {
                let value = rest.prefix { $0 != " " }
                result[name] = String(value)
                rest = rest.dropFirst(value.count)
                continue
            }
            rest = rest.dropFirst()
            let value = rest.prefix { !"\"'“”".contains($0) }
            result[name] = String(value)
            rest = rest.dropFirst(value.count).dropFirst()
        }
        return result
    }

    /// A block quote, or the DocFX block written as one: `> [!NOTE]` and the other alerts,
    /// `> [!div class="…"]`, `> [!VIDEO url]`.
    private mutating func quote(_ index: Int, content: [Block]) -> Block {
        var content = content
        guard case .paragraph(let first)? = content.first,
              let (marker, rest) = Self.leadingMarker(first)
        else { return .quote(content) }

        let upper = marker.uppercased()
        if let kind = Alert.Kind(rawValue: upper.lowercased()) {
            content.replaceFirstParagraph(with: rest)
            return .alert(Alert(kind: kind, content: content, location: tree[index].start))
        }
        if upper.hasPrefix("DIV ") {
            let attribute = marker.dropFirst(4).trimmingWhitespace
            if attribute.lowercased().hasPrefix("class=") {
                let className = attribute.dropFirst(6).trimmingCharacters(in: "\"'“”")
                content.replaceFirstParagraph(with: rest)
                return .division(className: className, content: content)
            }
        }
        if upper.hasPrefix("VIDEO ") {
            let url = marker.dropFirst(6).trimmingWhitespace
            content.replaceFirstParagraph(with: rest)
            return content.isEmpty ? .video(url: url) : .quote([.video(url: url)] + content)
        }
        return .quote(content)
    }

    /// The text between `[!` and `]` at the start of a paragraph, and what follows it on the
    /// paragraph's later lines (or the same line).
    private static func leadingMarker(_ content: [Inline]) -> (marker: String, rest: [Inline])? {
        let lineEnd = content.firstIndex(of: .softBreak) ?? content.endIndex
        let firstLine = content[..<lineEnd]
        let text = firstLine.plainText
        guard text.hasPrefix("[!"), let close = text.lastIndex(of: "]") else { return nil }
        let marker = String(text[text.index(text.startIndex, offsetBy: 2)..<close])
        guard !marker.isEmpty, !marker.contains("[") else { return nil }
        var rest = Array(content[lineEnd...].drop { $0 == .softBreak })
        let trailing = text[text.index(after: close)...].trimmingWhitespace
        if !trailing.isEmpty {
            rest = [.text(trailing)] + (rest.isEmpty ? [] : [.softBreak] + rest)
        }
        return (marker, rest)
    }

    // MARK: Tables

    /// An HTML block that opens a `<table>`, read with the blocks after it up to where the
    /// table closes (cmark ends an HTML block at a blank line, a browser reads on), as blocks:
    /// the tables as tables, what is around them as paragraphs and lists.
    private mutating func htmlTables(from index: Int, unclosed: Int) -> [Block] {
        let node = tree[index]
        var open = unclosed
        var last = index
        var next = Int(node.subtreeEnd)
        if let source {
            while open > 0, next < siblingsEnd, tree[next].kind != .heading {
                let lines = tree[next].start.line...max(tree[next].start.line, tree[next].end.line)
                open += HTMLFragment.tableTags(in: text(ofLines: lines, in: source, column: node.start.column)).unclosed
                last = next
                next = Int(tree[next].subtreeEnd)
            }
        }
        consumedBefore = max(consumedBefore, Int(tree[last].subtreeEnd))
        // cmark gives some blocks (a comment at the end) an end before their start.
        let lines = node.start.line...max(node.start.line, tree[last].end.line, tree[last].start.line)
        let html = source.map { text(ofLines: lines, in: $0, column: node.start.column) } ?? node.literal
        let nodes: [HTMLNode]
        do {
            nodes = try HTMLFragment.parse(html, maximumDepth: limits.treeDepth)
        } catch {
            diagnostics.append(Diagnostic(
                .warning, .htmlTooComplex, "this HTML is not read as a table: \(error.reason)", file: file, at: node.start))
            return [.html(html)]
        }
        var content = HTMLContent(location: node.start, limits: limits)
        let blocks = content.blocks(nodes)
        links += content.links
        if content.truncated {
            diagnostics.append(Diagnostic(
                .warning, .tableTooLarge,
                "this table has more than \(limits.tableCells) cells; the rows from there on are left out",
                file: file, at: node.start))
        }
        return blocks
    }

    /// Lines of the source, without the container markers (`>`, indentation) before `column`.
    private mutating func text(ofLines lines: ClosedRange<Int>, in source: (text: Substring, firstLine: Int), column: Int) -> String {
        if lineStarts.isEmpty {
            lineStarts = [source.text.startIndex]
            var index = source.text.startIndex
            while let newline = source.text[index...].firstIndex(of: "\n") {
                index = source.text.index(after: newline)
                lineStarts.append(index)
            }
        }
        var result = ""
        for number in lines {
            let offset = number - source.firstLine
            guard offset >= 0, offset < lineStarts.count else { continue }
            let start = lineStarts[offset]
            let end = source.text[start...].firstIndex(of: "\n") ?? source.text.endIndex
            var line = source.text[start..<end]
            var dropped = 0
            while dropped < column - 1, let first = line.first, first == " " || first == "\t" || first == ">" {
                line = line.dropFirst()
                dropped += 1
            }
            result += line
            result += "\n"
        }
        return result
    }

    mutating func table(_ index: Int) -> Table {
        let node = tree[index]
        var header = Table.Row(cells: [], location: node.start)
        var rows: [Table.Row] = []
        let columns = max(node.tableAlignments.count, 1)
        for rowIndex in tree.children(of: index) {
            let rowNode = tree[rowIndex]
            if (rows.count + 1) * columns > limits.tableCells {
                diagnostics.append(Diagnostic(
                    .warning, .tableTooLarge,
                    "this table has more than \(limits.tableCells) cells; the rows from here on are left out",
                    file: file, at: rowNode.start))
                break
            }
            let cells = tree.children(of: rowIndex).map { cell in
                CellContent.blocks(from: inlines(childrenOf: cell), location: tree[cell].start)
            }
            let row = Table.Row(cells: cells, location: rowNode.start)
            if rowNode.kind == .tableHeader { header = row } else { rows.append(row) }
        }
        let alignments = node.tableAlignments.map { alignment -> Table.Alignment in
            switch alignment {
            case .none: .none
            case .left: .left
            case .center: .center
            case .right: .right
            }
        }
        return Table(alignments: alignments, header: header, rows: rows, location: node.start)
    }

    // MARK: Inlines

    mutating func inlines(childrenOf index: Int) -> [Inline] {
        var result: [Inline] = []
        for child in tree.children(of: index) {
            if let inline = inline(child) { result.append(inline) }
        }
        return HTMLFormatting.pairTags(in: result)
    }

    private mutating func inline(_ index: Int) -> Inline? {
        let node = tree[index]
        switch node.kind {
        case .text, .customInline:
            return .text(node.literal)
        case .code:
            return .code(node.literal)
        case .htmlInline:
            return .html(node.literal)
        case .softBreak:
            return .softBreak
        case .lineBreak:
            return .lineBreak
        case .emphasis:
            return .emphasis(inlines(childrenOf: index))
        case .strong:
            return .strong(inlines(childrenOf: index))
        case .strikethrough:
            return .strikethrough(inlines(childrenOf: index))
        case .link:
            let content = inlines(childrenOf: index)
            links.append(ArticleLink(destination: node.destination, text: content.plainText, location: node.start))
            return .link(destination: node.destination, title: node.title, content: content)
        case .image:
            let alt = inlines(childrenOf: index).plainText
            links.append(ArticleLink(destination: node.destination, text: alt, location: node.start, isImage: true))
            return .image(source: node.destination, title: node.title, alt: alt)
        case .footnoteReference:
            return .text(node.literal)
        default:
            let content = inlines(childrenOf: index)
            return content.isEmpty ? nil : .emphasis(content)
        }
    }
}

extension Array where Element == Block {
    /// Replaces the leading paragraph's content, dropping the paragraph when nothing is left.
    fileprivate mutating func replaceFirstParagraph(with content: [Inline]) {
        guard !isEmpty else { return }
        if content.isEmpty { removeFirst() } else { self[0] = .paragraph(content) }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let trimmed = trimmingWhitespace
        var start = trimmed.startIndex
        var end = trimmed.endIndex
        while start < end, set.contains(trimmed[start]) { start = trimmed.index(after: start) }
        while end > start, set.contains(trimmed[trimmed.index(before: end)]) { end = trimmed.index(before: end) }
        return String(trimmed[start..<end])
    }
}
