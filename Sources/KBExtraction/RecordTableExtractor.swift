import KBCore
import KBLexicon
import KBModel
import KBText

/// Reads tables of records: a heading row per error or event (`<th colspan="2">Event ID:
/// 1000</th>`), then rows of a label and a value (symbolic name, message, description, user
/// action). Each record with a code becomes one entry.
///
/// What makes a table one of records, and what each value is, comes first from structure and
/// shape, whatever the language: a heading row over the whole width holding a code, values that
/// are codes (`MALWAREPROTECTION_SCAN_STARTED`, `0x80508007`), a short bold sentence (the message),
/// lists and links (what to do). The labels' words (`Vocabulary`) confirm and name the rest.
struct RecordTableExtractor {
    /// One record: its heading row and its label and value rows, by index in the table's rows.
    struct Record {
        var heading: Int
        var rows: [Int]
    }

    /// The records of `table`, or nil when it is not a table of records: most of its rows are
    /// label and value pairs under heading rows, and most heading rows hold a code.
    static func records(of table: Table) -> [Record]? {
        var records: [Record] = []
        var loose = 0
        for (index, row) in table.rows.enumerated() {
            if isHeadingRow(row, in: table) {
                records.append(Record(heading: index, rows: []))
            } else if !records.isEmpty, row.cells.count == 2 {
                records[records.count - 1].rows.append(index)
            } else {
                loose += 1
            }
        }
        let withCodes = records.filter { !headingCodes(table.rows[$0.heading]).isEmpty }
        guard !records.isEmpty, withCodes.count * 2 >= records.count,
              records.map(\.rows.count).reduce(0, +) >= loose * 2
        else { return nil }
        return records
    }

    /// A row with one cell over two columns or more, or of headings only with one filled cell.
    private static func isHeadingRow(_ row: Table.Row, in table: Table) -> Bool {
        let filled = row.cells.filter { !$0.plainText.trimmingWhitespace.isEmpty }
        guard filled.count == 1 else { return false }
        return (row.cells.count == 1 && row.span(0).columns >= 2) || (row.isHeading && row.cells.count == 1)
    }

    /// The codes a heading row names: what follows its label (`Event ID: 1000`, `Fejlkode:
    /// 0x80508007`, `事件 ID：1000`), or its last word when that is a number (`Event 1000`).
    static func headingCodes(_ row: Table.Row) -> [ErrorCode] {
        let text = row.cells.first?.plainText.trimmingWhitespace ?? ""
        guard !text.isEmpty, !CharacterCount.exceeds(text, 200) else { return [] }
        let value: Substring
        if let colon = text.lastIndex(where: { $0 == ":" || $0 == "：" }) {
            value = text[text.index(after: colon)...]
        } else if let space = text.lastIndex(where: \.isWhitespace) {
            value = text[text.index(after: space)...]
        } else {
            value = Substring(text)
        }
        let trimmed = String(value.trimmingWhitespace)
        guard !trimmed.isEmpty, ErrorTableExtractor.isCodeOnly(trimmed, lenient: true) else { return [] }
        return CodeScanner.codes(in: trimmed, context: .codeCell)
    }

    /// The role of a record's row.
    enum Role: Equatable {
        case code, message, cause, resolution, other
    }

    /// The entries of `records`, with the heading row of each marked with its entry's id.
    func extract(
        _ table: Table, records: [Record], at place: ErrorTableExtractor.Place, makeID: (SourceLocation, [ErrorCode]) -> String
    ) -> ErrorTableExtractor.Result {
        var annotated = table
        var entries: [ErrorEntry] = []
        let eventSection = (place.anchors + [place.titles.joined(separator: " ")]).contains { Vocabulary.roles(in: $0).contains(.event) }
        for record in records {
            let heading = table.rows[record.heading]
            var codes = Self.headingCodes(heading)
            guard !codes.isEmpty else { continue }
            let label = heading.cells.first?.plainText ?? ""
            let isEvent = eventSection || Vocabulary.roles(in: label).contains(.event)
            for index in codes.indices where codes[index].kind == .decimal && isEvent { codes[index].kind = .eventID }

            var message: [Block] = []
            var cause: [Block] = []
            var resolution: [Block] = []
            let rows = record.rows.map { table.rows[$0] }
            let roles = Self.roles(of: rows)
            for (row, role) in zip(rows, roles) {
                let value = row.cells[1]
                switch role {
                case .code:
                    codes += CodeScanner.codes(in: value.plainText, context: .codeCell)
                    // A message row that holds a name (`Message: ERR_MP_NO_MEMORY`) is both.
                    if Vocabulary.roles(in: row.cells[0].plainText).contains(where: { $0 == .message || $0 == .errorMessage }),
                       message.isEmpty {
                        message = value
                    }
                case .message where message.isEmpty: message = value
                case .cause: cause += value
                case .resolution: resolution += value
                default: continue
                }
            }
            codes = codes.mergedCodes()
            let messageText = message.plainText.trimmingWhitespace
            let title = messageText.isEmpty
                ? (MessageText.firstSentence(cause.plainText).nonEmpty ?? codes.map(\.raw).joined(separator: ", "))
                : (ErrorTableExtractor.boldLead(message) ?? MessageText.firstSentence(messageText))
            let id = makeID(heading.location, codes)
            annotated.rows[record.heading].entryID = id
            entries.append(ErrorEntry(
                id: id, anchor: id, kind: .tableRow, title: title, messages: messageText.isEmpty ? [] : [messageText],
                codes: codes, cause: cause, resolution: resolution, sectionPath: place.anchors,
                platform: Platform.detect(anchors: place.anchors, titles: place.titles), location: heading.location))
        }
        return ErrorTableExtractor.Result(table: annotated, entries: entries, diagnostics: [])
    }

    /// What each label and value row is: the label's words where they name a role; else the
    /// value's shape and place: codes, then the first short sentence (the message), then
    /// descriptions (the cause) and, last or with steps and links, what to do.
    static func roles(of rows: [Table.Row]) -> [Role] {
        var roles: [Role] = rows.map { row in
            let value = row.cells[1].plainText.trimmingWhitespace
            if !value.isEmpty, ErrorTableExtractor.isCodeOnly(value, lenient: false) { return .code }
            let words = Vocabulary.roles(in: row.cells[0].plainText)
            if words.contains(.resolution) { return .resolution }
            if words.contains(.cause) || words.contains(.problem) || words.contains(.description) { return .cause }
            if words.contains(.message) || words.contains(.errorMessage) { return .message }
            return .other
        }
        // Rows the words did not name, by shape and place.
        let prose = roles.indices.filter { roles[$0] == .other && !rows[$0].cells[1].plainText.trimmingWhitespace.isEmpty }
        let messageNamed = rows.contains { Vocabulary.roles(in: $0.cells[0].plainText).contains { $0 == .message || $0 == .errorMessage } }
        for index in prose {
            let value = rows[index].cells[1]
            let hasSteps = value.contains { if case .list(let list) = $0 { list.isOrdered } else { false } }
            if !messageNamed, !roles.contains(.message), ErrorTableExtractor.boldLead(value) != nil || MessageText.quotedBlock(in: value) != nil {
                roles[index] = .message
            } else if hasSteps || (!roles.contains(.resolution) && index == prose.last && roles.contains(.cause)) {
                roles[index] = .resolution
            } else if !roles.contains(.cause) {
                roles[index] = .cause
            } else {
                roles[index] = .resolution
            }
        }
        return roles
    }
}

extension RecordTableExtractor {
    /// What a details table says of the one error its article is about.
    struct Details {
        var codes: [ErrorCode]
        var message: String?
    }

    /// A details table (`| Attribute | Value |`: product, event ID, source, symbolic name,
    /// message text), read as one record: two columns of short labels and their values, one
    /// value at least a code. A number is a code when the article's heading code holds it
    /// (`18456` under `MSSQLSERVER_18456`) or its label names an event or a code; the message is
    /// the value its label names so, else the one with format placeholders (`%ls`, `{0}`).
    static func details(of table: Table, headingCodes: [ErrorCode]) -> Details? {
        var rows = table.rows.map(\.cells)
        // A header row that is itself a label and its value (no `Attribute | Value` header).
        if table.header.cells.count == 2, !Vocabulary.roles(in: table.header.cells[0].plainText).isDisjoint(with: [.event, .code, .error]) {
            rows.insert(table.header.cells, at: 0)
        }
        guard rows.count >= 2, table.isGrid || table.rows.allSatisfy({ $0.cells.count == 2 && !$0.isHeading }),
              rows.allSatisfy({ $0.count == 2 }),
              rows.allSatisfy({ row in
                  let label = row[0].plainText.trimmingWhitespace
                  return !label.isEmpty && !CharacterCount.exceeds(label, 40) && !".!?。".contains(label.last ?? " ")
              })
        else { return nil }
        let headingDigits = headingCodes.map { $0.code.filter(\.isNumber) }
        var codes: [ErrorCode] = []
        var message: String?
        var placeholderMessage: String?
        for row in rows {
            let labelRoles = Vocabulary.roles(in: row[0].plainText)
            let value = row[1].plainText.trimmingWhitespace
            guard !value.isEmpty, !Vocabulary.isPlaceholder(value) else { continue }
            if labelRoles.contains(.message) || labelRoles.contains(.errorMessage), message == nil,
               !ErrorTableExtractor.isCodeOnly(value, lenient: false) {
                message = value
                continue
            }
            if ErrorTableExtractor.isCodeOnly(value, lenient: false) {
                codes += CodeScanner.codes(in: value, context: .codeCell)
            } else if value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), value.contains(where: \.isNumber) {
                let isEvent = labelRoles.contains(.event)
                if isEvent || !labelRoles.isDisjoint(with: [.code, .error]) || headingDigits.contains(where: { $0.hasSuffix(value) && !$0.isEmpty }) {
                    codes += CodeScanner.codes(in: value, context: .codeCell).map { code in
                        var code = code
                        if isEvent, code.kind == .decimal { code.kind = .eventID }
                        return code
                    }
                }
            } else if placeholderMessage == nil, value.contains("%") || value.contains("{0}") {
                placeholderMessage = value
            }
        }
        guard !codes.isEmpty else { return nil }
        return Details(codes: codes, message: message ?? placeholderMessage)
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
