import KBCore
import KBText

/// The words that name the parts of an error description, in the languages Microsoft
/// documentation ships in (the ones past the first twenty in `Vocabulary+Languages.swift`).
///
/// Extraction relies first on signals that need no words (the shape of codes, table structure,
/// bold lead-ins, heading anchors, position); these words only tell a bold lead-in
/// `**Oorzaak:**` from `**Standaard:**`, and a column "Foutbericht" from "Veldnaam". Every
/// list covers English, Dutch, Swedish, Danish, Norwegian, Finnish, German, French, Spanish,
/// Italian, Portuguese, Polish, Czech, Turkish, Hungarian, Russian, Japanese, Chinese
/// (simplified and traditional) and Korean. Terms are compared after `TextFolding.fold`.
public enum Vocabulary {
    public enum Role: String, CaseIterable, Sendable {
        /// The problem or symptom.
        case problem
        /// Why it happens.
        case cause
        /// What to do.
        case resolution
        /// A message users see.
        case message
        /// A message named as an error message (`Foutbericht`, `Felmeddelande`, `Error text`).
        case errorMessage
        /// The word "error" itself, which turns a message into an error message and marks a
        /// bare number after it as an error code.
        case error
        /// A column of codes.
        case code
        /// An event log column.
        case event
        /// The decimal form of a code, as in "Error code (Dec)".
        case decimal
        /// A description of what happened (an event's description, an error's details).
        case description
    }

    public static let terms: [Role: [String]] = [
        .problem: [
            "problem", "problems", "issue", "issues", "symptom", "symptoms", "possible problem", "possible issue",
            "probleem", "problemen", "symptoom", "symptomen", "mogelijk probleem",  // nl
            "problemet", "möjligt problem",  // sv
            "symptomer",  // da, nb
            "ongelma", "ongelmat", "oire", "oireet",  // fi
            "symptome", "fehlerbild", "mögliches problem",  // de
            "problème", "problèmes", "symptôme", "symptômes", "problème possible",  // fr
            "problema", "problemas", "síntoma", "síntomas", "problema posible",  // es
            "problemi", "sintomo", "sintomi", "problema possibile",  // it
            "sintoma", "sintomas", "problema possível",  // pt
            "problemy", "objaw", "objawy", "symptom", "symptomy", "możliwy problem",  // pl
            "problém", "problémy", "příznak", "příznaky", "možný problém",  // cs
            "sorun", "sorunlar", "belirti", "belirtiler", "olası sorun",  // tr
            "probléma", "problémák", "tünet", "tünetek", "lehetséges probléma",  // hu
            "проблема", "проблемы", "симптом", "симптомы", "возможная проблема",  // ru
            "問題", "現象", "症状", "考えられる問題",  // ja
            "问题", "症状", "现象", "可能的问题",  // zh-cn
            "徵狀", "症狀", "現象", "可能的問題",  // zh-tw
            "문제", "증상", "가능한 문제",  // ko
        ],
        .cause: [
            "cause", "causes", "reason", "reasons", "root cause", "possible cause", "possible causes", "probable cause",
            "oorzaak", "oorzaken", "reden", "mogelijke oorzaak", "mogelijke oorzaken",  // nl
            "orsak", "orsaker", "anledning", "möjlig orsak", "möjliga orsaker",  // sv
            "årsag", "årsager", "årsak", "årsaker", "forårsage",  // da ("forårsage": as machine translation writes "Cause:"), nb
            "syy", "syyt",  // fi
            "ursache", "ursachen", "grund", "mögliche ursache", "mögliche ursachen",  // de
            "raison", "cause possible", "causes possibles",  // fr
            "causa", "causas", "motivo", "causa posible", "causas posibles",  // es
            "cause possibili", "causa possibile",  // it
            "causa possível", "causas possíveis",  // pt
            "przyczyna", "przyczyny", "możliwa przyczyna",  // pl
            "příčina", "příčiny", "důvod", "možná příčina",  // cs
            "neden", "nedeni", "nedenler", "sebep", "olası neden",  // tr
            "ok", "oka", "okok", "lehetséges ok",  // hu
            "причина", "причины", "возможная причина",  // ru
            "原因", "考えられる原因",  // ja, zh
            "可能的原因",  // zh
            "원인", "가능한 원인",  // ko
        ],
        .resolution: [
            "resolution", "resolutions", "solution", "solutions", "workaround", "workarounds", "fix", "remediation",
            "mitigation", "how to fix", "what to do", "what you should do", "what you should try", "resolution steps",
            "steps to resolve", "possible solution", "possible solutions", "possible resolution",
            "possible resolutions", "suggested resolution", "suggested solution", "recommended action",
            "oplossing", "oplossingen", "tijdelijke oplossing", "oplossen", "herstel", "wat u moet doen",
            "mogelijke oplossing", "mogelijke oplossingen", "voorgestelde oplossing", "stappen voor het oplossen",
            "aanbevolen actie",  // nl
            "lösning", "lösningar", "tillfällig lösning", "åtgärd", "åtgärder", "åtgärda", "så här åtgärdar du",
            "det här bör du göra", "vad bör jag göra", "möjlig lösning", "möjliga lösningar", "föreslagen lösning",
            "rekommenderad åtgärd",  // sv
            "løsning", "løsninger", "midlertidig løsning",  // da, nb
            "ratkaisu", "ratkaisut", "kiertotapa",  // fi
            "lösung", "lösungen", "problemumgehung", "behebung", "beheben", "abhilfe", "mögliche lösung", "mögliche lösungen",
            "empfohlene lösung", "was sie tun sollten", "maßnahme", "maßnahmen", "empfohlene maßnahme",
            "erforderliche maßnahme",  // de
            "résolution", "solution de contournement", "contournement", "correctif", "que faire",
            "ce que vous devez faire", "solution possible", "solutions possibles", "solution suggérée",
            "action recommandée",  // fr
            "resolución", "solución", "soluciones", "solución alternativa", "qué hacer", "solución posible",
            "soluciones posibles", "solución sugerida", "acción recomendada",  // es
            "risoluzione", "soluzione", "soluzioni", "soluzione alternativa", "cosa fare", "soluzioni possibili",
            "soluzione suggerita", "azione consigliata",  // it
            "resolução", "solução", "soluções", "solução alternativa", "solução de contorno", "o que fazer",
            "soluções possíveis", "solução sugerida", "ação recomendada",  // pt
            "rozwiązanie", "rozwiązania", "obejście", "co zrobić", "możliwe rozwiązania", "sugerowane rozwiązanie",
            "zalecana akcja",  // pl
            "řešení", "alternativní řešení", "náprava", "co dělat", "možná řešení", "doporučená akce",  // cs
            "çözüm", "çözümler", "geçici çözüm", "ne yapmalı", "olası çözümler", "önerilen çözüm",
            "önerilen eylem",  // tr
            "megoldás", "megoldások", "megkerülő megoldás", "teendő", "teendők", "lehetséges megoldások",
            "javasolt megoldás", "javasolt művelet",  // hu
            "решение", "решения", "обходное решение", "способ устранения", "устранение", "что делать",
            "возможные решения", "рекомендуемое действие",  // ru
            "解決策", "解決方法", "対処法", "対処方法", "回避策", "対応策", "推奨される操作", "修正方法", "必要な手順",
            "必要な操作", "対処",  // ja
            "解决方法", "解决方案", "解决办法", "替代方法", "变通方法", "建议的操作",  // zh-cn
            "解決方案", "因應措施", "建議的動作",  // zh-tw
            "해결 방법", "해결책", "해결", "임시 해결 방법", "대처 방법", "권장 작업",  // ko
        ],
        .message: [
            "message", "messages", "dialog", "message text",
            "bericht", "berichten", "melding", "dialoogvenster",  // nl
            "meddelande", "meddelanden", "dialogruta",  // sv
            "meddelelse", "melding", "besked",  // da, nb
            "viesti", "ilmoitus",  // fi
            "meldung", "nachricht", "dialogfeld",  // de
            "boîte de dialogue",  // fr
            "mensaje", "cuadro de diálogo",  // es
            "messaggio", "finestra di dialogo",  // it
            "mensagem", "caixa de diálogo",  // pt
            "komunikat", "okno dialogowe",  // pl
            "zpráva", "dialogové okno",  // cs
            "ileti", "mesaj", "iletişim kutusu",  // tr
            "üzenet", "párbeszédpanel",  // hu
            "сообщение", "диалоговое окно",  // ru
            "メッセージ", "ダイアログ",  // ja
            "消息", "对话框", "提示",  // zh-cn
            "訊息", "對話方塊",  // zh-tw
            "메시지", "대화 상자",  // ko
        ],
        .errorMessage: [
            "error message", "error messages", "error text", "error dialog",
            "foutbericht", "foutberichten", "foutmelding", "foutmeldingen", "fouttekst",  // nl
            "felmeddelande", "felmeddelanden", "feltext",  // sv
            "fejlmeddelelse", "feilmelding",  // da, nb
            "virhesanoma", "virheilmoitus",  // fi
            "fehlermeldung", "fehlermeldungen", "fehlertext",  // de
            "message d'erreur", "messages d'erreur", "texte d'erreur",  // fr
            "mensaje de error", "mensajes de error", "texto de error",  // es
            "messaggio di errore", "messaggi di errore",  // it
            "mensagem de erro", "mensagens de erro",  // pt
            "komunikat o błędzie", "komunikat błędu", "komunikaty o błędach",  // pl
            "chybová zpráva", "chybové zprávy", "chybová hláška",  // cs
            "hata iletisi", "hata mesajı", "hata iletileri",  // tr
            "hibaüzenet", "hibaüzenetek",  // hu
            "сообщение об ошибке", "сообщения об ошибках", "текст ошибки",  // ru
            "エラー メッセージ", "エラーメッセージ", "エラー テキスト", "エラーテキスト",  // ja
            "错误消息", "错误信息", "错误文本",  // zh-cn
            "錯誤訊息", "錯誤消息", "錯誤文字",  // zh-tw
            "오류 메시지", "에러 메시지", "오류 텍스트",  // ko
        ],
        .error: [
            "error", "errors", "failure", "failed", "hr", "hresult",
            "fout", "fouten", "foutcode",  // nl
            "fel", "felet", "felkod", "felkoden",  // sv
            "fejl", "fejlen", "fejlkode", "fejlkoden", "feil", "feilen", "feilkode", "feilkoden",  // da, nb
            "virhe", "virhekoodi",  // fi
            "fehler", "fehlers", "fehlercode",  // de
            "erreur", "erreurs",  // fr
            "errores", "erro", "erros", "errore", "errori",  // es, pt, it
            "błąd", "błędu", "błędy",  // pl
            "chyba", "chyby", "chybový",  // cs
            "hata", "hatası", "hatasi",  // tr
            "hiba", "hibakód",  // hu
            "ошибка", "ошибки", "ошибку", "ошибок",  // ru
            "エラー", "错误", "錯誤", "오류", "에러",  // ja, zh, ko
        ],
        .code: [
            "code", "codes", "error code", "error codes", "status code", "return code", "result code", "exit code",
            "hex", "hexadecimal", "hresult",
            "foutcode", "statuscode", "retourcode", "resultaatcode", "afsluitcode",  // nl
            "kod", "felkod", "statuskod", "returkod", "resultatkod",  // sv
            "kode", "fejlkode", "feilkode", "statuskode",  // da, nb
            "koodi", "virhekoodi", "tilakoodi",  // fi
            "fehlercode", "statuscode", "rückgabecode", "ergebniscode",  // de
            "code d'erreur", "code d'état", "code de retour",  // fr
            "código", "código de error", "código de estado", "código de retorno",  // es
            "codice", "codice di errore", "codice di stato", "codice restituito",  // it
            "código de erro", "código de status", "código de retorno",  // pt
            "kod błędu", "kod stanu", "kod powrotu",  // pl
            "kód", "kód chyby", "stavový kód", "návratový kód",  // cs
            "kodu", "hata kodu", "durum kodu", "dönüş kodu",  // tr
            "kód", "hibakód", "állapotkód", "visszatérési kód",  // hu
            "код", "коды", "код ошибки", "коды ошибок", "код состояния", "код возврата",  // ru
            "コード", "エラー コード", "エラーコード", "状態コード", "リターン コード",  // ja
            "代码", "错误代码", "错误码", "状态代码", "返回代码",  // zh-cn
            "代碼", "錯誤碼", "錯誤代碼", "狀態碼", "傳回碼",  // zh-tw
            "코드", "오류 코드", "상태 코드", "반환 코드",  // ko
        ],
        .event: [
            "event", "event id", "eventid",
            "gebeurtenis", "gebeurtenis-id", "gebeurtenis id",  // nl
            "händelse", "händelse-id", "händelse id",  // sv
            "hændelse", "hendelse", "tapahtuma",  // da, nb, fi
            "ereignis", "ereignis-id", "ereignis id",  // de
            "événement", "id d'événement", "id de l'événement",  // fr
            "evento", "id de evento", "id. de evento", "id evento", "id do evento",  // es, it, pt
            "zdarzenie", "identyfikator zdarzenia", "událost", "id události",  // pl, cs
            "olay", "olay kimliği", "esemény", "eseményazonosító",  // tr, hu
            "событие", "события", "код события", "идентификатор события",  // ru
            "イベント", "イベント id", "事件", "事件 id", "事件識別碼", "이벤트", "이벤트 id",  // ja, zh, ko
        ],
        .description: [
            "description", "details", "explanation",
            "beschrijving", "uitleg",  // nl
            "beskrivning", "förklaring",  // sv
            "beskrivelse", "forklaring",  // da, nb
            "kuvaus", "selitys",  // fi
            "beschreibung", "erklärung", "erläuterung",  // de
            "explication", "détails",  // fr
            "descripción", "explicación", "detalles",  // es
            "descrizione", "spiegazione", "dettagli",  // it
            "descrição", "explicação", "detalhes",  // pt
            "opis", "wyjaśnienie", "szczegóły",  // pl
            "popis", "vysvětlení", "podrobnosti",  // cs
            "açıklama", "ayrıntılar",  // tr
            "leírás", "magyarázat", "részletek",  // hu
            "описание", "пояснение", "подробности",  // ru
            "説明", "詳細",  // ja
            "描述", "说明", "详细信息",  // zh-cn
            "描述", "說明", "詳細資料",  // zh-tw
            "설명", "세부 정보",  // ko
        ],
        .decimal: [
            "dec", "decimal", "decimaal", "decimalt", "dezimal", "décimal", "décimale", "decimale", "dziesiętny",
            "desítkový", "ondalık", "decimális", "десятичный", "10 進", "十进制", "十進位", "10진수",
        ],
    ]

    /// Folded terms per role: single words, phrases of several words (looked up by their
    /// first word), and CJK terms, which are matched as substrings since those languages do not
    /// separate words with spaces.
    private struct FoldedTerms: Sendable {
        var words: Set<String> = []
        var phrases: Set<String> = []
        var phrasesByFirstWord: [String: [[String]]] = [:]
        var cjk: [String] = []
        /// `cjk` without spaces, as headers are compared.
        var compactCJK: [String] = []
    }

    private static let folded: [Role: FoldedTerms] = {
        var result: [Role: FoldedTerms] = [:]
        for (role, list) in terms.merging(moreTerms, uniquingKeysWith: +) {
            var entry = FoldedTerms()
            for term in list {
                let folded = normalizeOf(term)
                if folded.unicodeScalars.contains(where: isCJK) {
                    entry.cjk.append(folded)
                    entry.compactCJK.append(compact(folded))
                    entry.phrases.insert(folded)
                } else if folded.contains(" ") {
                    let words = folded.split(separator: " ").map(String.init)
                    entry.phrases.insert(folded)
                    entry.phrasesByFirstWord[words[0], default: []].append(words)
                } else {
                    entry.words.insert(folded)
                }
            }
            result[role] = entry
        }
        return result
    }()

    /// Words that end compounds naming a message or a code (`bedrijfsportalbericht`, `returkod`).
    private static let compoundHeads: [Role: [String]] = [
        .message: ["bericht", "berichten", "melding", "meddelande", "meddelanden", "meldung", "nachricht", "üzenet"]
            .map { TextFolding.fold($0) },
        .code: ["code", "codes", "kod", "kode", "koodi", "kód"].map { TextFolding.fold($0) },
    ]

    /// Folded text with every run of non-letters and non-digits turned into one space.
    static func normalizeOf(_ text: some StringProtocol) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(text.utf8) }
        var result = ""
        var pendingSpace = false
        for scalar in TextFolding.fold(text).unicodeScalars {
            let keep: Bool
            if scalar.isASCII {
                let value = scalar.value
                keep = (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) || value == 0x27
            } else {
                keep = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            if keep {
                if pendingSpace, !result.isEmpty { result.unicodeScalars.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    private static func normalizeASCII(_ bytes: some Sequence<UInt8>) -> String {
        var result: [UInt8] = []
        var pendingSpace = false
        for byte in bytes {
            var lower = byte
            if byte >= 0x41, byte <= 0x5A { lower = byte + 0x20 }
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || lower == 0x27 {
                if pendingSpace, !result.isEmpty { result.append(0x20) }
                pendingSpace = false
                result.append(lower)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether a single word is a word for "error" (`fout`, `fel`, `Fehler`, `エラー`).
    static func isErrorWordOf(_ word: some StringProtocol) -> Bool {
        let normalized = normalizeOf(word)
        return folded[.error]?.words.contains(normalized) == true || folded[.error]?.cjk.contains(normalized) == true
    }

    /// What a cell holds when it has nothing to say: "n/a", "n.v.t.", "Nicht zutreffend",
    /// "該当なし", a dash. Such a cell is empty: never an entry's title or message.
    static func isPlaceholderOf(_ text: some StringProtocol) -> Bool {
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty, !CharacterCount.exceeds(trimmed, 40) else { return false }
        if trimmed.allSatisfy({ "-–—−‐/.…*_ ".contains($0) }) { return true }
        return placeholders.contains(normalizeOf(trimmed))
    }

    private static let placeholders: Set<String> = Set([
        "n a", "na", "n d", "none", "not applicable", "not available", "no", "tbd",  // en
        "n v t", "nvt", "niet van toepassing", "geen",  // nl
        "e t", "ej tillämpligt", "ej tillämplig", "saknas", "ingen",  // sv
        "i t", "ikke relevant", "ikke aktuelt", "ingen",  // da, nb
        "ei sovellettavissa", "ei koske", "ei mitään",  // fi
        "k a", "n z", "nicht zutreffend", "nicht anwendbar", "keine", "entfällt",  // de
        "s o", "sans objet", "non applicable", "aucun", "aucune",  // fr
        "no aplicable", "no disponible", "ninguno",  // es
        "non applicabile", "non disponibile", "nessuno",  // it
        "não aplicável", "não se aplica", "nenhum",  // pt
        "nie dotyczy", "brak", "b d",  // pl
        "neuplatňuje se", "není k dispozici", "žádné",  // cs
        "uygulanamaz", "geçerli değil", "yok",  // tr
        "nem alkalmazható", "nincs",  // hu
        "неприменимо", "не применимо", "нет", "н д",  // ru
        "該当なし", "なし", "該当しない",  // ja
        "不适用", "无", "不適用", "無",  // zh
        "해당 없음", "없음",  // ko
    ].map { normalizeOf($0) })

    /// Whether a header names the platform a row applies to (`Platform`, `プラットフォーム`).
    static func isPlatformOf(_ header: some StringProtocol) -> Bool {
        platforms.contains(normalizeOf(header))
    }

    private static let platforms: Set<String> = Set([
        "platform", "plattform", "plateforme", "plataforma", "piattaforma", "platforma", "платформа", "プラットフォーム",
        "平台", "플랫폼", "alusta", "platformu", "platformy",
    ].map { normalizeOf($0) })

    public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xAC00...0xD7AF, 0x1100...0x11FF,
             0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF:  // and Thai, Lao, Myanmar, Khmer: no spaces either
            true
        default:
            false
        }
    }

    /// The roles a table header or a heading names: as words (or phrases of words) in the
    /// languages that separate words, as the head of a compound in the Germanic ones
    /// (`bedrijfsportalbericht`), and in Chinese, Japanese and Korean as the end of the header,
    /// where those languages put the head of a noun phrase: `ポータル サイトのエラー テキスト` (the
    /// portal's error text) names an error message, `その他のエラー情報` (other error information)
    /// names no error, `イベント名` (event name) no event.


    /// Whether `text` names `role`, as `roles(in:)` reads it, looking for that role only.
    static func namesOf(_ role: Role, in text: some StringProtocol) -> Bool {
        guard let entry = folded[role] else { return false }
        return !roles(in: text, among: [role: entry]).isEmpty
    }

    private static func roles(in text: some StringProtocol, among terms: [Role: FoldedTerms]) -> Set<Role> {
        let normalized = normalizeOf(text)
        guard !normalized.isEmpty else { return [] }
        let words = normalized.split(separator: " ").map(String.init)
        let hasCJK = normalized.unicodeScalars.contains(where: isCJK)
        // The header without spaces, with and without a closing parenthesis (`エラー コード (10 進)`).
        let ends = hasCJK ? [compact(normalized), compact(normalizeOf(withoutTrailingParenthesis(text)))] : []
        var roles: Set<Role> = []
        for (role, entry) in terms {
            if words.contains(where: entry.words.contains) || containsPhrase(words, entry) {
                roles.insert(role)
            } else if hasCJK, entry.compactCJK.contains(where: { term in ends.contains { $0.hasSuffix(term) } }) {
                roles.insert(role)
            } else if let heads = compoundHeads[role],
                      words.contains(where: { word in heads.contains { word.count > $0.count + 2 && word.hasSuffix($0) } }) {
                roles.insert(role)
            }
        }
        return roles
    }

    private static func compact(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != " " }.map(Character.init))
    }

    /// `エラー コード (10 進)` → `エラー コード `: the text before a parenthesis that ends it.
    private static func withoutTrailingParenthesis(_ text: some StringProtocol) -> String {
        var text = String(text).trimmingWhitespace
        guard text.hasSuffix(")") || text.hasSuffix("）"),
              let open = text.lastIndex(where: { $0 == "(" || $0 == "（" }), open > text.startIndex
        else { return text }
        text = String(text[..<open])
        return text
    }

    private static func containsPhrase(_ words: [String], _ entry: FoldedTerms) -> Bool {
        for index in words.indices {
            guard let candidates = entry.phrasesByFirstWord[words[index]] else { continue }
            for phrase in candidates where index + phrase.count <= words.count {
                if words[index..<(index + phrase.count)].elementsEqual(phrase) { return true }
            }
        }
        return false
    }

    /// The role of a bold lead-in such as `Oorzaak:`, `Oplossing 2`, `Possible solutions`:
    /// the whole lead-in must be a term, optionally numbered.
    ///
    /// - Parameter allowingQualifier: whether a two-word label whose other word qualifies the
    ///   term counts too ("Mogelijke oorzaak"); true for bold labels, false for headings, where
    ///   "iOS-problemen" names a group of problems rather than a part of one.
    static func leadInRoleOf(_ text: some StringProtocol, allowingQualifier: Bool) -> Role? {
        // No term has more than five words: longer text (most headings) is not a lead-in.
        guard text.utf8.lazy.filter({ $0 == UInt8(ascii: " ") }).count <= 6 else { return nil }
        var normalized = normalizeOf(text)
        // "Oplossing 1", "Solution 2", "Lösning nr 1", "Solution n° 2": a trailing number, with
        // its abbreviation, names one of several.
        var words = normalized.split(separator: " ")
        if let last = words.last, last.allSatisfy(\.isNumber) {
            words.removeLast()
            if words.count >= 2, let abbreviation = words.last, abbreviation.count <= 3,
               numberAbbreviations.contains(String(abbreviation)) {
                words.removeLast()
            }
        }
        normalized = words.joined(separator: " ")
        guard !normalized.isEmpty else { return nil }
        for role in [Role.problem, .cause, .resolution, .errorMessage, .message] {
            guard let entry = folded[role] else { continue }
            if entry.words.contains(normalized) || entry.phrases.contains(normalized) {
                return role == .errorMessage ? .message : role
            }
        }
        // "Foutbericht", "Error", "Fel" alone as a lead-in introduce the error message.
        if folded[.error]?.words.contains(normalized) == true { return .message }
        // Two words of which one names the part and the other qualifies it, in either order:
        // "Mogelijke oorzaak", "Potentiell orsak", "Cause probable", "Solución temporal". The
        // qualifier must be one that says how certain or final the part is: "Operationele
        // problemen" or "Veelvoorkomende problemen" label a list of problems, not a part of one.
        let parts = normalized.split(separator: " ").map(String.init)
        if allowingQualifier, parts.count == 2 {
            for role in [Role.problem, .cause, .resolution, .errorMessage] {
                guard let entry = folded[role] else { continue }
                if (entry.words.contains(parts[1]) && qualifiers.contains(parts[0]))
                    || (entry.words.contains(parts[0]) && qualifiers.contains(parts[1])) {
                    return role == .errorMessage ? .message : role
                }
            }
        }
        return nil
    }

    /// Words that qualify a part of an error description as possible, likely, suggested,
    /// temporary, alternative or known, in every language of the vocabulary.
    private static let qualifiers: Set<String> = Set([
        "possible", "potential", "probable", "likely", "suggested", "recommended", "temporary", "alternative", "alternate",
        "known", "root", "main", "additional", "other", "another", "first", "second", "third",  // en
        "mogelijke", "mogelijk", "waarschijnlijke", "voorgestelde", "aanbevolen", "tijdelijke", "alternatieve", "bekende",
        "andere", "eerste", "tweede",  // nl
        "möjlig", "möjliga", "potentiell", "potentiella", "trolig", "troliga", "föreslagen", "rekommenderad", "tillfällig",
        "alternativ", "känd", "känt", "annan", "första", "andra",  // sv
        "mulig", "mulige", "sandsynlig", "sannsynlig", "foreslået", "foreslått", "anbefalet", "anbefalt", "midlertidig",
        "alternativ", "kendt", "kjent",  // da, nb
        "mahdollinen", "mahdolliset", "todennäköinen", "ehdotettu", "suositeltu", "tilapäinen", "vaihtoehtoinen",
        "tunnettu",  // fi
        "mögliche", "möglicher", "mögliches", "wahrscheinliche", "wahrscheinlicher", "vorgeschlagene", "empfohlene",
        "vorübergehende", "alternative", "bekannte", "bekannter", "andere", "weitere", "erste", "zweite",  // de
        "possible", "possibles", "probable", "probables", "suggérée", "suggérées", "recommandée", "temporaire",
        "alternative", "connu", "connue", "autre", "première", "deuxième",  // fr
        "posible", "posibles", "probable", "sugerida", "recomendada", "temporal", "alternativa", "conocido", "conocida",
        "otra", "primera", "segunda",  // es
        "possibile", "possibili", "probabile", "suggerita", "consigliata", "temporanea", "alternativa", "nota", "altra",
        "prima", "seconda",  // it
        "possível", "possíveis", "provável", "sugerida", "recomendada", "temporária", "alternativa", "conhecido",
        "conhecida", "outra",  // pt
        "możliwa", "możliwe", "prawdopodobna", "sugerowane", "zalecane", "tymczasowe", "alternatywne", "znany",
        "znana",  // pl
        "možná", "možné", "pravděpodobná", "navrhované", "doporučené", "dočasné", "alternativní", "známý", "známá",  // cs
        "olası", "muhtemel", "önerilen", "geçici", "alternatif", "bilinen", "diğer",  // tr
        "lehetséges", "valószínű", "javasolt", "ajánlott", "ideiglenes", "alternatív", "ismert", "további",  // hu
        "возможная", "возможные", "возможное", "вероятная", "рекомендуемое", "рекомендуемые", "временное",
        "альтернативное", "известная", "известные", "другая", "другое",  // ru
    ].map { TextFolding.fold($0) })

    /// "nr", "no", "n", "č": what precedes the number in "Lösning nr 1" across languages.
    private static let numberAbbreviations: Set<String> = ["nr", "no", "n", "num", "c", "sz", "br", "st"]

    /// Whether `text` ends with a word for "error" or "code", the context that makes a bare
    /// number (`Fout 80180003`, `foutcode 801c0003`) an error code.
    static func endsWithErrorWordOf(_ text: some StringProtocol) -> Bool {
        let normalized = normalizeOf(text.suffix(40))
        guard !normalized.isEmpty else { return false }
        if let last = normalized.split(separator: " ").last.map(String.init) {
            if folded[.error]?.words.contains(last) == true || folded[.code]?.words.contains(last) == true {
                return true
            }
            if let heads = compoundHeads[.code], heads.contains(where: { last.count > $0.count + 2 && last.hasSuffix($0) }) {
                return true
            }
        }
        let words = normalized.split(separator: " ").map(String.init)
        for role in [Role.error, .code] {
            guard let entry = folded[role] else { continue }
            for phrase in entry.phrasesByFirstWord.values.joined() where phrase.count <= words.count {
                if words.suffix(phrase.count).elementsEqual(phrase) { return true }
            }
            if entry.cjk.contains(where: { normalized.hasSuffix($0) }) { return true }
        }
        return false
    }
}

// The entry points for other modules, one per kind of text: a generic function of another module
// is not specialized for its caller, and these are called for every header and heading.
extension Vocabulary {
    public static func normalize(_ text: String) -> String { normalizeOf(text) }
    public static func normalize(_ text: Substring) -> String { normalizeOf(text) }
    public static func isErrorWord(_ word: String) -> Bool { isErrorWordOf(word) }
    public static func isErrorWord(_ word: Substring) -> Bool { isErrorWordOf(word) }
    public static func isPlaceholder(_ text: String) -> Bool { isPlaceholderOf(text) }
    public static func isPlaceholder(_ text: Substring) -> Bool { isPlaceholderOf(text) }
    public static func isPlatform(_ header: String) -> Bool { isPlatformOf(header) }
    public static func isPlatform(_ header: Substring) -> Bool { isPlatformOf(header) }
    public static func endsWithErrorWord(_ text: String) -> Bool { endsWithErrorWordOf(text) }
    public static func endsWithErrorWord(_ text: Substring) -> Bool { endsWithErrorWordOf(text) }
    public static func roles(in text: String) -> Set<Role> { roles(in: text, among: folded) }
    public static func names(_ role: Role, in text: String) -> Bool { namesOf(role, in: text) }
    public static func leadInRole(_ text: String, allowingQualifier: Bool = true) -> Role? { leadInRoleOf(text, allowingQualifier: allowingQualifier) }
    public static func roles(in text: Substring) -> Set<Role> { roles(in: text, among: folded) }
    public static func names(_ role: Role, in text: Substring) -> Bool { namesOf(role, in: text) }
    public static func leadInRole(_ text: Substring, allowingQualifier: Bool = true) -> Role? { leadInRoleOf(text, allowingQualifier: allowingQualifier) }
}
