import KBCore
import KBLexicon
import KBModel
import KBSyntax

/// Reports hexadecimal numbers that look like error codes but have the wrong number of digits
/// (`0x801c003`, `0x80180002b`), at their exact line and column, wherever they are in an
/// article. They are never corrected into some other code.
enum MalformedCodeReporter {
    static func diagnostics(for document: ParsedDocument) -> [Diagnostic] {
        var body = document.body
        return body.withUTF8 { diagnostics(in: $0, document: document) }
    }

    private static func diagnostics(in bytes: UnsafeBufferPointer<UInt8>, document: ParsedDocument) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var codeBlockLines: [ClosedRange<Int>]?
        var lineNumber = document.bodyFirstLine
        var lineStart = 0
        var index = 0
        while index + 2 < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                lineNumber += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "0"), bytes[index + 1] | 0x20 == UInt8(ascii: "x"),
                  index == 0 || !isWordByte(bytes[index - 1])
            else {
                index += 1
                continue
            }
            var end = index + 2
            while end < bytes.count, isHexDigit(bytes[end]) { end += 1 }
            let digits = UnsafeBufferPointer(rebasing: bytes[(index + 2)..<end])
            defer { index = end }
            guard !digits.isEmpty, end == bytes.count || !isWordByte(bytes[end]),
                  !ErrorCode.isWellFormedHexLength(digits.count)
            else { continue }

            var lineEnd = end
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let line = Array(bytes[lineStart..<lineEnd])
            if codeBlockLines == nil {
                codeBlockLines = document.tree.nodes.filter { $0.kind == .codeBlock }
                    .map { $0.start.line...max($0.start.line, $0.end.line) }
            }
            let inCodeBlock = codeBlockLines?.contains { $0.contains(lineNumber) } ?? false
            let isHeading = line.drop { $0 == UInt8(ascii: " ") }.first == UInt8(ascii: "#")
            let isTableRow = line.contains(UInt8(ascii: "|"))
            let likely = CodeScanner.looksLikeHRESULT(digits)
            let column = index - lineStart
            let reported = inCodeBlock
                ? likely
                : likely || isHeading || isTableRow || CodeScanner.isPrecededByErrorWord(line, column)
            guard reported else { continue }
            let raw = String(decoding: bytes[index..<end], as: UTF8.self)
            result.append(Diagnostic(
                .warning, .codeSuspect,
                "'\(raw)' is written like an error code but has \(digits.count) hexadecimal digits "
                    + "(HRESULTs have 8); it is kept as written",
                file: document.file, at: SourceLocation(line: lineNumber, column: column + 1)))
        }
        return result
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }
}
