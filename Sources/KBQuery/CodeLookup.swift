import Foundation
import KBContract
import KBCore

/// Reads a file of a built site, by its path relative to the site's root; nil when there is no
/// such file. The command line reads the output folder; `kb lookup --content` and the tests
/// read a site built in memory.
public typealias SiteReader = @Sendable (String) throws -> Data?

/// Finds the entries of an error code in a site's machine contract: read from a built site's
/// `api/v1/` files, or built from content in memory. A code is found in any form the site's
/// search accepts (`0x80CF0437`, `80cf0437`, `-2133916617`, a symbolic name in any case).
public struct CodeLookup: Sendable {
    public let index: KnowledgeBaseIndex
    public let codes: CodesFile
    /// Locale → its articles, by id.
    let articles: [String: [String: ArticleRecord]]
    /// Every form of every code → the code.
    let forms: [String: String]
    /// Where the site is, to show its pages' paths; nil when built from content.
    public let site: String?
    /// Every article, by locale, in the order of the contract's files.
    public let allArticles: [ArticleRecord]

    public struct Match: Sendable {
        public var article: ArticleRecord
        public var entry: EntryRecord
    }

    init(index: KnowledgeBaseIndex, codes: CodesFile, articles: [ArticlesFile], site: String?) {
        self.index = index
        self.codes = codes
        self.site = site
        allArticles = articles.flatMap(\.articles)
        var byLocale: [String: [String: ArticleRecord]] = [:]
        for file in articles {
            byLocale[file.locale] = Dictionary(file.articles.map { ($0.id, $0) }) { first, _ in first }
        }
        self.articles = byLocale
        var forms: [String: String] = [:]
        for (code, record) in codes.codes.sorted(by: { $0.key < $1.key }) {
            for form in record.forms + [code.lowercased()] where forms[form] == nil { forms[form] = code }
        }
        self.forms = forms
    }

    /// The contract of a built site, read through `read`. `site` is where the site lies, to
    /// show its pages' paths and name missing files; nil for a site held in memory.
    public static func load(reading read: SiteReader, site: String?) throws -> CodeLookup {
        func location(_ path: String) -> String {
            site.map { URL(fileURLWithPath: $0).appendingPathComponent(path).path } ?? path
        }
        func decode<Value: Decodable>(_ path: String, as type: Value.Type) throws -> Value {
            guard let data = try read(path) else { throw LookupError.missing(location(path)) }
            do {
                return try JSONDecoder().decode(type, from: data)
            } catch {
                throw LookupError.unreadable(location(path), String(describing: error))
            }
        }
        let index = try decode(Contract.indexPath, as: KnowledgeBaseIndex.self)
        let codes = try decode(Contract.codesPath, as: CodesFile.self)
        let articles = try index.languages.map { try decode(Contract.articlesPath($0.locale), as: ArticlesFile.self) }
        return CodeLookup(index: index, codes: codes, articles: articles, site: site)
    }

    /// How a query is compared with the forms of codes: lower case, no spaces or quotes.
    static func normalized(_ query: String) -> String {
        String(query.lowercased().unicodeScalars.filter { !" \t\"'`“”‘’".unicodeScalars.contains($0) }.map(Character.init))
    }

    /// The code a query names, in any of its forms.
    public func code(_ query: String) -> CodeIndexRecord? {
        forms[Self.normalized(query)].flatMap { codes.codes[$0] }
    }

    /// The entries of a code, in the locales asked for (a locale, or a language: `nl`), sorted
    /// by locale as in `codes.json`.
    public func matches(_ code: CodeIndexRecord, locale: String? = nil) -> [Match] {
        code.entries.compactMap { reference in
            if let locale, !Self.locale(reference.locale, matches: locale) { return nil }
            guard let article = articles[reference.locale]?[reference.articleId],
                  let entry = article.entries.first(where: { $0.id == reference.entryId })
            else { return nil }
            return Match(article: article, entry: entry)
        }
    }

    public static func locale(_ locale: String, matches wanted: String) -> Bool {
        let wanted = wanted.lowercased()
        return locale == wanted || locale.hasPrefix(wanted + "-")
    }

    /// A code with its entries, as `kb lookup --json` prints it and `kb mcp` returns it: the
    /// `codes.json` record and the entries' `articles.json` records with their articles.
    public struct Report: Codable, Sendable {
        public struct Entry: Codable, Sendable {
            public var locale: String
            public var articleId: String
            public var articleTitle: String
            public var entry: EntryRecord
        }
        public var code: CodeIndexRecord
        public var entries: [Entry]
    }

    public func report(_ code: CodeIndexRecord, locale: String? = nil) -> Report {
        Report(code: code, entries: matches(code, locale: locale).map {
            Report.Entry(locale: $0.article.locale, articleId: $0.article.id, articleTitle: $0.article.title, entry: $0.entry)
        })
    }

    /// Known codes that look like the query: those starting with it, then the nearest by edit
    /// distance, at most `limit`.
    public func suggestions(for query: String, limit: Int = 5) -> [String] {
        let wanted = Self.normalized(query)
        guard !wanted.isEmpty else { return [] }
        var best: [String: Int] = [:]
        let tolerance = max(2, wanted.count / 3)
        for (form, code) in forms {
            let distance = form.hasPrefix(wanted) ? 0 : Self.editDistance(Array(form.utf8), Array(wanted.utf8), limit: tolerance)
            if distance <= tolerance, distance < best[code] ?? .max { best[code] = distance }
        }
        return best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(limit).map(\.key)
    }

    /// The edit distance between two texts, a swap of neighbours counting as one edit (the
    /// usual slip in a typed code), or `limit + 1` when it is larger than `limit`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var before = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var smallest = i
            for j in 1...b.count {
                var cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { cost = min(cost, before[j - 2] + 1) }
                current[j] = cost
                smallest = min(smallest, cost)
            }
            if smallest > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }

    /// Where a page of the site is: its URL when absolute, else its path in the site folder.
    public func location(_ url: String) -> String {
        guard !url.contains("://"), let site else { return url }
        return (site.hasSuffix("/") ? site : site + "/") + url
    }
}

public enum LookupError: Error, CustomStringConvertible {
    case missing(String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .missing(let path): "\(path) does not exist: build the site first (kb build), or look up in content with --content"
        case .unreadable(let path, let reason): "\(path) is not a kb contract file: \(reason)"
        }
    }
}
