import KBCore

/// Keeps Markdown that would make cmark-gfm's work or memory explode from reaching it.
///
/// cmark-gfm has no limit of its own: a line of 100,000 `>` opens 100,000 quotes, every
/// punctuation byte can become a node of about 250 bytes, and its table extension is quadratic
/// in the number of columns (a table of 10,000 columns takes 40 s). Before parsing:
///
/// - an article with more syntax than `Limits.markdownSyntax` (lines plus punctuation bytes)
///   is not parsed at all;
/// - a line that opens more containers (`>`, list markers) than `Limits.lineNesting` gets a
///   backslash before the marker past the limit, which makes it and the rest of the line text;
/// - a table delimiter row with more than `Limits.tableColumns` cells gets a backslash before
///   its first `-`, which makes the table a paragraph.
///
/// Only bytes are inserted, never lines, so line numbers stay true.
enum MarkdownGuard {
    struct Result {
        /// The text to parse: nil when nothing had to change.
        var text: String?
        /// The text is too large to parse at all.
        var refused: Bool
        var diagnostics: [Diagnostic]
    }

    static func check(_ markdown: Substring, firstLine: Int, file: String, limits: Limits) -> Result {
        var text = markdown
        return text.withUTF8 { check(bytes: $0, firstLine: firstLine, file: file, limits: limits) }
    }

    private static func check(bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, file: String, limits: Limits) -> Result {
        var syntax = 0
        for byte in bytes where isPunctuation(byte) || byte == UInt8(ascii: "\n") { syntax += 1 }
        if syntax > limits.markdownSyntax {
            return Result(text: nil, refused: true, diagnostics: [Diagnostic(
                .error, .markdownTooComplex,
                "the article holds \(syntax) lines and punctuation marks, more than the limit of \(limits.markdownSyntax); "
                    + "its text is left out",
                file: file, at: SourceLocation(line: firstLine))])
        }

        // Where a backslash goes: byte offsets, in order.
        var insertions: [Int] = []
        var diagnostics: [Diagnostic] = []
        var lineStart = 0
        var line = firstLine
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let content = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            if let offset = markerPastLimit(content, limit: limits.lineNesting) {
                insertions.append(lineStart + offset)
                diagnostics.append(Diagnostic(
                    .warning, .markdownTooDeep,
                    "this line nests more than \(limits.lineNesting) quotes and lists; what is deeper is read as text",
                    file: file, at: SourceLocation(line: line, column: offset + 1)))
            } else if let offset = wideDelimiterRow(content, limit: limits.tableColumns) {
                insertions.append(lineStart + offset)
                diagnostics.append(Diagnostic(
                    .warning, .tableTooWide,
                    "this table has more than \(limits.tableColumns) columns; it is read as text",
                    file: file, at: SourceLocation(line: line, column: offset + 1)))
            }
            lineStart = lineEnd + 1
            line += 1
        }
        guard !insertions.isEmpty else { return Result(text: nil, refused: false, diagnostics: []) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + insertions.count)
        var copied = 0
        for offset in insertions {
            result += bytes[copied..<offset]
            result.append(UInt8(ascii: "\\"))
            copied = offset
        }
        result += bytes[copied...]
        // Dozens of such lines are as telling as thousands: report the first few.
        return Result(text: String(decoding: result, as: UTF8.self), refused: false, diagnostics: Array(diagnostics.prefix(10)))
    }

    /// The offset of the container marker (`>`, `-`, `*`, `+`, `1.`) that would open one
    /// container more than `limit` on this line, if there is one.
    private static func markerPastLimit(_ line: UnsafeBufferPointer<UInt8>, limit: Int) -> Int? {
        var index = 0
        var depth = 0
        while index < line.count {
            var spaces = 0
            while index < line.count, line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t"), spaces < 4 {
                index += 1
                spaces += 1
            }
            guard index < line.count else { return nil }
            let start = index
            let byte = line[index]
            if byte == UInt8(ascii: ">") {
                index += 1
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") {
                guard index + 1 >= line.count || line[index + 1] == UInt8(ascii: " ") || line[index + 1] == UInt8(ascii: "\t")
                else { return nil }
                index += 1
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                var end = index
                while end < line.count, end - index < 9, line[end] >= UInt8(ascii: "0"), line[end] <= UInt8(ascii: "9") { end += 1 }
                guard end < line.count, line[end] == UInt8(ascii: ".") || line[end] == UInt8(ascii: ")"),
                      end + 1 >= line.count || line[end + 1] == UInt8(ascii: " ") || line[end + 1] == UInt8(ascii: "\t")
                else { return nil }
                index = end + 1
            } else {
                return nil
            }
            depth += 1
            if depth > limit { return start }
        }
        return nil
    }

    /// The offset of the first `-` of a table delimiter row (`|---|:--:|`) with more than
    /// `limit` cells, if the line is one.
    private static func wideDelimiterRow(_ line: UnsafeBufferPointer<UInt8>, limit: Int) -> Int? {
        var pipes = 0
        var firstDash: Int?
        for (offset, byte) in line.enumerated() {
            switch byte {
            case UInt8(ascii: "|"): pipes += 1
            case UInt8(ascii: "-"): if firstDash == nil { firstDash = offset }
            case UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return nil
            }
        }
        // n cells have n − 1 inner pipes, and up to two outer ones.
        guard pipes > limit + 1 else { return nil }
        return firstDash
    }

    private static func isPunctuation(_ byte: UInt8) -> Bool {
        (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60)
            || (byte >= 0x7B && byte <= 0x7E)
    }
}
