import KBCore
import KBText

extension Sequence where Element == Inline {
    /// The text a reader sees, on one line: soft and hard breaks become spaces, markup is dropped.
    public var plainText: String {
        var text = ""
        appendPlainText(to: &text)
        return text.collapsingWhitespace
    }

    func appendPlainText(to text: inout String) {
        for inline in self {
            switch inline {
            case .text(let value), .code(let value):
                text += value
            case .emphasis(let content), .strong(let content), .strikethrough(let content):
                content.appendPlainText(to: &text)
            case .link(_, _, let content):
                content.appendPlainText(to: &text)
            case .image(_, _, let alt):
                text += alt
            case .html(let tag):
                if tag.lowercased().hasPrefix("<br") { text += " " }
            case .softBreak, .lineBreak:
                text += " "
            }
        }
    }
}

extension Sequence where Element == Block {
    /// The text a reader sees: blocks separated by blank lines, list items on their own lines.
    public var plainText: String {
        var parts: [String] = []
        for block in self {
            let part = block.plainText
            if !part.isEmpty { parts.append(part) }
        }
        return parts.joined(separator: "\n\n")
    }
}

extension Block {
    public var plainText: String {
        switch self {
        case .paragraph(let content), .heading(_, let content):
            return content.plainText
        case .list(let list):
            return list.items.enumerated().map { index, item in
                let marker = list.isOrdered ? "\(list.start + index). " : "- "
                return marker + item.plainText.replacingNewlines(with: "\n   ")
            }.joined(separator: "\n")
        case .quote(let content), .division(_, let content):
            return content.plainText
        case .alert(let alert):
            return alert.content.plainText
        case .code(_, let text):
            return text.hasSuffix("\n") ? String(text.dropLast()) : text
        case .html, .thematicBreak, .include, .zoneStart, .zoneEnd:
            return ""
        case .video(let url):
            return url
        case .table(let table):
            return ([table.header] + table.rows).map { row in
                row.cells.map { $0.plainText.replacingNewlines(with: " ") }.joined(separator: " | ")
            }.joined(separator: "\n")
        }
    }
}

extension String {
    /// Runs of white space (including line breaks) become one space; ends are trimmed.
    public var collapsingWhitespace: String { Whitespace.collapse(self) }

    func replacingNewlines(with replacement: String) -> String {
        guard utf8.contains(0x0A) else { return self }
        let with = Array(replacement.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            if byte == 0x0A { bytes += with } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
