import Dispatch
import KBCore
import KBLinking
import KBModel

/// Builds the search index of each locale, split into files a browser loads only when a query
/// needs them, each a script (`kbSearch.register(…)`) so that search works from `file://` too:
///
/// - `search/<locale>/manifest.js`: counts, shard names, the folding table, dropped terms;
/// - `search/<locale>/c-<key>.js`: the codes with a form (`0x80cf0437`, `80cf0437`, `-942583883`,
///   `devicecapreached`) starting with `<key>`, and their documents;
/// - `search/<locale>/t-<key>.js`: terms starting with `<key>`, each with its postings written
///   compactly (`PostingEncoding`);
/// - `search/<locale>/r-<n>.js`: what a result shows of 32 documents: kind, title, anchor,
///   snippet (an entry's message, else the start of its text) and codes, with the titles and
///   paths of their articles written once.
public struct SearchIndexBuilder: Sendable {
    public static let formatVersion = 2
    static let documentsPerShard = 32
    static let excerptLength = 200

    public init() {}

    /// Field bits of a posting: where in the document the term is.
    enum Field: Int {
        case body = 1, message = 2, title = 4, code = 8
    }

    struct Document {
        enum Kind: String { case article = "a", section = "s", entry = "e" }
        var kind: Kind
        var title: String
        /// The index of the document's article in `LinkedKnowledgeBase.articles`.
        var article: Int
        /// Empty for the article itself.
        var anchor: String
        var codes: [String]
        var message: String
        var body: String
    }

    public func build(_ linked: LinkedKnowledgeBase) -> [BuiltSite.File] {
        let locales = linked.locales
        let results = ConcurrentResults<[BuiltSite.File]>(count: locales.count)
        DispatchQueue.concurrentPerform(iterations: locales.count) { index in
            results.set(index, files(for: locales[index], linked))
        }
        var list = Array("kbSearch.register(\"\",\"locales\",".utf8)
        JSONValue.strings(locales).write(into: &list, indent: 0, level: 0)
        list += Array(");\n".utf8)
        return [BuiltSite.File(path: "search/locales.js", contents: list)] + results.values.flatMap { $0 }
    }

    // MARK: Documents

    func documents(for locale: String, _ linked: LinkedKnowledgeBase) -> (documents: [Document], entryDocuments: [EntryReference: Int]) {
        var documents: [Document] = []
        var entryDocuments: [EntryReference: Int] = [:]
        for (articleIndex, article) in linked.articles.enumerated() where article.locale == locale {
            var entryOfAnchor: [String: Int] = [:]
            for (index, entry) in article.entries.enumerated() {
                if let anchor = entry.anchor { entryOfAnchor[anchor] = index }
            }
            let root = article.document.subsections.first { $0.level == 1 } ?? article.document
            let intro = ([article.metadata.description ?? ""] + [root.blocks.searchText]).joined(separator: "\n")
            documents.append(Document(kind: .article, title: article.title, article: articleIndex, anchor: "",
                                      codes: [], message: "", body: intro))
            for section in article.sections where section.level > 1 {
                if let entryIndex = entryOfAnchor[section.anchor], article.entries[entryIndex].kind == .section {
                    continue  // Indexed as the entry below, with its cause and resolution.
                }
                documents.append(Document(kind: .section, title: section.titleText, article: articleIndex,
                                          anchor: section.anchor, codes: [], message: "", body: section.blocks.searchText))
            }
            for (entryIndex, entry) in article.entries.enumerated() {
                entryDocuments[EntryReference(article: articleIndex, entry: entryIndex)] = documents.count
                documents.append(Document(
                    kind: .entry, title: entry.title, article: articleIndex, anchor: entry.anchor ?? "",
                    codes: entry.codes.filter { $0.kind != .malformed }.map(\.code) + entry.codes.filter { $0.kind == .malformed }.map(\.raw),
                    message: entry.messages.filter { $0 != entry.title }.joined(separator: "\n"),
                    body: (entry.cause + entry.resolution).searchText))
            }
        }
        return (documents, entryDocuments)
    }

    // MARK: Files

    func files(for locale: String, _ linked: LinkedKnowledgeBase) -> [BuiltSite.File] {
        let (documents, entryDocuments) = documents(for: locale, linked)
        let folder = "search/\(locale)/"
        func script(_ name: String, _ value: JSONValue) -> BuiltSite.File {
            var bytes = Array("kbSearch.register(".utf8)
            JSONValue.writeString(locale, into: &bytes)
            bytes.append(UInt8(ascii: ","))
            JSONValue.writeString(name, into: &bytes)
            bytes.append(UInt8(ascii: ","))
            value.write(into: &bytes, indent: 0, level: 0)
            bytes += Array(");\n".utf8)
            return BuiltSite.File(path: folder + name + ".js", contents: Self.scriptSafe(bytes))
        }

        // Postings: term → documents in order, each with its weight.
        let perDocument = ConcurrentResults<[String: Int]>(count: documents.count)
        DispatchQueue.concurrentPerform(iterations: documents.count) { index in
            perDocument.set(index, Self.termWeights(of: documents[index]))
        }
        var postings: [String: [(document: Int, weight: Int)]] = [:]
        for (index, weights) in perDocument.values.enumerated() {
            for (term, weight) in weights { postings[term, default: []].append((index, weight)) }
        }
        // Terms in more than half the documents carry no information; they are left out and
        // the query skips them (the manifest lists them).
        let stopLimit = max(documents.count / 2, 50)
        let stopTerms = postings.filter { $0.value.count > stopLimit }.map(\.key).sorted()
        for term in stopTerms { postings[term] = nil }

        var shards: [String: [String: JSONValue]] = [:]
        for (term, list) in postings {
            shards[Self.shardKey(for: term), default: [:]][term] = .string(PostingEncoding.encode(list))
        }
        var files: [BuiltSite.File] = []
        for (key, terms) in shards { files.append(script("t-" + key, .object(terms))) }

        // Codes, with every form they may be typed in, in the shard of each form's start.
        var codeShards: [String: [JSONValue]] = [:]
        for code in linked.codes.codes {
            let documentIDs = code.entries.compactMap { entryDocuments[$0] }.sorted()
            guard !documentIDs.isEmpty else { continue }
            let forms = Self.searchForms(of: code)
            let record = JSONValue.array([.string(code.code), .strings(forms), .array(documentIDs.map(JSONValue.int))])
            for key in Set(forms.map(Self.codeShardKey)) { codeShards[key, default: []].append(record) }
        }
        for (key, records) in codeShards { files.append(script("c-" + key, .array(records))) }

        // Results: [kind, article, title, anchor, snippet, codes…], the article a number into the
        // shard's own list of [title, path]; an article's own document has no title or anchor.
        for start in stride(from: 0, to: documents.count, by: Self.documentsPerShard) {
            var articleSlots: [Int: Int] = [:]
            var articles: [JSONValue] = []
            let records = documents[start..<min(start + Self.documentsPerShard, documents.count)].map { document -> JSONValue in
                let slot = articleSlots[document.article] ?? {
                    let article = linked.articles[document.article]
                    articles.append(.array([.string(article.title), .string(SitePaths.article(article))]))
                    articleSlots[document.article] = articles.count - 1
                    return articles.count - 1
                }()
                let isArticle = document.kind == .article
                return .array([.string(document.kind.rawValue), .int(slot), .string(isArticle ? "" : document.title),
                               .string(document.anchor),
                               .string(Self.excerpt(document.message.isEmpty ? document.body : document.message))]
                              + document.codes.map(JSONValue.string))
            }
            files.append(script("r-\(start / Self.documentsPerShard)", .object(["articles": .array(articles), "documents": .array(records)])))
        }

        files.append(script("manifest", .object([
            "version": .int(Self.formatVersion), "locale": .string(locale), "name": .string(SiteStrings.nativeName(of: locale)),
            "documents": .int(documents.count),
            "documentsPerShard": .int(Self.documentsPerShard),
            "termShards": .strings(shards.keys.sorted()), "codeShards": .strings(codeShards.keys.sorted()),
            "stopTerms": .strings(stopTerms),
            "fold": .object(Dictionary(uniqueKeysWithValues: TextFolding.latinBase.map { key, value in
                (String(Unicode.Scalar(key)!), JSONValue.string(value))
            })),
        ])))
        return files.sorted { $0.path < $1.path }
    }

    /// The weight of each term in a document: where it occurs (field bits) and how often.
    static func termWeights(of document: Document) -> [String: Int] {
        var fields: [String: Int] = [:]
        var counts: [String: Int] = [:]
        func add(_ text: String, _ field: Field) {
            for term in SearchTokenizer.terms(in: text) {
                fields[term.text, default: 0] |= field.rawValue
                counts[term.text, default: 0] += 1
            }
        }
        add(document.title, .title)
        add(document.message, .message)
        add(document.codes.joined(separator: " "), .code)
        add(document.body, .body)
        var weights: [String: Int] = [:]
        for (term, bits) in fields { weights[term] = PostingEncoding.weight(fields: bits, count: counts[term] ?? 1) }
        return weights
    }

    /// The file a term lives in: its first two characters when both are ASCII letters or
    /// digits, else its first character (hexadecimal when it is not ASCII).
    public static func shardKey(for term: String) -> String {
        let scalars = Array(term.unicodeScalars.prefix(2))
        func isPlain(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
        }
        guard let first = scalars.first else { return "_" }
        guard isPlain(first) else { return "u" + String(first.value, radix: 16) }
        if scalars.count > 1, isPlain(scalars[1]) { return String(first) + String(scalars[1]) }
        return String(first) + "_"
    }

    /// The shard of a code form: its first four characters after a `0x`, a minus sign written
    /// `m` and anything else that is not a lower-case ASCII letter, digit or `_` written `_`.
    /// `0x80cf0437`, `80cf0437` and `80CF04…` typed so far meet in `c-80cf`.
    public static func codeShardKey(for form: String) -> String {
        var significant = Substring(form.lowercased())
        if significant.hasPrefix("0x"), significant.count > 2 { significant = significant.dropFirst(2) }
        return String(significant.unicodeScalars.prefix(4).map { scalar -> Character in
            switch scalar {
            case "-": "m"
            case "a"..."z", "0"..."9", "_": Character(scalar)
            default: "_"
            }
        })
    }

    /// How a code may be typed: `0x80cf0437`, `80cf0437`, its decimal forms (given by the content
    /// or computed: `-942583883`), a symbolic name in lower case.
    static func searchForms(of code: CodeIndex.Code) -> [String] {
        var forms = [code.code.lowercased()]
        if code.kind == .hexadecimal, code.code.hasPrefix("0x") {
            forms.append(String(code.code.dropFirst(2)).lowercased())
            if let hresult = HRESULT(ErrorCode(code: code.code, raw: code.code, kind: .hexadecimal)) {
                forms.append(String(hresult.signedValue))
                forms.append(String(hresult.value))
            }
        }
        forms += code.aliases
        var seen: Set<String> = []
        return forms.filter { seen.insert($0).inserted }
    }

    /// The first sentences of a text, for snippets.
    static func excerpt(_ text: String) -> String {
        let collapsed = text.collapsingWhitespace
        guard collapsed.count > excerptLength else { return collapsed }
        let cut = collapsed.prefix(excerptLength)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + " …"
    }

    /// A script must never hold `</script` or HTML comment openers: `<` is written `\u003c`
    /// (it only occurs inside JSON strings here).
    static func scriptSafe(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "<")) else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 16)
        for byte in bytes {
            if byte == UInt8(ascii: "<") { result += Array("\\u003c".utf8) } else { result.append(byte) }
        }
        return result
    }
}

extension Array where Element == Block {
    /// The text of blocks for the search index: what readers see, without the rows of error
    /// tables (each row is a document of its own).
    var searchText: String {
        compactMap { block -> String? in
            if case .table(let table) = block, table.rows.contains(where: { $0.entryID != nil }) { return nil }
            return block.plainText
        }.joined(separator: "\n")
    }
}
