import KBOutput
import Dispatch
import Foundation
import KBCore
import KBLinking
import KBModel
import Synchronization
import KBWeb

/// Renders the site from the linked model: the language chooser, a home page per locale with
/// its navigation and code index, a page per article, a page per code, the translation
/// coverage page, and the assets. Pages render in parallel; the result does not depend on it.
public struct SiteRenderer: Sendable {
    let templates: TemplateSet
    let options: SiteOptions

    /// What the pages keep for the next build: each page, by its kind and name.
    static let pageSlot = MemoSlot<BuiltSite.File>("pages.page")
    /// Where the other formats' files lie (an article's Markdown twin), for pages to link to
    /// them when the site has them.
    let links: SiteLinks

    public init(templates: TemplateSet, options: SiteOptions = SiteOptions(), links: SiteLinks = SiteLinks()) {
        self.links = links
        self.templates = templates
        self.options = options
    }

    /// The pages and their assets.
    ///
    /// With a memo, the page of an article is made again only when the article or one of its
    /// translations changed, and the page of a code when an article with an entry of it did
    /// (`OutputMemo`); the other pages are cheap and always made.
    public func renderPages(_ linked: LinkedKnowledgeBase, memo: OutputMemo? = nil) -> [BuiltSite.File] {
        var files: [BuiltSite.File] = []
        renderPages(linked, memo: memo) { files += $0 }
        return files
    }

    /// The same pages, handed to `emit` a batch at a time as they are rendered, so that a build
    /// that writes them as they come holds one batch.
    public func renderPages(
        _ linked: LinkedKnowledgeBase, memo: OutputMemo? = nil, batch: Int = 512, emit: ([BuiltSite.File]) throws -> Void
    ) rethrows {
        let context = RenderingContext(linked: linked)
        @Sendable func memoized(_ key: String, from sources: [String], outline: [String] = [], _ make: () -> BuiltSite.File) -> BuiltSite.File {
            memo.value(Self.pageSlot, key, from: sources, outline: outline, make)
        }
        let pages = Self.pages(linked, fallbacks: context.fallbackPages)
        @Sendable func render(_ page: PageKind) -> BuiltSite.File {
            switch page {
            // These read only the outline of the knowledge base, and a home its index.md.
            case .root:
                return memoized("root", from: []) { self.page(self.root(linked), template: "root", path: SitePaths.root) }
            // A home and a code index read every article of their language (titles, entries, codes):
            // made again when one of them changed.
            case .home(let locale):
                let landing = linked.articles.filter { $0.locale == locale && SitePaths.isLanding($0) }.map(\.source)
                return memoized("home/" + locale, from: landing, outline: context.sources(of: locale)) {
                    self.page(self.home(locale, context), template: "home", path: SitePaths.home(locale))
                }
            case .codeIndex(let locale):
                return memoized("codes/" + locale, from: [], outline: context.sources(of: locale)) {
                    self.page(self.codeIndex(locale, context), template: "codes", path: SitePaths.codeIndex(locale))
                }
            case .notFound:
                return memoized("not-found", from: []) {
                    self.page(self.notFound(linked), template: "notfound", path: SitePaths.notFound)
                }
            case .coverage:
                return memoized("coverage", from: []) {
                    self.page(self.coverage(linked), template: "coverage", path: SitePaths.coverage)
                }
            case .article(let index):
                let article = linked.articles[index]
                return memoized("article/" + article.source, from: [article.source]) {
                    var file = self.page(self.article(index, context), template: "article", path: SitePaths.article(article))
                    file.origin = article.source
                    return file
                }
            // A code's page shows its language's entries whole, and the others' titles: the others'
            // outline, and none of their translations.
            case .code(let index, let locale):
                let code = linked.codes.codes[index]
                var shown: Set<String> = [], listed: Set<String> = []
                for reference in code.entries {
                    let article = linked.article(reference)
                    if article.locale == locale { shown.insert(article.source) } else { listed.insert(article.source) }
                }
                let key = "code/" + locale + "/" + code.code
                return memo.value(Self.pageSlot, key, from: shown.sorted(), outline: listed.sorted(), readsTranslations: false) {
                    self.page(self.code(code, locale: locale, context), template: "code", path: SitePaths.code(code.code, locale: locale))
                }
            case .fallback(let index, let locale):
                let article = linked.articles[index]
                let group = ([index] + linked.translations(of: index)).map { linked.articles[$0].source }.sorted()
                // It shows its language's navigation: the folders' reads the titles of the articles
                // no table of contents lists.
                return memoized("fallback/" + locale + "/" + article.source, from: group, outline: context.navigationSources(of: locale)) {
                    self.page(self.article(index, context, fallback: locale), template: "article", path: SitePaths.fallback(article, locale: locale))
                }
            case .search(let locale):
                return memoized("search-page/" + (locale ?? ""), from: []) {
                    self.page(self.search(locale, linked.locales), template: "search", path: SitePaths.search(locale))
                }
            }
        }
        var start = 0
        while start < pages.count {
            let end = min(start + batch, pages.count)
            try emit(inParallel(Array(pages[start..<end]), render))
            start = end
        }
        try emit(templates.assets + ([nil] + linked.locales).map { openSearch($0) } + webFiles(linked) + themeFiles)
    }

    /// The site's logo and its stylesheet after kb's, from kb.yml's theme.
    var themeFiles: [BuiltSite.File] {
        var files: [BuiltSite.File] = []
        if let logo = options.theme.logo { files.append(BuiltSite.File(path: Self.logoPath(logo.extension), contents: logo.bytes)) }
        let theme = options.theme
        if theme.accent != nil || theme.accentDark != nil || theme.css != nil {
            files.append(BuiltSite.File(path: "assets/custom.css", text: theme.stylesheet))
        }
        return files
    }

    static func logoPath(_ fileExtension: String) -> String { "assets/logo." + fileExtension }

    // MARK: Sitemap

    /// The most addresses one sitemap file lists before the site's are split into several under
    /// a sitemap index (the protocol allows 50,000 and 50 MB; each address here carries its
    /// alternates).
    static let addressesPerSitemap = 10_000

    /// With a base URL: `sitemap.xml`, every page a search engine should list, each with its
    /// other languages (`xhtml:link` hreflang) and the date its article was last updated, split
    /// into `sitemap-N.xml` under an index when there are many; and `robots.txt` pointing at it.
    /// Pages shown in another language, search pages and the 404 page are not listed.
    func webFiles(_ linked: LinkedKnowledgeBase) -> [BuiltSite.File] {
        guard let base = options.baseURL else { return [] }
        func address(_ path: String) -> String { (base + SitePaths.url(path)).htmlEscaped }
        var entries: [(path: String, date: String?, alternates: [(String, String)])] = [(SitePaths.root, nil, []), (SitePaths.coverage, nil, [])]
        let homes = linked.locales.map { ($0, SitePaths.home($0)) }
        let indexes = linked.locales.map { ($0, SitePaths.codeIndex($0)) }
        for locale in linked.locales {
            entries.append((SitePaths.home(locale), nil, homes.count > 1 ? homes : []))
            entries.append((SitePaths.codeIndex(locale), nil, indexes.count > 1 ? indexes : []))
        }
        for index in linked.articles.indices where !SitePaths.isLanding(linked.articles[index]) {
            let article = linked.articles[index]
            let versions = ([index] + linked.translations(of: index)).sorted { linked.articles[$0].locale < linked.articles[$1].locale }
                .map { (linked.articles[$0].locale, SitePaths.article(linked.articles[$0])) }
            entries.append((SitePaths.article(article), article.metadata.isoDate, versions.count > 1 ? versions : []))
        }
        for code in linked.codes.codes {
            let locales = RenderingContext.locales(of: code, linked)
            let pages = locales.map { ($0, SitePaths.code(code.code, locale: $0)) }
            for (_, path) in pages { entries.append((path, nil, pages.count > 1 ? pages : [])) }
        }
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        func urlset(_ part: ArraySlice<(path: String, date: String?, alternates: [(String, String)])>) -> String {
            var text = header + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
            for entry in part {
                text += "<url><loc>\(address(entry.path))</loc>"
                if let date = entry.date { text += "<lastmod>\(date)</lastmod>" }
                for (locale, path) in entry.alternates {
                    text += "<xhtml:link rel=\"alternate\" hreflang=\"\(Self.languageTag(locale).htmlEscaped)\" href=\"\(address(path))\"/>"
                }
                text += "</url>\n"
            }
            return text + "</urlset>\n"
        }
        var files: [BuiltSite.File] = []
        if entries.count <= Self.addressesPerSitemap {
            files.append(BuiltSite.File(path: SitePaths.sitemap, text: urlset(entries[...])))
        } else {
            var index = header + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for (number, start) in stride(from: 0, to: entries.count, by: Self.addressesPerSitemap).enumerated() {
                let path = SitePaths.sitemapPart(number + 1)
                files.append(BuiltSite.File(path: path, text: urlset(entries[start..<min(start + Self.addressesPerSitemap, entries.count)])))
                index += "<sitemap><loc>\(address(path))</loc></sitemap>\n"
            }
            files.append(BuiltSite.File(path: SitePaths.sitemap, text: index + "</sitemapindex>\n"))
        }
        files.append(BuiltSite.File(path: SitePaths.robots, text: "User-agent: *\nAllow: /\n\nSitemap: \(base + SitePaths.sitemap)\n"))
        return files
    }

    /// Every page of the site, each independent of the others: all of them render in one
    /// parallel loop, the large ones (the code indexes, the coverage page) first.
    enum PageKind: Sendable {
        case root, home(String), codeIndex(String), coverage, notFound, article(Int), code(Int, String), search(String?)
        /// An article shown in a language that has no version of it.
        case fallback(Int, String)
    }

    static func pages(_ linked: LinkedKnowledgeBase, fallbacks: [(article: Int, locale: String)]? = nil) -> [PageKind] {
        linked.locales.map(PageKind.codeIndex) + [.coverage] + linked.locales.map(PageKind.home)
            + [.root, .notFound, .search(nil)]
            + linked.locales.map(PageKind.search)
            + linked.articles.indices.filter { !SitePaths.isLanding(linked.articles[$0]) }.map(PageKind.article)
            + linked.codes.codes.indices.flatMap { index in
                RenderingContext.locales(of: linked.codes.codes[index], linked).map { PageKind.code(index, $0) }
            }
            + (fallbacks ?? RenderingContext.fallbacks(linked)).map { PageKind.fallback($0.article, $0.locale) }
    }

    /// The paths and origins of the files `renderPages` makes, without rendering them.
    public func plannedFiles(_ linked: LinkedKnowledgeBase) -> [(path: String, origin: String?)] {
        Self.pages(linked).map { page -> (path: String, origin: String?) in
            switch page {
            case .root: (SitePaths.root, nil)
            case .home(let locale): (SitePaths.home(locale), nil)
            case .codeIndex(let locale): (SitePaths.codeIndex(locale), nil)
            case .notFound: (SitePaths.notFound, nil)
            case .coverage: (SitePaths.coverage, nil)
            case .article(let index): (SitePaths.article(linked.articles[index]), linked.articles[index].source)
            case .code(let index, let locale): (SitePaths.code(linked.codes.codes[index].code, locale: locale), nil)
            case .search(let locale): (SitePaths.search(locale), nil)
            case .fallback(let index, let locale): (SitePaths.fallback(linked.articles[index], locale: locale), nil)
            }
        } + templates.assets.map { ($0.path, $0.origin) } + ([nil] + linked.locales).map { (SitePaths.openSearch($0), nil) }
            + webFiles(linked).map { ($0.path, nil) } + themeFiles.map { ($0.path, nil) }
    }

    /// A page's file. With a base URL, its address is absolute in its canonical link and Open
    /// Graph tags, and so is the canonical link a fallback page gives its original.
    private func page(_ context: Page, template: String, path: String) -> BuiltSite.File {
        var context = context
        if let base = options.baseURL {
            context.layout.pageURL = base + SitePaths.url(path)
            context.layout.canonical = context.layout.canonical.map { relative in
                base + SitePaths.url(ContentPath.resolve(relative, from: ContentPath.folder(of: path)) ?? path)
            } ?? context.layout.pageURL
        }
        return BuiltSite.File(path: path, text: templates.render(context, template: template))
    }

    private func inParallel<Item: Sendable>(_ items: [Item], _ render: @Sendable (Item) -> BuiltSite.File) -> [BuiltSite.File] {
        let results = ConcurrentResults<BuiltSite.File>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.set(index, render(items[index]))
        }
        return results.values
    }

    // MARK: Common

    /// What every page's layout needs. `searchLocale` is the language the page's search box
    /// searches first; nil for pages of every language, which search them all.
    private func base(path: String, locale: String, title: String, searchLocale: String? = nil) -> Layout {
        let root = SitePaths.rootPrefix(of: path)
        return Layout(
            lang: locale, dir: SiteStrings.direction(of: locale), title: title, siteTitle: options.title, root: root,
            home: root + SitePaths.root, strings: options.strings(for: locale).values, searchLocale: searchLocale ?? "",
            searchPage: root + SitePaths.search(searchLocale), openSearch: root + SitePaths.openSearch(searchLocale),
            builtOn: options.buildDate, logo: options.theme.logo.map { Self.logoPath($0.extension) },
            customCSS: options.theme.accent != nil || options.theme.accentDark != nil || options.theme.css != nil, headSnippet: options.theme.head)
    }

    // MARK: Search

    /// A language's search page links to the others' (the script carries the query over), the
    /// page of every language to none.
    private func search(_ locale: String?, _ locales: [String]) -> Page {
        let path = SitePaths.search(locale)
        let strings = options.strings(for: locale ?? "en")
        var layout = base(path: path, locale: locale ?? "en", title: strings[.search], searchLocale: locale)
        if let locale {
            layout.home = SitePaths.relative(from: path, to: SitePaths.home(locale))
            layout.switchLanguages(locales.map { ($0, SitePaths.search($0)) }, current: locale, from: path)
        }
        return Page(layout: layout, content: SearchPage(allLanguagesOnly: locale == nil))
    }

    /// The OpenSearch description that lets a browser search the site from its address bar.
    private func openSearch(_ locale: String?) -> BuiltSite.File {
        let page = SitePaths.search(locale)
        let template = options.baseURL.map { $0 + SitePaths.url(page) } ?? SitePaths.relative(from: SitePaths.openSearch(locale), to: page)
        let name = options.title + (locale.map { " (\($0))" } ?? "")
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
              <ShortName>\(String(name.prefix(16)).htmlEscaped)</ShortName>
              <Description>\(name.htmlEscaped)</Description>
              <InputEncoding>UTF-8</InputEncoding>
              <Url type="text/html" method="get" template="\(template.htmlEscaped)?q={searchTerms}"/>
            </OpenSearchDescription>

            """
        return BuiltSite.File(path: SitePaths.openSearch(locale), text: xml)
    }

    // MARK: Root

    private func root(_ linked: LinkedKnowledgeBase) -> Page {
        if linked.locales.count == 1, let only = linked.locales.first {
            let layout = base(path: SitePaths.root, locale: only, title: options.title)
            return Page(layout: layout, content: RootPage(locales: [], redirect: SitePaths.home(only)))
        }
        let layout = base(path: SitePaths.root, locale: "en", title: options.strings(for: "en")[.chooseLanguage])
        return Page(layout: layout, content: RootPage(locales: rootLocales(linked, prefix: "")))
    }

    /// Each language's home with its counts, linked with `prefix` before the path.
    private func rootLocales(_ linked: LinkedKnowledgeBase, prefix: String) -> [RootLocale] {
        linked.locales.map { locale in
            let articles = linked.articles.filter { $0.locale == locale }
            let strings = options.strings(for: locale)
            return RootLocale(
                locale: locale, name: SiteStrings.nativeName(of: locale), href: prefix + SitePaths.home(locale), articles: articles.count,
                entries: articles.reduce(0) { $0 + $1.entries.count }, articleWord: strings[.articleCount], entryWord: strings[.entries])
        }
    }

    // MARK: Not found

    /// `404.html`, which a web server shows at whatever address was asked for: its links start
    /// at the base URL, or else at the server's root (`/`), since a relative link would start from
    /// the missing page's folder. In the site's language when it has one, else in English.
    private func notFound(_ linked: LinkedKnowledgeBase) -> Page {
        let locale = linked.locales.count == 1 ? linked.locales[0] : "en"
        var layout = base(path: SitePaths.notFound, locale: locale, title: options.strings(for: locale)[.notFound])
        let root = options.baseURL ?? "/"
        layout.root = root
        layout.home = root + SitePaths.root
        layout.searchPage = root + SitePaths.search(nil)
        layout.openSearch = root + SitePaths.openSearch(nil)
        return Page(layout: layout, content: NotFoundPage(locales: rootLocales(linked, prefix: root)))
    }

    // MARK: Home

    private func home(_ locale: String, _ context: RenderingContext) -> Page {
        let linked = context.linked
        let path = SitePaths.home(locale)
        let strings = options.strings(for: locale)
        var layout = base(path: path, locale: locale, title: SiteStrings.nativeName(of: locale), searchLocale: locale)
        layout.home = "index.html"
        layout.switchLanguages(linked.locales.map { ($0, SitePaths.home($0)) }, current: locale, from: path)
        layout.alternates = linked.locales.map { other in
            Alternate(hreflang: other, href: SitePaths.relative(from: path, to: SitePaths.home(other)))
        }

        // The navigation, each table collapsed to its top level (and a lone branch's items), named
        // by its own title: the title of its folder's index article; or its first item when that
        // is a page the site does not have (DocFX's `- name: Manage apps` / `href: index.yml`,
        // left out of the list then); or its lone top item; else its folder.
        let articles = linked.articles.filter { $0.locale == locale }
        let titles = Dictionary(articles.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let tables = linked.knowledgeBase.tablesOfContents.filter { $0.locale == locale }
        var listed: Set<String> = []
        var navigation: [NavigationTable] = tables.map { table in
            table.items.forEach { $0.collectArticleIDs(into: &listed) }
            var items = table.items
            let landing = items.count > 1 && items[0].children.isEmpty && items[0].target == .none ? items.removeFirst().title : nil
            let title = titles[table.folder.isEmpty ? "index" : table.folder + "/index"] ?? landing
                ?? (items.count == 1 ? items[0].title : nil)
                ?? (table.folder.isEmpty ? strings[.contents] : table.folder.split(separator: "/").joined(separator: " / "))
            return NavigationTable(title: title, items: prunedNavigation(items, open: [], locale: locale, from: path))
        }
        // The articles no table lists, by their folders, whole.
        if let folders = context.folderTable(locale) {
            navigation.append(NavigationTable(
                title: tables.isEmpty ? strings[.contents] : strings[.otherArticles],
                items: folders.items.map { navigationItem($0, locale: locale, from: path, current: nil) }))
        }
        // A lone tree needs no title of its own under the "Contents" heading.
        for index in navigation.indices { navigation[index].showTitle = navigation.count > 1 }

        // The language's most common codes: those in the most articles, then with the most entries
        // (the full index has a page of its own), success codes left out; and the articles with
        // the most entries.
        let rows = codeRows(locale, from: path, linked)
        var entriesPerCode: [String: Int] = [:]
        var articlesPerCode: [String: Set<String>] = [:]
        for row in rows {
            entriesPerCode[row.code, default: 0] += 1
            articlesPerCode[row.code, default: []].insert(row.articleHref)
        }
        func weight(_ code: String) -> (Int, Int) { (articlesPerCode[code]!.count, entriesPerCode[code]!) }
        var seen: Set<String> = []
        let common = rows.filter { !ErrorCode.isSuccess($0.code) && seen.insert($0.code).inserted }
            .sorted { weight($0.code) != weight($1.code) ? weight($0.code) > weight($1.code) : $0.code < $1.code }
            .prefix(Self.commonCodes)
        let troubleshooting = articles.filter { !$0.entries.isEmpty && !SitePaths.isLanding($0) }
            .sorted { ($0.entries.count, $1.title) > ($1.entries.count, $0.title) }
            .prefix(Self.troubleshootingArticles)
            .map { ArticleCount(title: $0.title, href: SitePaths.relative(from: path, to: SitePaths.article($0)), entries: $0.entries.count) }

        // The language's index.md, when there is one, introduces the page.
        var intro: String?
        if let landing = linked.articles.indices.first(where: { linked.articles[$0].locale == locale && SitePaths.isLanding(linked.articles[$0]) }),
           let page = article(landing, context).content as? ArticlePage {
            intro = page.body
            layout.title = linked.articles[landing].title
            layout.description = linked.articles[landing].metadata.description
        }
        return Page(layout: layout, content: HomePage(
            heading: SiteStrings.nativeName(of: locale), intro: intro, tables: navigation, codes: Array(common), hasCodes: !rows.isEmpty,
            codeIndex: SitePaths.relative(from: path, to: SitePaths.codeIndex(locale)), codeCount: entriesPerCode.count,
            troubleshooting: Array(troubleshooting)))
    }

    /// How many entries of each other language a code's page links before its page there.
    static let entriesPerOtherLanguage = 3

    /// How many codes and articles a home lists before the links to all of them.
    static let commonCodes = 12
    static let troubleshootingArticles = 10

    /// A language's code index: every entry of every code, sortable and filterable as you type.
    private func codeIndex(_ locale: String, _ context: RenderingContext) -> Page {
        let linked = context.linked
        let path = SitePaths.codeIndex(locale)
        let strings = options.strings(for: locale)
        var layout = base(path: path, locale: locale, title: strings[.allCodes], searchLocale: locale)
        layout.home = SitePaths.relative(from: path, to: SitePaths.home(locale))
        layout.switchLanguages(linked.locales.map { ($0, SitePaths.codeIndex($0)) }, current: locale, from: path)
        let rows = codeRows(locale, from: path, linked)
        return Page(layout: layout, content: CodeIndexPage(codes: rows, hasCodes: !rows.isEmpty))
    }

    /// A row per entry of a code in the language, in the order of the codes.
    private func codeRows(_ locale: String, from path: String, _ linked: LinkedKnowledgeBase) -> [CodeRow] {
        var rows: [CodeRow] = []
        // "Success" (0, 0x00000000, S_OK) is no error to look up: it keeps its page, not rows here.
        for code in linked.codes.codes where !ErrorCode.isPlainSuccess(code.code) {
            for reference in code.entries where linked.article(reference).locale == locale {
                let article = linked.article(reference)
                let entry = linked.entry(reference)
                let articlePath = SitePaths.relative(from: path, to: SitePaths.article(article))
                rows.append(CodeRow(
                    code: code.code, codeHref: SitePaths.relative(from: path, to: SitePaths.code(code.code, locale: locale)), title: entry.title,
                    entryHref: articlePath + "#" + (entry.anchor ?? ""), article: article.title, articleHref: articlePath,
                    platform: entry.platform ?? ""))
            }
        }
        return rows
    }

    /// The items of one level, with the branch at `open.first` opened (and so on down; a lone
    /// branch below it too) and every other branch closed: shown as a link to its own page or else
    /// its first page.
    private func prunedNavigation(_ items: [NavigationItem], open: ArraySlice<Int>, locale: String, from path: String) -> [NavigationItemContext] {
        items.enumerated().map { index, item in
            if index == open.first || (open.isEmpty && items.count == 1), !item.children.isEmpty {
                var context = navigationItem(item, locale: locale, from: path, current: nil, children: false)
                context.children = prunedNavigation(item.children, open: open.dropFirst(), locale: locale, from: path)
                context.hasChildren = true
                return context
            }
            var context = navigationItem(item, locale: locale, from: path, current: nil, children: false)
            if !item.children.isEmpty {
                context.closed = true
                if context.href == nil, let first = item.firstArticle {
                    context.href = SitePaths.relative(from: path, to: "\(locale)/\(first).html")
                }
            }
            return context
        }
    }

    private func navigationItem(_ item: NavigationItem, locale: String, from path: String, current: String?, children: Bool = true) -> NavigationItemContext {
        var context = NavigationItemContext(
            title: item.title, hasChildren: children && !item.children.isEmpty,
            children: children ? item.children.map { navigationItem($0, locale: locale, from: path, current: current) } : [])
        switch item.target {
        case .article(let id):
            context.href = SitePaths.relative(from: path, to: "\(locale)/\(id).html")
            context.current = id == current
        case .external(let url):
            context.href = URLSafety.safe(url)
        case .none:
            break
        }
        return context
    }

    /// Articles no table of contents lists, as a tree of their folders.
    // MARK: Article

    /// An article's page; with `fallback`, the page of a language that has no version of it,
    /// showing this one: that language's interface and navigation, the article's text in its
    /// own language under a notice, left out of search and of the alternates.
    private func article(_ index: Int, _ context: RenderingContext, fallback fallbackLocale: String? = nil) -> Page {
        let linked = context.linked
        let article = linked.articles[index]
        let locale = fallbackLocale ?? article.locale
        let path = fallbackLocale.map { SitePaths.fallback(article, locale: $0) } ?? SitePaths.article(article)
        let strings = options.strings(for: locale)
        var layout = base(path: path, locale: locale, title: article.title, searchLocale: locale)
        layout.home = SitePaths.relative(from: path, to: SitePaths.home(locale))
        layout.description = article.metadata.description
        layout.ogType = "article"

        let versions = ([index] + linked.translations(of: index)).sorted { linked.articles[$0].locale < linked.articles[$1].locale }
        let fallbacks = context.fallbackLocales(ofGroupOf: index)
        var switcher = versions.map { (locale: linked.articles[$0].locale, path: SitePaths.article(linked.articles[$0])) }
        switcher += fallbacks.map { (locale: $0, path: SitePaths.fallback(article, locale: $0)) }
        layout.switchLanguages(switcher.sorted { $0.locale < $1.locale }, current: locale, from: path, fallbacks: Set(fallbacks))
        layout.alternates = versions.count > 1 && fallbackLocale == nil ? versions.map { other in
            Alternate(hreflang: linked.articles[other].locale, href: SitePaths.relative(from: path, to: SitePaths.article(linked.articles[other])))
        } : []
        var notice: TranslationNotice?
        if fallbackLocale != nil {
            // Search engines keep the article in its own language.
            layout.robots = "noindex"
            layout.canonical = SitePaths.relative(from: path, to: SitePaths.article(article))
            notice = TranslationNotice(
                fallback: true, original: PageLink(title: article.title, href: SitePaths.relative(from: path, to: SitePaths.article(article))),
                originalLang: article.locale, originalName: SiteStrings.nativeName(of: article.locale))
        } else if let status = context.translationStatus(of: index), status.isOutdated || !status.missingEntries.isEmpty {
            let original = linked.articles[status.original]
            let originalPath = SitePaths.relative(from: path, to: SitePaths.article(original))
            notice = TranslationNotice(
                outdated: status.isOutdated, original: PageLink(title: original.title, href: originalPath), originalLang: original.locale,
                originalName: SiteStrings.nativeName(of: original.locale),
                missing: status.missingEntries.map { reference in
                    let entry = linked.entry(reference)
                    return PageLink(title: entry.title, href: originalPath + "#" + (entry.anchor ?? ""))
                })
        }

        // The table of contents of the article's folder, when there is one.
        let folder = ContentPath.folder(of: article.id)
        // Else, for an article no table lists, its language's folders (`RenderingContext.folderTable`).
        let table = linked.knowledgeBase.tablesOfContents
            .filter { $0.locale == locale && (folder == $0.folder || folder.hasPrefix($0.folder + "/") || $0.folder.isEmpty) }
            .max { $0.folder.count < $1.folder.count } ?? context.folderTable(locale)
        // Pruned to the article's branch: the top level, and the items of each branch on the way to
        // the article. A branch left closed links to its page, or its first page (the locale home
        // carries the whole tree).
        var navigation: String?
        var breadcrumbs: [PageLink] = []
        var previous: PageLink?, next: PageLink?
        if let table {
            layout.hasSidebar = true
            let branch = table.items.branch(leadingTo: article.id)
            navigation = context.navigation(of: table, forPageIn: ContentPath.folder(of: path), open: branch) {
                self.prunedNavigation(table.items, open: branch[...], locale: locale, from: path)
                    .map { self.templates.render($0, template: "nav") }.joined()
            }.markingCurrent(String(path.split(separator: "/").last ?? ""))
            // Breadcrumbs: the home, then the branches on the way to the article (a branch links to
            // its own page, or else its first page), not the article itself.
            func link(_ id: String?) -> String? {
                id.map { SitePaths.relative(from: path, to: "\(locale)/\($0).html") }
            }
            breadcrumbs = [PageLink(title: strings[.home], href: layout.home)]
            var items = table.items
            for position in branch where position < items.count {
                let item = items[position]
                if item.target == .article(article.id) { break }
                breadcrumbs.append(PageLink(title: item.title, href: link(item.firstArticle)))
                items = item.children
            }
            // Previous and next: the neighbours in the table's reading order.
            let order = context.readingOrder(of: table)
            if let position = order.firstIndex(where: { $0.id == article.id }) {
                if position > 0 { previous = PageLink(title: order[position - 1].title, href: link(order[position - 1].id)) }
                if position + 1 < order.count { next = PageLink(title: order[position + 1].title, href: link(order[position + 1].id)) }
            }
        }
        let outline = article.document.allSections.filter { $0.level == 2 || $0.level == 3 }.map { section in
            OutlineItem(title: section.titleText, anchor: section.anchor, nested: section.level == 3)
        }

        // Entries: their codes and their places in the other languages.
        let places = article.entryPlaces
        var counterparts: [String: JSONValue] = [:]
        for (entryIndex, entry) in article.entries.enumerated() {
            guard let anchor = entry.anchor else { continue }
            var places: [String: JSONValue] = [:]
            for other in linked.counterparts(of: EntryReference(article: index, entry: entryIndex)) {
                if let otherAnchor = linked.entry(other).anchor { places[linked.article(other).locale] = .string(otherAnchor) }
            }
            if !places.isEmpty { counterparts[anchor] = .object(places) }
        }

        var renderer = HTMLRenderer()
        if fallbackLocale == nil {
            renderer.rewriteLink = SitePaths.pageLink
        } else {
            renderer.rewriteLink = Self.rebasing(from: article.source, to: path)
        }
        // The alerts' titles in the text's language.
        let textStrings: SiteStrings = fallbackLocale == nil ? strings : options.strings(for: article.locale)
        renderer.alertTitle = { textStrings[SiteString(alert: $0)] }
        renderer.zoneLabel = { strings[.appliesTo] + ": " + $0 }
        let codeLinker = context.codeLinker(forArticle: index, from: path)
        renderer.textHTML = codeLinker.html
        let meta: (Int) -> String = { entryIndex in
            self.entryMeta(EntryReference(article: index, entry: entryIndex), from: path, strings: strings, linked: linked)
        }
        renderer.afterHeading = { section in places.sections[section.anchor].map(meta) ?? "" }
        // A table of entries gets one line of links to the same table in the other languages,
        // not one per row; the language switcher follows the row in the address.
        renderer.beforeEntryTable = { ids in
            ids.lazy.compactMap { places.rows[$0] }.map { self.tableMeta(EntryReference(article: index, entry: $0), from: path, strings: strings, linked: linked) }
                .first { !$0.isEmpty } ?? ""
        }
        return Page(layout: layout, content: ArticlePage(
            pagefindCodes: Array(Set(article.entries.flatMap(\.codes).filter { $0.kind != .malformed }.map(\.code))).sorted()
                .joined(separator: ", "),
            navigation: navigation, counterparts: Self.scriptJSON(.object(counterparts)),
            markdown: links.path(.markdownTwin, path).map { SitePaths.relative(from: path, to: $0) },
            structuredData: Self.scriptJSON(structuredData(article, path: path)), body: renderer.render(article.document),
            editLink: options.editLink(for: article.source).flatMap { URLSafety.safe($0) }, updated: article.metadata.isoDate,
            breadcrumbs: breadcrumbs, previous: previous, next: next, outline: outline,
            contentLang: fallbackLocale == nil ? nil : article.locale, indexed: fallbackLocale == nil, notice: notice))
    }

    /// schema.org data for search engines: a `TechArticle` with a `HowTo` (its name and place) for
    /// each procedure. The steps are the page's own text, so they are not repeated here; machines
    /// read them from `articles.json`.
    private func structuredData(_ article: Article, path: String) -> JSONValue {
        let address = options.baseURL.map { $0 + SitePaths.url(path) } ?? SitePaths.relative(from: path, to: path)
        var data: [String: JSONValue] = [
            "@context": .string("https://schema.org"), "@type": .string("TechArticle"), "headline": .string(article.title),
            "inLanguage": .string(Self.languageTag(article.locale)), "url": .string(address), "identifier": .string(article.id),
        ]
        if let description = article.metadata.description { data["description"] = .string(description) }
        if let date = article.metadata.isoDate { data["dateModified"] = .string(date) }
        if !article.procedures.isEmpty {
            data["hasPart"] = .array(article.procedures.map { procedure in
                .object(["@type": .string("HowTo"), "name": .string(procedure.title), "url": .string(address + "#" + procedure.sectionAnchor)])
            })
        }
        return .object(data)
    }

    /// `nl-NL` for `nl-nl`: a BCP 47 tag in its usual case.
    static func languageTag(_ locale: String) -> String {
        let parts = locale.split(separator: "-")
        return parts.enumerated().map { index, part in
            index == 0 ? part.lowercased() : part.count == 2 ? part.uppercased() : part.count == 4 ? part.prefix(1).uppercased() + part.dropFirst().lowercased() : String(part)
        }.joined(separator: "-")
    }

    /// A section entry's codes (linked to their pages) and the same entry in other languages.
    private func entryMeta(_ reference: EntryReference, from path: String, strings: SiteStrings, linked: LinkedKnowledgeBase) -> String {
        let entry = linked.entry(reference)
        var parts: [String] = []
        // A row shows its codes already; a section's heading may not.
        for code in entry.codes where entry.kind == .section && code.kind != .malformed && linked.codes[code.code] != nil {
            let href = SitePaths.relative(from: path, to: SitePaths.code(code.code, locale: linked.article(reference).locale))
            parts.append("<a class=\"code\" href=\"\(href.htmlEscaped)\">\(code.code.htmlEscaped)</a>")
        }
        parts += languageLinks(reference, from: path, strings: strings, linked: linked) { $0.anchor }
        return parts.isEmpty ? "" : "<div class=\"entry-meta\">\(parts.joined(separator: " "))</div>\n"
    }

    /// The table of an entry row in the other languages: the section that holds the row's
    /// counterpart in each; empty when the row has none.
    private func tableMeta(_ reference: EntryReference, from path: String, strings: SiteStrings, linked: LinkedKnowledgeBase) -> String {
        let parts = languageLinks(reference, from: path, strings: strings, linked: linked) { $0.sectionPath.last ?? $0.anchor }
        return parts.isEmpty ? "" : "<div class=\"entry-meta\">\(parts.joined(separator: " "))</div>\n"
    }

    /// The entry in the other languages, one short line opened on demand: "In other languages
    /// (4)", then a link to each counterpart at the fragment given.
    private func languageLinks(
        _ reference: EntryReference, from path: String, strings: SiteStrings, linked: LinkedKnowledgeBase, fragment: (ErrorEntry) -> String?
    ) -> [String] {
        let others = linked.counterparts(of: reference)
        guard !others.isEmpty else { return [] }
        let links = others.map { other in
            let article = linked.article(other)
            let href = SitePaths.relative(from: path, to: SitePaths.article(article)) + "#" + (fragment(linked.entry(other)) ?? "")
            return "<li><a href=\"\(href.htmlEscaped)\" hreflang=\"\(article.locale.htmlEscaped)\" lang=\"\(article.locale.htmlEscaped)\">"
                + "\(SiteStrings.nativeName(of: article.locale).htmlEscaped)</a></li>"
        }
        return ["<details class=\"entry-languages\"><summary>\(strings[.alsoIn].htmlEscaped) (\(others.count))</summary><ul>"
                + links.joined() + "</ul></details>"]
    }

    /// JSON safe inside a `<script>` element: `<`, `>`, `&` and `'` are written as `\u003c`…,
    /// so that neither `</script>` nor a comment opener nor markup can appear, whatever the
    /// content holds.
    static func scriptJSON(_ value: JSONValue) -> String {
        var bytes: [UInt8] = []
        for byte in value.serialized(.compact) {
            switch byte {
            case UInt8(ascii: "<"): bytes += Array("\\u003c".utf8)
            case UInt8(ascii: ">"): bytes += Array("\\u003e".utf8)
            case UInt8(ascii: "&"): bytes += Array("\\u0026".utf8)
            case UInt8(ascii: "'"): bytes += Array("\\u0027".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Code

    /// A code's page in one language: what the code says, that language's entries of it in full,
    /// and the other languages' entries folded below, each a link.
    private func code(_ code: CodeIndex.Code, locale: String, _ context: RenderingContext) -> Page {
        let linked = context.linked
        let path = SitePaths.code(code.code, locale: locale)
        let strings = options.strings(for: locale)
        var layout = base(path: path, locale: locale, title: code.code, searchLocale: locale)
        layout.home = SitePaths.relative(from: path, to: SitePaths.home(locale))
        let locales = context.codeLocales[code.code] ?? [locale]
        layout.switchLanguages(locales.map { ($0, SitePaths.code(code.code, locale: $0)) }, current: locale, from: path)
        layout.alternates = locales.count > 1 ? locales.map { other in
            Alternate(hreflang: other, href: SitePaths.relative(from: path, to: SitePaths.code(code.code, locale: other)))
        } : []
        var decoded: DecodedCode?
        if let hresult = HRESULT(ErrorCode(code: code.code, raw: code.code, kind: code.kind)) {
            decoded = DecodedCode(
                severity: hresult.isFailure ? strings[.failure] : strings[.success], facility: String(hresult.facility),
                facilityName: hresult.facilityName, customer: hresult.isCustomerDefined,
                codeNumber: "\(hresult.code) (0x\(String(hresult.code, radix: 16, uppercase: true)))",
                win32: hresult.win32Error.map { String($0) }, win32Name: hresult.win32ErrorName,
                decimal: ([String(hresult.signedValue)] + code.aliases.filter { $0 != String(hresult.signedValue) }).joined(separator: ", "))
        }
        let entries = code.entries.filter { linked.article($0).locale == locale }.map { codeEntry($0, from: path, context) }
        // Each other language's first entries, then its page of the code for the rest: a code with
        // hundreds of entries does not repeat them on every language's page.
        var others: [CodeGroup] = []
        for reference in code.entries where linked.article(reference).locale != locale {
            let article = linked.article(reference)
            if others.last?.locale != article.locale {
                others.append(CodeGroup(
                    locale: article.locale, name: SiteStrings.nativeName(of: article.locale),
                    page: SitePaths.relative(from: path, to: SitePaths.code(code.code, locale: article.locale))))
            }
            others[others.count - 1].count += 1
            guard others[others.count - 1].links.count < Self.entriesPerOtherLanguage else { continue }
            let entry = linked.entry(reference)
            let articlePath = SitePaths.relative(from: path, to: SitePaths.article(article))
            others[others.count - 1].links.append(PageLink(title: entry.title, href: articlePath + "#" + (entry.anchor ?? "")))
        }
        let breadcrumbs = [PageLink(title: strings[.home], href: layout.home),
                           PageLink(title: strings[.allCodes], href: SitePaths.relative(from: path, to: SitePaths.codeIndex(locale)))]
        return Page(layout: layout, content: CodePage(
            code: code.code, decoded: decoded, breadcrumbs: breadcrumbs,
            labels: EntryLabels(message: strings[.message], cause: strings[.cause], resolution: strings[.resolution],
                                viewInArticle: strings[.viewInArticle]),
            entries: entries, others: others, otherCount: others.reduce(0) { $0 + $1.count }))
    }

    private func codeEntry(_ reference: EntryReference, from path: String, _ context: RenderingContext) -> CodeEntry {
        let linked = context.linked
        let article = linked.article(reference)
        let entry = linked.entry(reference)
        let articlePath = SitePaths.relative(from: path, to: SitePaths.article(article))
        // Links in the entry's text are relative to the article's folder: rebase them here.
        var renderer = HTMLRenderer()
        renderer.rewriteLink = Self.rebasing(from: article.source, to: path)
        let strings = options.strings(for: article.locale)
        renderer.alertTitle = { strings[SiteString(alert: $0)] }
        renderer.textHTML = context.codeLinker(forArticle: reference.article, from: path).html
        return CodeEntry(
            title: entry.title, href: articlePath + "#" + (entry.anchor ?? ""), article: article.title, articleHref: articlePath,
            platform: entry.platform, message: entry.message.flatMap { $0 == entry.title ? nil : $0 },
            cause: entry.cause.isEmpty ? nil : renderer.render(entry.cause),
            resolution: entry.resolution.isEmpty ? nil : renderer.render(entry.resolution))
    }

    /// Rewrites the links of a text written at `source` (a path of the content) for a page at
    /// `path`: relative ones lead where they led from the source, `.md` to its page.
    static func rebasing(from source: String, to path: String) -> @Sendable (String) -> String {
        let articleFolder = ContentPath.folder(of: source)
        let pageFolder = ContentPath.folder(of: path)
        return { destination in
            guard ContentPath.isRelative(destination) else { return destination }
            let hash = destination.firstIndex(of: "#") ?? destination.endIndex
            guard let absolute = ContentPath.resolve(String(destination[..<hash]), from: articleFolder) else { return destination }
            return SitePaths.pageLink(ContentPath.relative(absolute, from: pageFolder) + destination[hash...])
        }
    }

    // MARK: Coverage

    private func coverage(_ linked: LinkedKnowledgeBase) -> Page {
        let path = SitePaths.coverage
        let layout = base(path: path, locale: "en", title: options.strings(for: "en")[.coverage])
        let locales = linked.locales
        let articles = linked.groups.map { group in
            let members = group.articles.map { linked.articles[$0] }
            return CoverageRow(id: members[0].id, cells: locales.map { locale in
                guard let index = group.articles.first(where: { linked.articles[$0].locale == locale }) else { return CoverageCell(present: false) }
                let article = linked.articles[index]
                let status = linked.translationStatus(of: index)
                return CoverageCell(present: true, entries: article.entries.count,
                                    href: SitePaths.relative(from: path, to: SitePaths.article(article)),
                                    outdated: status?.isOutdated ?? false, missingEntries: status?.missingEntries.count ?? 0)
            })
        }
        let codes = linked.codes.codes.map { code in
            var counts: [String: Int] = [:]
            for reference in code.entries { counts[linked.article(reference).locale, default: 0] += 1 }
            let first = locales.first { counts[$0] != nil } ?? locales[0]
            return CoverageRow(code: code.code, href: SitePaths.relative(from: path, to: SitePaths.code(code.code, locale: first)), cells: locales.map { locale in
                counts[locale].map {
                    CoverageCell(present: true, entries: $0, href: SitePaths.relative(from: path, to: SitePaths.code(code.code, locale: locale)))
                } ?? CoverageCell(present: false)
            })
        }
        let behind = linked.articles.indices.compactMap { index -> BehindTranslation? in
            guard let status = linked.translationStatus(of: index), status.isOutdated || !status.missingEntries.isEmpty else { return nil }
            let article = linked.articles[index], original = linked.articles[status.original]
            return BehindTranslation(
                locale: article.locale, title: article.title, href: SitePaths.relative(from: path, to: SitePaths.article(article)),
                outdated: status.isOutdated, missingEntries: status.missingEntries.count, original: original.locale,
                originalHref: SitePaths.relative(from: path, to: SitePaths.article(original)))
        }.sorted { ($0.locale, $0.href) < ($1.locale, $1.href) }
        return Page(layout: layout, content: CoveragePage(locales: locales.map(CoverageLocale.init), articles: articles, codes: codes, behind: behind))
    }
}

/// What pages share while the site renders.
final class RenderingContext: Sendable {
    let linked: LinkedKnowledgeBase
    let knownCodes: Set<String>
    /// Navigation trees rendered once per table of contents and page folder: every page of a
    /// folder has the same relative links.
    private let navigationCache = Mutex<[String: String]>([:])

    /// The codes of each article's entries, by article index: computed once, since every
    /// entry of an article on a code page needs its article's.
    let localCodes: [Set<String>]

    init(linked: LinkedKnowledgeBase) {
        self.linked = linked
        knownCodes = Set(linked.codes.codes.map(\.code))
        codeLocales = Dictionary(linked.codes.codes.map { ($0.code, Self.locales(of: $0, linked)) }, uniquingKeysWith: { first, _ in first })
        fallbackPages = Self.fallbacks(linked)
        var fallbacksOfGroup: [Int: [String]] = [:]
        for page in fallbackPages { fallbacksOfGroup[linked.groupOfArticle[page.article], default: []].append(page.locale) }
        self.fallbacksOfGroup = fallbacksOfGroup
        (folderTables, navigationSources) = Self.folderTables(linked)
        sourcesOfLocale = Dictionary(grouping: linked.articles, by: \.locale).mapValues { $0.map(\.source) }
        localCodes = linked.articles.map { Set($0.entries.flatMap(\.codes).map(\.code)) }
    }

    /// The languages that have entries of each code, in order: those that have a page of it.
    let codeLocales: [String: [String]]
    /// The pages of languages that have no version of an article (`fallbacks`).
    let fallbackPages: [(article: Int, locale: String)]
    /// For each group (by index), the languages that show one of its articles in their stead.
    let fallbacksOfGroup: [Int: [String]]

    /// The pages of languages that have no version of an article: for each group, each missing
    /// language shows the group's article in the same language (pt-pt for pt-br), else its
    /// original, else its first; not where an article of that language has the same page.
    static func fallbacks(_ linked: LinkedKnowledgeBase) -> [(article: Int, locale: String)] {
        guard linked.locales.count > 1 else { return [] }
        let taken = Set(linked.articles.map { SitePaths.article($0).lowercased() })
        var pages: [(article: Int, locale: String)] = []
        for group in linked.groups {
            let members = group.articles
            guard let first = members.first else { continue }
            let original = linked.original(ofGroupOf: first)
            for locale in linked.missingLocales(of: first) {
                let language = locale.split(separator: "-").first.map(String.init) ?? locale
                let source = members.first { linked.articles[$0].locale.split(separator: "-").first.map(String.init) == language }
                    ?? original ?? members.first { linked.articles[$0].locale.hasPrefix("en") } ?? first
                let article = linked.articles[source]
                guard !SitePaths.isLanding(article), !taken.contains(SitePaths.fallback(article, locale: locale).lowercased()) else { continue }
                pages.append((source, locale))
            }
        }
        return pages
    }

    func fallbackLocales(ofGroupOf article: Int) -> [String] { fallbacksOfGroup[linked.groupOfArticle[article]] ?? [] }

    /// The sources of a language's articles, in order.
    func sources(of locale: String) -> [String] { sourcesOfLocale[locale] ?? [] }
    private let sourcesOfLocale: [String: [String]]

    /// Each language's navigation made from its folders, for the articles no table of contents
    /// lists (a `docs/` folder without toc.yml): nil when every article is listed.
    let folderTables: [String: TableOfContents]

    func folderTable(_ locale: String) -> TableOfContents? { folderTables[locale] }

    /// The navigation of a language's unlisted articles from their folders: a folder is an item
    /// titled by its `index.md` (which it links to), else by its name; in it, its folders and
    /// articles by their front matter's `order` or `weight`, then their file names; an article
    /// by its title. The language's own `index.md` is its home, not an item.
    /// The sources of the articles a language's folders' navigation lists, in order.
    func navigationSources(of locale: String) -> [String] { navigationSources[locale] ?? [] }
    private let navigationSources: [String: [String]]

    static func folderTables(_ linked: LinkedKnowledgeBase) -> (tables: [String: TableOfContents], sources: [String: [String]]) {
        var tables: [String: TableOfContents] = [:]
        var sources: [String: [String]] = [:]
        for locale in linked.locales {
            var listed: Set<String> = []
            for table in linked.knowledgeBase.tablesOfContents where table.locale == locale {
                table.items.forEach { $0.collectArticleIDs(into: &listed) }
            }
            let articles = linked.articles.filter { $0.locale == locale && !listed.contains($0.id) && !SitePaths.isLanding($0) }
            guard !articles.isEmpty else { continue }
            tables[locale] = TableOfContents(locale: locale, folder: "", source: "\(locale)/\u{0}folders", items: folderItems(articles, below: ""))
            sources[locale] = articles.map(\.source)
        }
        return (tables, sources)
    }

    private static func folderItems(_ articles: [Article], below folder: String) -> [NavigationItem] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        var here: [Article] = []
        var subfolders: [String: [Article]] = [:]
        for article in articles {
            let rest = article.id.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") { subfolders[String(rest[..<slash]), default: []].append(article) } else { here.append(article) }
        }
        func order(_ article: Article?) -> Double {
            guard let metadata = article?.metadata else { return .infinity }
            for key in ["order", "weight", "sidebar_position", "nav_order"] {
                if let value = metadata.text(key), let number = Double(value) { return number }
            }
            return .infinity
        }
        var items: [(order: Double, name: String, item: NavigationItem)] = []
        for article in here where !article.id.hasSuffix("/index") && article.id != "index" {
            let name = String(article.id.split(separator: "/").last ?? "")
            items.append((order(article), name, NavigationItem(title: article.title, target: .article(article.id))))
        }
        for (name, inside) in subfolders {
            let index = inside.first { $0.id == prefix + name + "/index" }
            let children = folderItems(inside, below: prefix + name)
            let words = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
            let title = index?.title ?? (words.prefix(1).uppercased() + words.dropFirst())
            items.append((order(index), name, NavigationItem(title: title, target: index.map { .article($0.id) } ?? .none, children: children)))
        }
        return items.sorted { ($0.order, $0.name) < ($1.order, $1.name) }.map(\.item)
    }

    /// An article's status against its original, worked out when its page is made (a build
    /// after an edit makes few pages).
    func translationStatus(of article: Int) -> TranslationStatus? { linked.translationStatus(of: article) }

    static func locales(of code: CodeIndex.Code, _ linked: LinkedKnowledgeBase) -> [String] {
        Array(Set(code.entries.map { linked.article($0).locale })).sorted()
    }

    /// Links a code to its page in the article's language, else in the first language that has one.
    func codeLinker(forArticle index: Int, from path: String) -> CodeLinker {
        let root = SitePaths.rootPrefix(of: path)
        let locale = linked.articles[index].locale
        let codeLocales = codeLocales
        return CodeLinker(known: knownCodes, local: localCodes[index], url: { code in
            let locales = codeLocales[code] ?? []
            return root + SitePaths.code(code, locale: locales.contains(locale) ? locale : locales.first ?? locale)
        })
    }

    private let readingOrders = Mutex<[String: [(id: String, title: String)]]>([:])

    /// A table of contents' articles in reading order (depth first), each once, with its title in
    /// the table.
    func readingOrder(of table: TableOfContents) -> [(id: String, title: String)] {
        if let cached = readingOrders.withLock({ $0[table.source] }) { return cached }
        var order: [(id: String, title: String)] = []
        var seen: Set<String> = []
        func visit(_ items: [NavigationItem]) {
            for item in items {
                if case .article(let id) = item.target, seen.insert(id).inserted { order.append((id, item.title)) }
                visit(item.children)
            }
        }
        visit(table.items)
        readingOrders.withLock { $0[table.source] = order }
        return order
    }

    func navigation(of table: TableOfContents, forPageIn folder: String, open branch: [Int], render: () -> String) -> String {
        let key = table.source + "\u{0}" + folder + "\u{0}" + branch.map(String.init).joined(separator: ".")
        if let cached = navigationCache.withLock({ $0[key] }) { return cached }
        let html = render()
        navigationCache.withLock { $0[key] = html }
        return html
    }
}

extension String {
    /// The navigation with the link to the page itself marked as the current page (its link
    /// is its file name, written as a URL).
    func markingCurrent(_ fileName: String) -> String {
        var link = "href=\"\(URLSafety.pathURL(fileName).htmlEscaped)\""
        var html = self
        // Found on the bytes: the navigation is kilobytes long, and every page asks.
        let end: Int? = html.withUTF8 { haystack in
            link.withUTF8 { needle in haystack.firstIndex(of: needle, from: 0).map { $0 + needle.count } }
        }
        guard let end else { return self }
        let split = html.utf8.index(html.utf8.startIndex, offsetBy: end)
        return String(html[..<split]) + " aria-current=\"page\"" + String(html[split...])
    }
}

extension [NavigationItem] {
    /// The positions of the branches to open, level by level, to show the first item that leads to
    /// the article (the item itself too, when it has items of its own); empty when no item does.
    func branch(leadingTo id: String) -> [Int] {
        for (index, item) in enumerated() {
            if item.target == .article(id) { return item.children.isEmpty ? [] : [index] }
            let below = item.children.branch(leadingTo: id)
            if !below.isEmpty || item.children.contains(where: { $0.target == .article(id) }) { return [index] + below }
        }
        return []
    }
}

extension NavigationItem {
    /// The first article of the branch, in the order of the tree.
    var firstArticle: String? {
        if case .article(let id) = target { return id }
        return children.lazy.compactMap(\.firstArticle).first
    }

    func collectArticleIDs(into ids: inout Set<String>) {
        if case .article(let id) = target { ids.insert(id) }
        children.forEach { $0.collectArticleIDs(into: &ids) }
    }
}

extension Layout {
    /// The language switcher of a page at `path`: each locale's version of it, by native name,
    /// the page's own marked current; shown when there is another.
    mutating func switchLanguages(_ versions: [(locale: String, path: String)], current: String, from path: String, fallbacks: Set<String> = []) {
        hasLanguages = versions.count > 1
        languages = versions.map { version in
            LanguageLink(name: SiteStrings.nativeName(of: version.locale), hreflang: version.locale, current: version.locale == current,
                         href: SitePaths.relative(from: path, to: version.path), fallback: fallbacks.contains(version.locale))
        }
    }
}
