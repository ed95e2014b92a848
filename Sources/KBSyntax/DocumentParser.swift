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
    public static func parse(_ source: String, file: String, limits: Limits = .default) -> ParsedDocument {
        let parts = split(source, file: file)
        return parse(parts, frontMatter: frontMatter(of: parts, limits: limits), limits: limits)
    }

    /// A source cut into its front matter and its Markdown, nothing parsed yet.
    public struct Parts: Sendable {
        public var file: String
        /// The YAML between the fences, and the line it starts on; nil when there is none.
        public var yaml: (text: Substring, firstLine: Int)?
        public var body: Substring
        public var bodyFirstLine: Int
        public var diagnostics: [Diagnostic]
    }

    /// Cuts the front matter off: a first line `---`, then YAML, then a line `---` or `...`.
    public static func split(_ source: String, file: String) -> Parts {
        var text = Substring(source)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        var parts = Parts(file: file, yaml: nil, body: text, bodyFirstLine: 1, diagnostics: [])
        var lines = LineCursor(text)
        guard let first = lines.next(), isFence(first.content, allowDots: false) else { return parts }
        let yamlStart = first.next
        while let line = lines.next() {
            if isFence(line.content, allowDots: true) {
                parts.yaml = (text[yamlStart..<line.content.startIndex], 2)
                parts.body = text[line.next...]
                parts.bodyFirstLine = line.number + 1
                return parts
            }
        }
        parts.diagnostics.append(Diagnostic(
            .error, .frontMatterUnclosed,
            "front matter opened with '---' is never closed; the article is read without metadata",
            file: file, at: SourceLocation(line: 1, column: 1)))
        return parts
    }

    /// Parses the front matter with Yams.
    public static func frontMatter(of parts: Parts, limits: Limits = .default) -> FrontMatterParser.Result {
        guard let yaml = parts.yaml else { return FrontMatterParser.Result(fields: [], diagnostics: []) }
        return FrontMatterParser.parse(yaml.text, firstLine: yaml.firstLine, file: parts.file, limits: limits)
    }

    /// Parses the Markdown with cmark-gfm and puts the document together. Markdown beyond the
    /// limits is kept from cmark-gfm (`MarkdownGuard`), and the tree is cut at the depth limit.
    public static func parse(_ parts: Parts, frontMatter: FrontMatterParser.Result, limits: Limits = .default) -> ParsedDocument {
        var diagnostics = parts.diagnostics + frontMatter.diagnostics
        let guarded = MarkdownGuard.check(parts.body, firstLine: parts.bodyFirstLine, file: parts.file, limits: limits)
        diagnostics += guarded.diagnostics
        let body: Substring = guarded.refused ? "" : guarded.text.map { Substring($0) } ?? parts.body
        var tree: SyntaxTree
        if let repair = TableIndentation.repair(body) {
            var shifts: [Int: Int] = [:]
            for (line, width) in repair.removedWidths { shifts[line + parts.bodyFirstLine - 1] = width }
            tree = MarkdownParser.parse(
                Substring(repair.text), firstLine: parts.bodyFirstLine, columnShifts: shifts, maximumDepth: limits.treeDepth)
        } else {
            tree = MarkdownParser.parse(body, firstLine: parts.bodyFirstLine, maximumDepth: limits.treeDepth)
        }
        if let location = tree.depthLimitedAt {
            diagnostics.append(Diagnostic(
                .warning, .markdownTooDeep,
                "the Markdown nests deeper than \(limits.treeDepth) levels here; what is deeper is read as plain text",
                file: parts.file, at: location))
        }
        return ParsedDocument(
            file: parts.file, frontMatter: frontMatter.fields, body: body, bodyFirstLine: parts.bodyFirstLine,
            tree: tree, diagnostics: diagnostics)
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
