import Dispatch
import Foundation
import KBOutput
import KBCore
import KBLinking
import KBModel
import KBText

/// Builds the search index of each locale, split into files a browser loads only when a query
/// needs them, each a script (`kbSearch.register(…)`) so that search works from `file://` too:
///
/// - `search/<locale>/manifest.js`: counts, shard names and the files that hold them, the
///   folding table, dropped terms;
/// - code shards `c-<key>`: the codes with a form (`0x80cf0437`, `80cf0437`, `-942583883`,
///   `devicecapreached`) starting with `<key>`, and their documents;
/// - term shards `t-<key>`: terms starting with `<key>`, each with its postings written
///   compactly (`PostingEncoding`);
/// - `search/<locale>/lengths.js`: how many terms each document's title and message have, which
///   ranking reads for queries with words;
/// - `search/<locale>/r-<n>.js`: what a result shows of 32 documents: kind, title, anchor,
///   passages (the lead: an entry's message, else the start of its text; and up to two more: an
///   entry's cause and resolution, a section's next paragraphs; the browser shows the one with
///   the most words of the query) and codes, with the titles and paths of their articles
///   written once.
///
/// Code and term shards are small (a kilobyte or two), so they are gathered, in the order of
/// their keys, into files of about `codeFileBytes` and `termFileBytes`, each named after its
/// first shard (`t-ge.js` holds `ge`, `gg`, … up to the next file's first key): a query loads
/// a few files of some kilobytes, and the site has a few hundred files instead of thousands.
public struct SearchIndexBuilder: Sendable {
    public static let formatVersion = 5
    /// The folder of the site the index lies in (the pages' `search.js` loads it from there).
    public static let folder = "search/"
    static let documentsPerShard = 32
    /// What the index keeps for the next build: each article's documents with their term
    /// weights, and each language's index, patched by the next build.
    static let documentsSlot = MemoSlot<[(Document, TermWeights)]>("search.documents")
    static let indexSlot = MemoSlot<LocaleIndex>("search.index")
    /// The size from which a file of code or term shards is closed and the next one begun.
    var codeFileBytes = 8 * 1024
    var termFileBytes = 16 * 1024
    /// The most characters a result's snippet shows (`search: excerpt-length` in kb.yml).
    public var excerptLength: Int

    public init(excerptLength: Int = 200) {
        self.excerptLength = excerptLength
    }

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
        /// Texts after the lead a result may show instead (an entry's cause and resolution).
        var more: [String] = []
        /// What a result shows: made from the rest once the terms are weighed (`passages`).
        var passages: [String] = []
    }

    /// With a memo, only the changed articles are read again for terms, and only the files they
    /// touch are written again (`LocaleIndex`).
    public func build(_ linked: LinkedKnowledgeBase, memo: OutputMemo? = nil) -> [BuiltSite.File] {
        let locales = linked.locales
        let results = ConcurrentResults<[BuiltSite.File]>(count: locales.count)
        DispatchQueue.concurrentPerform(iterations: locales.count) { index in
            let locale = locales[index]
            results.set(index, files(for: locale, linked, memo: memo))
        }
        return [localeList(linked)] + results.values.flatMap { $0 }
    }

    /// The same files, a language at a time: each language's index is made and handed to
    /// `emit`, and let go before the next is made.
    public func build(_ linked: LinkedKnowledgeBase, memo: OutputMemo? = nil, emit: ([BuiltSite.File]) throws -> Void) rethrows {
        try emit([localeList(linked)])
        for locale in linked.locales {
            try emit(files(for: locale, linked, memo: memo))
        }
    }

    /// `search/locales.js`: the languages searched.
    private func localeList(_ linked: LinkedKnowledgeBase) -> BuiltSite.File {
        var list = Array("kbSearch.register(\"\",\"locales\",".utf8)
        JSONWriter.append(to: &list) { $0.value(.strings(linked.locales)) }
        list += Array(");\n".utf8)
        return BuiltSite.File(path: Self.folder + "locales.js", contents: list)
    }

    // MARK: Documents

    /// A language's documents in order, the weight of each term in each, and the document of
    /// each entry.
    typealias Documents = (documents: [Document], weights: [TermWeights], entryDocuments: [EntryReference: Int])

    func documents(for locale: String, _ linked: LinkedKnowledgeBase, memo: OutputMemo? = nil) -> Documents {
        let articles = linked.articles.indices.filter { linked.articles[$0].locale == locale }
        let perArticle = ConcurrentResults<[(Document, TermWeights)]>(count: articles.count)
        DispatchQueue.concurrentPerform(iterations: articles.count) { index in
            // Once its terms are weighed, a document keeps of its text only the passages a result
            // may show, so that a language's whole text is not held while its index is made.
            let make = {
                Self.documents(of: articles[index], linked).map { document in
                    let weights = Self.termWeights(of: document)
                    var kept = document
                    kept.passages = Self.passages(of: document, length: excerptLength)
                    kept.body = ""
                    kept.more = []
                    return (kept, weights)
                }
            }
            let source = linked.articles[articles[index]].source
            // Kept from the last build, the documents name the article's place then: an article
            // added or removed before it moves it.
            perArticle.set(index, memo.value(Self.documentsSlot, source, from: [source], make).map { document, weights in
                var document = document
                document.article = articles[index]
                return (document, weights)
            })
        }
        var documents: [Document] = []
        var weights: [TermWeights] = []
        var entryDocuments: [EntryReference: Int] = [:]
        for (index, pairs) in perArticle.values.enumerated() {
            let list = pairs.map(\.0)
            weights += pairs.map(\.1)
            // An article's entries come last, in order.
            let entryCount = linked.articles[articles[index]].entries.count
            for entry in 0..<entryCount {
                entryDocuments[EntryReference(article: articles[index], entry: entry)] = documents.count + list.count - entryCount + entry
            }
            documents += list
        }
        return (documents, weights, entryDocuments)
    }

    /// An article's documents: itself, its sections that are not entries, its entries in order.
    static func documents(of articleIndex: Int, _ linked: LinkedKnowledgeBase) -> [Document] {
        let article = linked.articles[articleIndex]
        var documents: [Document] = []
        let sectionEntries = article.entryPlaces.sections
        let root = article.document.subsections.first { $0.level == 1 } ?? article.document
        let intro = ([article.metadata.description ?? ""] + [root.blocks.searchText]).joined(separator: "\n")
        documents.append(Document(kind: .article, title: article.title, article: articleIndex, anchor: "",
                                  codes: [], message: "", body: intro))
        for section in article.sections where section.level > 1 {
            if sectionEntries[section.anchor] != nil {
                continue  // Indexed as the entry below, with its cause and resolution.
            }
            documents.append(Document(kind: .section, title: section.titleText, article: articleIndex,
                                      anchor: section.anchor, codes: [], message: "", body: section.blocks.searchText))
        }
        for entry in article.entries {
            documents.append(Document(
                kind: .entry, title: entry.title, article: articleIndex, anchor: entry.anchor ?? "",
                codes: entry.codes.filter { $0.kind != .malformed }.map(\.code) + entry.codes.filter { $0.kind == .malformed }.map(\.raw),
                message: entry.messages.filter { $0 != entry.title }.joined(separator: "\n"),
                body: (entry.cause + entry.resolution).searchText, more: [entry.cause.searchText, entry.resolution.searchText]))
        }
        return documents
    }

    // MARK: Files

    /// A language's index: its documents, their terms, and its files. Kept from one build to the
    /// next (`kb serve`): when the outline did not change, the documents are the same ones at
    /// the same places, so a build changes the postings of the changed documents only and
    /// writes again only the shards they touch.
    struct LocaleIndex: Sendable {
        var documents: [Document]
        /// The source of each document's article: the documents are the same ones in the next
        /// build when these are (the articles' places in the whole list may have moved).
        var sources: [String]
        var weights: [TermWeights]
        /// Every term's postings, stop terms included.
        var postings: [String: [(document: Int, weight: Int)]]
        var stopTerms: Set<String>
        /// The terms of each term shard, stop terms left out.
        var shardTerms: [String: Set<String>]
        /// Each term and code shard by key: its `kbSearch.register(…);` line.
        var termShards: [String: [UInt8]]
        var codeShards: [String: [UInt8]]
        var resultFiles: [BuiltSite.File]
        /// How many terms each document's title and message have (`fieldLengths`).
        var lengths: FieldLengths
        /// The shards gathered into files, and the manifest that names them.
        var shardFiles: [BuiltSite.File]
        var manifest: BuiltSite.File
        /// `lengths.js`: `lengths`, for the queries with words only (a code alone needs none).
        var lengthsFile: BuiltSite.File

        var files: [BuiltSite.File] {
            (shardFiles + resultFiles + [manifest, lengthsFile]).sorted { $0.path < $1.path }
        }
    }

    func files(for locale: String, _ linked: LinkedKnowledgeBase, memo: OutputMemo? = nil) -> [BuiltSite.File] {
        files(for: locale, linked, documents(for: locale, linked, memo: memo), memo: memo)
    }

    /// A language's files from its documents.
    private func files(for locale: String, _ linked: LinkedKnowledgeBase, _ made: consuming Documents, memo: OutputMemo?) -> [BuiltSite.File] {
        let (documents, weights, entryDocuments) = made
        // Without a memo nothing reads the weights again: the index lets each go once it is in the
        // postings, so that both are not held whole at once.
        guard let memo else { return index(locale, linked, documents, consume weights, entryDocuments, previous: nil, keepForPatching: false).files }
        let previous: LocaleIndex? = memo.previousValue(Self.indexSlot, locale)
        // A language none of whose documents changed keeps its index and files as they were.
        let sources = documents.map { linked.articles[$0.article].source }
        if let previous, previous.sources == sources, memo.sameCodes,
           sources.allSatisfy(memo.isUnchanged),
           zip(previous.documents, documents).allSatisfy({ $0.kind == $1.kind }) {
            memo.store(Self.indexSlot, locale, previous)
            return previous.files
        }
        let index = index(locale, linked, documents, weights, entryDocuments, previous: previous.flatMap { previous in
            // The documents that may differ: those of articles not reused.
            let changed = documents.indices.filter { !memo.isUnchanged(linked.articles[documents[$0].article].source) }
            // Patched only when every document is where it was, of the same article and kind: the
            // code shards, which name entries' documents, are kept as they were unless the code
            // index changed.
            let same = previous.sources == sources && zip(previous.documents, documents).allSatisfy { $0.kind == $1.kind }
            return same ? (previous, changed, memo.sameCodes) : nil
        })
        memo.store(Self.indexSlot, locale, index)
        return index.files
    }

    /// The language's index, made from scratch, or from the last build's with the documents
    /// `changed` made again.
    func index(
        _ locale: String, _ linked: LinkedKnowledgeBase, _ documents: [Document], _ weights: consuming [TermWeights],
        _ entryDocuments: [EntryReference: Int], previous: (index: LocaleIndex, changed: [Int], sameCodes: Bool)?, keepForPatching: Bool = true
    ) -> LocaleIndex {
        let folder = Self.folder + locale + "/"
        @Sendable func register(_ name: String, _ value: JSONValue) -> [UInt8] {
            var bytes = Array("kbSearch.register(".utf8)
            JSONWriter.writeString(locale, into: &bytes)
            bytes.append(UInt8(ascii: ","))
            JSONWriter.writeString(name, into: &bytes)
            bytes.append(UInt8(ascii: ","))
            JSONWriter.append(to: &bytes) { $0.value(value) }
            bytes += Array(");\n".utf8)
            return Self.scriptSafe(bytes)
        }
        @Sendable func script(_ name: String, _ value: JSONValue) -> BuiltSite.File {
            BuiltSite.File(path: folder + name + ".js", contents: register(name, value))
        }
        // Terms in more than half the documents carry no information; they are left out and
        // the query skips them (the manifest lists them).
        let stopLimit = max(documents.count / 2, 50)
        @Sendable func termShard(_ key: String, _ terms: Set<String>, _ postings: [String: [(document: Int, weight: Int)]]) -> [UInt8] {
            var object: [String: JSONValue] = [:]
            for term in terms { object[term] = .string(PostingEncoding.encode(postings[term]!)) }
            return register("t-" + key, .object(object))
        }
        // Results: [kind, article, title, anchor, passages, codes…] (passages a string when there
        // is one, else an array, the lead first), the article a number into the
        // shard's own list of [title, path]; an article's own document has no title or anchor.
        @Sendable func resultShard(_ number: Int) -> BuiltSite.File {
            let start = number * Self.documentsPerShard
            var articleSlots: [Int: Int] = [:]
            var articles: [JSONValue] = []
            let records = documents[start..<min(start + Self.documentsPerShard, documents.count)].map { document -> JSONValue in
                let slot = articleSlots[document.article] ?? {
                    let article = linked.articles[document.article]
                    articles.append(.array([.string(article.title), .string(SitePaths.url(SitePaths.article(article)))]))
                    articleSlots[document.article] = articles.count - 1
                    return articles.count - 1
                }()
                let isArticle = document.kind == .article
                return .array([.string(document.kind.rawValue), .int(slot), .string(isArticle ? "" : document.title),
                               .string(document.anchor),
                               document.passages.count == 1 ? .string(document.passages[0]) : .strings(document.passages)]
                              + document.codes.map(JSONValue.string))
            }
            return script("r-\(number)", .object(["articles": .array(articles), "documents": .array(records)]))
        }
        // The shards gathered into files, and the manifest: the shards' keys, and the first key
        // of each file (a shard is in the last file whose first key is not after its own).
        func finish(
            postings: [String: [(document: Int, weight: Int)]], weights: [TermWeights], stopTerms: Set<String>,
            shardTerms: [String: Set<String>], termShards: [String: [UInt8]], codeShards: [String: [UInt8]], resultFiles: [BuiltSite.File],
            lengths: FieldLengths
        ) -> LocaleIndex {
            let termFiles = Self.gather(termShards, atLeast: termFileBytes)
            let codeFiles = Self.gather(codeShards, atLeast: codeFileBytes)
            let shardFiles = termFiles.map { BuiltSite.File(path: folder + "t-" + $0.first + ".js", contents: $0.contents) }
                + codeFiles.map { BuiltSite.File(path: folder + "c-" + $0.first + ".js", contents: $0.contents) }
            let manifest = script("manifest", .object([
                "version": .int(Self.formatVersion), "locale": .string(locale), "name": .string(SiteStrings.nativeName(of: locale)),
                "documents": .int(documents.count),
                "documentsPerShard": .int(Self.documentsPerShard),
                "termShards": .strings(termShards.keys.sorted()), "codeShards": .strings(codeShards.keys.sorted()),
                "termFiles": .strings(termFiles.map(\.first)), "codeFiles": .strings(codeFiles.map(\.first)),
                "stopTerms": .strings(stopTerms.sorted()),
                "fold": .object(Dictionary(uniqueKeysWithValues: TextFolding.latinBase.map { key, value in
                    (String(Unicode.Scalar(key)!), JSONValue.string(value))
                })),
            ]))
            return LocaleIndex(
                documents: keepForPatching ? documents : [], sources: keepForPatching ? documents.map { linked.articles[$0.article].source } : [],
                weights: weights, postings: postings, stopTerms: stopTerms, shardTerms: shardTerms,
                termShards: keepForPatching ? termShards : [:], codeShards: keepForPatching ? codeShards : [:], resultFiles: resultFiles,
                lengths: lengths, shardFiles: shardFiles, manifest: manifest,
                lengthsFile: script("lengths", .object(["title": .string(lengths.title), "message": .string(lengths.message)])))
        }

        // A patch counts again the changed documents' terms only.
        // Codes, with every form they may be typed in, in the shard of each form's start.
        func makeCodeShards() -> [String: [UInt8]] {
            var codeShards: [String: [JSONValue]] = [:]
            for code in linked.codes.codes {
                let documentIDs = code.entries.compactMap { entryDocuments[$0] }.sorted()
                guard !documentIDs.isEmpty else { continue }
                let forms = code.searchForms
                let record = JSONValue.array([.string(code.code), .strings(forms), .array(documentIDs.map(JSONValue.int))])
                for key in Set(forms.map(Self.codeShardKey)) { codeShards[key, default: []].append(record) }
            }
            let codeKeys = Array(codeShards.keys), codeRecords = codeShards
            let codes = ConcurrentResults<[UInt8]>(count: codeKeys.count)
            DispatchQueue.concurrentPerform(iterations: codeKeys.count) { index in
                codes.set(index, register("c-" + codeKeys[index], .array(codeRecords[codeKeys[index]]!)))
            }
            return Dictionary(uniqueKeysWithValues: zip(codeKeys, codes.values))
        }

        let lengths = previous.map { Self.fieldLengths(weights, patching: $0.index.lengths, changed: $0.changed) } ?? Self.fieldLengths(weights)
        if let (old, changed, sameCodes) = previous {
            // The postings of the changed documents' terms whose weight changed, taken out and put
            // in again in order: a sentence added touches its own words, not the article's.
            var postings = old.postings
            var touched: Set<String> = []
            for document in changed {
                let before = Dictionary(old.weights[document].map { ($0.term, $0.weight) }, uniquingKeysWith: { first, _ in first })
                let after = Dictionary(weights[document].map { ($0.term, $0.weight) }, uniquingKeysWith: { first, _ in first })
                for (term, weight) in before where after[term] != weight {
                    touched.insert(term)
                    postings[term]?.removeAll { $0.document == document }
                    if postings[term]?.isEmpty == true { postings[term] = nil }
                }
                for (term, weight) in after where before[term] != weight {
                    touched.insert(term)
                    let at = postings[term]?.firstIndex { $0.document > document } ?? postings[term]?.endIndex ?? 0
                    postings[term, default: []].insert((document, weight), at: at)
                }
            }
            var stopTerms = old.stopTerms
            var shardTerms = old.shardTerms
            var dirtyShards: Set<String> = []
            for term in touched {
                let key = Self.shardKey(for: term)
                dirtyShards.insert(key)
                let count = postings[term]?.count ?? 0
                if count > stopLimit { stopTerms.insert(term) } else { stopTerms.remove(term) }
                if count > 0, count <= stopLimit { shardTerms[key, default: []].insert(term) } else { shardTerms[key]?.remove(term) }
                if shardTerms[key]?.isEmpty == true { shardTerms[key] = nil }
            }
            var termShards = old.termShards
            for key in dirtyShards {
                termShards[key] = shardTerms[key].map { termShard(key, $0, postings) }
            }
            var resultFiles = old.resultFiles
            for number in Set(changed.map { $0 / Self.documentsPerShard }) { resultFiles[number] = resultShard(number) }
            return finish(
                postings: postings, weights: weights, stopTerms: stopTerms, shardTerms: shardTerms, termShards: termShards,
                codeShards: sameCodes ? old.codeShards : makeCodeShards(), resultFiles: resultFiles, lengths: lengths)
        }

        var weights = weights
        var postings = Self.postings(of: &weights, releasing: !keepForPatching)
        if !keepForPatching { weights = [] }
        var stopTerms: Set<String> = []
        var shardTerms: [String: Set<String>] = [:]
        for (term, list) in postings {
            if list.count > stopLimit { stopTerms.insert(term) } else { shardTerms[Self.shardKey(for: term), default: []].insert(term) }
        }
        // The shards, and below the code shards and result files, are written in parallel.
        var termShards: [String: [UInt8]] = [:]
        do {
            let keys = Array(shardTerms.keys), terms = shardTerms, finished = postings
            let made = ConcurrentResults<[UInt8]>(count: keys.count)
            DispatchQueue.concurrentPerform(iterations: keys.count) { index in
                made.set(index, termShard(keys[index], terms[keys[index]]!, finished))
            }
            termShards = Dictionary(uniqueKeysWithValues: zip(keys, made.values))
        }
        // Without a memo, what only a later build would patch goes now.
        if !keepForPatching {
            postings = [:]
            shardTerms = [:]
        }

        let codeShards = makeCodeShards()
        let resultCount = (documents.count + Self.documentsPerShard - 1) / Self.documentsPerShard
        let results = ConcurrentResults<BuiltSite.File>(count: resultCount)
        DispatchQueue.concurrentPerform(iterations: resultCount) { number in results.set(number, resultShard(number)) }
        let resultFiles = results.values
        return finish(
            postings: postings, weights: weights, stopTerms: stopTerms, shardTerms: shardTerms, termShards: termShards,
            codeShards: codeShards, resultFiles: resultFiles, lengths: lengths)
    }

    /// Postings: term → documents in order, each with its weight. Made on every core, each taking
    /// the terms of its part, which a term's bytes settle (`part(of:parts:)`), keyed by their
    /// bytes: a language's postings were one pass on one core, and hashing a String that is not
    /// ASCII checks its normalization on every lookup. The documents are gone through in blocks;
    /// with `releasing`, a block's weights are let go once every part has its terms, so that the
    /// weights and the postings are not both held whole. Canonically equivalent spellings of a
    /// term (in different documents) are put together at the end, under the spelling of the
    /// first document that has one, as one dictionary of Strings made in order would.
    static func postings(of weights: inout [TermWeights], releasing: Bool, parts: Int = postingParts, block: Int = 2048)
        -> [String: [(document: Int, weight: Int)]]
    {
        final class Part: @unchecked Sendable {
            var postings: [Spelling: [(document: Int, weight: Int)]] = [:]
        }
        let made = (0..<parts).map { _ in Part() }
        var start = 0
        while start < weights.count {
            let end = min(start + block, weights.count)
            let documents = Array(weights[start..<end])
            if releasing {
                for index in start..<end { weights[index] = [] }
            }
            // Each part is filled by one iteration at a time.
            DispatchQueue.concurrentPerform(iterations: parts) { [start] part in
                let target = made[part]
                for (offset, terms) in documents.enumerated() {
                    for (term, weight) in terms where Self.part(of: term, parts: parts) == part {
                        target.postings[Spelling(text: term), default: []].append((start + offset, weight))
                    }
                }
            }
            start = end
        }
        var postings: [String: [(document: Int, weight: Int)]] = [:]
        postings.reserveCapacity(made.reduce(0) { $0 + $1.postings.count })
        for part in made {
            for (spelling, list) in part.postings {
                guard let index = postings.index(forKey: spelling.text) else {
                    postings[spelling.text] = list
                    continue
                }
                // Another spelling of the same term: their documents are not the same ones.
                let other = postings[index].value
                let merged = (other + list).sorted { $0.document < $1.document }
                if list[0].document < other[0].document {
                    postings.remove(at: index)
                    postings[spelling.text] = merged
                } else {
                    postings.values[index] = merged
                }
            }
            part.postings = [:]
        }
        return postings
    }

    /// One part of the postings per core, up to eight: each part goes through every term.
    static let postingParts = max(2, min(8, ProcessInfo.processInfo.activeProcessorCount))

    /// The part of the postings a spelling of a term goes to: by its bytes (FNV-1a).
    static func part(of term: String, parts: Int) -> Int {
        var term = term
        return term.withUTF8 { bytes in
            var hash: UInt32 = 2_166_136_261
            for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            return Int(hash % UInt32(parts))
        }
    }

    /// Shards gathered, in the order of their keys, into files of at least `size` bytes (but the
    /// last): each file's first key and its bytes, the shards' lines one after another.
    static func gather(_ shards: [String: [UInt8]], atLeast size: Int) -> [(first: String, contents: [UInt8])] {
        var files: [(first: String, contents: [UInt8])] = []
        for key in shards.keys.sorted() {
            if let last = files.last, last.contents.count < size {
                files[files.count - 1].contents += shards[key]!
            } else {
                files.append((key, shards[key]!))
            }
        }
        return files
    }

    /// How many distinct terms each document has in its title and in its message or codes, one
    /// base-64 digit per document (at most 63), in document order: the browser ranks first the
    /// documents whose title or message the query covers most of.
    struct FieldLengths: Sendable {
        var title: String
        var message: String
    }

    /// The lengths of the last build with those of the `changed` documents counted again.
    static func fieldLengths(_ weights: [TermWeights], patching old: FieldLengths, changed: [Int]) -> FieldLengths {
        var title = Array(old.title.utf8), message = Array(old.message.utf8)
        guard title.count == weights.count, message.count == weights.count else { return fieldLengths(weights) }
        for document in changed {
            let counted = fieldLengths([weights[document]])
            title[document] = counted.title.utf8.first!
            message[document] = counted.message.utf8.first!
        }
        return FieldLengths(title: String(decoding: title, as: UTF8.self), message: String(decoding: message, as: UTF8.self))
    }

    static func fieldLengths(_ weights: [TermWeights]) -> FieldLengths {
        var title: [UInt8] = [], message: [UInt8] = []
        title.reserveCapacity(weights.count)
        message.reserveCapacity(weights.count)
        for terms in weights {
            var inTitle = 0, inMessage = 0
            for (_, weight) in terms {
                let fields = weight >> 2
                if fields & Field.title.rawValue != 0 { inTitle += 1 }
                if fields & (Field.message.rawValue | Field.code.rawValue) != 0 { inMessage += 1 }
            }
            title.append(PostingEncoding.digits[min(inTitle, 63)])
            message.append(PostingEncoding.digits[min(inMessage, 63)])
        }
        return FieldLengths(title: String(decoding: title, as: UTF8.self), message: String(decoding: message, as: UTF8.self))
    }

    /// The weight of each term in a document: where it occurs (field bits) and how often.
    /// A document's terms and their weights, in no particular order: an array, which takes
    /// half the room of a dictionary, as a language's are all held while its postings are made.
    typealias TermWeights = [(term: String, weight: Int)]

    static func termWeights(of document: Document) -> TermWeights {
        // Per term: field bits << 32 | occurrences. Terms of ASCII and of kana and ideographs are
        // counted by their bytes: as Strings that are not ASCII, every lookup would check their
        // normalization again (a large part of a Japanese index's time). Other terms are counted as
        // Strings, which compare as Unicode's canonical equivalence does.
        var found: [String: Int] = [:]
        // About one distinct term per 16 bytes of a document's text: grown from empty, the
        // dictionary would be rehashed eight times on the way.
        var plain = [Spelling: Int](minimumCapacity: min(1 << 12, (document.title.utf8.count + document.body.utf8.count) / 16))
        func add(_ text: String, _ field: Field) {
            let bit = field.rawValue << 32
            SearchTokenizer.forEachTerm(in: text) { term, _ in
                if Spelling.isPlain(term) {
                    Self.count(&plain[Spelling(text: term), default: 0], bit)
                } else {
                    Self.count(&found[term, default: 0], bit)
                }
            }
        }
        add(document.title, .title)
        add(document.message, .message)
        add(document.codes.joined(separator: " "), .code)
        add(document.body, .body)
        if found.isEmpty {
            return plain.map { ($0.key.text, weight($0.value)) }
        }
        // A term of the other kind may be canonically equivalent to a plain one (a CJK
        // compatibility ideograph and its unified ideograph): they are one term, as before.
        for (term, value) in plain {
            found[term.text] = found[term.text].map { ($0 | value) & ~0xFFFF_FFFF | (($0 & 0xFFFF_FFFF) + (value & 0xFFFF_FFFF)) } ?? value
        }
        return found.map { ($0.key, weight($0.value)) }
    }

    private static func count(_ value: inout Int, _ bit: Int) { value = (value | bit) + 1 }

    /// A counted term's weight: its field bits above, its occurrences below.
    private static func weight(_ value: Int) -> Int { PostingEncoding.weight(fields: value >> 32, count: value & 0xFFFF_FFFF) }

    /// A spelling of a term, hashed and compared by its bytes: canonically equivalent spellings
    /// are different values. A plain term (`isPlain`: ASCII, kana, CJK ideographs and
    /// punctuation, `CharacterCount.isPlainCJK`) has no other spelling among plain terms once
    /// folded (folding drops the combining voiced sound marks).
    struct Spelling: Hashable {
        var text: String

        static func isPlain(_ term: String) -> Bool {
            var term = term
            return term.withUTF8 { bytes in
                var index = 0
                while index < bytes.count {
                    // Latin letters beyond ASCII (two bytes) are left to Strings.
                    guard let width = CharacterCount.plainWidth(at: index, in: bytes), width != 2 else { return false }
                    index += width
                }
                return true
            }
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }

        static func == (lhs: Spelling, rhs: Spelling) -> Bool {
            guard lhs.text.utf8.count == rhs.text.utf8.count else { return false }
            var left = lhs.text, right = rhs.text
            return left.withUTF8 { a in right.withUTF8 { b in a.elementsEqual(b) } }
        }
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

    /// What a result may show of a document: its lead (an entry's message, else the start of its
    /// text, `length` characters at most), then up to two passages of half that: an entry's cause
    /// and resolution when the lead is its message (its resolution when the lead is its cause), a
    /// section's first paragraphs after those the lead shows. Each is cut after a word.
    static func passages(of document: Document, length: Int) -> [String] {
        let lead = excerpt(document.message.isEmpty ? document.body : document.message, length: length)
        var candidates: [String]
        if document.kind == .entry {
            // Without a message the lead is the cause, then the resolution: the resolution is a
            // passage of its own when the lead does not reach it.
            if document.message.isEmpty {
                let cause = document.more.first?.utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } ?? 0
                candidates = cause > length ? Array(document.more.dropFirst()) : []
            } else {
                candidates = document.more
            }
        } else {
            // The paragraphs the lead does not reach.
            // The first few paragraphs the lead does not reach: it shows at most `length`
            // characters, counted here as Unicode scalars (the bytes that start one).
            candidates = []
            let body = document.body.utf8
            var start = body.startIndex
            var offset = 0
            while start < body.endIndex, candidates.count < 4 {
                let end = body[start...].firstIndex(of: UInt8(ascii: "\n")) ?? body.endIndex
                if offset > length, start < end { candidates.append(String(Substring(body[start..<end]))) }
                offset += body[start..<end].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                start = end < body.endIndex ? body.index(after: end) : end
            }
        }
        var passages = [lead]
        for text in candidates where passages.count < 3 {
            let passage = excerpt(text, length: length / 2)
            if passage.isEmpty || passages.contains(passage) { continue }
            passages.append(passage)
        }
        return passages
    }

    static func excerpt(_ text: String, length excerptLength: Int) -> String {
        let window = CharacterCount.prefix(text, excerptLength * 3)
        let collapsed = String(window).collapsingWhitespace
        guard CharacterCount.exceeds(collapsed, excerptLength) || window.endIndex < text.endIndex else { return collapsed }
        let cut = CharacterCount.prefix(collapsed, excerptLength)
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
    /// tables (each row is a document of its own), blocks and cells separated by line breaks.
    /// Only words matter here, so no list markers or tidy spacing (`plainText` does that).
    var searchText: String {
        var text = ""
        filter { !$0.isErrorTable }.walk { block in
            switch block {
            case .paragraph(let content), .heading(_, let content):
                content.appendSearchText(to: &text)
                text += "\n"
            case .code(_, let code):
                text += code + "\n"
            case .video(let url):
                text += url + "\n"
            default:
                break
            }
            return .descend
        }
        return text
    }
}

extension Array where Element == Inline {
    func appendSearchText(to text: inout String) {
        for inline in self {
            switch inline {
            case .text(let value), .code(let value): text += value
            case .emphasis(let content), .strong(let content), .strikethrough(let content), .link(_, _, let content):
                content.appendSearchText(to: &text)
            case .image(_, _, let alt): text += alt
            case .html, .softBreak, .lineBreak: text += " "
            }
        }
    }
}
