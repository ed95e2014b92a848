import KBOutput
import Dispatch
import Foundation
import KBContract
import KBCore
import KBLinking
import KBModel

/// The machine contract of the site (`api/v1/`): per locale the articles with their entries and
/// procedures, the retrieval chunks and the DocSearch records; the code index; the entry point.
/// URLs are absolute when the site's address is known (`SiteOptions.baseURL`), else relative
/// to the site root; links inside Markdown are rewritten the same way.
public struct ContractBuilder: Sendable {
    /// What the contract keeps for the next build: each article's records and chunks, encoded.
    static let articleSlot = MemoSlot<ArticleOutput>("contract.article")
    let options: SiteOptions
    /// Where the other formats' files lie (llms.txt, the Markdown twins, DocSearch records),
    /// for the contract to name them when the site has them.
    let links: SiteLinks

    public init(options: SiteOptions = SiteOptions(), links: SiteLinks = SiteLinks()) {
        self.links = links
        self.options = options
    }

    /// With a memo, an article's records are made and encoded again only when it changed.
    public func build(_ linked: LinkedKnowledgeBase, memo: OutputMemo? = nil) -> BuiltContract {
        let locales = linked.locales
        let perLocale = ConcurrentResults<(ArticlesFile, [Chunk], [ArticleOutput])>(count: locales.count)
        DispatchQueue.concurrentPerform(iterations: locales.count) { index in
            perLocale.set(index, language(locales[index], linked, memo: memo))
        }
        var contract = BuiltContract(options: options)
        for (index, locale) in locales.enumerated() {
            let (articles, chunks, encoded) = perLocale.values[index]
            contract.articles[locale] = articles
            contract.chunks[locale] = chunks
            contract.encoded[locale] = encoded
        }
        contract.memo = memo
        contract.sources = Dictionary(grouping: linked.articles, by: \.locale).mapValues { $0.map(\.source) }
        // The code index and the entry point read only the outline: with a memo that has them,
        // they are made when the files are, if at all.
        contract.whole = { contract in
            var contract = contract
            contract.codes = codes(linked)
            contract.index = index(linked, contract)
            return contract
        }
        if memo?.sameOutline != true { contract = contract.whole!(contract) }
        return contract
    }

    /// The same files as `build(linked).files()`, a language at a time: each language's files
    /// are handed to `emit` when made, and its values let go before the next is made; then the
    /// code index, the entry point (which needs only each language's counts) and the schemas.
    func stream(_ linked: LinkedKnowledgeBase, _ emit: ([BuiltSite.File]) throws -> Void) throws {
        var counts: [String: LanguageCounts] = [:]
        let chunker = ChunkBuilder(contract: self)
        for locale in linked.locales {
            // The articles are encoded a batch at a time, each batch in parallel, straight into the
            // language's two files; only the bytes and the counts are kept. The articles file is
            // written whole in one buffer: its header around the records.
            let indices = linked.articles.indices.filter { linked.articles[$0].locale == locale }
            let articlesPath = Contract.articlesPath(locale)
            let (head, tail) = BuiltContract.split(BuiltContract.json(ArticlesFile(
                schema: Contract.schemaReference("articles", from: articlesPath), formatVersion: Contract.formatVersion,
                locale: locale, articles: []), lineFeed: true), at: "articles")
            var records = head
            var chunkLines: [UInt8] = []
            var entries = 0
            var codes: Set<String> = []
            for start in stride(from: 0, to: indices.count, by: 256) {
                let batch = Array(indices[start..<min(start + 256, indices.count)])
                let results = ConcurrentResults<(encoded: BuiltContract.Encoded, entries: Int, codes: Set<String>)>(count: batch.count)
                DispatchQueue.concurrentPerform(iterations: batch.count) { position in
                    let record = article(batch[position], linked)
                    let encoded = BuiltContract.Encoded(record, chunker.chunks(of: batch[position], linked))
                    results.set(position, (encoded, record.entries.count, LanguageCounts.codes(of: record)))
                }
                for made in results.values {
                    if records.count > head.count { records.append(UInt8(ascii: ",")) }
                    records += made.encoded.record
                    chunkLines += made.encoded.chunkLines
                    entries += made.entries
                    codes.formUnion(made.codes)
                }
                // Room for the whole language, guessed from the first batch, so that the two
                // buffers do not grow by doubling (which holds the old and the new at once).
                if start == 0, batch.count < indices.count {
                    records.reserveCapacity(records.count / batch.count * indices.count * 5 / 4)
                    chunkLines.reserveCapacity(chunkLines.count / batch.count * indices.count * 5 / 4)
                }
            }
            counts[locale] = LanguageCounts(articles: indices.count, entries: entries, codes: codes.count)
            records += tail
            try emit([
                BuiltSite.File(path: articlesPath, contents: consume records),
                BuiltSite.File(path: Contract.chunksPath(locale), contents: consume chunkLines),
            ])
        }
        var contract = BuiltContract(options: options)
        contract.codes = codes(linked)
        contract.index = index(linked, counts: counts)
        try emit(contract.wholeFiles() + contract.schemaFiles())
    }

    /// What the entry point says of a language.
    struct LanguageCounts {
        var articles: Int
        var entries: Int
        var codes: Int

        init(_ articles: [ArticleRecord]) {
            self.articles = articles.count
            entries = articles.reduce(0) { $0 + $1.entries.count }
            codes = articles.reduce(into: Set()) { $0.formUnion(Self.codes(of: $1)) }.count
        }

        init(articles: Int, entries: Int, codes: Int) {
            self.articles = articles
            self.entries = entries
            self.codes = codes
        }

        /// The well-formed codes of an article's entries.
        static func codes(of article: ArticleRecord) -> Set<String> {
            Set(article.entries.flatMap { $0.codes.filter { $0.kind != .malformed }.map(\.code) })
        }
    }

    /// An address in the site: absolute when the site's address is known.
    func url(_ path: String) -> String { (options.baseURL ?? "") + SitePaths.url(path) }

    // MARK: Articles

    /// What one article adds to its language's files: its record and chunks, and each encoded
    /// as it is written.
    struct ArticleOutput: Sendable {
        var record: ArticleRecord
        var chunks: [Chunk]
        var encoded: BuiltContract.Encoded
    }

    private func language(_ locale: String, _ linked: LinkedKnowledgeBase, memo: OutputMemo?)
        -> (ArticlesFile, [Chunk], [ArticleOutput])
    {
        let indices = linked.articles.indices.filter { linked.articles[$0].locale == locale }
        let results = ConcurrentResults<ArticleOutput>(count: indices.count)
        let chunker = ChunkBuilder(contract: self)
        DispatchQueue.concurrentPerform(iterations: indices.count) { position in
            let index = indices[position]
            let make = {
                let (record, chunks) = (article(index, linked), chunker.chunks(of: index, linked))
                return ArticleOutput(record: record, chunks: chunks, encoded: BuiltContract.Encoded(record, chunks))
            }
            let source = linked.articles[index].source
            results.set(position, memo.value(Self.articleSlot, source, from: [source], make))
        }
        // With a memo and the same outline, the files are put together from the encoded parts
        // and nothing reads the values: they are left out.
        let values = memo?.sameOutline == true ? [] : results.values.map { ($0.record, $0.chunks) }
        let articlesPath = Contract.articlesPath(locale)
        return (
            ArticlesFile(schema: Contract.schemaReference("articles", from: articlesPath), formatVersion: Contract.formatVersion,
                         locale: locale, articles: values.map(\.0)),
            values.flatMap(\.1),
            results.values
        )
    }

    func article(_ index: Int, _ linked: LinkedKnowledgeBase) -> ArticleRecord {
        let article = linked.articles[index]
        let page = SitePaths.article(article)
        var translations: [String: String] = [:]
        for other in linked.translations(of: index) {
            translations[linked.articles[other].locale] = url(SitePaths.article(linked.articles[other]))
        }
        let rewrite = linkRewriter(for: article)
        let sections = article.sections
        let titles = Dictionary(sections.map { ($0.anchor, $0.titleText) }) { first, _ in first }
        return ArticleRecord(
            id: article.id, locale: article.locale, url: url(page), markdownURL: links.path(.markdownTwin, page).map(url), title: article.title,
            description: article.metadata.description, topic: article.metadata.topic, date: article.metadata.isoDate,
            msDate: article.metadata.date, translationKey: article.translationKey, translations: translations,
            sections: sections.filter { $0.level >= 1 }.map { section in
                SectionRecord(anchor: section.anchor, level: section.level, title: section.titleText, url: url(page + "#" + section.anchor))
            },
            entries: article.entries.indices.map {
                entry(EntryReference(article: index, entry: $0), linked, sectionTitles: titles, rewrite: rewrite)
            },
            procedures: article.procedures.map { procedure($0, page: page, rewrite: rewrite) })
    }

    func entry(_ reference: EntryReference, _ linked: LinkedKnowledgeBase, sectionTitles titles: [String: String],
               rewrite: (String) -> String) -> EntryRecord {
        let article = linked.article(reference)
        let entry = linked.entry(reference)
        let page = SitePaths.article(article)
        let anchor = entry.anchor ?? entry.id
        return EntryRecord(
            id: entry.id, anchor: entry.anchor, url: url(page + "#" + anchor), kind: EntryKind(entry.kind), title: entry.title,
            message: entry.message, messages: entry.messages, codes: entry.codes.map(Self.codeRecord),
            cause: text(entry.cause, rewrite: rewrite), resolution: text(entry.resolution, rewrite: rewrite),
            procedures: entry.procedures.map { procedure($0, page: page, rewrite: rewrite) }, platform: entry.platform,
            sectionPath: entry.sectionPath, section: entry.sectionPath.last.flatMap { titles[$0] },
            counterparts: linked.counterparts(of: reference).map { other in
                let otherArticle = linked.article(other)
                let otherEntry = linked.entry(other)
                return CounterpartRecord(locale: otherArticle.locale, articleId: otherArticle.id, entryId: otherEntry.id,
                                         url: url(SitePaths.article(otherArticle) + "#" + (otherEntry.anchor ?? otherEntry.id)))
            },
            chunk: Chunk.id(article: article.id, anchor: anchor, locale: article.locale))
    }

    func text(_ blocks: [Block], rewrite: (String) -> String) -> TextRecord? {
        let plain = blocks.plainText
        guard !plain.isEmpty else { return nil }
        return TextRecord(text: plain, markdown: blocks.markdown(links: rewrite))
    }

    func procedure(_ procedure: Procedure, page: String, rewrite: (String) -> String) -> ProcedureRecord {
        func records(_ steps: [Step]) -> [StepRecord] {
            steps.enumerated().map { index, step in
                StepRecord(position: index + 1, text: step.text, markdown: step.content.markdown(links: rewrite),
                           uiPath: step.uiPath, substeps: records(step.substeps))
            }
        }
        return ProcedureRecord(id: procedure.id, title: procedure.title, section: procedure.sectionAnchor,
                               url: url(page + "#" + procedure.sectionAnchor), steps: records(procedure.steps))
    }

    static func codeRecord(_ code: ErrorCode) -> CodeRecord {
        CodeRecord(code: code.code, raw: code.raw, kind: CodeKind(code.kind), aliases: code.aliases, hresult: hresult(code))
    }

    static func hresult(_ code: ErrorCode) -> HRESULTRecord? {
        guard code.kind == .hexadecimal, let value = HRESULT(code) else { return nil }
        return HRESULTRecord(
            signed: value.signedValue, unsigned: Int(value.value), severity: value.isFailure ? "failure" : "success",
            customerDefined: value.isCustomerDefined, facility: value.facility, facilityName: value.facilityName,
            code: value.code, win32Error: value.win32Error, win32ErrorName: value.win32ErrorName)
    }

    /// Rewrites a link written in an article for a reader outside its page: relative links to
    /// `.md` files become the pages' URLs, other relative links URLs in the site, in-page
    /// anchors the page's URL with the anchor.
    func linkRewriter(for article: Article) -> (String) -> String {
        let page = SitePaths.article(article)
        let folder = ContentPath.folder(of: page)
        return { destination in
            if destination.hasPrefix("#") { return url(page + destination) }
            guard ContentPath.isRelative(destination) else { return destination }
            let fragmentStart = destination.firstIndex(of: "#") ?? destination.endIndex
            guard let resolved = ContentPath.resolve(String(destination[..<fragmentStart]), from: folder) else { return destination }
            return url(SitePaths.pageLink(resolved + destination[fragmentStart...]))
        }
    }

    // MARK: Codes

    func codes(_ linked: LinkedKnowledgeBase) -> CodesFile {
        var codes: [String: CodeIndexRecord] = [:]
        for code in linked.codes.codes {
            let entries = code.entries.map { reference -> CodeEntryRecord in
                let article = linked.article(reference)
                let entry = linked.entry(reference)
                return CodeEntryRecord(articleId: article.id, entryId: entry.id, locale: article.locale,
                                       url: url(SitePaths.article(article) + "#" + (entry.anchor ?? entry.id)),
                                       title: entry.title, articleTitle: article.title)
            }
            codes[code.code] = CodeIndexRecord(
                code: code.code, kind: CodeKind(code.kind), forms: code.searchForms, aliases: code.aliases,
                hresult: Self.hresult(ErrorCode(code: code.code, raw: code.code, kind: code.kind)),
                locales: Array(Set(entries.map(\.locale))).sorted(), entries: entries)
        }
        return CodesFile(schema: Contract.schemaReference("codes", from: Contract.codesPath), formatVersion: Contract.formatVersion, codes: codes)
    }

    // MARK: Entry point

    func index(_ linked: LinkedKnowledgeBase, _ contract: BuiltContract) -> KnowledgeBaseIndex {
        index(linked, counts: contract.articles.mapValues { LanguageCounts($0.articles) })
    }

    func index(_ linked: LinkedKnowledgeBase, counts: [String: LanguageCounts]) -> KnowledgeBaseIndex {
        let languages = linked.locales.map { locale -> KnowledgeBaseIndex.Language in
            let counts = counts[locale] ?? LanguageCounts([])
            return KnowledgeBaseIndex.Language(
                locale: locale, name: SiteStrings.nativeName(of: locale), articles: counts.articles,
                entries: counts.entries, codes: counts.codes,
                files: KnowledgeBaseIndex.LanguageFiles(
                    articles: url(Contract.articlesPath(locale)), chunks: url(Contract.chunksPath(locale)),
                    searchRecords: links.path(.docSearchRecords, locale).map(url),
                    llms: links.path(.llms, locale).map(url),
                    llmsFull: links.path(.llmsFull, locale).map(url), home: url(SitePaths.home(locale)),
                    search: url(SitePaths.search(locale))))
        }
        return KnowledgeBaseIndex(
            schema: Contract.schemaReference("kb", from: Contract.indexPath), formatVersion: Contract.formatVersion,
            generator: "kb \(Self.version)", title: options.title, baseURL: options.baseURL, languages: languages,
            files: KnowledgeBaseIndex.Files(
                codes: url(Contract.codesPath), llms: links.path(.llms).map(url),
                schemas: Dictionary(uniqueKeysWithValues: Schemas.names.map { ($0, url(Contract.schemaPath($0))) })))
    }

    public static let version = "0.1.0"
}

/// The contract's values, and their files.
public struct BuiltContract: Sendable {
    /// What the contract keeps for the next build: each language's files, and those of the
    /// whole site.
    static let languageSlot = MemoSlot<[BuiltSite.File]>("contract.language")
    static let wholeSlot = MemoSlot<[BuiltSite.File]>("contract.whole")
    public var index: KnowledgeBaseIndex
    public var codes: CodesFile
    /// The values of each language (empty in a build that reuses a memo's parts: `files()` is
    /// then what to read).
    public var articles: [String: ArticlesFile] = [:]
    public var chunks: [String: [Chunk]] = [:]
    /// What each article adds to its language's files, encoded, in order.
    var encoded: [String: [ContractBuilder.ArticleOutput]] = [:]
    /// With a memo, a language's files are put together again only when one of its articles
    /// (`sources`) changed, and the code index and the entry point only when the outline did.
    var memo: OutputMemo?
    var sources: [String: [String]] = [:]
    /// The contract with its code index and entry point made.
    var whole: (@Sendable (BuiltContract) -> BuiltContract)?
    let baseURL: String?

    /// An article's values as JSON, to be put together into its language's files.
    struct Encoded: Sendable {
        var record: [UInt8]
        var chunkLines: [UInt8]

        /// An article's record as compact JSON, and its chunks a line each.
        init(_ record: ArticleRecord, _ chunks: [Chunk]) {
            var json = JSONWriter()
            record.write(to: &json)
            self.record = json.bytes
            chunkLines = []
            for chunk in chunks { chunk.writeLine(into: &chunkLines) }
        }
    }

    init(options: SiteOptions) {
        baseURL = options.baseURL
        index = KnowledgeBaseIndex(schema: "", formatVersion: Contract.formatVersion, generator: "", title: options.title,
                                   baseURL: options.baseURL, languages: [], files: .init(codes: "", llms: "", schemas: [:]))
        codes = CodesFile(schema: "", formatVersion: Contract.formatVersion, codes: [:])
    }

    /// The JSON files under `api/v1/` and their schemas: sorted keys, so the same content gives
    /// the same bytes.
    public func files() -> [BuiltSite.File] {
        let locales = articles.keys.sorted()
        let perLocale = ConcurrentResults<[BuiltSite.File]>(count: locales.count)
        DispatchQueue.concurrentPerform(iterations: locales.count) { index in
            let locale = locales[index]
            guard let memo else { return perLocale.set(index, languageFiles(locale)) }
            perLocale.set(index, memo.value(BuiltContract.languageSlot, locale, from: sources[locale] ?? []) { languageFiles(locale) })
        }
        let whole = { (memo?.sameOutline == true ? self.whole?(self) ?? self : self).wholeFiles() }
        return memo.value(BuiltContract.wholeSlot, "", from: [], whole) + perLocale.values.flatMap { $0 } + schemaFiles()
    }

    /// The entry point and the code index.
    func wholeFiles() -> [BuiltSite.File] {
        [
            BuiltSite.File(path: Contract.indexPath, contents: Self.prettyJSON(index)),
            BuiltSite.File(path: Contract.codesPath, contents: Self.json(codes)),
        ]
    }

    /// The JSON Schemas of the files.
    func schemaFiles() -> [BuiltSite.File] {
        Schemas.names.map { BuiltSite.File(path: Contract.schemaPath($0), contents: Schemas.json($0, baseURL: baseURL)) }
    }

    /// A language's articles file (its articles' encoded records spliced into the file without
    /// them) and chunks file. Compact JSON writes a value inside an array as it writes it alone,
    /// so the files are what the encoder would write of the whole.
    func languageFiles(_ locale: String) -> [BuiltSite.File] {
        var header = articles[locale]!
        header.articles = []
        let parts = (encoded[locale] ?? []).map(\.encoded)
        return [
            BuiltSite.File(path: Contract.articlesPath(locale), contents: Self.splice(parts.map(\.record), into: Self.json(header), at: "articles")),
            BuiltSite.File(path: Contract.chunksPath(locale), contents: parts.flatMap(\.chunkLines)),
        ]
    }

    /// One JSON value, compact with sorted keys, and a line feed.
    static func json(_ value: some Encodable, lineFeed: Bool = true) -> [UInt8] {
        // Encoding these plain values cannot fail: no floats, no invalid keys.
        try! JSONWriter.encode(value) + (lineFeed ? [0x0A] : [])
    }

    /// The entry point, indented for people who open it.
    static func prettyJSON(_ value: some Encodable) -> [UInt8] {
        try! JSONWriter.encode(value, style: .pretty) + [0x0A]
    }

    /// `file` (compact JSON with an empty array under `key`) with `items` in that array.
    static func splice(_ items: [[UInt8]], into file: [UInt8], at key: String) -> [UInt8] {
        var (result, tail) = split(file, at: key)
        for (index, item) in items.enumerated() {
            if index > 0 { result.append(UInt8(ascii: ",")) }
            result += item
        }
        return result + tail
    }

    /// `file` (compact JSON with an empty array under `key`) cut inside that array: what goes
    /// before its items, and what goes after them.
    static func split(_ file: [UInt8], at key: String) -> (head: [UInt8], tail: [UInt8]) {
        let empty = Array("\"\(key)\":[]".utf8)
        guard let start = file.firstRange(of: empty)?.lowerBound else { preconditionFailure("no empty \(key) array to fill") }
        return (Array(file[..<(start + empty.count - 1)]), Array(file[(start + empty.count - 1)...]))
    }
}

extension EntryKind {
    init(_ kind: ErrorEntry.Kind) {
        switch kind {
        case .section: self = .section
        case .tableRow: self = .tableRow
        }
    }
}

extension CodeKind {
    init(_ kind: ErrorCode.Kind) {
        switch kind {
        case .hexadecimal: self = .hexadecimal
        case .symbolic: self = .symbolic
        case .decimal: self = .decimal
        case .eventID: self = .eventID
        case .malformed: self = .malformed
        }
    }
}
