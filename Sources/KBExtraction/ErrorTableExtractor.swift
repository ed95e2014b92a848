import KBCore
import KBLexicon
import KBModel
import KBText

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

    struct Columns: Hashable, Sendable {
        var codes: [Int] = []
        var decimals: [Int] = []
        /// Code columns of event IDs: their numbers are codes of the kind `eventID`.
        var events: [Int] = []
        var message: Int?
        var title: Int?
        var cause: Int?
        var resolution: Int?
        /// The table is one of records (`RecordTableExtractor`), not of rows.
        var records = false
        /// The message column is the code's description, read as its message: a name in it
        /// refers to another code (`Same as **SOAPCLIENT_SOAPFAULT**`), it is not this row's.
        var messageIsDescription = false
        /// Only rows with a code are entries: the table is about errors because of the codes in
        /// its messages, and its other rows are not errors.
        var onlyRowsWithCodes = false

        var isErrorTable: Bool { records || !codes.isEmpty || message != nil || title != nil }

        /// Whether every role names a column of a table of `count` columns.
        func fits(_ count: Int) -> Bool {
            (codes + decimals + events + [message, title, cause, resolution].compactMap { $0 }).allSatisfy { $0 < count }
        }
    }

    /// Classifies `table` and, when it is about errors, returns it with its rows linked to the
    /// entries made from them. `makeID` gives each row entry its unique id.
    func extract(_ table: Table, at place: Place, makeID: (SourceLocation) -> String) -> Result? {
        guard let columns = Self.columns(of: table, anchors: place.anchors) else { return nil }
        return extract(table, columns: columns, at: place, makeID: makeID)
    }

    /// The entries of `table` read with the column roles `columns`.
    func extract(_ table: Table, columns: Columns, at place: Place, makeID: (SourceLocation) -> String) -> Result {
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

    /// What a column's cells hold, whatever language they are written in.
    struct Profile {
        /// Cells with text that is not a placeholder (`n/a`, `n.v.t.`).
        var filled = 0
        /// Characters per filled cell.
        var meanLength = 0.0
        /// Cells that read as one message: a sentence (ending with `.`, `!`, `?`, `。`), text in
        /// quotation marks, or bold text that opens the cell.
        var messages = 0

        init(_ cells: [[Block]]) {
            var total = 0
            for cell in cells {
                let text = cell.plainText.trimmingWhitespace
                guard !text.isEmpty, !Vocabulary.isPlaceholder(text) else { continue }
                filled += 1
                total += CharacterCount.of(text)
                if let last = text.last, ".!?。！？\"”»」』".contains(last) || ErrorTableExtractor.boldLead(cell) != nil {
                    messages += 1
                }
            }
            meanLength = filled == 0 ? 0 : Double(total) / Double(filled)
        }

        /// Most of its cells read as messages users see.
        var readsAsMessages: Bool { filled > 0 && messages * 2 >= filled }
    }

    /// The column roles of `table`, or nil when it is not about errors. `anchors` are those of
    /// the sections around it: DocFX keeps them in English in every translation, so a section
    /// `event-ids` or `error-codes` says what a column of bare numbers holds in any language.
    static func columns(of table: Table, anchors: [String] = []) -> Columns? {
        let count = table.header.cells.count
        guard count >= 2, !table.rows.isEmpty else { return nil }
        let headers = table.header.cells.map { $0.plainText }
        let roles = headers.map { Vocabulary.roles(in: $0) }
        let anchorWords = Set(anchors.flatMap { $0.split(separator: "-").map(String.init) })
        let anchorsNameEvents = !anchorWords.isDisjoint(with: ["event", "events"])
        let anchorsNameCodes = anchorsNameEvents || !anchorWords.isDisjoint(with: ["error", "errors", "code", "codes"])
        let cells = (0..<count).map { column in table.rows.map { row in column < row.cells.count ? row.cells[column] : [] } }
        let cellTexts = cells.map { $0.map(\.plainText) }

        var columns = Columns()
        for column in 0..<count {
            // Shares count every written cell, placeholders too: a list of words for "not
            // applicable" is longer in some languages than in others.
            let texts = cellTexts[column].filter { !$0.isEmpty }
            guard !texts.isEmpty else { continue }
            // A column of distinct bare numbers in a section about events or errors holds their IDs.
            // So does one under a header that names errors or codes (`Error | Severity | Description`).
            // So does one whose numbers link to their own articles (`[26013](…-26013-….md)`).
            let numbersOnly = (anchorsNameCodes || !roles[column].isDisjoint(with: [.error, .code, .event, .decimal])
                || cells[column].contains(where: Self.linksToItsArticle))
                && texts.count >= 2 && Set(texts).count == texts.count
                && texts.allSatisfy(isSignedDecimal) && roles[column].isDisjoint(with: [.cause, .resolution, .message])
            let headerNamesCodes = !roles[column].isDisjoint(with: [.code, .event, .decimal]) || numbersOnly
            var strong = texts.filter { isCodeOnly($0, lenient: false) }.count
            // Bare 8-digit hexadecimal numbers (`80180003`) are HRESULTs when all of them have the
            // failure bit (a first digit of 8 to F) or the header says they are codes; commit
            // hashes and other identifiers (`697c9633`) start with any digit.
            let bare = texts.compactMap(bareHexadecimal)
            if !headerNamesCodes, !bare.allSatisfy(CodeScanner.hasFailureBit) { strong -= bare.count }
            let lenient = headerNamesCodes ? texts.filter { isCodeOnly($0, lenient: true) }.count : 0
            guard strong * 2 >= texts.count || lenient * 2 >= texts.count else { continue }
            // Flag and setting values (`0x00000001`, `0x00000002`, `0x40000000`) are no codes
            // unless the header says they are.
            if roles[column].isDisjoint(with: [.code, .error, .event, .decimal]), isFlagColumn(texts) { continue }
            // Names alone (`ENU`, `DS4_V2`, `OSDComputerName`) are codes only in a column about
            // errors: error-shaped names, a number beside them, or a word for error in the header.
            let namesOnly = texts.allSatisfy { text in CodeScanner.codes(in: text, context: .codeCell).allSatisfy { $0.kind == .symbolic } }
            if namesOnly, !roles[column].contains(.error), !roles[column].contains(.event),
               !namesErrors(cellTexts[column], rows: table.rows, column: column) {
                continue
            }
            if roles[column].contains(.decimal) || texts.allSatisfy(isSignedDecimal) && !columns.codes.isEmpty {
                columns.decimals.append(column)
            }
            if roles[column].contains(.event)
                || (numbersOnly && anchorsNameEvents && roles[column].isDisjoint(with: [.code, .error, .decimal])) {
                columns.events.append(column)
            }
            columns.codes.append(column)
        }

        let profiles = cells.map(Profile.init)
        // Text columns: not codes, not a platform, not empty; roles from structure and position
        // first, header words to confirm or to break ties.
        let text = (0..<count).filter { !columns.codes.contains($0) && !isPlatformColumn(headers[$0]) && profiles[$0].filled > 0 }
        func firstColumn(_ role: Vocabulary.Role, excluding used: Set<Int>) -> Int? {
            (0..<count).first { !used.contains($0) && roles[$0].contains(role) }
        }
        var used = Set(columns.codes)
        // A column named for an error message is the message, even when it holds codes
        // (`NoEnrollmentPolicy`); a column named for a message is, unless it also names a cause
        // or a resolution.
        columns.message = (0..<count).first { roles[$0].contains(.errorMessage) }
            ?? (0..<count).first { !used.contains($0) && roles[$0].contains(.message) && roles[$0].isDisjoint(with: [.cause, .resolution]) }
        if let message = columns.message { used.insert(message) }
        let hasErrorMessage = columns.message.map { roles[$0].contains(.errorMessage) || roles[$0].contains(.error) } ?? false

        let messageNamedByHeader = columns.message != nil
        columns.cause = firstColumn(.cause, excluding: used)
        if let cause = columns.cause { used.insert(cause) }
        columns.resolution = firstColumn(.resolution, excluding: used)
        if let resolution = columns.resolution { used.insert(resolution) }
        let problem = firstColumn(.problem, excluding: used)
        // "Error | Details", "Fout | Details": a first column that names the error itself.
        let errorColumn = roles[0].contains(.error) && !used.contains(0) ? 0 : nil
        // A message column read as such with text after it that explains it or says what to do.
        let laterProse = columns.message.map { message in
            text.contains { $0 > message && profiles[$0].meanLength >= profiles[message].meanLength * 0.8 }
        } ?? false

        // No code column, but a text column whose cells hold codes in their sentences (`Access is
        // denied. (Exception from HRESULT: 0x80070005)`): that column is the message.
        if columns.codes.isEmpty, columns.message == nil,
           let column = text.first(where: { column in
               let filled = cellTexts[column].filter { !$0.isEmpty }
               let withCodes = filled.filter { text in
                   (text.contains("0x") || text.contains("0X")) && CodeScanner.codes(in: text, context: .prose).contains { $0.kind == .hexadecimal && $0.code.count == 10 && CodeScanner.hasFailureBit($0.code.dropFirst(2).utf8) }
               }
               return filled.count >= 2 && withCodes.count * 2 >= filled.count
           }) {
            columns.message = column
            used.insert(column)
            columns.onlyRowsWithCodes = true
        }

        let isErrorTable: Bool
        if !columns.codes.isEmpty {
            isErrorTable = true
        } else if let message = columns.message {
            isErrorTable = columns.onlyRowsWithCodes || hasErrorMessage || columns.cause != nil || columns.resolution != nil || problem != nil
                || (profiles[message].readsAsMessages && laterProse)
        } else if let problem {
            // A problem column followed by longer prose (what causes it, what to do) is about
            // errors whatever that prose's header says, when it is the first column or follows
            // only numbers (`Case | Symptoms | Steps`).
            let leads = (0..<problem).allSatisfy { column in
                cellTexts[column].allSatisfy { text in text.allSatisfy { $0.isNumber || $0.isWhitespace || $0 == "`" || $0 == "." } }
            }
            isErrorTable = columns.resolution != nil || columns.cause != nil || (problem == 0 && count == 2)
                || (leads && text.contains { $0 > problem && profiles[$0].meanLength > profiles[problem].meanLength })
        } else {
            // A first column beside a cause and a resolution names the error (`Fejltype | Årsag | Løsning`).
            isErrorTable = errorColumn != nil
                || (columns.cause != nil && columns.resolution != nil && text.first.map { !used.contains($0) } == true)
        }
        guard isErrorTable else { return nil }

        // With codes and no column named for messages, a text column of messages followed by
        // more text is the message (`Fouttekst | HTTP-statuscode | Aanvullende gegevens`).
        if !messageNamedByHeader, !columns.codes.isEmpty,
           let candidate = text.first(where: { !used.contains($0) && roles[$0].isDisjoint(with: [.cause, .resolution, .problem]) }),
           profiles[candidate].readsAsMessages,
           text.contains(where: { $0 > candidate && !used.contains($0) && profiles[$0].meanLength >= profiles[candidate].meanLength }) {
            columns.message = candidate
            used.insert(candidate)
        }

        // Beside codes, the one column of prose, when no header names a cause or a resolution,
        // is the text that goes with each code: the message (`Error | Severity | Event logged |
        // Description`, `Hex code | Decimal code | Symbolic name | Description`). Short columns
        // (a severity, yes or no) are not prose.
        if columns.message == nil, !columns.codes.isEmpty, columns.cause == nil, columns.resolution == nil, problem == nil {
            let prose = text.filter { !used.contains($0) && profiles[$0].meanLength >= 12 }
            if prose.count == 1, let candidate = prose.first,
               roles[candidate].contains(.description) || profiles[candidate].readsAsMessages {
                columns.message = candidate
                columns.messageIsDescription = true
                used.insert(candidate)
            }
        }

        // With neither codes nor a message, the problem column names the error: it is the entry's
        // title ("Issue | Description | Resolution"). Next to codes it describes them: the cause.
        let namingColumn = problem ?? errorColumn ?? (columns.cause != nil && columns.resolution != nil ? text.first { !used.contains($0) } : nil)
        if columns.message == nil, columns.codes.isEmpty, let titleColumn = namingColumn {
            columns.title = titleColumn
            used.insert(titleColumn)
        } else if let problem, columns.cause == nil {
            columns.cause = problem
            used.insert(problem)
        }
        // Columns the vocabulary does not name take their role from their position: the first
        // is the cause (a description), the last what to do.
        let remaining = text.filter { !used.contains($0) }
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

    /// Whether a column of names holds error names: most are error-shaped (`E_FAIL`,
    /// `InstallFailed`, `DeviceCapReached`), or the rows that have one also hold a numeric code.
    private static func namesErrors(_ texts: [String], rows: [Table.Row], column: Int) -> Bool {
        var names = 0
        var errorShaped = 0
        var besideNumbers = 0
        for (row, text) in zip(rows, texts) where !text.isEmpty && !Vocabulary.isPlaceholder(text) {
            names += 1
            if CodeScanner.codes(in: text, context: .codeCell).contains(where: {
                $0.kind == .symbolic && CodeScanner.isErrorShapedName(Array($0.raw.utf8))
            }) {
                errorShaped += 1
            }
            let others = row.cells.enumerated().filter { $0.offset != column }.map { $0.element.plainText }.joined(separator: " ")
            if CodeScanner.codes(in: others, context: .codeCell).contains(where: { $0.kind == .hexadecimal }) {
                besideNumbers += 1
            }
            if CodeScanner.codes(in: text, context: .codeCell).contains(where: { $0.kind != .symbolic }) {
                besideNumbers += 1
            }
        }
        // Some error names among status names (`ENROLLMENT_FAILED` beside `PENDING`) are enough;
        // lists of languages, sizes or variables have none.
        return names > 0 && (errorShaped * 4 >= names && errorShaped > 0 || besideNumbers * 2 >= names)
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

    /// The number of a cell that holds one bare 8-digit hexadecimal number and nothing else.
    private static func bareHexadecimal(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace
        guard trimmed.utf8.count == 8, trimmed.utf8.allSatisfy(CodeScanner.isHexDigit),
              CodeScanner.codes(in: trimmed, context: .codeCell).first?.kind == .hexadecimal
        else { return nil }
        return trimmed
    }

    /// A cell that is a number linking to a page whose name holds that number.
    static func linksToItsArticle(_ cell: [Block]) -> Bool {
        guard cell.count == 1, case .paragraph(let content) = cell[0],
              case .link(let destination, _, let label)? = content.first(where: { $0 != .text(" ") })
        else { return false }
        let number = label.plainText.trimmingWhitespace
        return number.count >= 2 && number.allSatisfy(\.isNumber) && destination.contains(number)
    }

    /// A column of hexadecimal values none of which is a failure (no first digit of 8 to F) and
    /// most of which are one bit or zero: flags, masks and settings.
    static func isFlagColumn(_ texts: [String]) -> Bool {
        let values = texts.flatMap { CodeScanner.codes(in: $0, context: .codeCell) }
        guard !values.isEmpty, values.allSatisfy({ $0.kind == .hexadecimal }) else { return false }
        let numbers = values.compactMap { UInt64($0.code.dropFirst(2), radix: 16) }
        guard numbers.count == values.count, numbers.allSatisfy({ $0 < 0x8000_0000 }) else { return false }
        return numbers.filter { $0 == 0 || $0 & ($0 - 1) == 0 }.count * 3 >= numbers.count * 2
    }

    private static func isSignedDecimal(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace
        let digits = trimmed.hasPrefix("-") ? trimmed.dropFirst() : Substring(trimmed)
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
    }

    private static func isPlatformColumn(_ header: String) -> Bool {
        Vocabulary.isPlatform(header)
    }

    // MARK: Rows

    private func entry(for row: Table.Row, columns: Columns, place: Place, diagnostics: inout [Diagnostic]) -> ErrorEntry? {
        func cell(_ index: Int?) -> [Block] {
            guard let index, index < row.cells.count else { return [] }
            return row.cells[index]
        }
        var codes: [ErrorCode] = []
        for column in columns.codes where column != columns.message && !columns.decimals.contains(column) {
            var found = Self.codes(inCodeCell: cell(column).plainText)
            if let problem = Self.disagreement(in: found) {
                diagnostics.append(Diagnostic(.warning, .codeAliasMismatch, problem, file: place.file, at: row.location))
            }
            if columns.events.contains(column) {
                for index in found.indices where found[index].kind == .decimal { found[index].kind = .eventID }
            }
            codes += found
        }
        let messageBlocks = cell(columns.message)
        var messageText = messageBlocks.plainText
        if Vocabulary.isPlaceholder(messageText) { messageText = "" }
        if !messageText.isEmpty {
            let context: CodeScanner.Context = ErrorTableExtractor.isCodeOnly(messageText, lenient: false) ? .codeCell : .prose
            codes += CodeScanner.codes(in: messageText, context: context)
            // A message that opens with the error's name (`CannotConnectToITunesStoreError (…)`).
            if context == .prose, !columns.messageIsDescription,
               let first = CodeScanner.scan(messageText, context: .codeCell).first, first.range.lowerBound == 0,
               first.code.kind == .symbolic, CodeScanner.isErrorLikeName(Array(first.code.raw.utf8)) {
                codes.append(first.code)
            }
        }
        var titleText = cell(columns.title).plainText
        if Vocabulary.isPlaceholder(titleText) { titleText = "" }
        if !titleText.isEmpty { codes += CodeScanner.codes(in: titleText, context: .prose) }
        for column in columns.decimals {
            for decimal in CodeScanner.codes(in: cell(column).plainText, context: .codeCell) {
                codes = merge(decimal, into: codes, at: row.location, file: place.file, diagnostics: &diagnostics)
            }
        }
        codes = codes.mergedCodes()

        let cause = cell(columns.cause)
        let resolution = cell(columns.resolution)
        guard !codes.isEmpty || (!columns.onlyRowsWithCodes && (!messageText.isEmpty || !titleText.isEmpty)) else { return nil }

        var messages: [String] = []
        var title = ""
        if !messageText.isEmpty {
            // A message that is a name (`DeviceCapReached`) is what users see, and the entry's
            // code; the title comes from another cell.
            messages = [messageText]
            if let lead = Self.boldLead(messageBlocks) {
                title = lead
            } else if !ErrorTableExtractor.isCodeOnly(messageText, lenient: false) {
                title = MessageText.firstSentence(messageText)
            }
        }
        if title.isEmpty, !titleText.isEmpty { title = Self.boldLead(cell(columns.title)) ?? MessageText.firstSentence(titleText) }
        if title.isEmpty, !cause.plainText.isEmpty, !Vocabulary.isPlaceholder(cause.plainText) {
            title = MessageText.firstSentence(cause.plainText)
        }
        if title.isEmpty { title = codes.map(\.raw).joined(separator: ", ") }

        return ErrorEntry(
            id: "", anchor: nil, kind: .tableRow, title: title, messages: messages, codes: codes,
            cause: cause, resolution: resolution, sectionPath: place.anchors,
            platform: Platform.detect(anchors: place.anchors, titles: place.titles), location: row.location)
    }

    /// The codes of a cell in a code column. A cell that holds a sentence is read as prose
    /// ("Not associated with an HTTP status code" holds no code), but a name or a number in
    /// parentheses there is the cell's code whatever the words around it (`Geen status
    /// (APP_CI_ENFORCEMENT_UNKNOWN)`, `Forbudt (403)`).
    static func codes(inCodeCell text: String) -> [ErrorCode] {
        if isCodeOnly(text, lenient: true) { return CodeScanner.codes(in: text, context: .codeCell) }
        var codes = CodeScanner.codes(in: text, context: .prose)
        let bytes = Array(text.utf8)
        for match in CodeScanner.scan(text, context: .codeCell) where match.code.kind == .symbolic || match.code.kind == .decimal {
            let range = match.range
            // A number in parentheses is the code its words name (`Unauthorized (401)`, `Nicht gefunden (404)`).
            if range.lowerBound > 0, range.upperBound < bytes.count, bytes[range.lowerBound - 1] == UInt8(ascii: "("),
               bytes[range.upperBound] == UInt8(ascii: ")"),
               match.code.kind == .decimal || CodeScanner.isStrictSymbolic(bytes[range]),
               !codes.contains(where: { $0.code == match.code.code }) {
                codes.append(match.code)
            }
        }
        return codes
    }

    /// A cell that writes one code in several forms (`-2146824175 0x800A1011`): when a 32-bit
    /// decimal and a hexadecimal number of eight digits are both there and no decimal is the
    /// hexadecimal's value, the forms disagree.
    static func disagreement(in codes: [ErrorCode]) -> String? {
        let written = codes.filter { $0.kind == .hexadecimal && $0.code.count == 10 && $0.raw.lowercased().hasPrefix("0x") }
        let fromDecimals = codes.filter { $0.kind == .hexadecimal && $0.code.count == 10 && !$0.raw.lowercased().hasPrefix("0x") }
        guard written.count == 1, !fromDecimals.isEmpty, !fromDecimals.contains(where: { $0.code == written[0].code }) else { return nil }
        return "\(fromDecimals.map(\.raw).joined(separator: ", ")) does not restate \(written[0].raw) in the same cell "
            + "(it is \(fromDecimals.map(\.code).joined(separator: ", ")))"
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
                .warning, .codeAliasMismatch,
                "decimal code \(written) does not restate \(hexadecimal[0].raw) in the same row (it is \(decimal.code))",
                file: file, at: location))
        }
        codes.append(decimal)
        return codes
    }
}
