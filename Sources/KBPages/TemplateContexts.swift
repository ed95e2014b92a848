import Mustache

/// A value the templates read. Its keys are its stored properties, each named once in `keys`;
/// a template's `{{name}}` reads `keys["name"]` (an optional that is nil reads as absent, so
/// the name is looked up further down the context stack, as Mustache does for a missing key).
/// `TemplateContextTests` checks that every name the templates use is a key of one of these
/// types, so a misspelled name fails a test instead of rendering blank.
protocol TemplateValue: MustacheParent {
    static var keys: TemplateKeys<Self> { get }
}

/// A template value's keys: name → its property (an optional's value, or nil).
typealias TemplateKeys<Root> = [String: @Sendable (Root) -> Any?]

extension TemplateValue {
    func child(named name: String) -> Any? {
        Self.keys[name]?(self)
    }
}

/// Every type templates read, for `TemplateContextTests`.
let templateValueTypes: [any TemplateValue.Type] = [
    Layout.self, LanguageLink.self, Alternate.self, RootPage.self, RootLocale.self, HomePage.self, NavigationTable.self,
    NavigationItemContext.self, CodeRow.self, ArticlePage.self, PageLink.self, OutlineItem.self, CodePage.self, DecodedCode.self, CodeGroup.self,
    EntryLabels.self, CodeEntry.self, CoveragePage.self, CoverageLocale.self, CoverageRow.self, CoverageCell.self,
    SearchPage.self, CodeIndexPage.self, ArticleCount.self, NotFoundPage.self, TranslationNotice.self, BehindTranslation.self,
]

/// A page: its own values, read first, then its layout's.
struct Page: MustacheParent {
    var layout: Layout
    var content: any MustacheParent

    func child(named name: String) -> Any? {
        content.child(named: name) ?? layout.child(named: name)
    }
}

/// `layout.mustache`: what every page's shell needs.
struct Layout: TemplateValue {
    var lang: String
    var dir: String
    var title: String
    var siteTitle: String
    var root: String
    var home: String
    /// The interface's words in the page's language (`SiteStrings`).
    var strings: [String: String]
    var hasLanguages = false
    var hasSidebar = false
    var searchLocale: String
    var searchPage: String
    var openSearch: String
    var builtOn: String?
    var languages: [LanguageLink]?
    var alternates: [Alternate]?
    var description: String?
    /// `noindex` for a page search engines should leave out (a page shown in another language).
    var robots: String?
    /// The page that is the original of this one (a fallback's article in its own language);
    /// with a base URL, every page's own absolute address otherwise.
    var canonical: String?
    /// The page's absolute address, with a base URL.
    var pageURL: String?
    /// `article` for an article's page, else `website` (Open Graph).
    var ogType = "website"
    /// The site's logo, its path from the site root (kb.yml's theme).
    var logo: String?
    /// Whether the site has a stylesheet of its own after kb's (`assets/custom.css`).
    var customCSS = false
    /// HTML the site's owner puts in every page's head (kb.yml's theme: head).
    var headSnippet: String?

    static let keys: TemplateKeys<Layout> = [
        "lang": { $0.lang }, "dir": { $0.dir }, "title": { $0.title }, "siteTitle": { $0.siteTitle }, "root": { $0.root }, "home": { $0.home },
        "strings": { $0.strings }, "hasLanguages": { $0.hasLanguages }, "hasSidebar": { $0.hasSidebar }, "searchLocale": { $0.searchLocale },
        "searchPage": { $0.searchPage }, "openSearch": { $0.openSearch }, "builtOn": { $0.builtOn }, "languages": { $0.languages },
        "alternates": { $0.alternates }, "description": { $0.description }, "robots": { $0.robots }, "canonical": { $0.canonical },
        "pageURL": { $0.pageURL }, "ogType": { $0.ogType }, "ogLocale": { Layout.openGraphLocale($0.lang) },
        "ogAlternates": { layout in layout.alternates?.filter { $0.hreflang != layout.lang } },
        "logo": { $0.logo }, "customCSS": { $0.customCSS }, "headSnippet": { $0.headSnippet },
    ]
}

/// One language in the language switcher.
struct LanguageLink: TemplateValue {
    var name: String
    var hreflang: String
    var current: Bool
    var href: String
    /// The page in that language is another language's article (not translated yet).
    var fallback = false

    static let keys: TemplateKeys<LanguageLink> = [
        "name": { $0.name }, "hreflang": { $0.hreflang }, "current": { $0.current }, "href": { $0.href }, "fallback": { $0.fallback },
    ]
}

/// A `<link rel="alternate" hreflang>`.
struct Alternate: TemplateValue {
    var hreflang: String
    var href: String

    static let keys: TemplateKeys<Alternate> = [
        "hreflang": { $0.hreflang }, "href": { $0.href }, "ogLocale": { Layout.openGraphLocale($0.hreflang) },
    ]
}

extension Layout {
    /// `nl_NL` for `nl-nl`, `en` for `en`: a locale as Open Graph writes it.
    static func openGraphLocale(_ locale: String) -> String {
        let parts = locale.split(separator: "-").map(String.init)
        guard let language = parts.first?.lowercased() else { return locale }
        guard let region = parts.dropFirst().last(where: { $0.count == 2 }) else { return language }
        return language + "_" + region.uppercased()
    }
}

/// `root.mustache`: the language chooser.
struct RootPage: TemplateValue {
    var locales: [RootLocale]
    /// The home page of a site of one language, which the root sends the reader to instead of
    /// offering a choice of one.
    var redirect: String?

    static let keys: TemplateKeys<RootPage> = ["locales": { $0.locales }, "redirect": { $0.redirect }]
}

struct RootLocale: TemplateValue {
    var locale: String
    var name: String
    var href: String
    var articles: Int
    var entries: Int
    var articleWord: String
    var entryWord: String

    static let keys: TemplateKeys<RootLocale> = [
        "locale": { $0.locale }, "name": { $0.name }, "href": { $0.href }, "articles": { $0.articles }, "entries": { $0.entries },
        "articleWord": { $0.articleWord }, "entryWord": { $0.entryWord },
    ]
}

/// `home.mustache`: a language's home: its most common codes, its troubleshooting articles, a
/// link to its code index and its navigation, collapsed.
struct HomePage: TemplateValue {
    var heading: String
    /// The language's `index.md` article, rendered, shown above the rest.
    var intro: String?
    var tables: [NavigationTable]
    /// The codes with the most entries in the language.
    var codes: [CodeRow]
    var hasCodes: Bool
    /// The language's code index page, and how many codes it lists.
    var codeIndex: String
    var codeCount: Int
    /// The articles with the most entries.
    var troubleshooting: [ArticleCount]

    static let keys: TemplateKeys<HomePage> = [
        "heading": { $0.heading }, "intro": { $0.intro }, "tables": { $0.tables }, "codes": { $0.codes }, "hasCodes": { $0.hasCodes },
        "codeIndex": { $0.codeIndex }, "codeCount": { $0.codeCount },
        "troubleshooting": { $0.troubleshooting.isEmpty ? nil : $0.troubleshooting }, "hasTroubleshooting": { !$0.troubleshooting.isEmpty },
    ]
}

/// An article and how many error entries it has.
struct ArticleCount: TemplateValue {
    var title: String
    var href: String
    var entries: Int

    static let keys: TemplateKeys<ArticleCount> = ["title": { $0.title }, "href": { $0.href }, "entries": { $0.entries }]
}

/// `codes.mustache`: a language's index of every code, sortable and filterable.
struct CodeIndexPage: TemplateValue {
    var codes: [CodeRow]
    var hasCodes: Bool

    static let keys: TemplateKeys<CodeIndexPage> = ["codes": { $0.codes }, "hasCodes": { $0.hasCodes }]
}

/// `404.mustache`: the page for an address the site does not have.
struct NotFoundPage: TemplateValue {
    var locales: [RootLocale]

    static let keys: TemplateKeys<NotFoundPage> = ["locales": { $0.locales }]
}

/// A navigation tree on a home page.
struct NavigationTable: TemplateValue {
    var title: String
    var items: [NavigationItemContext]
    var showTitle = false

    static let keys: TemplateKeys<NavigationTable> = ["title": { $0.title }, "items": { $0.items }, "showTitle": { $0.showTitle }]
}

/// `nav.mustache`: an item of a navigation tree. `href` is nil for a folder (and for an
/// external link that is not safe), `current` for items that are not articles.
struct NavigationItemContext: TemplateValue {
    var title: String
    var href: String?
    var current: Bool?
    var hasChildren: Bool
    var children: [NavigationItemContext]
    /// A branch whose items are left out (an article page shows only its own branch open).
    var closed = false

    static let keys: TemplateKeys<NavigationItemContext> = [
        "title": { $0.title }, "href": { $0.href }, "current": { $0.current }, "hasChildren": { $0.hasChildren }, "children": { $0.children },
        "closed": { $0.closed },
    ]
}

/// A row of a home page's code index.
struct CodeRow: TemplateValue {
    var code: String
    var codeHref: String
    var title: String
    var entryHref: String
    var article: String
    var articleHref: String
    var platform: String

    static let keys: TemplateKeys<CodeRow> = [
        "code": { $0.code }, "codeHref": { $0.codeHref }, "title": { $0.title }, "entryHref": { $0.entryHref }, "article": { $0.article },
        "articleHref": { $0.articleHref }, "platform": { $0.platform },
    ]
}

/// `article.mustache`.
struct ArticlePage: TemplateValue {
    var pagefindCodes: String
    var navigation: String?
    var counterparts: String
    /// The article's Markdown twin, when the site has them (the `llms` output).
    var markdown: String?
    var structuredData: String
    var body: String
    /// Where the article's source is edited (kb.yml's edit-link); nil for none.
    var editLink: String?
    /// `ms.date` as an ISO 8601 date (`2018-11-09`); nil when the article has none.
    var updated: String?
    /// The branches of the navigation above the article, from the locale home down.
    var breadcrumbs: [PageLink] = []
    /// The articles before and after this one in the order of its table of contents.
    var previous: PageLink?
    var next: PageLink?
    /// The article's sections (levels 2 and 3), for the "on this page" list.
    var outline: [OutlineItem] = []
    /// The language of the article's text when it is not the page's (a fallback page).
    var contentLang: String?
    /// Whether search indexes built over the pages should take this one (not a fallback).
    var indexed = true
    /// What the reader should know about this language's version: shown above the article.
    var notice: TranslationNotice?

    static let keys: TemplateKeys<ArticlePage> = [
        "pagefindCodes": { $0.pagefindCodes }, "navigation": { $0.navigation }, "counterparts": { $0.counterparts }, "markdown": { $0.markdown },
        "structuredData": { $0.structuredData }, "body": { $0.body }, "editLink": { $0.editLink }, "updated": { $0.updated },
        "breadcrumbs": { $0.breadcrumbs.isEmpty ? nil : $0.breadcrumbs }, "previous": { $0.previous }, "next": { $0.next },
        "hasPager": { $0.previous != nil || $0.next != nil }, "outline": { $0.outline.isEmpty ? nil : $0.outline },
        "hasBreadcrumbs": { !$0.breadcrumbs.isEmpty }, "hasOutline": { !$0.outline.isEmpty },
        "contentLang": { $0.contentLang }, "indexed": { $0.indexed }, "notice": { $0.notice },
    ]
}

/// A notice above an article: shown in another language (a fallback), older than its original,
/// or missing entries the original has.
struct TranslationNotice: TemplateValue {
    var fallback = false
    var outdated = false
    /// The original, in its language.
    var original: PageLink?
    var originalLang: String?
    var originalName: String?
    /// The original's entries this version does not have, each a link to it in the original.
    var missing: [PageLink] = []

    static let keys: TemplateKeys<TranslationNotice> = [
        "fallback": { $0.fallback }, "outdated": { $0.outdated }, "original": { $0.original }, "originalLang": { $0.originalLang },
        "originalName": { $0.originalName }, "missing": { $0.missing.isEmpty ? nil : $0.missing }, "missingCount": { $0.missing.count },
        "hasMissing": { !$0.missing.isEmpty },
    ]
}

/// A link with its text: a breadcrumb, the previous or next article.
struct PageLink: TemplateValue {
    var title: String
    var href: String?

    static let keys: TemplateKeys<PageLink> = ["title": { $0.title }, "href": { $0.href }]
}

/// A section in an article's "on this page" list.
struct OutlineItem: TemplateValue {
    var title: String
    var anchor: String
    /// A level-3 section, shown indented under its level-2 section.
    var nested: Bool

    static let keys: TemplateKeys<OutlineItem> = ["title": { $0.title }, "anchor": { $0.anchor }, "nested": { $0.nested }]
}

/// `code.mustache`: a code, decoded when it is an HRESULT, and its entries per language.
struct CodePage: TemplateValue {
    var code: String
    var decoded: DecodedCode?
    var breadcrumbs: [PageLink]
    var labels: EntryLabels
    /// The page's language's entries, in full.
    var entries: [CodeEntry]
    /// The other languages' entries, as links.
    var others: [CodeGroup]
    var otherCount: Int

    static let keys: TemplateKeys<CodePage> = [
        "code": { $0.code }, "decoded": { $0.decoded }, "breadcrumbs": { $0.breadcrumbs }, "labels": { $0.labels },
        "entries": { $0.entries }, "others": { $0.others }, "hasOthers": { !$0.others.isEmpty }, "otherCount": { $0.otherCount },
    ]
}

struct DecodedCode: TemplateValue {
    var severity: String
    var facility: String
    var facilityName: String?
    var customer: Bool
    var codeNumber: String
    var win32: String?
    var win32Name: String?
    var decimal: String

    static let keys: TemplateKeys<DecodedCode> = [
        "severity": { $0.severity }, "facility": { $0.facility }, "facilityName": { $0.facilityName }, "customer": { $0.customer },
        "codeNumber": { $0.codeNumber }, "win32": { $0.win32 }, "win32Name": { $0.win32Name }, "decimal": { $0.decimal },
    ]
}

/// A code's entries in one language.
/// Another language's entries of a code, each a link.
struct CodeGroup: TemplateValue {
    var locale: String
    var name: String
    /// The code's page in that language.
    var page: String
    var links: [PageLink] = []
    /// How many entries the language has, linked or not.
    var count = 0

    static let keys: TemplateKeys<CodeGroup> = [
        "locale": { $0.locale }, "name": { $0.name }, "page": { $0.page }, "links": { $0.links }, "count": { $0.count },
        "more": { $0.count > $0.links.count ? $0.count - $0.links.count : nil },
    ]
}

struct EntryLabels: TemplateValue {
    var message: String
    var cause: String
    var resolution: String
    var viewInArticle: String

    static let keys: TemplateKeys<EntryLabels> = [
        "message": { $0.message }, "cause": { $0.cause }, "resolution": { $0.resolution }, "viewInArticle": { $0.viewInArticle },
    ]
}

/// An entry on a code page. `cause` and `resolution` are HTML.
struct CodeEntry: TemplateValue {
    var title: String
    var href: String
    var article: String
    var articleHref: String
    var platform: String?
    var message: String?
    var cause: String?
    var resolution: String?

    static let keys: TemplateKeys<CodeEntry> = [
        "title": { $0.title }, "href": { $0.href }, "article": { $0.article }, "articleHref": { $0.articleHref }, "platform": { $0.platform },
        "message": { $0.message }, "cause": { $0.cause }, "resolution": { $0.resolution },
    ]
}

/// `coverage.mustache`: which articles and codes each language has.
struct CoveragePage: TemplateValue {
    var locales: [CoverageLocale]
    var articles: [CoverageRow]
    var codes: [CoverageRow]
    /// The translations older than their original, or without some of its entries.
    var behind: [BehindTranslation]

    static let keys: TemplateKeys<CoveragePage> = [
        "locales": { $0.locales }, "articles": { $0.articles }, "codes": { $0.codes }, "behind": { $0.behind }, "hasBehind": { !$0.behind.isEmpty },
    ]
}

/// A translation behind its original, on the coverage page.
struct BehindTranslation: TemplateValue {
    var locale: String
    var title: String
    var href: String
    var outdated: Bool
    var missingEntries: Int
    var original: String
    var originalHref: String

    static let keys: TemplateKeys<BehindTranslation> = [
        "locale": { $0.locale }, "title": { $0.title }, "href": { $0.href }, "outdated": { $0.outdated },
        "missingEntries": { $0.missingEntries }, "original": { $0.original }, "originalHref": { $0.originalHref },
    ]
}

struct CoverageLocale: TemplateValue {
    var locale: String

    static let keys: TemplateKeys<CoverageLocale> = ["locale": { $0.locale }]
}

/// A row of the coverage tables: an article (`id`) or a code (`code`, `href`).
struct CoverageRow: TemplateValue {
    var id: String?
    var code: String?
    var href: String?
    var cells: [CoverageCell]

    static let keys: TemplateKeys<CoverageRow> = ["id": { $0.id }, "code": { $0.code }, "href": { $0.href }, "cells": { $0.cells }]
}

/// A language's cell: whether it has the article or code, how many entries, and a link.
struct CoverageCell: TemplateValue {
    var present: Bool
    var entries: Int?
    var href: String?
    /// A translation older than its original.
    var outdated = false
    /// The original's entries it does not have.
    var missingEntries = 0

    static let keys: TemplateKeys<CoverageCell> = [
        "present": { $0.present }, "entries": { $0.entries }, "href": { $0.href }, "outdated": { $0.outdated },
        "missingEntries": { $0.missingEntries > 0 ? $0.missingEntries : nil },
    ]
}

/// `search.mustache`.
struct SearchPage: TemplateValue {
    var allLanguagesOnly: Bool

    static let keys: TemplateKeys<SearchPage> = ["allLanguagesOnly": { $0.allLanguagesOnly }]
}
