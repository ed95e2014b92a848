import KBCore
import KBWeb

extension Sequence where Element == Block {
    /// Clean CommonMark/GFM for people and language models: no front matter, no raw HTML,
    /// alerts in GitHub's `> [!NOTE]` form, cell content kept on one line with `<br>`.
    public var markdown: String { markdown(links: { $0 }) }

    /// The Markdown with every link's and image's destination passed through `links` first, as
    /// `mappingLinks(links).markdown` gives without building the blocks again.
    public func markdown(links: (String) -> String) -> String {
        var parts: [String] = []
        for block in self {
            let part = block.markdown(links: links)
            if !part.isEmpty { parts.append(part) }
        }
        return parts.joined(separator: "\n\n")
    }
}

extension Block {
    public var markdown: String { markdown(links: { $0 }) }

    public func markdown(links: (String) -> String) -> String {
        switch self {
        case .paragraph(let content):
            return content.markdown(links: links).trimmingWhitespace
        case .heading(let level, let content):
            return String(repeating: "#", count: max(1, min(level, 6))) + " " + content.markdown(links: links).trimmingWhitespace
        case .list(let list):
            let separator = list.isTight ? "\n" : "\n\n"
            return list.items.enumerated().map { index, item in
                let marker = list.isOrdered ? "\(list.start + index). " : "- "
                let indentation = String(repeating: " ", count: marker.count)
                let body = item.markdown(links: links).indentingContinuationLines(by: indentation)
                return marker + body
            }.joined(separator: separator)
        case .quote(let content):
            return content.markdown(links: links).prefixingLines(with: "> ")
        case .alert(let alert):
            return ("[!\(alert.kind.rawValue.uppercased())]\n" + alert.content.markdown(links: links)).prefixingLines(with: "> ")
        case .division(_, let content):
            return content.markdown(links: links)
        case .code(let language, let text):
            let body = text.hasSuffix("\n") ? text : text + "\n"
            let fence = text.contains("```") ? "~~~~" : "```"
            return fence + language + "\n" + body + fence
        case .html, .include, .zoneStart, .zoneEnd:
            return ""
        case .video(let url):
            return URLSafety.safe(url).map { "[Video](" + $0.markdownDestination + ")" } ?? ""
        case .thematicBreak:
            return "* * *"
        case .table(let table):
            func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
            // An HTML table's cells, a cell spanning columns followed by empty ones; a heading row in bold.
            func cells(_ row: Table.Row, columns: Int) -> [String] {
                var result: [String] = []
                for (index, cell) in row.cells.enumerated() {
                    let text = cell.cellMarkdown(links: links)
                    result.append(row.isHeading && !text.isEmpty ? "**" + text + "**" : text)
                    result += Array(repeating: "", count: max(0, min(row.span(index).columns, 1_000) - 1))
                }
                return result + Array(repeating: "", count: max(0, columns - result.count))
            }
            if !table.isGrid {
                let columns = max(1, ([table.header] + table.rows).map { cells($0, columns: 0).count }.max() ?? 1)
                var lines = [line(cells(table.header, columns: columns)), line(Array(repeating: "---", count: columns))]
                for row in table.rows { lines.append(line(cells(row, columns: columns))) }
                return lines.joined(separator: "\n")
            }
            let columns = table.header.cells.count
            var lines = [line(table.header.cells.map { $0.cellMarkdown(links: links) })]
            lines.append(line(table.alignments.prefix(columns).map { alignment in
                switch alignment {
                case .none: "---"
                case .left: ":---"
                case .center: ":---:"
                case .right: "---:"
                }
            } + Array(repeating: "---", count: max(0, columns - table.alignments.count))))
            for row in table.rows { lines.append(line(row.cells.map { $0.cellMarkdown(links: links) })) }
            return lines.joined(separator: "\n")
        }
    }
}

extension Array where Element == Block {
    /// A table cell's content on one line: blocks and list items separated by `<br>`.
    func cellMarkdown(links: (String) -> String) -> String {
        map { block -> String in
            switch block {
            case .list(let list):
                return list.items.enumerated().map { index, item in
                    (list.isOrdered ? "\(list.start + index). " : "- ") + item.cellMarkdown(links: links)
                }.joined(separator: "<br>")
            default:
                return block.markdown(links: links).replacingNewlines(with: " ")
            }
        }
        .filter { !$0.isEmpty }
        .joined(separator: "<br>")
        .replacingOccurrencesOfPipe
    }
}

extension Sequence where Element == Inline {
    public var markdown: String { markdown(links: { $0 }) }

    public func markdown(links: (String) -> String) -> String {
        var text = ""
        appendMarkdown(links: links, to: &text)
        return text
    }

    /// The Markdown appended to `text`: nested emphasis and links write into the one string
    /// instead of each making its own.
    func appendMarkdown(links: (String) -> String, to text: inout String) {
        for inline in self {
            switch inline {
            case .text(let value):
                text += value.markdownEscaped
            case .code(let value):
                let fence = value.contains("`") ? "``" : "`"
                let padding = value.hasPrefix("`") || value.hasSuffix("`") ? " " : ""
                text += fence
                text += padding
                text += value
                text += padding
                text += fence
            case .emphasis(let content):
                text += "*"
                content.appendMarkdown(links: links, to: &text)
                text += "*"
            case .strong(let content):
                text += "**"
                content.appendMarkdown(links: links, to: &text)
                text += "**"
            case .strikethrough(let content):
                text += "~~"
                content.appendMarkdown(links: links, to: &text)
                text += "~~"
            case .link(let destination, let title, let content):
                // A link that may not reach a page may not reach Markdown either: its text stays.
                guard let safe = URLSafety.safe(links(destination)) else {
                    content.appendMarkdown(links: links, to: &text)
                    continue
                }
                text += "["
                content.appendMarkdown(links: links, to: &text)
                Self.appendDestination(safe, title: title, to: &text)
            case .image(let source, let title, let alt):
                guard let safe = URLSafety.safe(links(source), for: .image) else {
                    text += alt.markdownEscaped
                    continue
                }
                text += "!["
                text += alt.markdownEscaped
                Self.appendDestination(safe, title: title, to: &text)
            case .html(let tag):
                if tag.lowercased().hasPrefix("<br") { text += "  \n" }
            case .softBreak:
                text += "\n"
            case .lineBreak:
                text += "  \n"
            }
        }
    }

    /// `](destination "title")`, closing a link's or an image's text.
    private static func appendDestination(_ destination: String, title: String, to text: inout String) {
        text += "]("
        text += destination.markdownDestination
        if !title.isEmpty {
            text += " \""
            text += title.replacingQuotes
            text += "\""
        }
        text += ")"
    }
}

extension String {
    var markdownEscaped: String {
        // The characters to escape are ASCII: work on UTF-8 bytes, and copy nothing when none occurs.
        let special: (UInt8) -> Bool = { byte in
            byte == 0x5C || byte == 0x2A || byte == 0x5F || byte == 0x60 || byte == 0x5B || byte == 0x5D || byte == 0x3C
        }
        var text = self
        return text.withUTF8 { utf8 in
            guard utf8.contains(where: special) else { return self }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count + 8)
            for byte in utf8 {
                if special(byte) { bytes.append(0x5C) }
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// A URL as a Markdown link destination that reads back as the same URL: in angle
    /// brackets when it holds spaces or parentheses, with `\\`, `<` and `>` escaped, and `&`
    /// escaped where it would start a character reference (`&#106;`, `&colon;`), which
    /// Markdown decodes in destinations.
    public var markdownDestination: String {
        var escaped = self
        var needsEscapes = false, needsBrackets = false
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"): needsEscapes = true
            case UInt8(ascii: " "), UInt8(ascii: "("), UInt8(ascii: ")"): needsBrackets = true
            default: break
            }
        }
        if needsEscapes {
            let bytes = Array(utf8)
            var result: [UInt8] = []
            for (index, byte) in bytes.enumerated() {
                if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                    || (byte == UInt8(ascii: "&") && Self.startsReference(bytes[(index + 1)...])) {
                    result.append(UInt8(ascii: "\\"))
                }
                result.append(byte)
            }
            escaped = String(decoding: result, as: UTF8.self)
        }
        return needsBrackets ? "<" + escaped + ">" : escaped
    }

    /// Whether the text after an `&` is a reference's name or number and its `;`.
    private static func startsReference(_ rest: ArraySlice<UInt8>) -> Bool {
        var length = 0
        for byte in rest {
            if byte == UInt8(ascii: ";") { return length > 0 }
            let isNameByte = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "#")
            guard isNameByte, length < 32 else { return false }
            length += 1
        }
        return false
    }

    var replacingQuotes: String { escaping(UInt8(ascii: "\"")) }

    var replacingOccurrencesOfPipe: String { escaping(UInt8(ascii: "|")) }

    /// Every `byte` with a backslash before it; the text itself when it has none.
    private func escaping(_ byte: UInt8) -> String {
        guard utf8.contains(byte) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 8)
        for each in utf8 {
            if each == byte { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(each)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func prefixingLines(with prefix: String) -> String {
        let bare = Array(prefix.trimmingWhitespace.utf8)
        let full = Array(prefix.utf8)
        var text = self
        return text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 16)
            var lineStart = true
            for byte in bytes {
                if lineStart { result += byte == 0x0A ? bare : full }
                result.append(byte)
                lineStart = byte == 0x0A
            }
            if lineStart { result += bare }
            return String(decoding: result, as: UTF8.self)
        }
    }

    func indentingContinuationLines(by indentation: String) -> String {
        var text = self
        return text.withUTF8 { bytes in
            guard let firstBreak = bytes.firstIndex(of: 0x0A) else { return self }
            let indent = Array(indentation.utf8)
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 64)
            result += bytes[..<firstBreak]
            var afterNewline = false
            for byte in bytes[firstBreak...] {
                if afterNewline, byte != 0x0A { result += indent }
                result.append(byte)
                afterNewline = byte == 0x0A
            }
            return String(decoding: result, as: UTF8.self)
        }
    }
}
