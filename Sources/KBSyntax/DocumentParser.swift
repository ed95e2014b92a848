import KBCore

/// An article's source split into its front matter and its Markdown syntax tree.
public struct ParsedDocument: Sendable {
    /// The path of the file relative to the content root, `/`-separated.
    public var file: String
    /// The front matter's keys and values, in the order written; empty when there is none or it
    /// does not parse.
    public var frontMatter: [MetadataField]
    /// The Markdown after the front matter.
    public var body: Substring
    /// The line of the file on which `body` starts.
    public var bodyFirstLine: Int
    public var tree: SyntaxTree
    public var diagnostics: [Diagnostic]
}

/// Splits a DocFX article into front matter and Markdown, and parses both.
public enum DocumentParser {
    public static func parse(_ source: String, file: String) -> ParsedDocument {
        var text = Substring(source)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        var diagnostics: [Diagnostic] = []
        var frontMatter: [MetadataField] = []
        var body = text
        var bodyFirstLine = 1

        if let split = splitFrontMatter(text) {
            switch split {
            case let .closed(yaml, rest, restFirstLine):
                let result = FrontMatterParser.parse(yaml, firstLine: 2, file: file)
                frontMatter = result.fields
                diagnostics += result.diagnostics
                body = rest
                bodyFirstLine = restFirstLine
            case .unclosed:
                diagnostics.append(Diagnostic(
                    .error, "frontMatter.unclosed",
                    "front matter opened with '---' is never closed; the article is read without metadata",
                    file: file, at: SourceLocation(line: 1, column: 1)))
            }
        }

        let tree: SyntaxTree
        if let repair = TableIndentation.repair(body) {
            var shifts: [Int: Int] = [:]
            for (line, width) in repair.removedWidths { shifts[line + bodyFirstLine - 1] = width }
            tree = MarkdownParser.parse(Substring(repair.text), firstLine: bodyFirstLine, columnShifts: shifts)
        } else {
            tree = MarkdownParser.parse(body, firstLine: bodyFirstLine)
        }
        return ParsedDocument(
            file: file, frontMatter: frontMatter, body: body, bodyFirstLine: bodyFirstLine,
            tree: tree, diagnostics: diagnostics)
    }

    private enum FrontMatterSplit {
        case closed(yaml: Substring, rest: Substring, restFirstLine: Int)
        case unclosed
    }

    /// Front matter is a first line `---`, then YAML, then a line `---` or `...`.
    private static func splitFrontMatter(_ text: Substring) -> FrontMatterSplit? {
        var lines = LineCursor(text)
        guard let first = lines.next(), isFence(first.content, allowDots: false) else { return nil }
        let yamlStart = first.next
        while let line = lines.next() {
            if isFence(line.content, allowDots: true) {
                return .closed(
                    yaml: text[yamlStart..<line.content.startIndex],
                    rest: text[line.next...],
                    restFirstLine: line.number + 1)
            }
        }
        return .unclosed
    }

    private static func isFence(_ line: Substring, allowDots: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" || last == "\r" { trimmed.removeLast() }
        return trimmed == "---" || (allowDots && trimmed == "...")
    }
}

/// Iterates over the lines of a text without copying them.
struct LineCursor {
    struct Line {
        var content: Substring
        /// 1-based line number.
        var number: Int
        /// Where the next line starts.
        var next: Substring.Index
    }

    private let text: Substring
    private var position: Substring.Index
    private var number = 0

    init(_ text: Substring) {
        self.text = text
        self.position = text.startIndex
    }

    mutating func next() -> Line? {
        guard position < text.endIndex else { return nil }
        number += 1
        let end = text.utf8[position...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
        let content = text[position..<end]
        position = end < text.endIndex ? text.index(after: end) : end
        return Line(content: content, number: number, next: position)
    }
}
