import Mustache

/// A value the templates read. Its keys are its stored properties, each named once in `keys`;
/// a template's `{{name}}` reads `keys["name"]` (an optional that is nil reads as absent, so
/// the name is looked up further down the context stack, as Mustache does for a missing key).
/// `TemplateContextTests` checks that every name the templates use is a key of one of these
/// types, so a misspelled name fails a test instead of rendering blank.
protocol TemplateValue: MustacheParent {
    static var keys: TemplateKeys<Self> { get }
}

/// A template value's keys: name → property.
typealias TemplateKeys<Root> = [String: PartialKeyPath<Root> & Sendable]

extension TemplateValue {
    func child(named name: String) -> Any? {
        guard let path = Self.keys[name] else { return nil }
        let value = self[keyPath: path]
        if let optional = value as? OptionalTemplateValue { return optional.wrappedTemplateValue }
        return value
    }
}

/// An optional's value, or nil: what a template reads of an optional property.
private protocol OptionalTemplateValue {
    var wrappedTemplateValue: Any? { get }
}

extension Optional: OptionalTemplateValue {
    fileprivate var wrappedTemplateValue: Any? { self.map { $0 } }
}

/// Every type templates read, for `TemplateContextTests`.
let templateValueTypes: [any TemplateValue.Type] = [
    Layout.self, LanguageLink.self, Alternate.self, RootPage.self, RootLocale.self, HomePage.self, NavigationTable.self,
    NavigationItemContext.self, CodeRow.self, ArticlePage.self, CodePage.self, DecodedCode.self, CodeGroup.self,
    EntryLabels.self, CodeEntry.self, CoveragePage.self, CoverageLocale.self, CoverageRow.self, CoverageCell.self,
    SearchPage.self,
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

    static let keys: TemplateKeys<Layout> = [
        "lang": \.lang, "dir": \.dir, "title": \.title, "siteTitle": \.siteTitle, "root": \.root, "home": \.home,
        "strings": \.strings, "hasLanguages": \.hasLanguages, "hasSidebar": \.hasSidebar, "searchLocale": \.searchLocale,
        "searchPage": \.searchPage, "openSearch": \.openSearch, "builtOn": \.builtOn, "languages": \.languages,
        "alternates": \.alternates, "description": \.description,
    ]
}

/// One language in the language switcher.
struct LanguageLink: TemplateValue {
    var name: String
    var hreflang: String
    var current: Bool
    var href: String

    static let keys: TemplateKeys<LanguageLink> = ["name": \.name, "hreflang": \.hreflang, "current": \.current, "href": \.href]
}

/// A `<link rel="alternate" hreflang>`.
struct Alternate: TemplateValue {
    var hreflang: String
    var href: String

    static let keys: TemplateKeys<Alternate> = ["hreflang": \.hreflang, "href": \.href]
}

/// `root.mustache`: the language chooser.
struct RootPage: TemplateValue {
    var locales: [RootLocale]

    static let keys: TemplateKeys<RootPage> = ["locales": \.locales]
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
        "locale": \.locale, "name": \.name, "href": \.href, "articles": \.articles, "entries": \.entries,
        "articleWord": \.articleWord, "entryWord": \.entryWord,
    ]
}

/// `home.mustache`: a language's home, its navigation and its code index.
struct HomePage: TemplateValue {
    var heading: String
    var tables: [NavigationTable]
    var codes: [CodeRow]
    var hasCodes: Bool

    static let keys: TemplateKeys<HomePage> = ["heading": \.heading, "tables": \.tables, "codes": \.codes, "hasCodes": \.hasCodes]
}

/// A navigation tree on a home page.
struct NavigationTable: TemplateValue {
    var title: String
    var items: [NavigationItemContext]
    var showTitle = false

    static let keys: TemplateKeys<NavigationTable> = ["title": \.title, "items": \.items, "showTitle": \.showTitle]
}

/// `nav.mustache`: an item of a navigation tree. `href` is nil for a folder (and for an
/// external link that is not safe), `current` for items that are not articles.
struct NavigationItemContext: TemplateValue {
    var title: String
    var href: String?
    var current: Bool?
    var hasChildren: Bool
    var children: [NavigationItemContext]

    static let keys: TemplateKeys<NavigationItemContext> = [
        "title": \.title, "href": \.href, "current": \.current, "hasChildren": \.hasChildren, "children": \.children,
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
        "code": \.code, "codeHref": \.codeHref, "title": \.title, "entryHref": \.entryHref, "article": \.article,
        "articleHref": \.articleHref, "platform": \.platform,
    ]
}

/// `article.mustache`.
struct ArticlePage: TemplateValue {
    var pagefindCodes: String
    var navigation: String?
    var counterparts: String
    var markdown: String
    var structuredData: String
    var body: String

    static let keys: TemplateKeys<ArticlePage> = [
        "pagefindCodes": \.pagefindCodes, "navigation": \.navigation, "counterparts": \.counterparts, "markdown": \.markdown,
        "structuredData": \.structuredData, "body": \.body,
    ]
}

/// `code.mustache`: a code, decoded when it is an HRESULT, and its entries per language.
struct CodePage: TemplateValue {
    var code: String
    var decoded: DecodedCode?
    var groups: [CodeGroup]

    static let keys: TemplateKeys<CodePage> = ["code": \.code, "decoded": \.decoded, "groups": \.groups]
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
        "severity": \.severity, "facility": \.facility, "facilityName": \.facilityName, "customer": \.customer,
        "codeNumber": \.codeNumber, "win32": \.win32, "win32Name": \.win32Name, "decimal": \.decimal,
    ]
}

/// A code's entries in one language.
struct CodeGroup: TemplateValue {
    var locale: String
    var name: String
    var labels: EntryLabels
    var entries: [CodeEntry] = []

    static let keys: TemplateKeys<CodeGroup> = ["locale": \.locale, "name": \.name, "labels": \.labels, "entries": \.entries]
}

struct EntryLabels: TemplateValue {
    var message: String
    var cause: String
    var resolution: String
    var viewInArticle: String

    static let keys: TemplateKeys<EntryLabels> = [
        "message": \.message, "cause": \.cause, "resolution": \.resolution, "viewInArticle": \.viewInArticle,
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
        "title": \.title, "href": \.href, "article": \.article, "articleHref": \.articleHref, "platform": \.platform,
        "message": \.message, "cause": \.cause, "resolution": \.resolution,
    ]
}

/// `coverage.mustache`: which articles and codes each language has.
struct CoveragePage: TemplateValue {
    var locales: [CoverageLocale]
    var articles: [CoverageRow]
    var codes: [CoverageRow]

    static let keys: TemplateKeys<CoveragePage> = ["locales": \.locales, "articles": \.articles, "codes": \.codes]
}

struct CoverageLocale: TemplateValue {
    var locale: String

    static let keys: TemplateKeys<CoverageLocale> = ["locale": \.locale]
}

/// A row of the coverage tables: an article (`id`) or a code (`code`, `href`).
struct CoverageRow: TemplateValue {
    var id: String?
    var code: String?
    var href: String?
    var cells: [CoverageCell]

    static let keys: TemplateKeys<CoverageRow> = ["id": \.id, "code": \.code, "href": \.href, "cells": \.cells]
}

/// A language's cell: whether it has the article or code, how many entries, and a link.
struct CoverageCell: TemplateValue {
    var present: Bool
    var entries: Int?
    var href: String?

    static let keys: TemplateKeys<CoverageCell> = ["present": \.present, "entries": \.entries, "href": \.href]
}

/// `search.mustache`.
struct SearchPage: TemplateValue {
    var allLanguagesOnly: Bool

    static let keys: TemplateKeys<SearchPage> = ["allLanguagesOnly": \.allLanguagesOnly]
}
