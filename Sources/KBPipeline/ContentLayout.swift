import KBCore
import KBOutput

/// What a project says about its content (`kb.yml`, or flags).
public struct ContentSettings: Sendable, Equatable {
    /// Globs of paths to leave out: `*` and `?` within a folder name, `**` across folders
    /// (`drafts/**`, `**/_*.md`).
    public var exclude: [String]
    /// The locales to build; every locale when nil.
    public var locales: [String]?
    /// The language of a tree without locale folders.
    public var defaultLocale: String

    public init(exclude: [String] = [], locales: [String]? = nil, defaultLocale: String = "en") {
        self.exclude = exclude
        self.locales = locales
        self.defaultLocale = defaultLocale
    }
}

/// How a content tree is laid out, and which of its files are articles, tables of contents and
/// media.
///
/// A tree is *localized* when a top-level folder holding Markdown is named for a language and a
/// region or script (`en-us/`, `zh-hans/`), or when every one is named for a language (`nl/`).
/// Any other tree, such as a repository's `docs/` folder, is one language,
/// `ContentSettings.defaultLocale`, and the pipeline reads it through `LocaleFolderView`, which
/// shows it as that locale's folder.
///
/// Markdown files that are not articles are left out and listed in one note: the files of a
/// repository about itself (`README.md`, `CONTRIBUTING.md`, `PULL_REQUEST_TEMPLATE.md`, …) at the
/// root, any Markdown file at the root of a localized tree, and files the settings exclude.
public struct ContentLayout: Sendable {
    /// The locale of a tree without locale folders, whose files are shown below it; nil for a
    /// localized tree.
    public let virtualLocale: String?
    public let articles: [String]
    public let tablesOfContents: [String]
    public let media: [String]
    /// Markdown files left out, in the tree's own paths.
    public let leftOut: [String]

    /// ISO 639-1, the two-letter language codes.
    static let languageCodes = Set("""
        aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es \
        et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj \
        kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv \
        ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti \
        tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
        """.split(separator: " ").map(String.init))

    /// Repository files that describe the repository, not its subject.
    static let repositoryFiles: Set<String> = [
        "readme.md", "contributing.md", "code_of_conduct.md", "security.md", "support.md", "license.md", "changelog.md",
        "pull_request_template.md", "issue_template.md", "third-party-notices.md", "thirdpartynotices.md", "codeowners.md",
    ]

    /// The layout of `files` (the paths of the tree as stored).
    public init(files: [String], settings: ContentSettings) {
        let markdownFolders = Set(files.filter { $0.lowercased().hasSuffix(".md") }.compactMap { path -> Substring? in
            let parts = path.split(separator: "/")
            return parts.count > 1 ? parts[0] : nil
        })
        // A folder with a region or script (`en-us`, `zh-hans`) says the tree is localized even
        // beside other folders (whose articles are then of no known language, and reported);
        // two-letter names (`en`, `ui`) say so only when every folder is one.
        let localized = markdownFolders.contains { Self.isLocaleFolder(String($0)) && $0.contains("-") }
            || (!markdownFolders.isEmpty && markdownFolders.allSatisfy { Self.isLocaleFolder(String($0)) })
        virtualLocale = localized ? nil : settings.defaultLocale.lowercased()

        let globs = settings.exclude.map(Glob.init)
        var articles: [String] = []
        var tables: [String] = []
        var media: [String] = []
        var leftOut: [String] = []
        for path in files {
            let parts = path.split(separator: "/")
            let lower = path.lowercased()
            let name = parts.last.map { $0.lowercased() } ?? ""
            if globs.contains(where: { $0.matches(path) }) {
                if lower.hasSuffix(".md") { leftOut.append(path) }
                continue
            }
            let locale = localized ? (parts.count > 1 ? parts[0].lowercased() : nil) : virtualLocale
            if let wanted = settings.locales, let locale, !wanted.contains(locale) { continue }
            let shown = localized ? path : settings.defaultLocale.lowercased() + "/" + path
            // Breadcrumb tables of contents describe the published site around the docs.
            let inBreadcrumb = parts.dropLast().contains { ["breadcrumb", "bread"].contains($0.lowercased()) }
            if lower.hasSuffix(".md") {
                let atRoot = parts.count == 1
                if atRoot && (localized || Self.repositoryFiles.contains(name)) {
                    leftOut.append(path)
                } else if name == "toc.md" {
                    if !inBreadcrumb { tables.append(shown) }
                } else if !parts.dropLast().contains("includes") {
                    articles.append(shown)
                }
            } else if name == "toc.yml" {
                if !inBreadcrumb { tables.append(shown) }
            } else if !lower.hasSuffix(".yml") && !lower.hasSuffix(".yaml") {
                media.append(shown)
            }
        }
        self.articles = articles.sorted()
        self.tablesOfContents = tables.sorted()
        self.media = media.sorted()
        self.leftOut = leftOut
    }

    /// The note listing the Markdown files left out, if any.
    public var leftOutNote: Diagnostic? {
        guard let first = leftOut.first else { return nil }
        let listed = leftOut.prefix(20).map { "'\($0)'" }.joined(separator: ", ") + (leftOut.count > 20 ? ", …" : "")
        return Diagnostic(
            .note, .contentLeftOut,
            "\(leftOut.count) Markdown file\(leftOut.count == 1 ? " is" : "s are") not \(leftOut.count == 1 ? "an article" : "articles") and left out "
                + "(files about the repository, files at the root of a tree of locale folders, files the settings exclude): \(listed)",
            file: first, at: nil)
    }

    /// `en`, `nl-nl`, `zh-hans`, `sr-latn-rs`: a folder named for a language. The language is an
    /// ISO 639-1 code (so `ui` or `db` is an ordinary folder), or three letters followed by a
    /// region (`fil-ph`; `api` and `faq` alone are ordinary folders).
    public static func isLocaleFolder(_ name: String) -> Bool {
        let parts = name.lowercased().split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, language.allSatisfy({ $0.isASCII && $0.isLetter }),
              (language.count == 2 && languageCodes.contains(String(language))) || (language.count == 3 && parts.count > 1)
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}

/// A glob over `/`-separated paths: `*` and `?` match within one name, `**` any number of
/// whole names; a pattern without `/` matches a name in any folder (`*.draft.md`), and one that
/// starts with `/` only at the root (`/README.md`).
struct Glob: Sendable {
    let parts: [Substring]

    init(_ pattern: String) {
        let trimmed = pattern.hasPrefix("/") ? String(pattern.dropFirst()) : pattern
        var parts = trimmed.split(separator: "/", omittingEmptySubsequences: true)
        if parts.count == 1, parts[0] != "**", !pattern.hasPrefix("/") { parts.insert("**", at: 0) }
        if trimmed.hasSuffix("/") { parts.append("**") }
        self.parts = parts
    }

    func matches(_ path: String) -> Bool {
        Self.match(parts[...], path.split(separator: "/")[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ names: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return names.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            return (names.startIndex...names.endIndex).contains { match(rest, names[$0...]) }
        }
        guard let name = names.first, matchName(Array(first.unicodeScalars)[...], Array(name.unicodeScalars)[...]) else { return false }
        return match(pattern.dropFirst(), names.dropFirst())
    }

    private static func matchName(_ pattern: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        switch first {
        case "*":
            let rest = pattern.dropFirst()
            return (name.startIndex...name.endIndex).contains { matchName(rest, name[$0...]) }
        case "?":
            return !name.isEmpty && matchName(pattern.dropFirst(), name.dropFirst())
        default:
            return name.first == first && matchName(pattern.dropFirst(), name.dropFirst())
        }
    }
}

/// A tree without locale folders, shown as the folder of one locale: `guide/setup.md` is read
/// as `en/guide/setup.md`, so that every later step sees the layout of a localized tree.
public struct LocaleFolderView: ContentSource {
    public let base: any ContentSource
    public let locale: String
    public let files: [String]

    public init(_ base: any ContentSource, locale: String) {
        self.base = base
        self.locale = locale
        files = base.files.map { locale + "/" + $0 }
    }

    public var diagnostics: [Diagnostic] {
        base.diagnostics.map { diagnostic in
            var shown = diagnostic
            shown.file = diagnostic.file.isEmpty ? locale : locale + "/" + diagnostic.file
            return shown
        }
    }

    /// The path in the tree as stored.
    func stored(_ path: String) -> String? {
        path.hasPrefix(locale + "/") ? String(path.dropFirst(locale.count + 1)) : nil
    }

    public func bytes(_ path: String) throws -> [UInt8] {
        guard let stored = stored(path) else { throw FileReadError(.fileUnreadable, "there is no such file in the content folder") }
        return try base.bytes(stored)
    }

    public func published(_ path: String) -> BuiltSite.File? {
        guard let stored = stored(path), var file = base.published(stored) else { return nil }
        file.path = path
        file.origin = path
        return file
    }
}
