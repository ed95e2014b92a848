import KBOutput
import Dispatch
import KBCore
import KBLinking
import KBModel

/// What language models read, following the llms.txt proposal (llmstxt.org): `llms.txt` at the
/// site root (the languages and the JSON contract) and per locale (its articles, grouped as
/// its `toc.yml` files group them), a Markdown twin of every article page (the page's URL with
/// `.md` appended: clean Markdown, no front matter, includes resolved), and, when the site has
/// it (the `full` option of `LanguageModelFormat`), per locale `llms-full.txt`, every article in one file, each
/// under an H2 with its source URL. A large site leaves it out by default: the corpus's
/// languages hold 5–8 MB each, more than a model reads at once, and the twins hold the same.
public struct LanguageModelFiles: Sendable {
    let options: SiteOptions
    /// Whether each language gets `llms-full.txt`.
    let full: Bool
    /// Where the other formats' files lie (the contract's), for the lists to name them.
    let links: SiteLinks

    public init(options: SiteOptions = SiteOptions(), full: Bool = false, links: SiteLinks = SiteLinks()) {
        self.options = options
        self.full = full
        self.links = links
    }

    /// What the format keeps for the next build: its lists, and each article's twin with its
    /// part of llms-full.txt.
    static let fileSlot = MemoSlot<BuiltSite.File>("llms.file")
    static let twinSlot = MemoSlot<(BuiltSite.File, String?)>("llms.twin")

    /// `nl-nl/llms.txt`; `llms.txt` for the whole site.
    public static func llmsPath(_ locale: String?) -> String { locale.map { "\($0)/llms.txt" } ?? "llms.txt" }

    /// `nl-nl/llms-full.txt`: every article of a language in one Markdown file.
    public static func llmsFullPath(_ locale: String) -> String { "\(locale)/llms-full.txt" }

    /// The Markdown twin of an article's page: the page's path with `.md` appended.
    public static func twinPath(ofPage page: String) -> String { page + ".md" }

    /// With a memo, an article's Markdown is made again only when the article changed.
    public func build(_ linked: LinkedKnowledgeBase, memo: OutputMemo? = nil) -> [BuiltSite.File] {
        var files: [BuiltSite.File] = []
        build(linked, memo: memo) { files += $0 }
        return files
    }

    /// The same files, a language at a time: its twins, its llms.txt and (when chosen)
    /// llms-full.txt; then the site's llms.txt.
    public func build(_ linked: LinkedKnowledgeBase, memo: OutputMemo? = nil, emit: ([BuiltSite.File]) throws -> Void) rethrows {
        // The lists read only the outline; a language's llms-full.txt all of its articles.
        func memoized(_ key: String, from sources: [String], _ make: () -> BuiltSite.File) -> BuiltSite.File {
            memo.value(Self.fileSlot, key, from: sources, make)
        }
        for locale in linked.locales {
            let indices = linked.articles.indices.filter { linked.articles[$0].locale == locale }
            let rendered = twins(indices, linked, memo: memo)
            var files = rendered.map(\.0)
            files.append(memoized("list/" + locale, from: []) {
                BuiltSite.File(path: Self.llmsPath(locale), text: language(locale, linked))
            })
            if full {
                let sources = indices.map { linked.articles[$0].source }
                files.append(memoized("full/" + locale, from: sources) {
                    BuiltSite.File(path: Self.llmsFullPath(locale), text: full(locale, linked, rendered.compactMap(\.1)))
                })
            }
            try emit(files)
        }
        try emit([memoized("root", from: []) { BuiltSite.File(path: Self.llmsPath(nil), text: root(linked)) }])
    }

    /// The paths and origins of the files `build` makes, without making them.
    public func plannedFiles(_ linked: LinkedKnowledgeBase) -> [(path: String, origin: String?)] {
        var files: [(path: String, origin: String?)] = []
        for locale in linked.locales {
            for article in linked.articles where article.locale == locale {
                files.append((Self.twinPath(ofPage: SitePaths.article(article)), article.source))
            }
            files.append((Self.llmsPath(locale), nil))
            if full { files.append((Self.llmsFullPath(locale), nil)) }
        }
        return files + [(Self.llmsPath(nil), nil)]
    }

    /// Each article's Markdown once, for its twin and for its language's llms-full.txt: the
    /// twin, and the article's part of llms-full.txt when the site has it.
    private func twins(_ indices: [Int], _ linked: LinkedKnowledgeBase, memo: OutputMemo?) -> [(BuiltSite.File, String?)] {
        let rendered = ConcurrentResults<(BuiltSite.File, String?)>(count: indices.count)
        DispatchQueue.concurrentPerform(iterations: indices.count) { position in
            let index = indices[position]
            let article = linked.articles[index]
            let make = {
                let markdown = ArticleMarkdown(article)
                return (BuiltSite.File(
                    path: Self.twinPath(ofPage: SitePaths.article(article)), text: markdown.text(headingShift: 0) + "\n", origin: article.source),
                    full ? part(article, markdown) : nil)
            }
            rendered.set(position, memo.value(Self.twinSlot, article.source, from: [article.source], make))
        }
        return rendered.values
    }

    /// An address for a file of the site, as written in the file at `from`: absolute when the
    /// site's address is known, else relative.
    func link(_ path: String, from: String) -> String {
        options.baseURL.map { $0 + SitePaths.url(path) } ?? SitePaths.relative(from: from, to: path)
    }

    static func item(_ name: String, _ url: String, _ notes: String?) -> String {
        let notes = notes?.collapsingWhitespace ?? ""
        return "- [\([Inline.text(name)].markdown)](\(url.markdownDestination))" + (notes.isEmpty ? "" : ": " + [Inline.text(notes)].markdown)
    }

    // MARK: llms.txt

    /// The contract's entry point and its codes, when the site has them.
    private var contract: (index: String, codes: String)? {
        guard let index = links.path(.contractIndex), let codes = links.path(.contractCodes) else { return nil }
        return (index, codes)
    }

    func root(_ linked: LinkedKnowledgeBase) -> String {
        let path = Self.llmsPath(nil)
        let names = linked.locales.map(SiteStrings.nativeName(of:))
        let entries = linked.articles.reduce(0) { $0 + $1.entries.count }
        var lines = [
            "# " + [Inline.text(options.title)].markdown, "",
            "> Troubleshooting articles in \(linked.locales.count) \(linked.locales.count == 1 ? "language" : "languages") "
                + "(\(names.joined(separator: ", "))): \(linked.articles.count) articles with \(entries) error entries, "
                + "the messages, causes and resolutions of \(linked.codes.codes.count) error codes, and step-by-step procedures.",
            "",
            "Each language has its own llms.txt, listing its articles as clean Markdown (each page's URL with `.md` appended)."
                + (contract.map { " The JSON contract starts at `\($0.index)`; `\($0.codes)` maps every error code, in any of its forms, "
                    + "to its entries in every language." } ?? ""),
            "", "## Languages", "",
        ]
        for locale in linked.locales {
            let articles = linked.articles.filter { $0.locale == locale }
            lines.append(Self.item(SiteStrings.nativeName(of: locale), link(Self.llmsPath(locale), from: path),
                                   "\(articles.count) articles, \(articles.reduce(0) { $0 + $1.entries.count }) error entries"))
        }
        if let contract {
            lines += ["", "## API", ""]
            lines.append(Self.item("kb.json", link(contract.index, from: path), "the languages, their counts and the paths of every machine-readable file"))
            lines.append(Self.item("codes.json", link(contract.codes, from: path), "every error code with its entries in every language"))
        }
        if full {
            lines += ["", "## Optional", ""]
            for locale in linked.locales {
                lines.append(Self.item(SiteStrings.nativeName(of: locale) + ": every article", link(Self.llmsFullPath(locale), from: path),
                                       "all articles of the language in one Markdown file"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func language(_ locale: String, _ linked: LinkedKnowledgeBase) -> String {
        let path = Self.llmsPath(locale)
        let strings = SiteStrings(locale: locale)
        let name = SiteStrings.nativeName(of: locale)
        let indices = linked.articles.indices.filter { linked.articles[$0].locale == locale }
        let byID = Dictionary(indices.map { (linked.articles[$0].id, $0) }) { first, _ in first }
        let entries = indices.reduce(0) { $0 + linked.articles[$1].entries.count }
        let codes = Set(indices.flatMap { linked.articles[$0].entries.flatMap { $0.codes.filter { $0.kind != .malformed }.map(\.code) } })
        var lines = [
            "# \([Inline.text(options.title)].markdown): \(name)", "",
            "> \(indices.count) troubleshooting articles in \(name): \(entries) error entries with their messages, causes and "
                + "resolutions, \(codes.count) error codes, and step-by-step procedures.",
            "",
            "Each link leads to an article as clean Markdown; its page for people is the same URL without `.md`."
                + (contract.map { " Search every code in any form through `\(link($0.codes, from: path))`." } ?? ""),
        ]
        // Groups as the locale's toc.yml files give them, in order; then what they leave out.
        var listed: Set<Int> = []
        func section(_ title: String, _ members: [Int]) {
            let fresh = members.filter { listed.insert($0).inserted }
            guard !fresh.isEmpty else { return }
            lines += ["", "## " + [Inline.text(title.collapsingWhitespace)].markdown, ""]
            for index in fresh {
                let article = linked.articles[index]
                lines.append(Self.item(article.title, link(Self.twinPath(ofPage: SitePaths.article(article)), from: path), article.metadata.description))
            }
        }
        let tables = linked.knowledgeBase.tablesOfContents.filter { $0.locale == locale }
        for table in tables {
            var members: [Int] = []
            func collect(_ item: NavigationItem) {
                if case .article(let id) = item.target, let index = byID[id] { members.append(index) }
                item.children.forEach(collect)
            }
            table.items.forEach(collect)
            let landing = table.items.first.flatMap { $0.children.isEmpty ? $0.title : nil }
            section(landing ?? table.folder.split(separator: "/").joined(separator: " / "), members)
        }
        section(tables.isEmpty ? strings[.contents] : strings[.otherArticles], indices)
        lines += ["", "## Optional", ""]
        if full {
            lines.append(Self.item("llms-full.txt", link(Self.llmsFullPath(locale), from: path), "every article of \(name) in one Markdown file"))
        }
        if let articles = links.path(.contractArticles, locale) {
            lines.append(Self.item("articles.json", link(articles, from: path),
                                   "the articles with their error entries, codes, causes, resolutions and procedures, as JSON"))
        }
        if let chunks = links.path(.contractChunks, locale) {
            lines.append(Self.item("chunks.jsonl", link(chunks, from: path), "retrieval chunks, one per error entry or section, with flat metadata"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Markdown

    /// A language's llms-full.txt, from the parts of its articles, in order.
    func full(_ locale: String, _ linked: LinkedKnowledgeBase, _ parts: [String]) -> String {
        let name = SiteStrings.nativeName(of: locale)
        var text = "# \([Inline.text(options.title)].markdown): \(name)\n\n> Every article in \(name), each under its title with the address of its page.\n"
        for part in parts { text += part }
        return text
    }

    /// An article in its language's llms-full.txt: under an H2 with its title, the address of
    /// its page, then its sections one level down.
    func part(_ article: Article, _ markdown: ArticleMarkdown) -> String {
        var text = "\n## " + [Inline.text(article.title)].markdown + "\n\n"
        text += "Source: " + link(SitePaths.article(article), from: Self.llmsFullPath(article.locale)) + "\n"
        let body = markdown.text(headingShift: 1, withTitle: false)
        if !body.isEmpty { text += "\n" + body + "\n" }
        return text
    }
}

/// An article as Markdown, rendered once: its title as the H1, its sections' headings at any
/// depth asked for, links to other articles leading to their pages.
struct ArticleMarkdown: Sendable {
    /// The first H1 when the article opens with it, else the title from the front matter.
    let title: String
    /// Markdown of the blocks before any heading.
    let preamble: String
    /// Each section after the title: its level, heading and blocks.
    let sections: [(level: Int, heading: String, body: String)]

    init(_ article: Article) {
        func markdown(_ blocks: [Block]) -> String { blocks.markdown(links: SitePaths.pageLink) }
        var sections: [(level: Int, heading: String, body: String)] = []
        func append(_ section: Section) {
            let heading = section.title.markdown(links: SitePaths.pageLink).trimmingWhitespace
            sections.append((section.level, heading, markdown(section.blocks)))
            section.subsections.forEach(append)
        }
        article.document.subsections.forEach(append)
        preamble = markdown(article.document.blocks)
        // An H1 that opens the article is its title; its text follows the title.
        if let first = sections.first, first.level == 1, preamble.isEmpty {
            title = first.heading
            sections[0] = (0, "", first.body)
        } else {
            title = [Inline.text(article.title)].markdown
        }
        self.sections = sections
    }

    /// The title as the H1 (unless `withTitle` is false), then the article, its headings
    /// `headingShift` levels deeper (at most 6).
    func text(headingShift: Int, withTitle: Bool = true) -> String {
        var parts: [String] = withTitle ? ["# " + title] : []
        if !preamble.isEmpty { parts.append(preamble) }
        for section in sections {
            if section.level > 0 {
                parts.append(String(repeating: "#", count: min(section.level + headingShift, 6)) + " " + section.heading)
            }
            if !section.body.isEmpty { parts.append(section.body) }
        }
        return parts.joined(separator: "\n\n")
    }
}
