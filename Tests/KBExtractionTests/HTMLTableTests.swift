import KBCore
import KBModel
import Testing

/// Tables written in HTML, as Microsoft docs write error and event references: read by an HTML5
/// parser into the same typed tables as pipe tables, whatever the language.
@Suite("HTML tables and tables of records")
struct HTMLTableTests {
    /// An event reference and an error reference written as records (a heading row per event or
    /// error, then label and value rows), in one language's words.
    struct Records: Sendable, CustomTestStringConvertible {
        var locale: String
        var eventID: String
        var symbolicName: String
        var message: String
        var description: String
        var userAction: String
        var errorCode: String
        var possibleCause: String
        var resolution: String
        /// The texts, in the language (a message, a description, steps).
        var started: String
        var startedDetails: String
        var checkConnection: String
        var outOfMemory: String
        var closeApps: String

        var testDescription: String { locale }
    }

    static let languages: [Records] = [
        Records(
            locale: "da-dk", eventID: "Hændelses-id", symbolicName: "Symbolsk navn", message: "Besked", description: "Beskrivelse",
            userAction: "Brugerhandling", errorCode: "Fejlkode", possibleCause: "Mulig årsag", resolution: "Løsning",
            started: "En scanning er startet.", startedDetails: "Scanningens id og type.",
            checkConnection: "Kontrollér forbindelsen.", outOfMemory: "Enheden mangler hukommelse.",
            closeApps: "Luk programmer, du ikke bruger."),
        Records(
            locale: "ja-jp", eventID: "イベント ID", symbolicName: "シンボル名", message: "メッセージ", description: "説明",
            userAction: "ユーザー アクション", errorCode: "エラー コード", possibleCause: "考えられる原因", resolution: "解決方法",
            started: "スキャンが開始されました。", startedDetails: "スキャンの ID と種類。",
            checkConnection: "接続を確認してください。", outOfMemory: "デバイスのメモリが不足しています。",
            closeApps: "使用していないアプリを閉じます。"),
        Records(
            locale: "ar-sa", eventID: "معرف الحدث", symbolicName: "الاسم الرمزي", message: "الرسالة", description: "الوصف",
            userAction: "إجراء المستخدم", errorCode: "رمز الخطأ", possibleCause: "السبب المحتمل", resolution: "الحل",
            started: "بدأ الفحص.", startedDetails: "معرف الفحص ونوعه.",
            checkConnection: "تحقق من الاتصال.", outOfMemory: "نفدت ذاكرة الجهاز.",
            closeApps: "أغلق التطبيقات التي لا تستخدمها."),
        // Words kb has in no list: structure and code shapes carry it.
        Records(
            locale: "xx-yy", eventID: "Quux", symbolicName: "Blorp", message: "Zib", description: "Wibble",
            userAction: "Plonk", errorCode: "Snark", possibleCause: "Grue", resolution: "Frob",
            started: "Zorb wup.", startedDetails: "Zorb flim.", checkConnection: "Gleep the link.",
            outOfMemory: "Florp memory.", closeApps: "Blat the apps."),
    ]

    static func markdown(_ words: Records) -> String {
        """
        ---
        title: Events
        ms.contentlocale: \(words.locale)
        ---
        # <a name="review-event-logs-and-error-codes"></a>Events

        ## <a name="event-ids"></a>Events

        <table>
        <tr>
        <th colspan="2">\(words.eventID): 1000</th>
        </tr>
        <tr><td>\(words.symbolicName):</td><td><b>MALWAREPROTECTION_SCAN_STARTED</b></td></tr>
        <tr><td>\(words.message):</td><td><b>\(words.started)</b></td></tr>
        <tr><td>\(words.description):</td><td>\(words.startedDetails)</td></tr>

        <tr>
        <th colspan="2">\(words.eventID): 2001</th>
        </tr>
        <tr><td>\(words.symbolicName):</td><td><b>MALWAREPROTECTION_SIGNATURE_UPDATE_FAILED</b></td></tr>
        <tr><td>\(words.message):</td><td><b>\(words.checkConnection)</b></td></tr>
        <tr><td>\(words.description):</td><td><dl><dt>\(words.startedDetails)</dt></dl></td></tr>
        <tr><td>\(words.userAction):</td><td><ol><li>\(words.checkConnection)</li><li>\(words.closeApps)</li></ol></td></tr>
        </table>

        <a id="error-codes"></a>
        ## Codes

        <table>
        <tr><th colspan="2">\(words.errorCode): 0x80508007</th></tr>
        <tr><td>\(words.message)</td><td><b>ERR_MP_NO_MEMORY </b></td></tr>
        <tr><td>\(words.possibleCause)</td><td>\(words.outOfMemory)</td></tr>
        <tr><td>\(words.resolution)</td><td><ol><li>\(words.closeApps)</li><li>\(words.checkConnection)</li></ol></td></tr>
        <tr><th colspan="2">\(words.errorCode): 0x8050800C</th></tr>
        <tr><td>\(words.message)</td><td><b>ERR_MP_BAD_INPUT_DATA</b></td></tr>
        <tr><td>\(words.possibleCause)</td><td>\(words.outOfMemory)</td></tr>
        </table>

        <a id="internal-error-codes"></a>\(words.startedDetails)

        <table>
        <tr><th colspan="3">\(words.errorCode)</th></tr>
        <tr><th>\(words.errorCode)</th><th>\(words.message)</th><th>\(words.possibleCause)</th></tr>
        <tr><td>0x80501000</td><td><b>ERROR_MP_UI_CONSOLIDATION_BASE</b></td><td rowspan="2">\(words.outOfMemory)</td></tr>
        <tr><td>0x80501001</td><td><b>ERROR_MP_ACTIONS_FAILED</b></td></tr>
        </table>
        """
    }

    @Test("a table of records gives an entry per event or error, with its codes, message, cause and resolution", arguments: languages)
    func records(words: Records) throws {
        let (article, diagnostics) = article(Self.markdown(words), path: "\(words.locale)/defender/events.md")
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(article.entries.map(\.id) == [
            "event-ids-1000", "event-ids-2001", "error-codes-0x80508007", "error-codes-0x8050800c",
            "internal-error-codes-row-1", "internal-error-codes-row-2",
        ])
        #expect(article.entries.map { $0.codes.map(\.code) } == [
            ["1000", "MALWAREPROTECTION_SCAN_STARTED"], ["2001", "MALWAREPROTECTION_SIGNATURE_UPDATE_FAILED"],
            ["0x80508007", "ERR_MP_NO_MEMORY"], ["0x8050800C", "ERR_MP_BAD_INPUT_DATA"],
            ["0x80501000", "ERROR_MP_UI_CONSOLIDATION_BASE"], ["0x80501001", "ERROR_MP_ACTIONS_FAILED"],
        ])
        // The event section's English anchor says its numbers are event IDs, in any language.
        #expect(article.entries[0].codes[0].kind == .eventID && article.entries[1].codes[0].kind == .eventID)

        let started = article.entries[0]
        #expect(started.message == words.started)
        #expect(started.cause.plainText == words.startedDetails)
        let failed = article.entries[1]
        guard case .list(let steps)? = failed.resolution.first else {
            Issue.record("the user action is not a list: \(failed.resolution)")
            return
        }
        #expect(steps.isOrdered && steps.items.count == 2)

        let memory = article.entries[2]
        #expect(memory.message == "ERR_MP_NO_MEMORY" || words.locale == "xx-yy")
        #expect(memory.cause.plainText == words.outOfMemory)
        #expect(memory.resolution.plainText.contains(words.closeApps))
        // A cell spanning two rows is in both (the cause, or, without words, the message).
        for entry in article.entries[4...5] {
            #expect((entry.message ?? entry.cause.plainText) == words.outOfMemory)
        }
    }

    @Test("a language kb has no words for gives the same entries, ids and codes as its translations")
    func unknownLanguage() throws {
        func shape(_ words: Records) -> [String] {
            article(Self.markdown(words), path: "\(words.locale)/defender/events.md").0.entries
                .map { "\($0.id) \($0.codes.map(\.code)) \($0.message == nil && $0.cause.isEmpty)" }
        }
        let unknown = shape(Self.languages.last!)
        for words in Self.languages.dropLast() { #expect(shape(words) == unknown, "\(words.locale)") }
    }

    @Test("an HTML table cut by blank lines is read whole, with the Markdown between its pieces")
    func blankLines() throws {
        let (article, _) = article("""
            # T

            ## <a name="codes"></a>Codes

            <table>
            <tr><th>Error code</th><th>Message</th></tr>
            <tr><td>0x80070005</td><td>Access is denied.</td></tr>

            <tr><td>0x80070002</td><td>The file is missing.
            <table><tr><td>nested</td><td>0x87D1041C</td></tr></table>

            Try again.</td></tr>
            </table>

            After the table.
            """)
        // The codes of a table in a cell are the row's.
        #expect(article.entries.map { $0.codes.map(\.code) } == [["0x80070005"], ["0x80070002", "0x87D1041C"]])
        #expect(article.entries[1].message?.hasPrefix("The file is missing.") == true)
        // The nested table stays a table in its cell; the paragraph after the table is outside it.
        let blocks = article.document.subsections[0].subsections[0].blocks
        guard case .table(let table)? = blocks.first else {
            Issue.record("no table: \(blocks)")
            return
        }
        #expect(table.rows.count == 2)
        #expect(table.rows[1].cells[1].contains { if case .table = $0 { true } else { false } })
        #expect(blocks.dropFirst().plainText == "After the table.")
    }

    @Test("a table left open before a comment that ends the article (a block cmark ends before it starts) is read")
    func openBeforeFinalComment() {
        let (article, _) = article("<TABLE><TD BACKGROUND=\"javascript:alert(1)\">0x80070005\n\n<!--#exec cmd=\"/bin/echo x\"-->\n")
        guard case .table(let table)? = article.document.blocks.first else {
            Issue.record("no table: \(article.document.blocks)")
            return
        }
        #expect(table.rows.first?.cells.first?.plainText == "0x80070005")
    }

    @Test("HTML that could nest past the depth limit is kept as HTML, with a warning")
    func tooDeep() {
        let html = "<table><tr><td>" + String(repeating: "<div>", count: 500) + "0x80070005" + String(repeating: "</div>", count: 500)
            + "</td></tr></table>"
        let (article, diagnostics) = article("# T\n\n" + html + "\n")
        #expect(diagnostics.map(\.identifier).contains("html.tooComplex"))
        #expect(article.entries.isEmpty)
    }

    @Test("a table's spans and heading rows survive into the model")
    func spans() throws {
        let (article, _) = article("""
            # T

            <table>
            <tr><th colspan="2">Title</th></tr>
            <tr><td rowspan="2">a</td><td>b</td></tr>
            <tr><td>c</td></tr>
            <tr><td colspan="abc">d</td><td rowspan="0">e</td></tr>
            </table>
            """)
        guard case .table(let table)? = article.document.subsections[0].blocks.first else {
            Issue.record("no table")
            return
        }
        #expect(!table.isGrid)
        #expect(table.rows[0].isHeading && table.rows[0].span(0) == Table.Span(columns: 2))
        #expect(table.rows[1].span(0) == Table.Span(rows: 2))
        #expect(table.rows[3].span(0) == .single && table.rows[3].span(1) == .single)
        #expect(table.grid[2].map(\.plainText) == ["a", "c"])
    }
}
