/// The words of the site's own interface, in the language of each page, and the native names
/// of languages. A locale without its own strings uses its language's, then English.
public struct SiteStrings: Sendable {
    public let values: [String: String]

    public subscript(key: String) -> String { values[key] ?? Self.table["en"]![key] ?? key }

    public init(locale: String) {
        let language = String(locale.split(separator: "-").first ?? "")
        let chosen = Self.table[locale] ?? Self.table[Self.alias[locale] ?? ""] ?? Self.table[language] ?? [:]
        values = Self.table["en"]!.merging(chosen) { _, translated in translated }
    }

    /// Text direction of a locale.
    public static func direction(of locale: String) -> String {
        ["ar", "he", "fa", "ur"].contains(String(locale.split(separator: "-").first ?? "")) ? "rtl" : "ltr"
    }

    /// `Nederlands (Nederland)` for `nl-nl`; the tag itself for unknown languages.
    public static func nativeName(of locale: String) -> String {
        let parts = locale.lowercased().split(separator: "-").map(String.init)
        guard let language = parts.first else { return locale }
        if let script = scriptNames[locale.lowercased()] { return script }
        guard let name = languageNames[language] else { return locale }
        guard parts.count > 1, let region = regionNames[locale.lowercased()] else { return name }
        return "\(name) (\(region))"
    }

    static let alias = ["zh-hans": "zh-cn", "zh-sg": "zh-cn", "zh-hant": "zh-tw", "zh-hk": "zh-tw", "no": "nb", "nn": "nb"]

    static let languageNames = [
        "en": "English", "nl": "Nederlands", "sv": "Svenska", "da": "Dansk", "nb": "Norsk bokmål", "no": "Norsk",
        "fi": "Suomi", "de": "Deutsch", "fr": "Français", "es": "Español", "it": "Italiano", "pt": "Português",
        "pl": "Polski", "cs": "Čeština", "tr": "Türkçe", "hu": "Magyar", "ru": "Русский", "ja": "日本語",
        "zh": "中文", "ko": "한국어", "ar": "العربية", "he": "עברית", "el": "Ελληνικά", "uk": "Українська",
        "ro": "Română", "sk": "Slovenčina", "bg": "Български", "hr": "Hrvatski", "sl": "Slovenščina",
        "et": "Eesti", "lv": "Latviešu", "lt": "Lietuvių", "id": "Indonesia", "th": "ไทย", "vi": "Tiếng Việt",
    ]

    static let scriptNames = [
        "zh-cn": "中文 (简体)", "zh-hans": "中文 (简体)", "zh-tw": "中文 (繁體)", "zh-hant": "中文 (繁體)", "zh-hk": "中文 (香港)",
    ]

    static let regionNames = [
        "en-us": "United States", "en-gb": "United Kingdom", "en-au": "Australia", "en-ca": "Canada", "en-in": "India",
        "nl-nl": "Nederland", "nl-be": "België", "sv-se": "Sverige", "sv-fi": "Suomi", "da-dk": "Danmark",
        "nb-no": "Norge", "fi-fi": "Suomi", "de-de": "Deutschland", "de-at": "Österreich", "de-ch": "Schweiz",
        "fr-fr": "France", "fr-be": "Belgique", "fr-ca": "Canada", "fr-ch": "Suisse", "es-es": "España",
        "es-mx": "México", "it-it": "Italia", "pt-br": "Brasil", "pt-pt": "Portugal", "pl-pl": "Polska",
        "cs-cz": "Česko", "tr-tr": "Türkiye", "hu-hu": "Magyarország", "ru-ru": "Россия", "ja-jp": "日本",
        "ko-kr": "대한민국",
    ]

    // The interface words. Keep the keys in step: every language may leave a key out, and
    // then shows the English word.
    static let table: [String: [String: String]] = [
        "en": [
            "editPage": "Edit this page",
            "lastUpdated": "Last updated",
            "moreResults": "More results",
            "searchPlaceholder": "Code, message or words", "noResults": "No results for", "results": "results", "searchHint": "Type an error code (0x80CF0437, 80cf0437, DeviceCapReached) or a few words.", "otherLanguage": "Other language",
            "skipToContent": "Skip to main content", "languages": "Languages", "chooseLanguage": "Choose a language",
            "articleCount": "articles", "home": "Home", "contents": "Contents", "otherArticles": "Other articles",
            "errorCodes": "Error codes", "code": "Code", "title": "Title", "article": "Article", "platform": "Platform",
            "message": "Message", "cause": "Cause", "resolution": "Resolution", "alsoIn": "In other languages",
            "errorCode": "Error code", "whereItAppears": "Where this code appears", "decoded": "What the code says",
            "severity": "Severity", "failure": "Failure", "success": "Success", "facility": "Facility",
            "codeNumber": "Code", "win32Error": "Win32 error", "decimal": "Decimal", "coverage": "Translation coverage",
            "missing": "missing", "entries": "entries", "note": "Note", "tip": "Tip", "important": "Important",
            "warning": "Warning", "caution": "Caution", "noCodes": "No error codes in this language.",
            "builtOn": "Built on", "appliesTo": "Applies to", "articlesLanguages": "Articles by language",
            "codesLanguages": "Codes by language", "total": "Total", "viewInArticle": "Open in the article",
            "customerDefined": "defined by a product", "search": "Search", "allLanguages": "All languages",
        ],
        "nl": [
            "editPage": "Deze pagina bewerken",
            "lastUpdated": "Laatst bijgewerkt",
            "moreResults": "Meer resultaten",
            "searchPlaceholder": "Code, bericht of woorden", "noResults": "Geen resultaten voor", "results": "resultaten", "searchHint": "Typ een foutcode (0x80CF0437, 80cf0437, DeviceCapReached) of een paar woorden.", "otherLanguage": "Andere taal",
            "skipToContent": "Doorgaan naar hoofdinhoud", "languages": "Talen", "chooseLanguage": "Kies een taal",
            "articleCount": "artikelen", "home": "Start", "contents": "Inhoud", "otherArticles": "Overige artikelen",
            "errorCodes": "Foutcodes", "code": "Code", "title": "Titel", "article": "Artikel", "platform": "Platform",
            "message": "Bericht", "cause": "Oorzaak", "resolution": "Oplossing", "alsoIn": "In andere talen",
            "errorCode": "Foutcode", "whereItAppears": "Waar deze code voorkomt", "decoded": "Wat de code zegt",
            "severity": "Ernst", "failure": "Fout", "success": "Geslaagd", "facility": "Faciliteit",
            "codeNumber": "Code", "win32Error": "Win32-fout", "decimal": "Decimaal", "coverage": "Vertaaldekking",
            "missing": "ontbreekt", "entries": "vermeldingen", "note": "Opmerking", "tip": "Tip", "important": "Belangrijk",
            "warning": "Waarschuwing", "caution": "Let op", "noCodes": "Geen foutcodes in deze taal.",
            "builtOn": "Gemaakt op", "appliesTo": "Van toepassing op", "articlesLanguages": "Artikelen per taal",
            "codesLanguages": "Codes per taal", "total": "Totaal", "viewInArticle": "Openen in het artikel",
            "customerDefined": "gedefinieerd door een product", "search": "Zoeken", "allLanguages": "Alle talen",
        ],
        "sv": [
            "editPage": "Redigera den här sidan",
            "lastUpdated": "Senast uppdaterad",
            "moreResults": "Fler resultat",
            "searchPlaceholder": "Kod, meddelande eller ord", "noResults": "Inga resultat för", "results": "resultat", "searchHint": "Skriv en felkod (0x80CF0437, 80cf0437, DeviceCapReached) eller några ord.", "otherLanguage": "Annat språk",
            "skipToContent": "Hoppa till huvudinnehåll", "languages": "Språk", "chooseLanguage": "Välj ett språk",
            "articleCount": "artiklar", "home": "Start", "contents": "Innehåll", "otherArticles": "Övriga artiklar",
            "errorCodes": "Felkoder", "code": "Kod", "title": "Rubrik", "article": "Artikel", "platform": "Plattform",
            "message": "Meddelande", "cause": "Orsak", "resolution": "Lösning", "alsoIn": "På andra språk",
            "errorCode": "Felkod", "whereItAppears": "Var koden förekommer", "decoded": "Vad koden säger",
            "severity": "Allvarlighetsgrad", "failure": "Fel", "success": "Lyckades", "facility": "Område",
            "codeNumber": "Kod", "win32Error": "Win32-fel", "decimal": "Decimal", "coverage": "Översättningstäckning",
            "missing": "saknas", "entries": "poster", "note": "Obs!", "tip": "Tips", "important": "Viktigt",
            "warning": "Varning", "caution": "Var försiktig", "noCodes": "Inga felkoder på det här språket.",
            "builtOn": "Skapad", "appliesTo": "Gäller för", "articlesLanguages": "Artiklar per språk",
            "codesLanguages": "Koder per språk", "total": "Totalt", "viewInArticle": "Öppna i artikeln",
            "customerDefined": "definierad av en produkt", "search": "Sök", "allLanguages": "Alla språk",
        ],
        "da": [
            "editPage": "Rediger denne side",
            "lastUpdated": "Sidst opdateret",
            "moreResults": "Flere resultater",
            "searchPlaceholder": "Kode, meddelelse eller ord", "noResults": "Ingen resultater for", "results": "resultater",
            "skipToContent": "Gå til hovedindhold", "languages": "Sprog", "chooseLanguage": "Vælg et sprog",
            "articleCount": "artikler", "home": "Start", "contents": "Indhold", "errorCodes": "Fejlkoder", "code": "Kode",
            "title": "Titel", "article": "Artikel", "message": "Meddelelse", "cause": "Årsag", "resolution": "Løsning",
            "alsoIn": "På andre sprog", "errorCode": "Fejlkode", "note": "Bemærk", "tip": "Tip", "important": "Vigtigt",
            "warning": "Advarsel", "caution": "Forsigtig", "search": "Søg",
        ],
        "nb": [
            "editPage": "Rediger denne siden",
            "lastUpdated": "Sist oppdatert",
            "moreResults": "Flere resultater",
            "searchPlaceholder": "Kode, melding eller ord", "noResults": "Ingen resultater for", "results": "resultater",
            "skipToContent": "Gå til hovedinnhold", "languages": "Språk", "chooseLanguage": "Velg et språk",
            "articleCount": "artikler", "home": "Start", "contents": "Innhold", "errorCodes": "Feilkoder", "code": "Kode",
            "title": "Tittel", "article": "Artikkel", "message": "Melding", "cause": "Årsak", "resolution": "Løsning",
            "alsoIn": "På andre språk", "errorCode": "Feilkode", "note": "Obs!", "tip": "Tips", "important": "Viktig",
            "warning": "Advarsel", "caution": "Forsiktig", "search": "Søk",
        ],
        "fi": [
            "editPage": "Muokkaa tätä sivua",
            "lastUpdated": "Päivitetty viimeksi",
            "moreResults": "Lisää tuloksia",
            "searchPlaceholder": "Koodi, sanoma tai sanoja", "noResults": "Ei tuloksia haulle", "results": "tulosta",
            "skipToContent": "Siirry pääsisältöön", "languages": "Kielet", "chooseLanguage": "Valitse kieli",
            "articleCount": "artikkelia", "home": "Etusivu", "contents": "Sisältö", "errorCodes": "Virhekoodit",
            "code": "Koodi", "title": "Otsikko", "article": "Artikkeli", "message": "Sanoma", "cause": "Syy",
            "resolution": "Ratkaisu", "alsoIn": "Muilla kielillä", "errorCode": "Virhekoodi", "note": "Huomautus",
            "tip": "Vihje", "important": "Tärkeää", "warning": "Varoitus", "caution": "Muistutus", "search": "Haku",
        ],
        "de": [
            "editPage": "Diese Seite bearbeiten",
            "lastUpdated": "Zuletzt aktualisiert",
            "moreResults": "Weitere Ergebnisse",
            "searchPlaceholder": "Code, Meldung oder Wörter", "noResults": "Keine Ergebnisse für", "results": "Ergebnisse", "allLanguages": "Alle Sprachen",
            "skipToContent": "Zum Hauptinhalt wechseln", "languages": "Sprachen", "chooseLanguage": "Sprache auswählen",
            "articleCount": "Artikel", "home": "Startseite", "contents": "Inhalt", "otherArticles": "Weitere Artikel",
            "errorCodes": "Fehlercodes", "code": "Code", "title": "Titel", "article": "Artikel", "platform": "Plattform",
            "message": "Meldung", "cause": "Ursache", "resolution": "Lösung", "alsoIn": "In anderen Sprachen",
            "errorCode": "Fehlercode", "whereItAppears": "Wo dieser Code vorkommt", "decoded": "Was der Code besagt",
            "severity": "Schweregrad", "failure": "Fehler", "success": "Erfolg", "coverage": "Übersetzungsabdeckung",
            "missing": "fehlt", "note": "Hinweis", "tip": "Tipp", "important": "Wichtig", "warning": "Warnung",
            "caution": "Achtung", "noCodes": "Keine Fehlercodes in dieser Sprache.", "search": "Suchen",
        ],
        "fr": [
            "editPage": "Modifier cette page",
            "lastUpdated": "Dernière mise à jour",
            "moreResults": "Plus de résultats",
            "searchPlaceholder": "Code, message ou mots", "noResults": "Aucun résultat pour", "results": "résultats", "allLanguages": "Toutes les langues",
            "skipToContent": "Passer au contenu principal", "languages": "Langues", "chooseLanguage": "Choisir une langue",
            "articleCount": "articles", "home": "Accueil", "contents": "Sommaire", "otherArticles": "Autres articles",
            "errorCodes": "Codes d’erreur", "code": "Code", "title": "Titre", "article": "Article", "platform": "Plateforme",
            "message": "Message", "cause": "Cause", "resolution": "Résolution", "alsoIn": "Dans d’autres langues",
            "errorCode": "Code d’erreur", "whereItAppears": "Où ce code apparaît", "decoded": "Ce que dit le code",
            "severity": "Gravité", "failure": "Échec", "success": "Réussite", "coverage": "Couverture des traductions",
            "missing": "manquant", "note": "Remarque", "tip": "Conseil", "important": "Important",
            "warning": "Avertissement", "caution": "Attention", "noCodes": "Aucun code d’erreur dans cette langue.",
            "search": "Rechercher",
        ],
        "es": [
            "editPage": "Editar esta página",
            "lastUpdated": "Última actualización",
            "moreResults": "Más resultados",
            "searchPlaceholder": "Código, mensaje o palabras", "noResults": "No hay resultados para", "results": "resultados", "allLanguages": "Todos los idiomas",
            "skipToContent": "Saltar al contenido principal", "languages": "Idiomas", "chooseLanguage": "Elija un idioma",
            "articleCount": "artículos", "home": "Inicio", "contents": "Contenido", "otherArticles": "Otros artículos",
            "errorCodes": "Códigos de error", "code": "Código", "title": "Título", "article": "Artículo",
            "platform": "Plataforma", "message": "Mensaje", "cause": "Causa", "resolution": "Solución",
            "alsoIn": "En otros idiomas", "errorCode": "Código de error", "whereItAppears": "Dónde aparece este código",
            "severity": "Gravedad", "failure": "Error", "success": "Correcto", "coverage": "Cobertura de traducción",
            "missing": "falta", "note": "Nota", "tip": "Sugerencia", "important": "Importante",
            "warning": "Advertencia", "caution": "Precaución", "search": "Buscar",
        ],
        "it": [
            "editPage": "Modifica questa pagina",
            "lastUpdated": "Ultimo aggiornamento",
            "moreResults": "Altri risultati",
            "searchPlaceholder": "Codice, messaggio o parole", "noResults": "Nessun risultato per", "results": "risultati", "allLanguages": "Tutte le lingue",
            "skipToContent": "Passa al contenuto principale", "languages": "Lingue", "chooseLanguage": "Scegli una lingua",
            "articleCount": "articoli", "home": "Home", "contents": "Sommario", "errorCodes": "Codici di errore",
            "code": "Codice", "title": "Titolo", "article": "Articolo", "platform": "Piattaforma", "message": "Messaggio",
            "cause": "Causa", "resolution": "Risoluzione", "alsoIn": "In altre lingue", "errorCode": "Codice di errore",
            "note": "Nota", "tip": "Suggerimento", "important": "Importante", "warning": "Avviso",
            "caution": "Attenzione", "search": "Cerca",
        ],
        "pt": [
            "editPage": "Editar esta página",
            "lastUpdated": "Última atualização",
            "moreResults": "Mais resultados",
            "searchPlaceholder": "Código, mensagem ou palavras", "noResults": "Nenhum resultado para", "results": "resultados", "allLanguages": "Todos os idiomas",
            "skipToContent": "Pular para o conteúdo principal", "languages": "Idiomas", "chooseLanguage": "Escolha um idioma",
            "articleCount": "artigos", "home": "Início", "contents": "Conteúdo", "errorCodes": "Códigos de erro",
            "code": "Código", "title": "Título", "article": "Artigo", "platform": "Plataforma", "message": "Mensagem",
            "cause": "Causa", "resolution": "Resolução", "alsoIn": "Em outros idiomas", "errorCode": "Código de erro",
            "note": "Observação", "tip": "Dica", "important": "Importante", "warning": "Aviso", "caution": "Cuidado",
            "search": "Pesquisar",
        ],
        "pl": [
            "editPage": "Edytuj tę stronę",
            "lastUpdated": "Ostatnia aktualizacja",
            "moreResults": "Więcej wyników",
            "searchPlaceholder": "Kod, komunikat lub słowa", "noResults": "Brak wyników dla", "results": "wyniki", "allLanguages": "Wszystkie języki",
            "skipToContent": "Przejdź do treści głównej", "languages": "Języki", "chooseLanguage": "Wybierz język",
            "articleCount": "artykuły", "home": "Strona główna", "contents": "Spis treści", "errorCodes": "Kody błędów",
            "code": "Kod", "title": "Tytuł", "article": "Artykuł", "platform": "Platforma", "message": "Komunikat",
            "cause": "Przyczyna", "resolution": "Rozwiązanie", "alsoIn": "W innych językach", "errorCode": "Kod błędu",
            "note": "Uwaga", "tip": "Porada", "important": "Ważne", "warning": "Ostrzeżenie", "caution": "Przestroga",
            "search": "Szukaj",
        ],
        "cs": [
            "editPage": "Upravit tuto stránku",
            "lastUpdated": "Poslední aktualizace",
            "moreResults": "Další výsledky",
            "searchPlaceholder": "Kód, zpráva nebo slova", "noResults": "Žádné výsledky pro", "results": "výsledky", "allLanguages": "Všechny jazyky",
            "skipToContent": "Přeskočit na hlavní obsah", "languages": "Jazyky", "chooseLanguage": "Zvolte jazyk",
            "articleCount": "články", "home": "Domů", "contents": "Obsah", "errorCodes": "Kódy chyb", "code": "Kód",
            "title": "Název", "article": "Článek", "platform": "Platforma", "message": "Zpráva", "cause": "Příčina",
            "resolution": "Řešení", "alsoIn": "V jiných jazycích", "errorCode": "Kód chyby", "note": "Poznámka",
            "tip": "Tip", "important": "Důležité", "warning": "Upozornění", "caution": "Pozor", "search": "Hledat",
        ],
        "tr": [
            "editPage": "Bu sayfayı düzenle",
            "lastUpdated": "Son güncelleme",
            "moreResults": "Daha fazla sonuç",
            "searchPlaceholder": "Kod, ileti veya sözcükler", "noResults": "Sonuç bulunamadı:", "results": "sonuç", "allLanguages": "Tüm diller",
            "skipToContent": "Ana içeriğe atla", "languages": "Diller", "chooseLanguage": "Bir dil seçin",
            "articleCount": "makale", "home": "Giriş", "contents": "İçindekiler", "errorCodes": "Hata kodları",
            "code": "Kod", "title": "Başlık", "article": "Makale", "platform": "Platform", "message": "İleti",
            "cause": "Neden", "resolution": "Çözüm", "alsoIn": "Diğer dillerde", "errorCode": "Hata kodu", "note": "Not",
            "tip": "İpucu", "important": "Önemli", "warning": "Uyarı", "caution": "Dikkat", "search": "Ara",
        ],
        "hu": [
            "editPage": "Oldal szerkesztése",
            "lastUpdated": "Utoljára frissítve",
            "moreResults": "További találatok",
            "searchPlaceholder": "Kód, üzenet vagy szavak", "noResults": "Nincs találat:", "results": "találat", "allLanguages": "Minden nyelv",
            "skipToContent": "Ugrás a fő tartalomra", "languages": "Nyelvek", "chooseLanguage": "Válasszon nyelvet",
            "articleCount": "cikk", "home": "Kezdőlap", "contents": "Tartalom", "errorCodes": "Hibakódok", "code": "Kód",
            "title": "Cím", "article": "Cikk", "platform": "Platform", "message": "Üzenet", "cause": "Ok",
            "resolution": "Megoldás", "alsoIn": "Más nyelveken", "errorCode": "Hibakód", "note": "Megjegyzés",
            "tip": "Tipp", "important": "Fontos", "warning": "Figyelmeztetés", "caution": "Vigyázat", "search": "Keresés",
        ],
        "ru": [
            "editPage": "Редактировать страницу",
            "lastUpdated": "Последнее обновление",
            "moreResults": "Другие результаты",
            "searchPlaceholder": "Код, сообщение или слова", "noResults": "Нет результатов для", "results": "результатов", "allLanguages": "Все языки",
            "skipToContent": "Перейти к основному содержимому", "languages": "Языки", "chooseLanguage": "Выберите язык",
            "articleCount": "статей", "home": "Главная", "contents": "Содержание", "errorCodes": "Коды ошибок",
            "code": "Код", "title": "Заголовок", "article": "Статья", "platform": "Платформа", "message": "Сообщение",
            "cause": "Причина", "resolution": "Решение", "alsoIn": "На других языках", "errorCode": "Код ошибки",
            "note": "Примечание", "tip": "Совет", "important": "Важно", "warning": "Предупреждение",
            "caution": "Внимание", "search": "Поиск",
        ],
        "ja": [
            "editPage": "このページを編集",
            "lastUpdated": "最終更新日",
            "moreResults": "さらに表示",
            "searchPlaceholder": "コード、メッセージ、キーワード", "noResults": "検索結果はありません:", "results": "件の結果", "allLanguages": "すべての言語",
            "skipToContent": "メイン コンテンツにスキップ", "languages": "言語", "chooseLanguage": "言語を選択してください",
            "articleCount": "件の記事", "home": "ホーム", "contents": "目次", "errorCodes": "エラー コード", "code": "コード",
            "title": "タイトル", "article": "記事", "platform": "プラットフォーム", "message": "メッセージ", "cause": "原因",
            "resolution": "解決策", "alsoIn": "他の言語", "errorCode": "エラー コード", "note": "注意", "tip": "ヒント",
            "important": "重要", "warning": "警告", "caution": "注意事項", "search": "検索",
        ],
        "zh-cn": [
            "editPage": "编辑此页",
            "lastUpdated": "上次更新",
            "moreResults": "更多结果",
            "searchPlaceholder": "代码、消息或关键字", "noResults": "没有结果:", "results": "个结果", "allLanguages": "所有语言",
            "skipToContent": "跳转至主内容", "languages": "语言", "chooseLanguage": "选择语言", "articleCount": "篇文章",
            "home": "主页", "contents": "目录", "errorCodes": "错误代码", "code": "代码", "title": "标题", "article": "文章",
            "platform": "平台", "message": "消息", "cause": "原因", "resolution": "解决方法", "alsoIn": "其他语言",
            "errorCode": "错误代码", "note": "注意", "tip": "提示", "important": "重要", "warning": "警告",
            "caution": "注意事项", "search": "搜索",
        ],
        "zh-tw": [
            "editPage": "編輯此頁",
            "lastUpdated": "上次更新",
            "moreResults": "更多結果",
            "searchPlaceholder": "代碼、訊息或關鍵字", "noResults": "沒有結果:", "results": "個結果", "allLanguages": "所有語言",
            "skipToContent": "跳到主要內容", "languages": "語言", "chooseLanguage": "選擇語言", "articleCount": "篇文章",
            "home": "首頁", "contents": "目錄", "errorCodes": "錯誤碼", "code": "代碼", "title": "標題", "article": "文章",
            "platform": "平台", "message": "訊息", "cause": "原因", "resolution": "解決方法", "alsoIn": "其他語言",
            "errorCode": "錯誤碼", "note": "注意", "tip": "提示", "important": "重要", "warning": "警告",
            "caution": "注意事項", "search": "搜尋",
        ],
        "ko": [
            "editPage": "이 페이지 편집",
            "lastUpdated": "마지막 업데이트",
            "moreResults": "결과 더 보기",
            "searchPlaceholder": "코드, 메시지 또는 단어", "noResults": "검색 결과 없음:", "results": "개 결과", "allLanguages": "모든 언어",
            "skipToContent": "주 콘텐츠로 건너뛰기", "languages": "언어", "chooseLanguage": "언어 선택",
            "articleCount": "개 문서", "home": "홈", "contents": "목차", "errorCodes": "오류 코드", "code": "코드",
            "title": "제목", "article": "문서", "platform": "플랫폼", "message": "메시지", "cause": "원인",
            "resolution": "해결 방법", "alsoIn": "다른 언어", "errorCode": "오류 코드", "note": "참고", "tip": "팁",
            "important": "중요", "warning": "경고", "caution": "주의", "search": "검색",
        ],
    ]
}
