/// The words of `Vocabulary` in the other languages Microsoft Learn publishes: Arabic and
/// Hebrew (right to left), Thai (without spaces), Hindi, Vietnamese, Indonesian, Malay, Greek,
/// Ukrainian, Bulgarian, Kazakh, Serbian (Cyrillic and Latin), Croatian, Slovak, Slovenian,
/// Romanian, Estonian, Latvian, Lithuanian, Catalan, Basque, Galician and Icelandic. A table's and
/// a section's roles come first from structure; these words confirm them and break ties.
///
/// Terms are compared folded (`TextFolding`: no diacritics), so a term must not fold into a
/// common word of another language: Vietnamese "vấn đề" folds into Dutch "van de".
extension Vocabulary {
    public static let moreTerms: [Role: [String]] = [
        .problem: [
            "مشكلة", "المشكلة", "المشكلات", "مشاكل", "أعراض", "الأعراض", "العرض", "مشكلة محتملة", "المشكلة المحتملة",  // ar
            "בעיה", "הבעיה", "בעיות", "תסמין", "תסמינים", "בעיה אפשרית",  // he
            "ปัญหา", "อาการ", "ปัญหาที่อาจเกิดขึ้น", "ปัญหาที่เป็นไปได้",  // th
            "समस्या", "समस्याएँ", "समस्याएं", "लक्षण", "संभावित समस्या",  // hi
            "sự cố", "triệu chứng", "vấn đề có thể xảy ra", "sự cố có thể xảy ra",  // vi (not "vấn đề" alone: folded, it is Dutch "van de")
            "masalah", "gejala", "kemungkinan masalah", "isu", "simptom",  // id, ms
            "πρόβλημα", "προβλήματα", "σύμπτωμα", "συμπτώματα", "πιθανό πρόβλημα",  // el
            "проблеми", "симптоми", "можлива проблема",  // uk
            "проблем", "възможен проблем",  // bg
            "мәселе", "ақау", "ықтимал мәселе",  // kk
            "могући проблем", "mogući problem", "problemi", "simptomi",  // sr, hr
            "problém", "príznak", "príznaky", "možný problém",  // sk
            "težava", "težave", "morebitna težava",  // sl
            "problemă", "probleme", "simptome", "problemă posibilă", "posibilă problemă",  // ro
            "probleem", "probleemid", "sümptom", "võimalik probleem",  // et
            "problēma", "problēmas", "simptoms", "iespējamā problēma",  // lv
            "problemos", "simptomas", "simptomai", "galima problema",  // lt
            "problemes", "símptoma", "símptomes", "possible problema",  // ca
            "arazoa", "arazoak", "sintoma", "balizko arazoa",  // eu
            "posible problema",  // gl
            "vandamál", "vandamálið",  // is
        ],
        .cause: [
            "سبب", "السبب", "الأسباب", "أسباب", "السبب المحتمل",  // ar
            "סיבה", "הסיבה", "סיבות", "גורם", "סיבה אפשרית",  // he
            "สาเหตุ", "สาเหตุที่เป็นไปได้", "สาเหตุที่อาจเกิดขึ้น",  // th
            "कारण", "संभावित कारण",  // hi
            "nguyên nhân", "nguyên nhân có thể",  // vi
            "penyebab", "kemungkinan penyebab", "alasan", "punca", "sebab", "kemungkinan punca",  // id, ms
            "αιτία", "αιτίες", "πιθανή αιτία",  // el
            "причина", "причини", "можлива причина", "възможна причина",  // uk, bg
            "себеп", "себебі", "ықтимал себеп",  // kk
            "узрок", "разлог", "могући узрок", "uzrok", "uzroci", "razlog", "mogući uzrok",  // sr, hr
            "príčina", "príčiny", "dôvod", "možná príčina",  // sk
            "vzrok", "vzroki", "morebitni vzrok",  // sl
            "cauză", "cauza", "cauze", "motiv", "cauză posibilă",  // ro
            "põhjus", "põhjused", "võimalik põhjus",  // et
            "cēlonis", "cēloņi", "iemesls", "iespējamais cēlonis",  // lv
            "priežastis", "priežastys", "galima priežastis",  // lt
            "causa", "causes", "motiu", "possible causa",  // ca
            "kausa", "arrazoia", "balizko kausa",  // eu
            "posible causa",  // gl
            "orsök", "ástæða",  // is
        ],
        .resolution: [
            "الحل", "حل", "الحلول", "حلول", "الحل البديل", "الحل المقترح", "الإجراء الموصى به", "الحل المحتمل",  // ar
            "פתרון", "הפתרון", "פתרונות", "פתרון עקיף", "פתרון מוצע", "פעולה מומלצת",  // he
            "การแก้ไข", "วิธีแก้ไข", "วิธีแก้ปัญหา", "การแก้ไขปัญหา", "วิธีแก้ไขที่แนะนำ", "การแก้ไขที่แนะนำ",
            "วิธีแก้ปัญหาชั่วคราว", "การดำเนินการที่แนะนำ",  // th
            "समाधान", "हल", "वैकल्पिक हल", "सुझाया गया समाधान", "अनुशंसित कार्रवाई", "रिज़ॉल्यूशन", "सुझाया गया रिज़ॉल्यूशन",  // hi
            "giải pháp", "cách giải quyết", "khắc phục", "cách khắc phục", "giải pháp thay thế", "giải pháp được đề xuất",
            "giải quyết", "hành động được đề xuất", "giải pháp đề xuất",  // vi
            "resolusi", "solusi", "penyelesaian", "solusi sementara", "resolusi yang disarankan", "solusi yang disarankan",
            "tindakan yang disarankan", "penyelesaian yang dicadangkan", "tindakan yang disyorkan",  // id, ms
            "επίλυση", "λύση", "λύσεις", "εναλλακτική λύση", "προτεινόμενη επίλυση", "προτεινόμενη λύση",
            "συνιστώμενη ενέργεια",  // el
            "рішення", "розв'язання", "вирішення", "обхідне рішення", "запропоноване рішення", "рекомендована дія",
            "усунення",  // uk
            "заобиколно решение", "предложено решение", "препоръчително действие", "разрешаване",  // bg
            "шешім", "шешімі", "шешу", "уақытша шешім", "ұсынылған шешім", "ұсынылатын әрекет",  // kk
            "решење", "решења", "заобилазно решење", "предложено решење", "препоручена радња",  // sr-cyrl
            "rešenje", "rešenja", "zaobilazno rešenje", "predloženo rešenje", "preporučena radnja",  // sr-latn
            "rješenje", "rješenja", "zaobilazno rješenje", "predloženo rješenje", "razrješenje",  // hr
            "riešenie", "riešenia", "alternatívne riešenie", "navrhované riešenie", "odporúčaná akcia",  // sk
            "rešitev", "rešitve", "nadomestna rešitev", "predlagana rešitev", "priporočeno dejanje", "razrešitev",  // sl
            "rezolvare", "soluție", "soluții", "soluția", "rezoluție", "soluție alternativă", "rezolvare sugerată",
            "soluție sugerată", "acțiune recomandată",  // ro
            "lahendus", "lahendused", "ajutine lahendus", "soovitatud lahendus", "soovitatav toiming", "lahendamine",  // et
            "risinājums", "risinājumi", "novēršana", "apiešanas risinājums", "ieteicamais risinājums",
            "ieteicamā darbība",  // lv
            "sprendimas", "sprendimai", "laikinas sprendimas", "siūlomas sprendimas", "rekomenduojamas veiksmas",  // lt
            "resolució", "solució", "solucions", "solució alternativa", "resolució suggerida", "solució suggerida",
            "acció recomanada",  // ca
            "ebazpena", "irtenbidea", "konponbidea", "aldi baterako irtenbidea", "iradokitako ebazpena",
            "gomendatutako ekintza",  // eu
            "solucións", "resolución suxerida", "solución suxerida",  // gl
            "lausn", "úrlausn", "tillögð lausn",  // is
            // What an event asks of its reader.
            "user action", "brugerhandling", "akcja użytkownika", "benutzeraktion", "gebruikersactie", "användaråtgärd",
            "action de l'utilisateur", "acción del usuario", "azione utente", "ação do usuário", "akce uživatele",
            "kullanıcı eylemi", "felhasználói művelet", "действие пользователя", "ユーザー アクション", "用户操作",
            "使用者動作", "사용자 작업", "brukerhandling", "käyttäjän toiminto",
        ],
        .message: [
            "رسالة", "الرسالة", "مربع الحوار",  // ar
            "הודעה", "ההודעה", "תיבת דו שיח",  // he
            "ข้อความ", "กล่องโต้ตอบ",  // th
            "संदेश", "संवाद",  // hi
            "thông báo", "thông điệp", "hộp thoại",  // vi
            "pesan", "kotak dialog", "mesej",  // id, ms
            "μήνυμα", "παράθυρο διαλόγου",  // el
            "повідомлення", "діалогове вікно", "съобщение", "диалогов прозорец",  // uk, bg
            "хабар", "хабарлама", "диалог терезесі",  // kk
            "порука", "дијалог", "poruka", "dijalog", "dijaloški okvir",  // sr, hr
            "správa", "hlásenie", "dialógové okno",  // sk
            "sporočilo", "pogovorno okno",  // sl
            "mesaj", "mesajul", "casetă de dialog",  // ro
            "teade", "dialoogiboks",  // et
            "ziņojums", "ziņa", "dialoglodziņš",  // lv
            "pranešimas", "dialogo langas",  // lt
            "missatge", "quadre de diàleg",  // ca
            "mezua", "elkarrizketa koadroa",  // eu
            "mensaxe", "caixa de diálogo",  // gl
            "skilaboð",  // is
        ],
        .errorMessage: [
            "رسالة الخطأ", "رسالة خطأ", "نص الخطأ", "رسائل الخطأ",  // ar
            "הודעת שגיאה", "הודעות שגיאה", "טקסט שגיאה",  // he
            "ข้อความแสดงข้อผิดพลาด", "ข้อความข้อผิดพลาด",  // th
            "त्रुटि संदेश", "त्रुटि पाठ",  // hi
            "thông báo lỗi", "thông điệp lỗi",  // vi
            "pesan kesalahan", "teks kesalahan", "mesej ralat", "teks ralat",  // id, ms
            "μήνυμα σφάλματος", "μηνύματα σφάλματος", "κείμενο σφάλματος",  // el
            "повідомлення про помилку", "текст помилки",  // uk
            "съобщение за грешка", "съобщения за грешки", "текст на грешката",  // bg
            "қате туралы хабар", "қате туралы хабарлама", "қате мәтіні",  // kk
            "порука о грешци", "текст грешке", "poruka o grešci", "tekst greške", "poruka o pogrešci",
            "tekst pogreške",  // sr, hr
            "chybové hlásenie", "chybová správa", "text chyby",  // sk
            "sporočilo o napaki", "besedilo napake",  // sl
            "mesaj de eroare", "mesaje de eroare", "text de eroare",  // ro
            "tõrketeade", "veateade", "tõrke tekst",  // et
            "kļūdas ziņojums", "kļūdas teksts",  // lv
            "klaidos pranešimas", "klaidos tekstas",  // lt
            "missatge d'error", "missatges d'error", "text d'error",  // ca
            "errore mezua", "errorearen testua",  // eu
            "mensaxe de erro", "mensaxes de erro", "texto de erro",  // gl
            "villuboð",  // is
        ],
        .error: [
            "خطأ", "الخطأ", "أخطاء", "الأخطاء",  // ar
            "שגיאה", "השגיאה", "שגיאות",  // he
            "ข้อผิดพลาด",  // th
            "त्रुटि", "त्रुटियाँ", "त्रुटियां",  // hi
            "lỗi",  // vi
            "kesalahan", "galat", "ralat",  // id, ms
            "σφάλμα", "σφάλματα", "σφάλματος",  // el
            "помилка", "помилки", "помилку", "помилок",  // uk
            "грешка", "грешки", "грешката", "грешку", "грешке",  // bg, sr
            "қате", "қатесі", "қателер",  // kk
            "greška", "greške", "grešku", "pogreška", "pogreške",  // sr, hr
            "chybu",  // sk
            "napaka", "napake", "napako",  // sl
            "eroare", "erori", "eroarea",  // ro
            "tõrge", "tõrke", "viga", "vea",  // et
            "kļūda", "kļūdas", "kļūdu",  // lv
            "klaida", "klaidos", "klaidą",  // lt
            "errorea", "erroreak",  // eu
            "villa", "villu",  // is
        ],
        .code: [
            "رمز", "الرمز", "رمز الخطأ", "رموز الخطأ", "كود", "رمز الحالة", "التعليمات البرمجية",  // ar
            "קוד", "קוד שגיאה", "קודי שגיאה", "קוד מצב",  // he
            "รหัส", "รหัสข้อผิดพลาด", "รหัสสถานะ",  // th
            "कोड", "त्रुटि कोड", "स्थिति कोड",  // hi
            "mã lỗi", "mã trạng thái",  // vi (not "mã" alone: folded, "ma")
            "kode", "kode kesalahan", "kode status", "kod ralat", "kod status",  // id, ms
            "κωδικός", "κωδικοί", "κωδικός σφάλματος", "κωδικός κατάστασης",  // el
            "коди", "код помилки", "коди помилок", "код стану",  // uk
            "кодове", "код на грешка", "кодове на грешки", "код на състоянието",  // bg
            "коды", "қате коды", "күй коды",  // kk
            "шифра", "кôд", "код грешке", "кôд грешке", "шифра грешке",  // sr-cyrl
            "kôd", "kod", "šifra", "kodovi", "kôd greške", "kod greške", "šifra greške", "kod pogreške",
            "šifra pogreške",  // sr-latn, hr
            "kódy", "kód chyby", "chybový kód", "stavový kód",  // sk
            "koda", "kode", "koda napake", "koda stanja",  // sl
            "cod", "coduri", "cod de eroare", "coduri de eroare", "cod de stare",  // ro
            "kood", "koodid", "tõrkekood", "veakood", "olekukood",  // et
            "kods", "kodi", "kļūdas kods", "statusa kods",  // lv
            "kodas", "kodai", "klaidos kodas", "būsenos kodas",  // lt
            "codi", "codis", "codi d'error", "codi d'estat",  // ca
            "kodea", "kodeak", "errore kodea", "egoera kodea",  // eu
            "código de erro", "código de estado",  // gl
            "kóði", "villukóði",  // is
        ],
        .event: [
            "حدث", "الحدث", "معرف الحدث",  // ar
            "אירוע", "מזהה אירוע",  // he
            "เหตุการณ์", "รหัสเหตุการณ์",  // th
            "ईवेंट", "घटना", "ईवेंट id",  // hi
            "sự kiện", "id sự kiện", "mã sự kiện",  // vi
            "peristiwa", "id peristiwa", "kejadian",  // id, ms
            "συμβάν", "αναγνωριστικό συμβάντος",  // el
            "подія", "ідентифікатор події", "код події",  // uk
            "събитие", "ид на събитие", "идентификатор на събитие",  // bg
            "оқиға", "оқиға идентификаторы",  // kk
            "догађај", "ид догађаја", "događaj", "id događaja",  // sr, hr
            "udalosť", "id udalosti",  // sk
            "dogodek", "id dogodka",  // sl
            "eveniment", "id eveniment",  // ro
            "sündmus", "sündmuse id",  // et
            "notikums", "notikuma id",  // lv
            "įvykis", "įvykio id",  // lt
            "esdeveniment", "id d'esdeveniment",  // ca
            "gertaera", "gertaeraren id",  // eu
            "atvik", "atburður",  // is
            "hændelses id", "hændelsesid", "hendelses id",  // da, nb
        ],
        .description: [
            "الوصف", "وصف", "التفاصيل", "الشرح",  // ar
            "תיאור", "פרטים", "הסבר",  // he
            "คำอธิบาย", "รายละเอียด",  // th
            "विवरण", "व्याख्या",  // hi
            "mô tả", "chi tiết", "giải thích",  // vi
            "deskripsi", "keterangan", "penjelasan", "detail", "perihalan", "penerangan", "butiran",  // id, ms
            "περιγραφή", "λεπτομέρειες", "επεξήγηση",  // el
            "опис", "пояснення", "відомості", "описание", "подробности", "обяснение",  // uk, bg
            "сипаттама", "сипаттамасы", "мәліметтер",  // kk
            "детаљи", "објашњење", "detalji", "objašnjenje", "pojedinosti",  // sr, hr
            "vysvetlenie",  // sk
            "razlaga",  // sl
            "descriere", "detalii", "explicație",  // ro
            "kirjeldus", "üksikasjad", "selgitus",  // et
            "apraksts", "skaidrojums",  // lv
            "aprašas", "aprašymas", "paaiškinimas",  // lt
            "descripció", "detalls", "explicació",  // ca
            "deskribapena", "xehetasunak", "azalpena",  // eu
            "descrición",  // gl
            "lýsing",  // is
        ],
        .decimal: [
            "عشري", "עשרוני", "ทศนิยม", "दशमलव", "thập phân", "desimal", "perpuluhan", "δεκαδικός", "десятковий",
            "десетичен", "ондық", "децимални", "decimalni", "desiatkový", "desetiško", "zecimal", "kümnend", "decimāls",
            "dešimtainis", "hamartar",
        ],
    ]
}
