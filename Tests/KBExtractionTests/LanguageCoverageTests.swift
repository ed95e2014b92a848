import KBCore
import KBModel
import Testing

/// The same troubleshooting article written in each language Intune documentation ships in,
/// with the words Microsoft's translations use. Extraction must find the same entries, with
/// the same ids and codes, in every one of them.
@Suite("Extraction in every documentation language")
struct LanguageCoverageTests {
    struct Words: Sendable, CustomTestStringConvertible {
        var locale: String
        var problem: String
        var cause: String
        var resolution: String
        var errorCode: String
        var possibleProblem: String
        var suggestedResolution: String
        var errorMessage: String
        var errorWord: String
        var setting: String
        var value: String
        /// How the language quotes a message.
        var open = "\""
        var close = "\""
        /// The colon, with the space French puts before it.
        var colon = ":"

        var testDescription: String { locale }
    }

    static let languages: [Words] = [
        Words(locale: "en-us", problem: "Issue", cause: "Cause", resolution: "Resolution", errorCode: "Error code",
              possibleProblem: "Possible problem", suggestedResolution: "Suggested resolution",
              errorMessage: "Error message", errorWord: "Error", setting: "Setting", value: "Value"),
        Words(locale: "nl-nl", problem: "Probleem", cause: "Oorzaak", resolution: "Oplossing", errorCode: "Foutcode",
              possibleProblem: "Mogelijk probleem", suggestedResolution: "Voorgestelde oplossing",
              errorMessage: "Foutbericht", errorWord: "Fout", setting: "Instelling", value: "Waarde"),
        Words(locale: "sv-se", problem: "Problem", cause: "Orsak", resolution: "Lösning", errorCode: "Felkod",
              possibleProblem: "Möjligt problem", suggestedResolution: "Föreslagen lösning",
              errorMessage: "Felmeddelande", errorWord: "Fel", setting: "Inställning", value: "Värde",
              open: "”", close: "”"),
        Words(locale: "de-de", problem: "Problem", cause: "Ursache", resolution: "Lösung", errorCode: "Fehlercode",
              possibleProblem: "Mögliches Problem", suggestedResolution: "Vorgeschlagene Lösung",
              errorMessage: "Fehlermeldung", errorWord: "Fehler", setting: "Einstellung", value: "Wert",
              open: "„", close: "“"),
        Words(locale: "fr-fr", problem: "Problème", cause: "Cause", resolution: "Résolution", errorCode: "Code d'erreur",
              possibleProblem: "Problème possible", suggestedResolution: "Résolution suggérée",
              errorMessage: "Message d'erreur", errorWord: "Erreur", setting: "Paramètre", value: "Valeur",
              open: "« ", close: " »", colon: " :"),
        Words(locale: "es-es", problem: "Problema", cause: "Causa", resolution: "Solución", errorCode: "Código de error",
              possibleProblem: "Posible problema", suggestedResolution: "Resolución sugerida",
              errorMessage: "Mensaje de error", errorWord: "Error", setting: "Configuración", value: "Valor"),
        Words(locale: "it-it", problem: "Problema", cause: "Causa", resolution: "Risoluzione", errorCode: "Codice di errore",
              possibleProblem: "Possibile problema", suggestedResolution: "Risoluzione suggerita",
              errorMessage: "Messaggio di errore", errorWord: "Errore", setting: "Impostazione", value: "Valore"),
        Words(locale: "pt-br", problem: "Problema", cause: "Causa", resolution: "Resolução", errorCode: "Código de erro",
              possibleProblem: "Possível problema", suggestedResolution: "Resolução sugerida",
              errorMessage: "Mensagem de erro", errorWord: "Erro", setting: "Configuração", value: "Valor"),
        Words(locale: "pl-pl", problem: "Problem", cause: "Przyczyna", resolution: "Rozwiązanie", errorCode: "Kod błędu",
              possibleProblem: "Możliwy problem", suggestedResolution: "Sugerowane rozwiązanie",
              errorMessage: "Komunikat o błędzie", errorWord: "Błąd", setting: "Ustawienie", value: "Wartość",
              open: "„", close: "”"),
        Words(locale: "cs-cz", problem: "Problém", cause: "Příčina", resolution: "Řešení", errorCode: "Kód chyby",
              possibleProblem: "Možný problém", suggestedResolution: "Navrhované řešení",
              errorMessage: "Chybová zpráva", errorWord: "Chyba", setting: "Nastavení", value: "Hodnota",
              open: "„", close: "“"),
        Words(locale: "tr-tr", problem: "Sorun", cause: "Neden", resolution: "Çözüm", errorCode: "Hata kodu",
              possibleProblem: "Olası sorun", suggestedResolution: "Önerilen çözüm",
              errorMessage: "Hata iletisi", errorWord: "Hata", setting: "Ayar", value: "Değer"),
        Words(locale: "hu-hu", problem: "Probléma", cause: "Ok", resolution: "Megoldás", errorCode: "Hibakód",
              possibleProblem: "Lehetséges probléma", suggestedResolution: "Javasolt megoldás",
              errorMessage: "Hibaüzenet", errorWord: "Hiba", setting: "Beállítás", value: "Érték",
              open: "„", close: "”"),
        Words(locale: "ru-ru", problem: "Проблема", cause: "Причина", resolution: "Решение", errorCode: "Код ошибки",
              possibleProblem: "Возможная проблема", suggestedResolution: "Предлагаемое решение",
              errorMessage: "Сообщение об ошибке", errorWord: "Ошибка", setting: "Параметр", value: "Значение",
              open: "«", close: "»"),
        Words(locale: "ja-jp", problem: "問題", cause: "原因", resolution: "解決策", errorCode: "エラー コード",
              possibleProblem: "考えられる問題", suggestedResolution: "推奨される解決策",
              errorMessage: "エラー メッセージ", errorWord: "エラー", setting: "設定", value: "値",
              open: "「", close: "」", colon: "："),
        Words(locale: "zh-cn", problem: "问题", cause: "原因", resolution: "解决方法", errorCode: "错误代码",
              possibleProblem: "可能的问题", suggestedResolution: "建议的解决方法",
              errorMessage: "错误消息", errorWord: "错误", setting: "设置", value: "值",
              open: "“", close: "”", colon: "："),
        Words(locale: "zh-tw", problem: "問題", cause: "原因", resolution: "解決方法", errorCode: "錯誤碼",
              possibleProblem: "可能的問題", suggestedResolution: "建議的解決方法",
              errorMessage: "錯誤訊息", errorWord: "錯誤", setting: "設定", value: "值",
              open: "「", close: "」", colon: "："),
        Words(locale: "ko-kr", problem: "문제", cause: "원인", resolution: "해결 방법", errorCode: "오류 코드",
              possibleProblem: "가능한 문제", suggestedResolution: "제안된 해결 방법",
              errorMessage: "오류 메시지", errorWord: "오류", setting: "설정", value: "값"),
        Words(locale: "da-dk", problem: "Problem", cause: "Årsag", resolution: "Løsning", errorCode: "Fejlkode",
              possibleProblem: "Muligt problem", suggestedResolution: "Foreslået løsning",
              errorMessage: "Fejlmeddelelse", errorWord: "Fejl", setting: "Indstilling", value: "Værdi"),
        Words(locale: "nb-no", problem: "Problem", cause: "Årsak", resolution: "Løsning", errorCode: "Feilkode",
              possibleProblem: "Mulig problem", suggestedResolution: "Foreslått løsning",
              errorMessage: "Feilmelding", errorWord: "Feil", setting: "Innstilling", value: "Verdi"),
        Words(locale: "fi-fi", problem: "Ongelma", cause: "Syy", resolution: "Ratkaisu", errorCode: "Virhekoodi",
              possibleProblem: "Mahdollinen ongelma", suggestedResolution: "Ehdotettu ratkaisu",
              errorMessage: "Virhesanoma", errorWord: "Virhe", setting: "Asetus", value: "Arvo"),
        Words(locale: "pt-pt", problem: "Problema", cause: "Causa", resolution: "Resolução", errorCode: "Código de erro",
              possibleProblem: "Possível problema", suggestedResolution: "Resolução sugerida",
              errorMessage: "Mensagem de erro", errorWord: "Erro", setting: "Definição", value: "Valor"),
        // The other languages Microsoft Learn publishes, right-to-left and unspaced ones among them.
        Words(locale: "ar-sa", problem: "المشكلة", cause: "السبب", resolution: "الحل", errorCode: "رمز الخطأ",
              possibleProblem: "المشكلة المحتملة", suggestedResolution: "الحل المقترح",
              errorMessage: "رسالة الخطأ", errorWord: "خطأ", setting: "الإعداد", value: "القيمة"),
        Words(locale: "he-il", problem: "בעיה", cause: "סיבה", resolution: "פתרון", errorCode: "קוד שגיאה",
              possibleProblem: "בעיה אפשרית", suggestedResolution: "פתרון מוצע",
              errorMessage: "הודעת שגיאה", errorWord: "שגיאה", setting: "הגדרה", value: "ערך"),
        Words(locale: "th-th", problem: "ปัญหา", cause: "สาเหตุ", resolution: "วิธีแก้ไข", errorCode: "รหัสข้อผิดพลาด",
              possibleProblem: "ปัญหาที่อาจเกิดขึ้น", suggestedResolution: "วิธีแก้ไขที่แนะนำ",
              errorMessage: "ข้อความแสดงข้อผิดพลาด", errorWord: "ข้อผิดพลาด", setting: "การตั้งค่า", value: "ค่า"),
        Words(locale: "hi-in", problem: "समस्या", cause: "कारण", resolution: "समाधान", errorCode: "त्रुटि कोड",
              possibleProblem: "संभावित समस्या", suggestedResolution: "सुझाया गया समाधान",
              errorMessage: "त्रुटि संदेश", errorWord: "त्रुटि", setting: "सेटिंग", value: "मान"),
        Words(locale: "vi-vn", problem: "Sự cố", cause: "Nguyên nhân", resolution: "Giải pháp", errorCode: "Mã lỗi",
              possibleProblem: "Sự cố có thể xảy ra", suggestedResolution: "Giải pháp được đề xuất",
              errorMessage: "Thông báo lỗi", errorWord: "Lỗi", setting: "Cài đặt", value: "Giá trị"),
        Words(locale: "id-id", problem: "Masalah", cause: "Penyebab", resolution: "Solusi", errorCode: "Kode kesalahan",
              possibleProblem: "Kemungkinan masalah", suggestedResolution: "Resolusi yang disarankan",
              errorMessage: "Pesan kesalahan", errorWord: "Kesalahan", setting: "Pengaturan", value: "Nilai"),
        Words(locale: "ms-my", problem: "Isu", cause: "Punca", resolution: "Penyelesaian", errorCode: "Kod ralat",
              possibleProblem: "Kemungkinan masalah", suggestedResolution: "Penyelesaian yang dicadangkan",
              errorMessage: "Mesej ralat", errorWord: "Ralat", setting: "Tetapan", value: "Nilai"),
        Words(locale: "el-gr", problem: "Πρόβλημα", cause: "Αιτία", resolution: "Επίλυση", errorCode: "Κωδικός σφάλματος",
              possibleProblem: "Πιθανό πρόβλημα", suggestedResolution: "Προτεινόμενη επίλυση",
              errorMessage: "Μήνυμα σφάλματος", errorWord: "Σφάλμα", setting: "Ρύθμιση", value: "Τιμή",
              open: "«", close: "»"),
        Words(locale: "uk-ua", problem: "Проблема", cause: "Причина", resolution: "Рішення", errorCode: "Код помилки",
              possibleProblem: "Можлива проблема", suggestedResolution: "Запропоноване рішення",
              errorMessage: "Повідомлення про помилку", errorWord: "Помилка", setting: "Параметр", value: "Значення",
              open: "«", close: "»"),
        Words(locale: "bg-bg", problem: "Проблем", cause: "Причина", resolution: "Решение", errorCode: "Код на грешка",
              possibleProblem: "Възможен проблем", suggestedResolution: "Предложено решение",
              errorMessage: "Съобщение за грешка", errorWord: "Грешка", setting: "Настройка", value: "Стойност",
              open: "„", close: "“"),
        Words(locale: "kk-kz", problem: "Мәселе", cause: "Себеп", resolution: "Шешім", errorCode: "Қате коды",
              possibleProblem: "Ықтимал мәселе", suggestedResolution: "Ұсынылған шешім",
              errorMessage: "Қате туралы хабар", errorWord: "Қате", setting: "Параметр", value: "Мән",
              open: "«", close: "»"),
        Words(locale: "sr-cyrl-rs", problem: "Проблем", cause: "Узрок", resolution: "Решење", errorCode: "Код грешке",
              possibleProblem: "Могући проблем", suggestedResolution: "Предложено решење",
              errorMessage: "Порука о грешци", errorWord: "Грешка", setting: "Поставка", value: "Вредност",
              open: "„", close: "“"),
        Words(locale: "sr-latn-rs", problem: "Problem", cause: "Uzrok", resolution: "Rešenje", errorCode: "Kôd greške",
              possibleProblem: "Mogući problem", suggestedResolution: "Predloženo rešenje",
              errorMessage: "Poruka o grešci", errorWord: "Greška", setting: "Postavka", value: "Vrednost",
              open: "„", close: "“"),
        Words(locale: "hr-hr", problem: "Problem", cause: "Uzrok", resolution: "Rješenje", errorCode: "Kod pogreške",
              possibleProblem: "Mogući problem", suggestedResolution: "Predloženo rješenje",
              errorMessage: "Poruka o pogrešci", errorWord: "Pogreška", setting: "Postavka", value: "Vrijednost",
              open: "„", close: "“"),
        Words(locale: "sk-sk", problem: "Problém", cause: "Príčina", resolution: "Riešenie", errorCode: "Kód chyby",
              possibleProblem: "Možný problém", suggestedResolution: "Navrhované riešenie",
              errorMessage: "Chybové hlásenie", errorWord: "Chyba", setting: "Nastavenie", value: "Hodnota",
              open: "„", close: "“"),
        Words(locale: "sl-si", problem: "Težava", cause: "Vzrok", resolution: "Rešitev", errorCode: "Koda napake",
              possibleProblem: "Morebitna težava", suggestedResolution: "Predlagana rešitev",
              errorMessage: "Sporočilo o napaki", errorWord: "Napaka", setting: "Nastavitev", value: "Vrednost",
              open: "»", close: "«"),
        Words(locale: "ro-ro", problem: "Problemă", cause: "Cauză", resolution: "Rezolvare", errorCode: "Cod de eroare",
              possibleProblem: "Problemă posibilă", suggestedResolution: "Rezolvare sugerată",
              errorMessage: "Mesaj de eroare", errorWord: "Eroare", setting: "Setare", value: "Valoare",
              open: "„", close: "”"),
        Words(locale: "et-ee", problem: "Probleem", cause: "Põhjus", resolution: "Lahendus", errorCode: "Tõrkekood",
              possibleProblem: "Võimalik probleem", suggestedResolution: "Soovitatud lahendus",
              errorMessage: "Tõrketeade", errorWord: "Tõrge", setting: "Säte", value: "Väärtus",
              open: "„", close: "“"),
        Words(locale: "lv-lv", problem: "Problēma", cause: "Cēlonis", resolution: "Risinājums", errorCode: "Kļūdas kods",
              possibleProblem: "Iespējamā problēma", suggestedResolution: "Ieteicamais risinājums",
              errorMessage: "Kļūdas ziņojums", errorWord: "Kļūda", setting: "Iestatījums", value: "Vērtība",
              open: "“", close: "”"),
        Words(locale: "lt-lt", problem: "Problema", cause: "Priežastis", resolution: "Sprendimas", errorCode: "Klaidos kodas",
              possibleProblem: "Galima problema", suggestedResolution: "Siūlomas sprendimas",
              errorMessage: "Klaidos pranešimas", errorWord: "Klaida", setting: "Parametras", value: "Reikšmė",
              open: "„", close: "“"),
        Words(locale: "ca-es", problem: "Problema", cause: "Causa", resolution: "Solució", errorCode: "Codi d'error",
              possibleProblem: "Possible problema", suggestedResolution: "Solució suggerida",
              errorMessage: "Missatge d'error", errorWord: "Error", setting: "Configuració", value: "Valor",
              open: "«", close: "»"),
        Words(locale: "eu-es", problem: "Arazoa", cause: "Kausa", resolution: "Ebazpena", errorCode: "Errore-kodea",
              possibleProblem: "Balizko arazoa", suggestedResolution: "Iradokitako ebazpena",
              errorMessage: "Errore-mezua", errorWord: "Errorea", setting: "Ezarpena", value: "Balioa",
              open: "«", close: "»"),
        Words(locale: "gl-es", problem: "Problema", cause: "Causa", resolution: "Solución", errorCode: "Código de erro",
              possibleProblem: "Posible problema", suggestedResolution: "Solución suxerida",
              errorMessage: "Mensaxe de erro", errorWord: "Erro", setting: "Configuración", value: "Valor",
              open: "«", close: "»"),
        Words(locale: "is-is", problem: "Vandamál", cause: "Orsök", resolution: "Lausn", errorCode: "Villukóði",
              possibleProblem: "Mögulegt vandamál", suggestedResolution: "Tillögð lausn",
              errorMessage: "Villuboð", errorWord: "Villa", setting: "Stilling", value: "Gildi",
              open: "„", close: "“"),
    ]

    /// The article, with sentences that stay in English: only the words extraction may lean on
    /// change from one language to another.
    static func markdown(_ words: Words) -> String {
        """
        ---
        title: Troubleshooting
        ms.contentlocale: \(words.locale)
        ---
        # <a name="troubleshoot-enrollment"></a>Troubleshooting

        ## <a name="device-cap-reached"></a>Device cap reached

        **\(words.problem)\(words.colon)** Users see the error **Company Portal Temporarily Unavailable**.

        **\(words.cause)\(words.colon)** The user has enrolled too many devices.

        **\(words.resolution)\(words.colon)**

        1. Choose **Devices** > **Enrollment restrictions** > **Device limit restrictions**.
        2. Remove old devices.

        ## <a name="error-codes"></a>Codes

        |\(words.errorCode)|\(words.possibleProblem)|\(words.suggestedResolution)|
        |---|---|---|
        |0x80CF0437|The clock is wrong.|Set the clock.|
        |0x80240438, 0x80CF0438|No connection.|Check the proxy.|

        ## <a name="enrollment-errors"></a>Messages

        \(words.errorMessage) | \(words.cause) | \(words.resolution)
        --- | --- | ---
        **The app is not set up**\(words.colon) Contact your admin.<br>Try again later. | No policy. | <ol><li>Assign a policy.</li><li>Sync.</li></ol>
        DeviceCapReached | Too many devices. | Remove a device.

        ## <a name="settings"></a>Settings

        |\(words.setting)|\(words.value)|
        |---|---|
        |Company name|40|
        |Phone|20|

        ### <a name="the-device-is-already-enrolled"></a>Already enrolled

        \(words.errorWord) 8018000a\(words.colon) \(words.open)Something went wrong. The device is already enrolled.\(words.close)

        #### <a name="resolution"></a>\(words.resolution)

        Remove the other work account.
        """
    }

    @Test("finds the same entries with the same codes", arguments: languages)
    func sameEntries(words: Words) {
        let (article, _) = article(Self.markdown(words), path: "\(words.locale)/enrollment/troubleshoot.md")
        #expect(article.locale == words.locale)
        #expect(article.entries.map(\.id) == [
            "device-cap-reached", "error-codes-row-1", "error-codes-row-2",
            "enrollment-errors-row-1", "enrollment-errors-row-2", "the-device-is-already-enrolled",
        ])
        #expect(article.entries.map { $0.codes.map(\.code) } == [
            [], ["0x80CF0437"], ["0x80240438", "0x80CF0438"], [], ["DeviceCapReached"], ["0x8018000A"],
        ])
    }

    @Test("reads messages, causes and resolutions", arguments: languages)
    func parts(words: Words) throws {
        let (article, _) = article(Self.markdown(words), path: "\(words.locale)/enrollment/troubleshoot.md")
        let entries = Dictionary(uniqueKeysWithValues: article.entries.map { ($0.id, $0) })

        let section = try #require(entries["device-cap-reached"])
        #expect(section.message == "Company Portal Temporarily Unavailable")
        #expect(section.cause.plainText.contains("too many devices"))
        #expect(section.procedures.first?.steps.first?.uiPath == ["Devices", "Enrollment restrictions", "Device limit restrictions"])

        let codeRow = try #require(entries["error-codes-row-1"])
        #expect(codeRow.cause.plainText == "The clock is wrong.")
        #expect(codeRow.resolution.plainText == "Set the clock.")

        let messageRow = try #require(entries["enrollment-errors-row-1"])
        #expect(messageRow.title == "The app is not set up")
        #expect(messageRow.message?.hasPrefix("The app is not set up") == true)
        guard case .list(let list)? = messageRow.resolution.first else {
            Issue.record("the resolution's <ol> is not a list: \(messageRow.resolution)")
            return
        }
        #expect(list.isOrdered && list.items.count == 2)

        let quoted = try #require(entries["the-device-is-already-enrolled"])
        #expect(quoted.message == "Something went wrong. The device is already enrolled.")
        #expect(quoted.resolution.plainText == "Remove the other work account.")
    }
}
