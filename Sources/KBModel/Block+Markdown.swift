extension Sequence where Element == Block {
    /// Clean CommonMark/GFM for people and language models: no front matter, no raw HTML,
    /// alerts in GitHub's `> [!NOTE]` form, cell content kept on one line with `<br>`.
    public var markdown: String {
        var parts: [String] = []
        for block in self {
            let part = block.markdown
            if !part.isEmpty { parts.append(part) }
        }
        return parts.joined(separator: "\n\n")
    }
}

extension Block {
    public var markdown: String {
        switch self {
        case .paragraph(let content):
            return content.markdown.trimmingWhitespace
        case .heading(let level, let content):
            return String(repeating: "#", count: max(1, min(level, 6))) + " " + content.markdown.trimmingWhitespace
        case .list(let list):
            let separator = list.isTight ? "\n" : "\n\n"
            return list.items.enumerated().map { index, item in
                let marker = list.isOrdered ? "\(list.start + index). " : "- "
                let indentation = String(repeating: " ", count: marker.count)
                let body = item.markdown.indentingContinuationLines(by: indentation)
                return marker + body
            }.joined(separator: separator)
        case .quote(let content):
            return content.markdown.prefixingLines(with: "> ")
        case .alert(let alert):
            return ("[!\(alert.kind.rawValue.uppercased())]\n" + alert.content.markdown).prefixingLines(with: "> ")
        case .division(_, let content):
            return content.markdown
        case .code(let language, let text):
            let body = text.hasSuffix("\n") ? text : text + "\n"
            let fence = text.contains("```") ? "~~~~" : "```"
            return fence + language + "\n" + body + fence
        case .html, .include, .zoneStart, .zoneEnd:
            return ""
        case .video(let url):
            return "[Video](" + url.markdownDestination + ")"
        case .thematicBreak:
            return "* * *"
        case .table(let table):
            func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
            let columns = table.header.cells.count
            var lines = [line(table.header.cells.map(\.cellMarkdown))]
            lines.append(line(table.alignments.prefix(columns).map { alignment in
                switch alignment {
                case .none: "---"
                case .left: ":---"
                case .center: ":---:"
                case .right: "---:"
                }
            } + Array(repeating: "---", count: max(0, columns - table.alignments.count))))
            for row in table.rows { lines.append(line(row.cells.map(\.cellMarkdown))) }
            return lines.joined(separator: "\n")
        }
    }
}

extension Array where Element == Block {
    /// A table cell's content on one line: blocks and list items separated by `<br>`.
    var cellMarkdown: String {
        map { block -> String in
            switch block {
            case .list(let list):
                return list.items.enumerated().map { index, item in
                    (list.isOrdered ? "\(list.start + index). " : "- ") + item.cellMarkdown
                }.joined(separator: "<br>")
            default:
                return block.markdown.replacingNewlines(with: " ")
            }
        }
        .filter { !$0.isEmpty }
        .joined(separator: "<br>")
        .replacingOccurrencesOfPipe
    }
}

extension Sequence where Element == Inline {
    public var markdown: String {
        var text = ""
        for inline in self {
            switch inline {
            case .text(let value):
                text += value.markdownEscaped
            case .code(let value):
                let fence = value.contains("`") ? "``" : "`"
                let padding = value.hasPrefix("`") || value.hasSuffix("`") ? " " : ""
                text += fence + padding + value + padding + fence
            case .emphasis(let content):
                text += "*" + content.markdown + "*"
            case .strong(let content):
                text += "**" + content.markdown + "**"
            case .strikethrough(let content):
                text += "~~" + content.markdown + "~~"
            case .link(let destination, let title, let content):
                text += "[" + content.markdown + "](" + destination.markdownDestination
                if !title.isEmpty { text += " \"" + title.replacingQuotes + "\"" }
                text += ")"
            case .image(let source, let title, let alt):
                text += "![" + alt.markdownEscaped + "](" + source.markdownDestination
                if !title.isEmpty { text += " \"" + title.replacingQuotes + "\"" }
                text += ")"
            case .html(let tag):
                if tag.lowercased().hasPrefix("<br") { text += "  \n" }
            case .softBreak:
                text += "\n"
            case .lineBreak:
                text += "  \n"
            }
        }
        return text
    }
}

extension String {
    var markdownEscaped: String {
        // The characters to escape are ASCII: work on UTF-8 bytes, and copy nothing when none occurs.
        let special: (UInt8) -> Bool = { byte in
            byte == 0x5C || byte == 0x2A || byte == 0x5F || byte == 0x60 || byte == 0x5B || byte == 0x5D || byte == 0x3C
        }
        guard utf8.contains(where: special) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 8)
        for byte in utf8 {
            if special(byte) { bytes.append(0x5C) }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public var markdownDestination: String {
        contains(" ") || contains(")") || contains("(") ? "<" + self + ">" : self
    }

    var replacingQuotes: String {
        split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\\\"")
    }

    var replacingOccurrencesOfPipe: String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }

    func prefixingLines(with prefix: String) -> String {
        let bare = Array(prefix.trimmingWhitespace.utf8)
        let full = Array(prefix.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        var lineStart = true
        for byte in utf8 {
            if lineStart { bytes += byte == 0x0A ? bare : full }
            bytes.append(byte)
            lineStart = byte == 0x0A
        }
        if lineStart { bytes += bare }
        return String(decoding: bytes, as: UTF8.self)
    }

    func indentingContinuationLines(by indentation: String) -> String {
        guard utf8.contains(0x0A) else { return self }
        let indent = Array(indentation.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 64)
        var afterNewline = false
        for byte in utf8 {
            if afterNewline, byte != 0x0A { bytes += indent }
            bytes.append(byte)
            afterNewline = byte == 0x0A
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
