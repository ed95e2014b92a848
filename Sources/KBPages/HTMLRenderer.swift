import KBOutput
import KBCore
import KBModel
import KBWeb

/// Renders model blocks and inlines to HTML. Text is escaped, URLs are checked, raw HTML goes
/// through `HTMLSanitizer`: whatever the content, the output is safe to put in a page.
public struct HTMLRenderer {
    /// Rewrites link destinations (relative `.md` links to the generated pages).
    public var rewriteLink: (String) -> String = { $0 }
    /// The label of an alert kind, in the page's language.
    public var alertTitle: (Alert.Kind) -> String = { $0.rawValue.prefix(1).uppercased() + $0.rawValue.dropFirst() }
    /// The label above a zone's content (`Applies to: mdm-preview`).
    public var zoneLabel: (String) -> String = { $0 }
    /// Running text as HTML; by default escaped, on article pages with codes linked.
    var textHTML: (String) -> String = { $0.htmlEscaped }
    /// HTML placed right after a section's heading (an entry's codes and languages).
    public var afterHeading: (Section) -> String = { _ in "" }
    /// HTML placed before a table whose rows are entries, given the rows' ids (the table's
    /// entries in other languages).
    public var beforeEntryTable: ([String]) -> String = { _ in "" }

    public init() {}

    // MARK: Sections

    /// A section's heading and content, and its subsections', as a flat sequence of headings
    /// and blocks (zones may span headings, so sections are not nested elements).
    public func render(_ section: Section, skipHeading: Bool = false) -> String {
        var output = ""
        var zones = 0
        renderSection(section, skipHeading: skipHeading, zones: &zones, into: &output)
        while zones > 0 {
            output += "</div>\n"
            zones -= 1
        }
        return output
    }

    private func renderSection(_ section: Section, skipHeading: Bool, zones: inout Int, into output: inout String) {
        if section.level > 0, !skipHeading {
            let level = min(section.level, 6)
            output += "<h\(level) id=\"\(section.anchor.htmlEscaped)\">\(render(section.title))</h\(level)>\n"
            output += afterHeading(section)
        }
        renderBlocks(section.blocks, zones: &zones, into: &output)
        for subsection in section.subsections {
            renderSection(subsection, skipHeading: false, zones: &zones, into: &output)
        }
    }

    // MARK: Blocks

    public func render(_ blocks: [Block]) -> String {
        var output = ""
        var zones = 0
        renderBlocks(blocks, zones: &zones, into: &output)
        while zones > 0 {
            output += "</div>\n"
            zones -= 1
        }
        return output
    }

    private func renderBlocks(_ blocks: [Block], zones: inout Int, into output: inout String) {
        // HTML blocks of one sequence share a sanitizer: authors open an element in one block
        // (`<table><tr><td>`) and close it in a later one, with Markdown in between.
        var sanitizer: HTMLSanitizer?
        defer {
            if var open = sanitizer { open.finish(into: &output) }
        }
        for block in blocks {
            if case .html(let raw) = block {
                if sanitizer == nil { sanitizer = makeSanitizer() }
                sanitizer!.write(raw, into: &output)
                output += "\n"
                continue
            }
            sanitizer?.closeForBlockContent(into: &output)
            switch block {
            case .zoneStart(let pivot):
                output += "<div class=\"zone\" data-pivot=\"\(pivot.htmlEscaped)\" role=\"region\" aria-label=\"\(zoneLabel(pivot).htmlEscaped)\">\n"
                output += "<p class=\"zone-label\">\(zoneLabel(pivot).htmlEscaped)</p>\n"
                zones += 1
            case .zoneEnd:
                if zones > 0 {
                    output += "</div>\n"
                    zones -= 1
                }
            default:
                render(block, into: &output)
            }
        }
    }

    func render(_ block: Block, into output: inout String) {
        switch block {
        case .paragraph(let content):
            output += "<p>\(render(content))</p>\n"
        case .heading(let level, let content):
            let level = max(1, min(level, 6))
            output += "<h\(level)>\(render(content))</h\(level)>\n"
        case .list(let list):
            if list.isOrdered {
                output += list.start == 1 ? "<ol>\n" : "<ol start=\"\(list.start)\">\n"
            } else {
                output += "<ul>\n"
            }
            for item in list.items {
                output += "<li>" + renderItem(item, tight: list.isTight) + "</li>\n"
            }
            output += list.isOrdered ? "</ol>\n" : "</ul>\n"
        case .quote(let content):
            output += "<blockquote>\n\(render(content))</blockquote>\n"
        case .alert(let alert):
            output += "<div class=\"alert alert-\(alert.kind.rawValue)\" role=\"note\">\n"
            output += "<p class=\"alert-title\">\(alertTitle(alert.kind).htmlEscaped)</p>\n"
            output += render(alert.content)
            output += "</div>\n"
        case .code(let language, let text):
            let attribute = language.isEmpty ? "" : " class=\"language-\(language.htmlEscaped)\""
            output += "<pre><code\(attribute)>\(text.htmlEscaped)</code></pre>\n"
        case .html(let raw):
            var sanitizer = makeSanitizer()
            sanitizer.write(raw, into: &output)
            sanitizer.finish(into: &output)
            output += "\n"
        case .table(let table):
            render(table, into: &output)
        case .thematicBreak:
            output += "<hr>\n"
        case .include:
            // Resolved when the model is built; one that could not be is reported there, and left out here.
            break
        case .division(let className, let content):
            let classes = className.split(separator: " ").map { "docfx-" + $0 }.joined(separator: " ")
            output += "<div class=\"\(classes.htmlEscaped)\">\n\(render(content))</div>\n"
        case .zoneStart, .zoneEnd:
            output += render([block])
        case .video(let url):
            if let safe = URLSafety.safe(url) {
                output += "<p class=\"video\"><a href=\"\(safe.htmlEscaped)\">\(url.htmlEscaped)</a></p>\n"
            }
        }
    }

    /// A tight list item's lone paragraph is rendered without `<p>`, as Markdown renderers do.
    private func renderItem(_ item: [Block], tight: Bool) -> String {
        if tight, case .paragraph(let content)? = item.first {
            var output = render(content)
            if item.count > 1 { output += "\n" + render(Array(item.dropFirst())) }
            return output
        }
        return render(item)
    }

    private func render(_ table: Table, into output: inout String) {
        func align(_ column: Int) -> String {
            guard column < table.alignments.count else { return "" }
            switch table.alignments[column] {
            case .none: return ""
            case .left: return " style=\"text-align:left\""
            case .center: return " style=\"text-align:center\""
            case .right: return " style=\"text-align:right\""
            }
        }
        func cell(_ blocks: [Block]) -> String {
            if blocks.count == 1, case .paragraph(let content) = blocks[0] { return render(content) }
            return render(blocks)
        }
        guard table.isGrid else { return renderWithSpans(table, cell: cell, into: &output) }
        let entryIDs = table.rows.compactMap(\.entryID)
        // A table of entries reads as one card per entry on a narrow screen: each cell carries
        // its column's heading for the stylesheet to show (`data-label`).
        var labels: [String] = []
        if !entryIDs.isEmpty {
            output += beforeEntryTable(entryIDs)
            labels = table.header.cells.map { " data-label=\"\($0.plainText.htmlEscaped)\"" }
            output += "<table class=\"entries\">\n<thead>\n<tr>"
        } else {
            output += "<table>\n<thead>\n<tr>"
        }
        for (column, content) in table.header.cells.enumerated() {
            output += "<th\(align(column))>\(cell(content))</th>"
        }
        output += "</tr>\n</thead>\n<tbody>\n"
        for row in table.rows {
            if let id = row.entryID {
                output += "<tr id=\"\(id.htmlEscaped)\" class=\"entry\">"
            } else {
                output += "<tr>"
            }
            for column in 0..<table.header.cells.count {
                let content = column < row.cells.count ? row.cells[column] : []
                output += "<td\(column < labels.count ? labels[column] : "")\(align(column))>\(cell(content))</td>"
            }
            output += "</tr>\n"
        }
        output += "</tbody>\n</table>\n"
    }

    /// An HTML table as written: its cells' spans, its heading rows; a row that opens an entry
    /// carries the entry's id.
    private func renderWithSpans(_ table: Table, cell: ([Block]) -> String, into output: inout String) {
        func spanAttributes(_ span: Table.Span) -> String {
            (span.columns > 1 ? " colspan=\"\(span.columns)\"" : "") + (span.rows > 1 ? " rowspan=\"\(span.rows)\"" : "")
        }
        output += table.rows.contains { $0.entryID != nil } ? "<table class=\"records\">\n" : "<table>\n"
        if !table.header.cells.isEmpty {
            output += "<thead>\n<tr>"
            for (index, content) in table.header.cells.enumerated() {
                output += "<th\(spanAttributes(table.header.span(index)))>\(cell(content))</th>"
            }
            output += "</tr>\n</thead>\n"
        }
        output += "<tbody>\n"
        for row in table.rows {
            output += row.entryID.map { "<tr id=\"\($0.htmlEscaped)\" class=\"entry\">" } ?? "<tr>"
            let tag = row.isHeading ? "th" : "td"
            for (index, content) in row.cells.enumerated() {
                output += "<\(tag)\(spanAttributes(row.span(index)))>\(cell(content))</\(tag)>"
            }
            output += "</tr>\n"
        }
        output += "</tbody>\n</table>\n"
    }

    // MARK: Inlines

    private func makeSanitizer() -> HTMLSanitizer {
        var sanitizer = HTMLSanitizer()
        sanitizer.rewriteURL = rewriteLink
        return sanitizer
    }

    public func render(_ inlines: [Inline]) -> String {
        var output = ""
        var sanitizer = makeSanitizer()
        sanitizer.isInline = true
        render(inlines, insideLink: false, sanitizer: &sanitizer, into: &output)
        sanitizer.finish(into: &output)
        return output
    }

    private func render(_ inlines: [Inline], insideLink: Bool, sanitizer: inout HTMLSanitizer, into output: inout String) {
        for inline in inlines {
            // Inside `<script>…</script>` written inline, nothing is shown, not even as text.
            if sanitizer.isDroppingContent {
                if case .html(let raw) = inline { sanitizer.write(raw, into: &output) }
                continue
            }
            switch inline {
            case .text(let text):
                output += insideLink || sanitizer.isInsideLink ? text.htmlEscaped : textHTML(text)
            case .code(let text):
                output += "<code>\(insideLink || sanitizer.isInsideLink ? text.htmlEscaped : textHTML(text))</code>"
            case .emphasis(let content):
                output += "<em>"
                render(content, insideLink: insideLink, sanitizer: &sanitizer, into: &output)
                output += "</em>"
            case .strong(let content):
                output += "<strong>"
                render(content, insideLink: insideLink, sanitizer: &sanitizer, into: &output)
                output += "</strong>"
            case .strikethrough(let content):
                output += "<del>"
                render(content, insideLink: insideLink, sanitizer: &sanitizer, into: &output)
                output += "</del>"
            case .link(let destination, let title, let content):
                // Links do not nest: an autolink inside a link written in HTML stays text.
                guard !insideLink, !sanitizer.isInsideLink, ContentPath.hasValidHost(destination),
                      let target = URLSafety.safe(rewriteLink(destination))
                else {
                    render(content, insideLink: insideLink, sanitizer: &sanitizer, into: &output)
                    continue
                }
                output += "<a href=\"\(target.htmlEscaped)\""
                if !title.isEmpty { output += " title=\"\(title.htmlEscaped)\"" }
                output += ">"
                render(content, insideLink: true, sanitizer: &sanitizer, into: &output)
                output += "</a>"
            case .image(let source, let title, let alt):
                guard let safe = URLSafety.safe(rewriteLink(source), for: .image) else {
                    output += alt.htmlEscaped
                    continue
                }
                output += "<img src=\"\(safe.htmlEscaped)\" alt=\"\(alt.htmlEscaped)\""
                if !title.isEmpty { output += " title=\"\(title.htmlEscaped)\"" }
                output += " loading=\"lazy\">"
            case .html(let raw):
                sanitizer.write(raw, into: &output)
            case .softBreak:
                output += "\n"
            case .lineBreak:
                output += "<br>\n"
            }
        }
    }
}
