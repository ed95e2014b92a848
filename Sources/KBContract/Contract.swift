/// The machine contract of a built site: the files under `api/v1/`, as Codable values.
/// `kb build` writes them (through `KBContractFiles.ContractBuilder`); `kb lookup` and `kb mcp`
/// read them back. Every file names its JSON Schema (`Schemas`) in `$schema` and carries
/// `formatVersion`: additive changes raise the minor version, a breaking change moves to
/// `api/v2/`. Optional fields are left out when they have no value.
public enum Contract {
    /// 1.1.0: the DocSearch records are an output of their own, off unless chosen, and kb.json
    /// names their file only when there is one. 1.2.0: so is `llms-full.txt`, every article of
    /// a language in one file (the `llms-full` output). 1.3.0: the llms.txt files and the
    /// articles' Markdown twins are named only when the site has them (the `llms` output).
    public static let formatVersion = "1.3.0"
    /// Where the contract's files live, relative to the site root.
    public static let folder = "api/v1/"
    public static let schemaFolder = folder + "schemas/"

    public static let indexPath = folder + "kb.json"
    public static let codesPath = folder + "codes.json"
    public static func articlesPath(_ locale: String) -> String { folder + locale + "/articles.json" }
    public static func chunksPath(_ locale: String) -> String { folder + locale + "/chunks.jsonl" }
    public static func searchRecordsPath(_ locale: String) -> String { folder + locale + "/search-records.json" }
    public static func schemaPath(_ name: String) -> String { schemaFolder + name + ".schema.json" }

    /// The `$schema` of a file: its schema's path relative to the file, so that it resolves from
    /// disk and from any web server alike.
    public static func schemaReference(_ name: String, from path: String) -> String {
        let depth = path.split(separator: "/").count - 1 - folder.split(separator: "/").count
        return String(repeating: "../", count: max(0, depth)) + "schemas/" + name + ".schema.json"
    }
}

/// `api/v1/kb.json`: the entry point.
public struct KnowledgeBaseIndex: Codable, Sendable, Equatable {
    public var schema: String
    public var formatVersion: String
    public var generator: String
    public var title: String
    /// The address the site is published at, when `kb build --base-url` gave it. URLs in the
    /// contract are absolute when it is set, else relative to the site root.
    public var baseURL: String?
    public var languages: [Language]
    public var files: Files

    public struct Language: Codable, Sendable, Equatable {
        public var locale: String
        public var name: String
        public var articles: Int
        public var entries: Int
        public var codes: Int
        public var files: LanguageFiles

        public init(locale: String, name: String, articles: Int, entries: Int, codes: Int, files: LanguageFiles) {
            self.locale = locale
            self.name = name
            self.articles = articles
            self.entries = entries
            self.codes = codes
            self.files = files
        }
    }

    public struct LanguageFiles: Codable, Sendable, Equatable {
        public var articles: String
        public var chunks: String
        /// The DocSearch records, when the site has them (the `docsearch` output, since 1.1.0).
        public var searchRecords: String?
        /// The language's llms.txt, when the site has it (the `llms` output; always before 1.3.0).
        public var llms: String?
        /// Every article of the language in one file, when the site has it (the `llms-full`
        /// output, since 1.2.0).
        public var llmsFull: String?
        public var home: String
        public var search: String

        public init(articles: String, chunks: String, searchRecords: String?, llms: String?, llmsFull: String?, home: String, search: String) {
            self.articles = articles
            self.chunks = chunks
            self.searchRecords = searchRecords
            self.llms = llms
            self.llmsFull = llmsFull
            self.home = home
            self.search = search
        }
    }

    public struct Files: Codable, Sendable, Equatable {
        public var codes: String
        /// The site's llms.txt, when the site has it (the `llms` output; always before 1.3.0).
        public var llms: String?
        /// Schema name (`articles`) → its path.
        public var schemas: [String: String]

        public init(codes: String, llms: String?, schemas: [String: String]) {
            self.codes = codes
            self.llms = llms
            self.schemas = schemas
        }
    }

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", formatVersion, generator, title, baseURL, languages, files
    }

    public init(schema: String, formatVersion: String, generator: String, title: String, baseURL: String?, languages: [Language], files: Files) {
        self.schema = schema
        self.formatVersion = formatVersion
        self.generator = generator
        self.title = title
        self.baseURL = baseURL
        self.languages = languages
        self.files = files
    }
}

/// `api/v1/<locale>/articles.json`.
public struct ArticlesFile: Codable, Sendable, Equatable {
    public var schema: String
    public var formatVersion: String
    public var locale: String
    public var articles: [ArticleRecord]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", formatVersion, locale, articles
    }

    public init(schema: String, formatVersion: String, locale: String, articles: [ArticleRecord]) {
        self.schema = schema
        self.formatVersion = formatVersion
        self.locale = locale
        self.articles = articles
    }
}

public struct ArticleRecord: Codable, Sendable, Equatable {
    /// The same in every language: the article's path below its locale folder, without `.md`.
    public var id: String
    public var locale: String
    public var url: String
    /// The article as clean Markdown, when the site has it (the `llms` output; always before
    /// 1.3.0): its page's URL with `.md` appended.
    public var markdownURL: String?
    public var title: String
    public var description: String?
    public var topic: String?
    /// `ms.date` as an ISO 8601 date.
    public var date: String?
    /// `ms.date` as written.
    public var msDate: String?
    public var translationKey: String
    /// Locale → URL of the same article in that language.
    public var translations: [String: String]
    public var sections: [SectionRecord]
    public var entries: [EntryRecord]
    public var procedures: [ProcedureRecord]

    public init(
        id: String, locale: String, url: String, markdownURL: String?, title: String, description: String?, topic: String?,
        date: String?, msDate: String?, translationKey: String, translations: [String: String], sections: [SectionRecord],
        entries: [EntryRecord], procedures: [ProcedureRecord]
    ) {
        self.id = id
        self.locale = locale
        self.url = url
        self.markdownURL = markdownURL
        self.title = title
        self.description = description
        self.topic = topic
        self.date = date
        self.msDate = msDate
        self.translationKey = translationKey
        self.translations = translations
        self.sections = sections
        self.entries = entries
        self.procedures = procedures
    }
}

public struct SectionRecord: Codable, Sendable, Equatable {
    public var anchor: String
    public var level: Int
    public var title: String
    public var url: String

    public init(anchor: String, level: Int, title: String, url: String) {
        self.anchor = anchor
        self.level = level
        self.title = title
        self.url = url
    }
}

public struct EntryRecord: Codable, Sendable, Equatable {
    /// Unique in its article, the same in every translation.
    public var id: String
    public var anchor: String?
    public var url: String
    public var kind: EntryKind
    public var title: String
    public var message: String?
    public var messages: [String]
    public var codes: [CodeRecord]
    public var cause: TextRecord?
    public var resolution: TextRecord?
    public var procedures: [ProcedureRecord]
    public var platform: String?
    /// The anchors of the sections holding the entry, outermost first.
    public var sectionPath: [String]
    /// The title of the innermost of them.
    public var section: String?
    public var counterparts: [CounterpartRecord]
    /// The retrieval chunk that holds the entry.
    public var chunk: String

    public init(
        id: String, anchor: String?, url: String, kind: EntryKind, title: String, message: String?, messages: [String],
        codes: [CodeRecord], cause: TextRecord?, resolution: TextRecord?, procedures: [ProcedureRecord], platform: String?,
        sectionPath: [String], section: String?, counterparts: [CounterpartRecord], chunk: String
    ) {
        self.id = id
        self.anchor = anchor
        self.url = url
        self.kind = kind
        self.title = title
        self.message = message
        self.messages = messages
        self.codes = codes
        self.cause = cause
        self.resolution = resolution
        self.procedures = procedures
        self.platform = platform
        self.sectionPath = sectionPath
        self.section = section
        self.counterparts = counterparts
        self.chunk = chunk
    }
}

/// Text in two forms: plain, and Markdown that keeps paragraphs, lists and links.
public struct TextRecord: Codable, Sendable, Equatable {
    public var text: String
    public var markdown: String

    public init(text: String, markdown: String) {
        self.text = text
        self.markdown = markdown
    }
}

public struct CodeRecord: Codable, Sendable, Equatable {
    /// Normalized: `0x` and eight upper-case digits for HRESULTs.
    public var code: String
    /// As the article writes it.
    public var raw: String
    public var kind: CodeKind
    public var aliases: [String]
    public var hresult: HRESULTRecord?

    public init(code: String, raw: String, kind: CodeKind, aliases: [String], hresult: HRESULTRecord?) {
        self.code = code
        self.raw = raw
        self.kind = kind
        self.aliases = aliases
        self.hresult = hresult
    }
}

/// An HRESULT's parts.
public struct HRESULTRecord: Codable, Sendable, Equatable {
    public var signed: Int
    public var unsigned: Int
    /// `failure` or `success`.
    public var severity: String
    public var customerDefined: Bool
    public var facility: Int
    public var facilityName: String?
    public var code: Int
    /// The Win32 error of a `0x8007xxxx` code.
    public var win32Error: Int?
    public var win32ErrorName: String?

    public init(signed: Int, unsigned: Int, severity: String, customerDefined: Bool, facility: Int, facilityName: String?,
                code: Int, win32Error: Int?, win32ErrorName: String?) {
        self.signed = signed
        self.unsigned = unsigned
        self.severity = severity
        self.customerDefined = customerDefined
        self.facility = facility
        self.facilityName = facilityName
        self.code = code
        self.win32Error = win32Error
        self.win32ErrorName = win32ErrorName
    }
}

public struct ProcedureRecord: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    /// The anchor of the section the procedure is in.
    public var section: String
    public var url: String
    public var steps: [StepRecord]

    public init(id: String, title: String, section: String, url: String, steps: [StepRecord]) {
        self.id = id
        self.title = title
        self.section = section
        self.url = url
        self.steps = steps
    }
}

public struct StepRecord: Codable, Sendable, Equatable {
    /// 1 for the first step.
    public var position: Int
    public var text: String
    public var markdown: String
    /// The labels of a UI path (`Devices > Enroll devices`), in order; empty when none.
    public var uiPath: [String]
    public var substeps: [StepRecord]

    public init(position: Int, text: String, markdown: String, uiPath: [String], substeps: [StepRecord]) {
        self.position = position
        self.text = text
        self.markdown = markdown
        self.uiPath = uiPath
        self.substeps = substeps
    }
}

/// The same entry in another language.
public struct CounterpartRecord: Codable, Sendable, Equatable {
    public var locale: String
    public var articleId: String
    public var entryId: String
    public var url: String

    public init(locale: String, articleId: String, entryId: String, url: String) {
        self.locale = locale
        self.articleId = articleId
        self.entryId = entryId
        self.url = url
    }
}

/// `api/v1/codes.json`: every normalized code → its entries in every language.
public struct CodesFile: Codable, Sendable, Equatable {
    public var schema: String
    public var formatVersion: String
    public var codes: [String: CodeIndexRecord]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", formatVersion, codes
    }

    public init(schema: String, formatVersion: String, codes: [String: CodeIndexRecord]) {
        self.schema = schema
        self.formatVersion = formatVersion
        self.codes = codes
    }
}

public struct CodeIndexRecord: Codable, Sendable, Equatable {
    public var code: String
    public var kind: CodeKind
    /// Every form the code may be typed in, lower case: `0x80cf0437`, `80cf0437`, `-2133916617`,
    /// `2161050679`, symbolic names.
    public var forms: [String]
    public var aliases: [String]
    public var hresult: HRESULTRecord?
    public var locales: [String]
    public var entries: [CodeEntryRecord]

    public init(code: String, kind: CodeKind, forms: [String], aliases: [String], hresult: HRESULTRecord?, locales: [String], entries: [CodeEntryRecord]) {
        self.code = code
        self.kind = kind
        self.forms = forms
        self.aliases = aliases
        self.hresult = hresult
        self.locales = locales
        self.entries = entries
    }
}

public struct CodeEntryRecord: Codable, Sendable, Equatable {
    public var articleId: String
    public var entryId: String
    public var locale: String
    public var url: String
    public var title: String
    public var articleTitle: String

    public init(articleId: String, entryId: String, locale: String, url: String, title: String, articleTitle: String) {
        self.articleId = articleId
        self.entryId = entryId
        self.locale = locale
        self.url = url
        self.title = title
        self.articleTitle = articleTitle
    }
}
