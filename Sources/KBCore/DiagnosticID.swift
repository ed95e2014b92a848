/// A diagnostic's identifier, declared once here with what it means: every diagnostic kb emits
/// names one of these (a misspelled name does not compile), severity rules name them or their
/// families (`link.*`), and `all` lists them for help and checks.
public struct DiagnosticID: Hashable, Sendable, CustomStringConvertible {
    /// `family.name`, as printed after a diagnostic (`[link.unresolved]`).
    public let name: String
    /// What it reports, in one line.
    public let summary: String

    private init(_ name: String, _ summary: String) {
        self.name = name
        self.summary = summary
    }

    /// The part before the dot: `link` of `link.unresolved`.
    public var family: String { String(name.prefix { $0 != "." }) }

    public var description: String { name }

    // Reading the content folder.
    public static let contentLeftOut = DiagnosticID("content.leftOut", "Markdown files that are not articles (repository files, excluded paths), listed once")
    public static let contentTooManyFiles = DiagnosticID("content.tooManyFiles", "the content folder holds more files than the limit; the rest are not read")
    public static let fileInvalidName = DiagnosticID("file.invalidName", "a file name that is not UTF-8 text; the file is not read")
    public static let fileNotPublished = DiagnosticID("file.notPublished", "a file articles use that a browser would run (HTML, scripts, SVG with scripts); not copied")
    public static let fileNotRegular = DiagnosticID("file.notRegular", "a path that is not a regular file (a pipe, a device); not read")
    public static let fileOutsideContent = DiagnosticID("file.outsideContent", "a symbolic link or link that leads outside the content folder; not followed")
    public static let fileSymlinkLoop = DiagnosticID("file.symlinkLoop", "symbolic links that lead back to a folder they lie in; not followed")
    public static let fileSymlinkNested = DiagnosticID("file.symlinkNested", "a link to a folder inside a folder reached through another; not followed")
    public static let fileTooLarge = DiagnosticID("file.tooLarge", "a file larger than --max-file-size; not read")
    public static let fileUnreadable = DiagnosticID("file.unreadable", "a file that cannot be read or copied")
    // Reading an article.
    public static let frontMatterInvalid = DiagnosticID("frontMatter.invalid", "front matter that is not valid YAML; the article is read without metadata")
    public static let frontMatterNotMapping = DiagnosticID("frontMatter.notMapping", "front matter that is not a mapping of keys to values")
    public static let frontMatterTooLarge = DiagnosticID("frontMatter.tooLarge", "front matter beyond the limits of size, nesting or expansion")
    public static let frontMatterUnclosed = DiagnosticID("frontMatter.unclosed", "front matter opened with --- and never closed")
    public static let markdownTooComplex = DiagnosticID("markdown.tooComplex", "more Markdown syntax than the limit; the article's text is left out")
    public static let markdownTooDeep = DiagnosticID("markdown.tooDeep", "blocks nested deeper than the limit; what is deeper is kept as text")
    public static let htmlTooComplex = DiagnosticID("html.tooComplex", "HTML nested too deep or too large to read as a table; kept as HTML")
    public static let tableTooLarge = DiagnosticID("table.tooLarge", "a table with more cells than the limit; the rest is left out")
    public static let tableTooWide = DiagnosticID("table.tooWide", "a table with more columns than the limit")
    public static let entryTooMany = DiagnosticID("entry.tooMany", "an article with more error entries than the limit; the rest are left out")
    public static let anchorDuplicate = DiagnosticID("anchor.duplicate", "two headings or anchors with one name in an article; the second gets a suffix")
    public static let codeSuspect = DiagnosticID("code.suspect", "text written like an error code with the wrong number of digits; kept as written")
    public static let codeAliasMismatch = DiagnosticID("code.aliasMismatch", "a decimal beside a hexadecimal code that is not the same number")
    public static let localeInvalid = DiagnosticID("locale.invalid", "ms.contentlocale that is not a language tag; ignored")
    public static let localeMismatch = DiagnosticID("locale.mismatch", "ms.contentlocale that is not the language of the article's folder")
    public static let localeUnknown = DiagnosticID("locale.unknown", "an article with no ms.contentlocale outside a locale folder")
    // Includes and tables of contents.
    public static let includeCycle = DiagnosticID("include.cycle", "an include that includes itself, directly or not")
    public static let includeMissing = DiagnosticID("include.missing", "an include whose file does not exist")
    public static let includeOutsideContentRoot = DiagnosticID("include.outsideContentRoot", "an include that points outside the content folder")
    public static let includeTooDeep = DiagnosticID("include.tooDeep", "includes nested deeper than the limit")
    public static let includeTooLarge = DiagnosticID("include.tooLarge", "an article whose includes add up to more than the limit")
    public static let tocInvalid = DiagnosticID("toc.invalid", "a toc.yml that is not a list of items with name and href")
    public static let tocTooLarge = DiagnosticID("toc.tooLarge", "a table of contents with more items or levels than the limit")
    public static let tocUnresolved = DiagnosticID("toc.unresolved", "a table of contents item whose href leads to no article")
    // Links, translations, the site.
    public static let linkAnchorMissing = DiagnosticID("link.anchorMissing", "a link to an anchor the target article does not have")
    public static let linkInvalidURL = DiagnosticID("link.invalidURL", "a link that is not a usable URL, or one that could run script; dropped")
    public static let linkUnresolved = DiagnosticID("link.unresolved", "a relative link to a file the content does not have")
    public static let imageMissing = DiagnosticID("image.missing", "an image whose file the content does not have")
    public static let translationAssetConflict = DiagnosticID("translation.assetConflict", "two articles of one language with the same ms.assetid")
    public static let translationStructureDiffers = DiagnosticID("translation.structureDiffers", "a translation of the same source version with other sections or tables")
    public static let outputCollision = DiagnosticID("output.collision", "two files that would be written to one path of the site; one is left out")

    /// Every identifier, by name.
    public static let all: [DiagnosticID] = [
        contentLeftOut, contentTooManyFiles, fileInvalidName, fileNotPublished, fileNotRegular, fileOutsideContent, fileSymlinkLoop,
        fileSymlinkNested, fileTooLarge, fileUnreadable, frontMatterInvalid, frontMatterNotMapping, frontMatterTooLarge,
        frontMatterUnclosed, markdownTooComplex, markdownTooDeep, htmlTooComplex, tableTooLarge, tableTooWide, entryTooMany,
        anchorDuplicate, codeSuspect, codeAliasMismatch, localeInvalid, localeMismatch, localeUnknown, includeCycle, includeMissing,
        includeOutsideContentRoot, includeTooDeep, includeTooLarge, tocInvalid, tocTooLarge, tocUnresolved, linkAnchorMissing,
        linkInvalidURL, linkUnresolved, imageMissing, translationAssetConflict, translationStructureDiffers, outputCollision,
    ].sorted { $0.name < $1.name }

    /// The identifier of this name, if kb has one.
    public static func named(_ name: String) -> DiagnosticID? {
        all.first { $0.name == name }
    }

    /// Why a severity rule's pattern matches nothing kb reports (an identifier, a family such
    /// as `link.*`, or `*`), naming the nearest identifier or family; nil when it matches.
    public static func problem(with pattern: String) -> String? {
        if pattern == "*" || named(pattern) != nil { return nil }
        let families = Set(all.map(\.family)).sorted()
        if pattern.hasSuffix(".*"), families.contains(String(pattern.dropLast(2))) { return nil }
        // Else the nearest identifier of the family it names (`link.brokn`: a link.* one).
        let near = EditDistance.nearest(to: pattern, among: all.map(\.name) + families.map { $0 + ".*" }, within: 3)
            ?? EditDistance.nearest(to: pattern, among: all.filter { $0.family == pattern.prefix { $0 != "." } }.map(\.name), within: .max)
        return "there is no diagnostic '\(pattern)'" + (near.map { " (did you mean '\($0)'?)" } ?? "")
            + "; kb check --list lists the identifiers; a family is written link.*, and * is every one"
    }
}

/// The Levenshtein distance between two texts, in characters: how near a misspelled name is.
public enum EditDistance {
    /// The name of `names` nearest to `name`, when at most `limit` edits away; else the first
    /// that begins with `name` (of three characters or more: `excerpt` for `excerpt-length`).
    public static func nearest(to name: String, among names: [String], within limit: Int) -> String? {
        let distances = names.map { ($0, between($0, name)) }
        if let (nearest, distance) = distances.min(by: { $0.1 < $1.1 }), distance <= limit { return nearest }
        return names.first { name.count >= 3 && $0.hasPrefix(name) }
    }

    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
