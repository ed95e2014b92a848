import KBCore
import KBModel

/// Finds tables whose rows describe errors and turns each row into an entry.
///
/// A table is about errors when one of its columns holds codes (recognised by their shape,
/// whatever the header says), or when its header names an error message or a problem next to
/// a cause or a resolution. Column roles come from the header's words where it has any, else
/// from position: after the codes and the message, the first text column is the cause and
/// the last the resolution.
struct ErrorTableExtractor {
    /// Where the table is: the anchors and titles of its sections, outermost first.
    struct Place {
        var anchors: [String]
        var titles: [String]
        var file: String
    }

    struct Result {
        var table: Table
        var entries: [ErrorEntry]
        var diagnostics: [Diagnostic]
    }

    struct Columns {
        var codes: [Int] = []
        var decimals: [Int] = []
        var message: Int?
        var title: Int?
        var cause: Int?
        var resolution: Int?

        var isErrorTable: Bool { !codes.isEmpty || message != nil || title != nil }
    }

    /// Classifies `table` and, when it is about errors, returns it with its rows linked to the
    /// entries made from them. `makeID` gives each row entry its unique id.
    func extract(_ table: Table, at place: Place, makeID: (SourceLocation) -> String) -> Result? {
        guard let columns = Self.columns(of: table) else { return nil }
        var annotated = table
        var entries: [ErrorEntry] = []
        var diagnostics: [Diagnostic] = []
        for (rowIndex, row) in table.rows.enumerated() {
            guard var entry = entry(for: row, columns: columns, place: place, diagnostics: &diagnostics) else { continue }
            let id = makeID(row.location)
            entry.id = id
            entry.anchor = id
            annotated.rows[rowIndex].entryID = id
            entries.append(entry)
        }
        return Result(table: annotated, entries: entries, diagnostics: diagnostics)
    }

    // MARK: Classification

    static func columns(of table: Table) -> Columns? {
        let count = table.header.cells.count
        guard count >= 2, !table.rows.isEmpty else { return nil }
        let headers = table.header.cells.map { $0.plainText }
        let roles = headers.map { Vocabulary.roles(in: $0) }
        let cellTexts = (0..<count).map { column in
            table.rows.map { row in column < row.cells.count ? row.cells[column].plainText : "" }
        }

        var columns = Columns()
        for column in 0..<count {
            let texts = cellTexts[column].filter { !$0.isEmpty }
            guard !texts.isEmpty else { continue }
            let headerNamesCodes = !roles[column].isDisjoint(with: [.code, .event, .decimal])
            let strong = texts.filter { isCodeOnly($0, lenient: false) }.count
            let lenient = headerNamesCodes ? texts.filter { isCodeOnly($0, lenient: true) }.count : 0
            guard strong * 2 >= texts.count || lenient * 2 >= texts.count else { continue }
            if roles[column].contains(.decimal) || texts.allSatisfy(isSignedDecimal) && !columns.codes.isEmpty {
                columns.decimals.append(column)
            }
            columns.codes.append(column)
        }

        func firstColumn(_ role: Vocabulary.Role, excluding used: Set<Int>) -> Int? {
            (0..<count).first { !used.contains($0) && roles[$0].contains(role) }
        }
        var used = Set(columns.codes)
        // An error message column may hold codes (`NoEnrollmentPolicy`): it stays the message.
        columns.message = (0..<count).first { roles[$0].contains(.errorMessage) }
            ?? firstColumn(.message, excluding: used)
        if let message = columns.message { used.insert(message) }
        let hasErrorMessage = columns.message.map { roles[$0].contains(.errorMessage) || roles[$0].contains(.error) } ?? false

        columns.cause = firstColumn(.cause, excluding: used)
        if let cause = columns.cause { used.insert(cause) }
        columns.resolution = firstColumn(.resolution, excluding: used)
        if let resolution = columns.resolution { used.insert(resolution) }
        let problem = firstColumn(.problem, excluding: used)
        // "Error | Details", "Fout | Details": a first column that names the error itself.
        let errorColumn = roles[0].contains(.error) && !used.contains(0) ? 0 : nil

        let isErrorTable: Bool
        if !columns.codes.isEmpty {
            isErrorTable = true
        } else if columns.message != nil {
            isErrorTable = hasErrorMessage || columns.cause != nil || columns.resolution != nil || problem != nil
        } else if let problem {
            isErrorTable = columns.resolution != nil || columns.cause != nil || (problem == 0 && count == 2)
        } else {
            isErrorTable = errorColumn != nil
        }
        guard isErrorTable else { return nil }

        // With neither codes nor a message, the problem column names the error: it is the entry's
        // title ("Issue | Description | Resolution"). Next to codes it describes them: the cause.
        if columns.message == nil, columns.codes.isEmpty, let titleColumn = problem ?? errorColumn {
            columns.title = titleColumn
            used.insert(titleColumn)
        } else if let problem, columns.cause == nil {
            columns.cause = problem
            used.insert(problem)
        }
        // Columns the vocabulary does not name take their role from their position.
        let remaining = (0..<count).filter { !used.contains($0) && !isPlatformColumn(headers[$0]) }
        if columns.cause == nil, let first = remaining.first, remaining.count >= 2 || columns.resolution != nil {
            columns.cause = first
        }
        if columns.resolution == nil, let last = remaining.last, last != columns.cause {
            columns.resolution = last
        }
        if columns.cause == nil, columns.resolution == nil, let only = remaining.first {
            columns.cause = only
        }
        return columns
    }

    /// Whether a cell holds nothing but codes, with at most short joining words
    /// (`0x80240438, 0x80CF0438`, `-2147418113, 0x8000ffff or 2147549183`,
    /// `1603 (ERROR_INSTALL_FAILURE)`).
    static func isCodeOnly(_ text: String, lenient: Bool) -> Bool {
        let matches = CodeScanner.scan(text, context: .codeCell)
        let strongMatches = matches.filter { match in
            switch match.code.kind {
            case .hexadecimal:
                // A lone number is a code only under a header that says so.
                return lenient || match.code.raw.lowercased().hasPrefix("0x") || match.code.raw.hasPrefix("-")
                    || match.code.raw.count == 8
            case .malformed:
                return true
            case .symbolic:
                let token = Array(match.code.raw.utf8)
                return lenient || (CodeScanner.isStrictSymbolic(token) && CodeScanner.isErrorLikeName(token))
            case .decimal, .eventID:
                return lenient
            }
        }
        guard !strongMatches.isEmpty else { return false }
        var rest = Array(text.utf8)
        for match in strongMatches.reversed() {
            rest.replaceSubrange(match.range, with: [UInt8(ascii: " ")])
        }
        // What is left may be joining words (`or`, `of`, `och`) or the word "error" (`500-fout`,
        // `Fel 500`), nothing longer.
        let leftover = String(decoding: rest, as: UTF8.self)
            .split { !$0.isLetter && !$0.isNumber }
        return leftover.allSatisfy { $0.count <= 3 || Vocabulary.isErrorWord($0) }
    }

    private static func isSignedDecimal(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace
        let digits = trimmed.hasPrefix("-") ? trimmed.dropFirst() : Substring(trimmed)
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
    }

    private static func isPlatformColumn(_ header: String) -> Bool {
        let normalized = Vocabulary.normalize(header)
        return ["platform", "plattform", "plateforme", "plataforma", "piattaforma", "platforma", "платформа",
                "プラットフォーム", "平台", "플랫폼", "alusta", "platformu"].contains(normalized)
    }

    // MARK: Rows

    private func entry(for row: Table.Row, columns: Columns, place: Place, diagnostics: inout [Diagnostic]) -> ErrorEntry? {
        func cell(_ index: Int?) -> [Block] {
            guard let index, index < row.cells.count else { return [] }
            return row.cells[index]
        }
        var codes: [ErrorCode] = []
        for column in columns.codes where column != columns.message && !columns.decimals.contains(column) {
            // A cell of a code column that holds a sentence is read as prose: "Not associated
            // with an HTTP status code" holds no code.
            let text = cell(column).plainText
            let context: CodeScanner.Context = Self.isCodeOnly(text, lenient: true) ? .codeCell : .prose
            codes += CodeScanner.codes(in: text, context: context)
        }
        let messageBlocks = cell(columns.message)
        let messageText = messageBlocks.plainText
        if !messageText.isEmpty {
            let context: CodeScanner.Context = ErrorTableExtractor.isCodeOnly(messageText, lenient: false) ? .codeCell : .prose
            codes += CodeScanner.codes(in: messageText, context: context)
        }
        let titleText = cell(columns.title).plainText
        if !titleText.isEmpty { codes += CodeScanner.codes(in: titleText, context: .prose) }
        for column in columns.decimals {
            for decimal in CodeScanner.codes(in: cell(column).plainText, context: .codeCell) {
                codes = merge(decimal, into: codes, at: row.location, file: place.file, diagnostics: &diagnostics)
            }
        }
        codes = codes.mergedCodes()

        let cause = cell(columns.cause)
        let resolution = cell(columns.resolution)
        guard !codes.isEmpty || !messageText.isEmpty || !titleText.isEmpty else { return nil }

        var messages: [String] = []
        var title = ""
        if !messageText.isEmpty {
            messages = [messageText]
            if let lead = Self.boldLead(messageBlocks) {
                title = lead
            } else if !ErrorTableExtractor.isCodeOnly(messageText, lenient: false) {
                title = MessageText.firstSentence(messageText)
            }
        }
        if title.isEmpty, !titleText.isEmpty { title = Self.boldLead(cell(columns.title)) ?? MessageText.firstSentence(titleText) }
        if title.isEmpty, !cause.plainText.isEmpty { title = MessageText.firstSentence(cause.plainText) }
        if title.isEmpty { title = codes.map(\.raw).joined(separator: ", ") }

        return ErrorEntry(
            id: "", anchor: nil, kind: .tableRow, title: title, messages: messages, codes: codes,
            cause: cause, resolution: resolution, sectionPath: place.anchors,
            platform: Platform.detect(anchors: place.anchors, titles: place.titles), location: row.location)
    }

    /// The bold text that opens a message cell (`**De app is niet ingesteld**: …`): the title
    /// of the dialog the message appears in.
    static func boldLead(_ blocks: [Block]) -> String? {
        guard case .paragraph(let content)? = blocks.first,
              case .strong(let inner)? = content.first(where: { inline in
                  if case .text(let text) = inline { return !Whitespace.isBlank(text) }
                  return true
              })
        else { return nil }
        var text = inner.plainText
        while let last = text.last, last == ":" || last == "：" || last == " " { text.removeLast() }
        return text.isEmpty ? nil : text
    }

    /// A decimal column restates the hexadecimal code of its row (`-942583883` beside
    /// `0xC7D14FB5`): it becomes an alias of that code, with a warning when the two differ.
    private func merge(
        _ decimal: ErrorCode, into codes: [ErrorCode], at location: SourceLocation, file: String,
        diagnostics: inout [Diagnostic]
    ) -> [ErrorCode] {
        var codes = codes
        let written = decimal.aliases.first ?? decimal.raw
        if let index = codes.firstIndex(where: { $0.code == decimal.code && $0.kind == .hexadecimal }) {
            if !codes[index].aliases.contains(written) { codes[index].aliases.append(written) }
            return codes
        }
        let hexadecimal = codes.filter { $0.kind == .hexadecimal && $0.code.count == 10 }
        if hexadecimal.count == 1 {
            diagnostics.append(Diagnostic(
                .warning, "code.aliasMismatch",
                "decimal code \(written) does not restate \(hexadecimal[0].raw) in the same row (it is \(decimal.code))",
                file: file, at: location))
        }
        codes.append(decimal)
        return codes
    }
}
