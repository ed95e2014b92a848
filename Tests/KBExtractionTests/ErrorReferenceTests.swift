import KBCore
import KBModel
import Testing

/// Error references as other docs sets write them: error numbers with their descriptions, codes
/// in several forms in one cell, codes inside messages, one article per error; and the tables
/// and headings that look like codes and are not.
@Suite("Error references of any docs set")
struct ErrorReferenceTests {
    /// A database's error reference, in one language: `Error | Severity | Event logged |
    /// Description`, numbers linked to the error's own article.
    static func reference(error: String, severity: String, logged: String, description: String, yes: String, messages: [String]) -> String {
        """
        # Errors

        ## <a name="errors-18000-18999"></a>18000

        | \(error) | \(severity) | \(logged) | \(description) |
        | :--- | :--- | :--- | :--- |
        | [18456](mssqlserver-18456.md) | 14 | \(yes) | \(messages[0]) |
        | 18452 | 14 | \(yes) | \(messages[1]) |
        | -2 | 10 | \(yes) | \(messages[2]) |
        """
    }

    @Test("error numbers in a code column are codes and the description is their message, in Latin, CJK and Arabic script")
    func errorNumbers() {
        let languages: [(String, String)] = [
            ("en-us", Self.reference(error: "Error", severity: "Severity", logged: "Event logged", description: "Description", yes: "Yes",
                                     messages: ["Login failed for user '%.*ls'.", "Login failed. The login is from an untrusted domain.", "The wait timed out."])),
            ("ja-jp", Self.reference(error: "エラー", severity: "重大度", logged: "ログに記録されるイベント", description: "説明", yes: "はい",
                                     messages: ["ユーザー '%.*ls' はログインできませんでした。", "ログインできませんでした。", "待機がタイムアウトしました。"])),
            ("ar-sa", Self.reference(error: "خطأ", severity: "الخطورة", logged: "تم تسجيل الحدث", description: "الوصف", yes: "نعم",
                                     messages: ["فشل تسجيل الدخول للمستخدم '%.*ls'.", "فشل تسجيل الدخول.", "انتهت مهلة الانتظار."])),
        ]
        for (locale, markdown) in languages {
            let (article, _) = article(markdown, path: "\(locale)/errors/reference.md")
            #expect(article.entries.map { $0.codes.map(\.code) } == [["18456"], ["18452"], ["-2"]], "\(locale)")
            #expect(article.entries.allSatisfy { $0.message != nil && $0.message == $0.title || $0.message?.hasPrefix($0.title) == true }, "\(locale)")
            #expect(article.entries.first?.message?.contains("%.*ls") == true, "\(locale)")
        }
    }

    @Test("numbers that link to their own articles are codes, whatever the header says")
    func linkedNumbers() {
        let (article, _) = article("""
            # Fouten

            | Quux | Zorb | Blat |
            | --- | --- | --- |
            | [26013](mssqlserver-26013-database-engine-error.md) | 10 | The certificate is not valid. |
            | 26014 | 16 | The key could not be read. |
            """, path: "xx-yy/errors.md")
        #expect(article.entries.map { $0.codes.map(\.code) } == [["26013"], ["26014"]])
        #expect(article.entries.map(\.message) == ["The certificate is not valid.", "The key could not be read."])
    }

    @Test("a code cell is a set of codes: decimal, signed decimal, hexadecimal and names, checked against each other")
    func codeCells() {
        let (article, diagnostics) = article("""
            # Codes

            ## <a name="runtime-errors"></a>Runtime errors

            | Error code | Description |
            |---|---|
            | 4107 -2146824175 0x800A1011 | The object is not valid. |
            | 0x80070005 (E_ACCESSDENIED) | Access is denied. |
            | -2147024891 0x80070002 | The file is missing. |
            | `0x8007000E`<br>E_OUTOFMEMORY | Not enough memory. |
            """)
        let codes = article.entries.map { $0.codes.map(\.code) }
        #expect(codes == [["4107", "0x800A1011"], ["0x80070005", "E_ACCESSDENIED"], ["0x80070005", "0x80070002"], ["0x8007000E", "E_OUTOFMEMORY"]])
        #expect(article.entries[0].codes[1].aliases.contains("-2146824175"))
        // -2147024891 is 0x80070005, not the 0x80070002 beside it.
        #expect(diagnostics.contains { $0.identifier == "code.aliasMismatch" && $0.message.contains("-2147024891") })
        #expect(article.entries.allSatisfy { $0.message != nil })
    }

    @Test("hexadecimal, decimal and symbolic columns beside a description")
    func hexDecimalSymbolic() {
        let (article, _) = article("""
            # Codes

            | Hex code | Decimal code | Symbolic name | Description |
            |---|---|---|---|
            | 0x8002F347 | -2147290297 | DTS_E_STOREDPROCSTASK_OVERWRITINGSPATEXECUTING | Overwriting the stored procedure while it runs. |
            | 0xC0010001 | -1073676287 | DTS_E_VARIABLENOTFOUND | The variable cannot be found. |
            """)
        #expect(article.entries.map { $0.codes.map(\.code) } == [
            ["0x8002F347", "DTS_E_STOREDPROCSTASK_OVERWRITINGSPATEXECUTING"], ["0xC0010001", "DTS_E_VARIABLENOTFOUND"],
        ])
        #expect(article.entries.map(\.message) == ["Overwriting the stored procedure while it runs.", "The variable cannot be found."])
        #expect(article.entries[0].codes[0].aliases.contains("-2147290297"))
    }

    @Test("tables in block quotes and list items are read as the same tables, pipe or HTML")
    func quotedTables() {
        let (article, _) = article("""
            # Codes

            > |Hex|Decimal|Symbolic name|Message|
            > |---|---|---|---|
            > |0x8002F347|-2147290297|DTS_E_STOREDPROCSTASK_OVERWRITINGSPATEXECUTING|Overwriting the procedure.|

            - The HTML one:

              <table>
              <tr><th>Error code</th><th>Message</th></tr>
              <tr><td>0x80070005</td><td>Access is denied.</td></tr>
              </table>

            > <table>
            > <tr><th>Error code</th><th>Message</th></tr>
            >
            > <tr><td>0x80070002</td><td>The file is missing.</td></tr>
            > </table>
            """)
        #expect(article.entries.map { $0.codes.map(\.code) } == [
            ["0x8002F347", "DTS_E_STOREDPROCSTASK_OVERWRITINGSPATEXECUTING"], ["0x80070005"], ["0x80070002"],
        ])
        #expect(article.entries.map(\.message) == ["Overwriting the procedure.", "Access is denied.", "The file is missing."])
    }

    @Test("a code inside the message column of a table of commands makes the row an entry")
    func codeInMessage() {
        let (article, _) = article("""
            # Commands

            | Command | Result |
            |---|---|
            | `Import-Certificate` | Access is denied. (Exception from HRESULT: 0x80070005) |
            | `Get-Item C:\\x` | The system cannot find the file specified. (Exception from HRESULT: 0x80070002) |
            | `Get-Help` | Shows help. |
            """)
        #expect(article.entries.map { $0.codes.map(\.code) } == [["0x80070005"], ["0x80070002"]])
        #expect(article.entries[0].message?.hasPrefix("Access is denied.") == true)
    }

    static func singleError(_ locale: String, attribute: String, value: String, labels: [String], message: String, sections: [String]) -> String {
        """
        ---
        title: MSSQLSERVER_18456
        ---
        # MSSQLSERVER_18456

        ## <a name="details"></a>\(sections[0])

        | \(attribute) | \(value) |
        | :--- | :--- |
        | \(labels[0]) | SQL Server |
        | \(labels[1]) | 18456 |
        | \(labels[2]) | MSSQLSERVER |
        | \(labels[3]) | LOGON_FAILED |
        | \(labels[4]) | \(message) |

        ## <a name="explanation"></a>\(sections[1])

        The authentication failed: \(locale).

        ## <a name="user-action"></a>\(sections[2])

        Check the password: \(locale).
        """
    }

    @Test("a single-error article gives its codes in every form, its message, cause and resolution, in any language")
    func singleErrorArticles() throws {
        let articles = [
            Self.singleError("en-us", attribute: "Attribute", value: "Value",
                             labels: ["Product Name", "Event ID", "Event Source", "Symbolic Name", "Message Text"],
                             message: "Login failed for user '%.*ls'.%.*ls", sections: ["Details", "Explanation", "User action"]),
            Self.singleError("de-de", attribute: "Attribut", value: "Wert",
                             labels: ["Produktname", "Ereignis-ID", "Ereignisquelle", "Symbolischer Name", "Meldungstext"],
                             message: "Fehler bei der Anmeldung für den Benutzer '%.*ls'.%.*ls", sections: ["Details", "Erklärung", "Benutzeraktion"]),
            Self.singleError("zh-cn", attribute: "属性", value: "值",
                             labels: ["产品名称", "事件 ID", "事件源", "符号名称", "消息正文"],
                             message: "用户 '%.*ls' 登录失败。%.*ls", sections: ["详细信息", "说明", "用户操作"]),
            Self.singleError("xx-yy", attribute: "Quux", value: "Frob", labels: ["Wibble", "Plonk", "Snark", "Blorp", "Zib"],
                             message: "Florp wup '%.*ls'.%.*ls", sections: ["Zorblat", "Qwerty", "Asdf"]),
        ]
        for (locale, markdown) in zip(["en-us", "de-de", "zh-cn", "xx-yy"], articles) {
            let (article, _) = article(markdown, path: "\(locale)/errors/mssqlserver-18456.md")
            let entry = try #require(article.entries.first, "\(locale)")
            #expect(article.entries.count == 1)
            #expect(entry.codes.map(\.code) == ["MSSQLSERVER_18456", "18456", "LOGON_FAILED"], "\(locale)")
            #expect(entry.message?.contains("'%.*ls'") == true, "\(locale)")
            #expect(entry.cause.plainText.contains("authentication failed") || locale != "en-us", "\(locale)")
            #expect(entry.resolution.plainText.contains("Check the password"), "\(locale)")
        }
        // Words say the number is an event ID; without them it is still the error's number.
        #expect(article(articles[0], path: "en-us/e.md").0.entries[0].codes[1].kind == .eventID)
    }

    @Test("flag values, settings, variables and versions are not errors; SMTP status codes are")
    func notErrors() {
        let (article, _) = article("""
            # Reference

            ## <a name="flags"></a>Flags

            | Value | Meaning |
            |---|---|
            | 0x00000001 | Allow the upload. |
            | 0x00000002 | Block the download. |
            | 0x40000000 | Log every request. |

            ## <a name="naam"></a>Instellingen

            | Naam van de instelling | Details |
            |---|---|
            | **BranchCache** | Hiermee kunnen clients inhoud ophalen. |
            | **BITS** | Hiermee kunnen clients bestanden ophalen. |

            ## <a name="variables"></a>Variables

            ### SMSTSErrorDialogTimeout

            The dialog closes after this many seconds.

            ### SMSTSLanguageFolder

            Changes the display language.

            ### SMSTSLocalDataDrive

            Where temporary files go.

            ### OSDComputerName

            The computer's name.

            ## <a name="whats-new"></a>Version 2.9.0 of the app

            The app now needs version 4.5.0.

            ## <a name="error-code-550-57511"></a>Error code: 550 5.7.511 Access denied

            **Cause:** The sender is on the blocked list.

            **Resolution:** Ask to be removed.
            """)
        #expect(article.entries.map(\.id) == ["error-code-550-57511"])
        #expect(Set(article.entries.first?.codes.map(\.code) ?? []) == ["550", "5.7.511"])
    }
}
