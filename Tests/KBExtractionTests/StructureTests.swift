import KBLexicon
import Foundation
import KBCore
import KBModel
import Testing
@testable import KBExtraction

/// The cells of an entry as the tests compare them.
private func summary(_ entry: ErrorEntry) -> String {
    "\(entry.codes.map(\.code)) \(entry.message ?? "-") | \(entry.cause.plainText) | \(entry.resolution.plainText)"
}

@Suite("Error tables read by structure first")
struct StructureFirstTests {
    @Test("a column of messages followed by what to do is an error table, whatever the header words", arguments: [
        // de, ja: the resolution header was unknown (intune-user-help/password-does-not-meet-…).
        ("| Nachricht | Beheben |", "| Das Kennwort ist erforderlich. | Legen Sie ein Kennwort fest und entsperren Sie das Gerät. |"),
        ("| メッセージ | 修正方法 |", "| パスワードが必要です。 | パスワードを設定してください。 組織では、デバイスのロックを解除する必要があります。 |"),
        ("| Bericht | Oplossen |", "| Het wachtwoord is vereist. | Stel een wachtwoord in. Uw organisatie vereist dat u een wachtwoord invoert. |"),
        // A header word no list knows: the cells decide.
        ("| Viesti | Korjaus |", "| Salasana vaaditaan. | Aseta salasana. Organisaatiosi edellyttää salasanaa laitteen lukituksen avaamiseen. |"),
    ])
    func messageAndResolution(header: String, row: String) throws {
        let (article, _) = article("# T\n\n## <a name=\"m\"></a>M\n\n\(header)\n|---|---|\n\(row)\n", path: "xx/t.md")
        let entry = try #require(article.entries.first, "\(header)")
        #expect(article.entries.count == 1)
        #expect(entry.message != nil && !entry.resolution.isEmpty && entry.cause.isEmpty, "\(summary(entry))")
    }

    @Test("three columns: the message, what it means, what to do (resolve-access-point-restrictions)", arguments: [
        "| Meldung im Unternehmensportal | Bedeutung der Meldung | Maßnahme |",
        "| ポータル サイトのメッセージ | このメッセージの意味 | 必要な手順 |",
        "| Bedrijfsportalbericht | Wat het bericht betekent | Wat u moet doen |",
    ])
    func threeColumns(header: String) throws {
        let (article, _) = article("""
            \(header)
            |---|---|---|
            | **Es wurden keine Zugriffspunkteinschränkungen eingerichtet.** | Ihr Unternehmen hat Einschränkungen angewendet, die die App prüft. | Tippen Sie auf **Beheben**. Die App überprüft Ihr Netzwerk. |
            """, path: "xx/t.md")
        let entry = try #require(article.entries.first)
        #expect(entry.message?.hasPrefix("Es wurden keine") == true)
        #expect(entry.cause.plainText.hasPrefix("Ihr Unternehmen") && entry.resolution.plainText.hasPrefix("Tippen Sie"))
    }

    @Test("Chinese, Japanese and Korean header words are the end of the header (company-portal errors, connector events)")
    func cjkHeaders() throws {
        let (portal, _) = article("""
            |ポータル サイトのエラー テキスト|HTTP 状態コード|その他のエラー情報|
            |---|---|---|
            |__内部サーバーに関する問題__ <br>サーバーに到達できなかった可能性があります。|500 エラー|このエラーは、サービスで問題が発生したときに表示されます。|
            |__サーバーに接続できません__ <br>サーバーに到達できなかった可能性があります。||このエラーは、接続できないときに表示されます。|
            """, path: "ja-jp/t.md")
        #expect(portal.entries.count == 2)
        #expect(portal.entries.map { $0.message.map { String($0.prefix(7)) } } == ["内部サーバーに", "サーバーに接続"])
        #expect(portal.entries.allSatisfy { $0.resolution.plainText.hasPrefix("このエラーは") })

        let (events, _) = article("""
            | イベント ID      | イベント名    | イベントの説明 | 関連する診断コード |
            | ------------- | ------------- | -------------     | -------------            |
            | 10010 | StartedConnectorService  | コネクタ サービスが開始しました | 0x00000000、0x0FFFFFFF |
            | 20202 | RevokeCert_Failure  | 証明書を失効できませんでした | 0x00000000、0x00000402 |
            | 20300 | Upload_Success  | アップロードしました | 0x00000000、0x0FFFFFFF |
            """, path: "ja-jp/t.md")
        #expect(events.entries.map { $0.codes.map(\.code) } == [
            ["10010", "0x00000000", "0x0FFFFFFF"], ["20202", "0x00000000", "0x00000402"], ["20300", "0x00000000", "0x0FFFFFFF"],
        ])
        #expect(events.entries.first?.codes.first?.kind == .eventID)
        #expect(Vocabulary.roles(in: "イベント名").isEmpty && Vocabulary.roles(in: "その他のエラー情報").isEmpty)
        #expect(Vocabulary.roles(in: "エラー コード (10 進)").contains(.decimal))
    }

    @Test("a name in parentheses in a code column is a code, a placeholder is no title, a message may open with the error's name")
    func codeCells() throws {
        let (article, _) = article("""
            |Statuscode|Foutbericht|Wat u moet doen|
            |---|---|---|
            |10 (APP_CI_ENFORCEMENT_IN_PROGRESS)|Installatie wordt uitgevoerd||
            |Geen status (APP_CI_ENFORCEMENT_UNKNOWN)|n.v.t.|De status is momenteel onbekend.|

            | Foutcode (Hex) | Foutcode (Dec) | Foutbericht | Beschrijving |
            |---|---|---|---|
            | 0x87D13B80 | -2016330880 | CannotConnectToITunesStoreError (Fehler „Verbindung zu iTunes nicht möglich“) | Fehler bei der App-Installation. |
            """, path: "nl-nl/t.md")
        #expect(article.entries.map { $0.codes.map(\.code) } == [
            ["10", "APP_CI_ENFORCEMENT_IN_PROGRESS"], ["APP_CI_ENFORCEMENT_UNKNOWN"], ["0x87D13B80", "CannotConnectToITunesStoreError"],
        ])
        #expect(article.entries[1].title != "n.v.t." && article.entries[1].message == nil)
        for placeholder in ["n.v.t.", "N/A", "n/a", "Nicht zutreffend", "該当なし", "—", "Ej tillämpligt", "不适用", "해당 없음"] {
            #expect(Vocabulary.isPlaceholder(placeholder), "\(placeholder)")
        }
        #expect(!Vocabulary.isPlaceholder("Niet toegestaan") && !Vocabulary.isPlaceholder("0x80CF0437"))
    }

    @Test("tables of names that are no errors yield nothing, even under a header that says code", arguments: [
        "| Language | Language code |\n|---|---|\n| English | ENU |\n| Chinese (Simplified) | CHS |\n| German | DEU |",
        "| Size | vCPU | Memory |\n|---|---|---|\n| DS4_V2 | 8 | 28 GiB |\n| DS5_V2 | 16 | 56 GiB |",
        "| Variable | Description |\n|---|---|\n| OSDComputerName | The name of the computer. |\n| _SMSTSMachineName | The machine name. |",
        "| Property | Value code |\n|---|---|\n| Active | ACTIVE_STATE |\n| Paused | PAUSED_STATE |",
        "| Taalcode | Taal |\n|---|---|\n| NLD | Nederlands |\n| SVE | Zweeds |",
    ])
    func namesAreNoErrors(table: String) {
        let (article, _) = article("# T\n\n\(table)\n", path: "en-us/t.md")
        #expect(article.entries.isEmpty, "\(article.entries.map(summary))")
    }

    @Test("bare hexadecimal numbers are codes when all have the failure bit or the header says code; hashes are not")
    func bareHexadecimal() {
        let hashes = "| Folder | Source | Commit |\n|---|---|---|\n| nl-nl | IntuneDocs.nl-nl | d7ecdeb1 |\n"
            + "| sv-se | IntuneDocs.sv-se | 8e4012e0 |\n| de-de | IntuneDocs.de-de | 697c9633 |"
        #expect(article("# T\n\n\(hashes)\n", path: "en-us/t.md").0.entries.isEmpty)
        let failures = "| Fout | Beschrijving |\n|---|---|\n| 80180003 | Geen toegang. |\n| 8018000a | Al ingeschreven. |"
        #expect(article("# T\n\n\(failures)\n", path: "nl-nl/t.md").0.entries.map { $0.codes.map(\.code) }
            == [["0x80180003"], ["0x8018000A"]])
        let named = "| Code | Beschrijving |\n|---|---|\n| 00cf0001 | Gestopt. |\n| 80cf0437 | Klok. |"
        #expect(article("# T\n\n\(named)\n", path: "nl-nl/t.md").0.entries.count == 2)
    }

    @Test("error names with numbers beside them, or error-shaped, still make a code column")
    func errorNames() {
        let (article, _) = article("""
            | Name | Description |
            |---|---|
            | E_ACCESSDENIED | Access is denied. |
            | ERROR_INSTALL_FAILURE | The installation failed. |
            """, path: "en-us/t.md")
        #expect(article.entries.map { $0.codes.map(\.code) } == [["E_ACCESSDENIED"], ["ERROR_INSTALL_FAILURE"]])
    }
}

@Suite("Rules that respect the script")
struct ScriptTests {
    @Test("a code glued to Japanese, Chinese, Korean or Thai letters is a code; glued to Latin letters it is not")
    func gluedCodes() {
        for text in ["構成に失敗し、エラーコード0x80070006 が返されました", "错误代码0x80070006", "오류코드0x80070006", "รหัส0x80070006"] {
            #expect(CodeScanner.codes(in: text, context: .prose).map(\.code) == ["0x80070006"], "\(text)")
        }
        #expect(CodeScanner.codes(in: "エラーコード0x0000006", context: .heading).map(\.raw) == ["0x0000006"])
        #expect(CodeScanner.codes(in: "Felkod0x80070006", context: .prose).isEmpty)
    }

    @Test("a bold label of two CJK characters needs no colon; a short Latin one does")
    func labels() throws {
        let (article, _) = article("""
            # T

            ## <a name="verify-ws-trust-13-is-enabled"></a>WS-Trust 1.3 が有効になっていることを確認する

            **問題** Windows デバイスを登録すると、エラーが発生します。

            **解決方法** WS-Trust 1.3 を有効にします。
            """, path: "ja-jp/t.md")
        #expect(article.entries.map(\.id) == ["verify-ws-trust-13-is-enabled"])
        #expect(LeadIn([.strong([.text("Ok")]), .text(" de oplossing")]) == nil)
    }

    @Test("a label that names a group of problems is no lead-in; a qualified part still is")
    func qualifiers() {
        #expect(Vocabulary.leadInRole("Operationele problemen") == nil)
        #expect(Vocabulary.leadInRole("Veelvoorkomende problemen") == nil)
        #expect(Vocabulary.leadInRole("Mogelijke oorzaak") == .cause)
        #expect(Vocabulary.leadInRole("Cause probable") == .cause)
        #expect(Vocabulary.leadInRole("Mögliche Lösung") == .resolution)
        let (article, _) = article("""
            # T

            ## Site server

            **Operationele problemen:**

            - The site server does not start.
            - The console does not connect.
            """, path: "nl-nl/t.md")
        #expect(article.entries.isEmpty)
    }
}

@Suite("Knowledge-base articles about one error")
struct KnowledgeBaseArticleTests {
    @Test("an article about one error is one entry: codes from its title, the quoted message, cause and resolution", arguments: [
        ("en-us", """
            # Error 0x87D13BA2 when you deploy a macOS LOB app

            This article helps you fix the error.

            ## Symptoms

            When you deploy a macOS line-of-business app, the deployment fails and you receive this message:

            > The app couldn't be installed because the package isn't signed.

            ## Cause

            The package isn't signed with a Developer ID certificate.

            ## Resolution

            1. Sign the package.
            2. Upload it again.
            """, ["0x87D13BA2"], "The app couldn't be installed because the package isn't signed."),
        ("de-de", """
            # Fehler 0x87D13BA2 beim Bereitstellen einer macOS-LOB-App

            ## Symptome

            Beim Bereitstellen der App erhalten Sie die folgende Meldung:

            > Die App konnte nicht installiert werden, weil das Paket nicht signiert ist.

            ## Ursache

            Das Paket ist nicht signiert.

            ## Lösung

            1. Signieren Sie das Paket.
            2. Laden Sie es erneut hoch.
            """, ["0x87D13BA2"], "Die App konnte nicht installiert werden, weil das Paket nicht signiert ist."),
        ("en-us", """
            # Error 87 when you enroll a Windows device

            ## Symptoms

            Enrollment fails with the message "The parameter is incorrect."

            ## Cause

            A wrong parameter in the provisioning package.

            ## Resolution

            Create the package again.
            """, ["87"], "The parameter is incorrect."),
        ("nl-nl", """
            # Fout 806 bij het inschrijven van een Android-apparaat

            ## Symptomen

            > Het apparaat kan niet worden ingeschreven.

            ## Oorzaak

            Het apparaat wordt niet ondersteund.

            ## Oplossing

            Gebruik een ondersteund apparaat.
            """, ["806"], "Het apparaat kan niet worden ingeschreven."),
        ("en-us", """
            # ZtdDeviceAlreadyAssigned error when you add an Autopilot device

            ## Symptoms

            You receive the error "This device is already assigned to another tenant."

            ## Cause

            The device is registered in another organization.

            ## Resolution

            Ask the other organization to deregister the device.
            """, ["ZtdDeviceAlreadyAssigned"], "This device is already assigned to another tenant."),
    ])
    func oneError(locale: String, markdown: String, codes: [String], message: String) throws {
        let (article, _) = article(markdown, path: "\(locale)/kb.md")
        #expect(article.entries.count == 1)
        let entry = try #require(article.entries.first)
        #expect(entry.codes.map(\.code) == codes)
        #expect(entry.message == message)
        #expect(!entry.cause.isEmpty && !entry.resolution.isEmpty, "\(summary(entry))")
    }

    @Test("a code heading over a table of one row is one entry, with the row's name and message")
    func codeHeadingOverOneRow() throws {
        for (locale, header) in [("en-us", "| Message | Description | Mitigation |"), ("de-de", "| Meldung | Beschreibung | Abhilfe |")] {
            let (article, _) = article("""
                # Windows Update error codes

                ## 0x8024402F

                \(header)
                |---|---|---|
                | WU_E_PT_ECP_SUCCEEDED_WITH_ERRORS | External cab file processing completed with some errors. | Check the proxy settings. |

                ## 0x80240438

                \(header)
                |---|---|---|
                | WU_E_PT_ENDPOINT_UNREACHABLE | There is no route or network connectivity to the endpoint. | Check the network. |
                """, path: "\(locale)/wu.md")
            #expect(article.entries.map(\.id) == ["0x8024402f", "0x80240438"], "\(locale)")
            let entry = try #require(article.entries.first)
            #expect(entry.codes.map(\.code) == ["0x8024402F", "WU_E_PT_ECP_SUCCEEDED_WITH_ERRORS"])
            #expect(entry.message == "External cab file processing completed with some errors.")
            #expect(entry.resolution.plainText == "Check the proxy settings.")
            let tables = article.document.allSections.flatMap(\.blocks).filter { $0.isErrorTable }
            #expect(tables.isEmpty)
        }
    }

    @Test(":::image::: becomes an image and layout directives leave nothing; neither is text of an entry")
    func directives() throws {
        let (article, _) = article("""
            # Error 0x87D13BA2

            ## Symptoms

            > The app couldn't be installed.

            :::image type="content" source="media/error.png" alt-text="Screenshot of the error.":::

            ## Resolution

            :::row:::
            :::column span="2":::
            Sign the package.
            :::column-end:::
            :::row-end:::
            """, path: "en-us/kb.md")
        let entry = try #require(article.entries.first)
        #expect(!entry.cause.plainText.contains(":::") && !entry.resolution.plainText.contains(":::"))
        #expect(entry.resolution.plainText == "Sign the package.")
        #expect(entry.cause.markdown.contains("![Screenshot of the error.](media/error.png)"))
        #expect(article.links.contains { $0.isImage && $0.destination == "media/error.png" })
    }
}

@Suite("Translations agree by construction")
struct ConsensusTests {
    /// The same article in three languages; the third's header words are in no list.
    static let files = [
        "nl-nl/t.md": """
            # T

            ## <a name="meldingen"></a>Meldingen

            | Bericht | Oplossing |
            |---|---|
            | Het wachtwoord is vereist | Stel een wachtwoord in |
            | De pincode is te kort | Kies een langere pincode |
            """,
        "sv-se/t.md": """
            # T

            ## <a name="meldingen"></a>Meddelanden

            | Meddelande | Lösning |
            |---|---|
            | Lösenordet krävs | Ange ett lösenord |
            | PIN-koden är för kort | Välj en längre PIN-kod |
            """,
        "xx-xx/t.md": """
            # T

            ## <a name="meldingen"></a>Xyz

            | Abc | Def |
            |---|---|
            | Qwe rty | Uio pas |
            | Dfg hjk | Lzx cvb |
            """,
    ]

    @Test("a table most translations read as an error table is one in all of them, with the same columns")
    func tables() async throws {
        let model = try await knowledgeBase(Self.files)
        let counts = Dictionary(uniqueKeysWithValues: model.articles.map { ($0.locale, $0.entries.count) })
        #expect(counts == ["nl-nl": 2, "sv-se": 2, "xx-xx": 2])
        let alone = try await knowledgeBase(["xx-xx/t.md": Self.files["xx-xx/t.md"]!])
        #expect(alone.articles[0].entries.isEmpty)
        let entry = try #require(model.articles.first { $0.locale == "xx-xx" }?.entries.first)
        #expect(entry.message == "Qwe rty" && entry.resolution.plainText == "Uio pas")
    }

    @Test("translations of the same source version with another structure keep their own reading, and say so")
    func differentStructures() async throws {
        var files = Self.files
        let header = "---\nms.sourcegitcommit: abc\n---\n"
        files["nl-nl/t.md"] = header + files["nl-nl/t.md"]!
        files["sv-se/t.md"] = header + files["sv-se/t.md"]! + "\n## Meer\n\ntekst\n"
        let model = try await knowledgeBase(files)
        #expect(model.diagnostics.contains { $0.identifier == "translation.structureDiffers" })
        #expect(model.articles.first { $0.locale == "sv-se" }?.entries.count == 2)
    }
}

@Suite("Words where they are still needed, in every language")
struct VocabularyLanguageTests {
    /// Per language: a header for messages, for causes, for resolutions, and a word for error.
    @Test("every language names a message, a cause, a resolution and an error", arguments: [
        ("en", "Error message", "Cause", "Resolution", "error"), ("nl", "Foutbericht", "Oorzaak", "Oplossing", "fout"),
        ("sv", "Felmeddelande", "Orsak", "Lösning", "fel"), ("da", "Fejlmeddelelse", "Årsag", "Løsning", "fejl"),
        ("nb", "Feilmelding", "Årsak", "Løsning", "feil"), ("fi", "Virhesanoma", "Syy", "Ratkaisu", "virhe"),
        ("de", "Fehlermeldung", "Ursache", "Lösung", "Fehler"), ("fr", "Message d'erreur", "Cause", "Résolution", "erreur"),
        ("es", "Mensaje de error", "Causa", "Solución", "error"), ("it", "Messaggio di errore", "Causa", "Soluzione", "errore"),
        ("pt", "Mensagem de erro", "Causa", "Solução", "erro"), ("pl", "Komunikat o błędzie", "Przyczyna", "Rozwiązanie", "błąd"),
        ("cs", "Chybová zpráva", "Příčina", "Řešení", "chyba"), ("tr", "Hata iletisi", "Neden", "Çözüm", "hata"),
        ("hu", "Hibaüzenet", "Ok", "Megoldás", "hiba"), ("ru", "Сообщение об ошибке", "Причина", "Решение", "ошибка"),
        ("ja", "エラー メッセージ", "原因", "解決方法", "エラー"), ("zh-cn", "错误消息", "原因", "解决方法", "错误"),
        ("zh-tw", "錯誤訊息", "原因", "解決方案", "錯誤"), ("ko", "오류 메시지", "원인", "해결 방법", "오류"),
    ])
    func language(language: String, message: String, cause: String, resolution: String, error: String) {
        #expect(Vocabulary.roles(in: message).contains(.errorMessage), "\(language) \(message)")
        #expect(Vocabulary.roles(in: cause).contains(.cause), "\(language) \(cause)")
        #expect(Vocabulary.roles(in: resolution).contains(.resolution), "\(language) \(resolution)")
        #expect(Vocabulary.isErrorWord(error), "\(language) \(error)")
        #expect(Vocabulary.leadInRole(cause) == .cause && Vocabulary.leadInRole(resolution) == .resolution, "\(language)")
    }

    @Test("inflected forms count as words; a word inside a longer header word does not")
    func words() {
        #expect(Vocabulary.roles(in: "Hata kodu").contains(.code))
        #expect(Vocabulary.roles(in: "Код события").contains(.event))
        #expect(Vocabulary.roles(in: "Коды ошибок").contains(.code))
        #expect(!Vocabulary.roles(in: "Additional error information").contains(.errorMessage))
        #expect(!Vocabulary.roles(in: "Issued to").contains(.problem))
    }
}
