import Dispatch
import KBCore
import KBModel

/// Links a knowledge base across languages.
///
/// Articles are translations of each other when they lie at the same path below their locale
/// folders, or share a non-empty `ms.assetid` (translations moved to another path). Asset ids
/// are often copied from one article into another of the same language, so an asset id joins
/// two groups only when they have no language in common; otherwise it is reported.
///
/// Entries are aligned within a group: sections by anchor, which DocFX keeps in English in every
/// translation; table rows by their codes when they have any, else by their table's section
/// and their position in it.
public enum TranslationLinker {
    ///
    /// With a cache, what the last build found is reused when the outline did not change, and
    /// the result says what changed (`LinkedKnowledgeBase.changes`).
    public static func link(_ knowledgeBase: KnowledgeBase, contentFiles: Set<String> = [], cache: LinkCache? = nil) -> LinkedKnowledgeBase {
        guard let cache else { return link(knowledgeBase, contentFiles: contentFiles) }
        let articles = knowledgeBase.articles
        let previous = cache.previous.withLock { $0 }
        // Outlines of articles that did not change are the ones computed last time.
        let known = articles.map { article in previous?.articles[article.source].flatMap { $0.article == article ? $0.outline : nil } }
        let changed = Set(articles.indices.filter { known[$0] == nil })
        let outlines = articles.indices.map { known[$0] ?? ArticleOutline(articles[$0]) }
        let checker = LinkChecker(articles: articles, contentFiles: contentFiles)
        let articleOfSource = checker.articleOfSource
        let anchors = { (index: Int) in outlines[index].anchors }

        var linked: LinkedKnowledgeBase
        var checks: [String: Set<Diagnostic>] = [:]
        // The code words read so far, kept for the articles that did not change.
        var codeWords: [String: Set<String>] = [:]
        if let previous {
            for index in articles.indices where known[index] != nil {
                codeWords[articles[index].source] = previous.codeWords[articles[index].source]
            }
        }
        let groupDiagnostics: [Diagnostic]
        if let previous, previous.outlines == outlines, previous.contentFiles == contentFiles {
            for (index, article) in articles.enumerated() {
                checks[article.source] = changed.contains(index)
                    ? checker.diagnostics(of: index, articleOfSource: articleOfSource, anchors: anchors)
                    : previous.checks[article.source] ?? []
            }
            groupDiagnostics = previous.groupDiagnostics
            let old = previous.linked
            // Most edits do not change what the links' checks find: then the list is the last one.
            let sameChecks = changed.allSatisfy { checks[articles[$0].source] == previous.checks[articles[$0].source] }
            linked = LinkedKnowledgeBase(
                knowledgeBase: knowledgeBase, groups: old.groups, groupOfArticle: old.groupOfArticle, codes: old.codes,
                diagnostics: sameChecks ? old.diagnostics : (groupDiagnostics + Set(checks.values.joined())).sorted(),
                counterpartsOfEntry: old.counterpartsOfEntry,
                articleIndex: old.articleIndex, changes: BuildChanges(sameOutline: true, changed: changed))
        } else if let previous, let reshaped = Self.reshaping(previous, outlines, contentFiles) {
            // Some outlines changed, or articles were added or removed (and nothing else of the
            // content's files): the groups are the last ones when the articles are the same ones
            // with the same keys and asset ids, else grouped again; an article whose group's
            // members are not what they were changed too (it shows its translations). The links
            // checked again are the changed articles' and those of the articles that name one
            // of them or one added or removed (whose anchors, or whose being, may have changed).
            var changed = changed
            let groups: [TranslationGroup]
            if !reshaped.regroup {
                groups = previous.linked.groups
                groupDiagnostics = previous.groupDiagnostics
            } else {
                var diagnostics: [Diagnostic] = []
                groups = translationGroups(articles, diagnostics: &diagnostics)
                groupDiagnostics = diagnostics
                let before = previous.linked
                var membersBefore: [String: Set<String>] = [:]
                for group in before.groups {
                    let members = Set(group.articles.map { before.articles[$0].source })
                    for member in members { membersBefore[member] = members }
                }
                for group in groups {
                    let members = Set(group.articles.map { articles[$0].source })
                    for member in group.articles where membersBefore[articles[member].source] != members { changed.insert(member) }
                }
            }
            let changedNames = Set(changed.map { Self.fileName(articles[$0].source) } + reshaped.addedOrRemoved.map(Self.fileName))
                .map { NameInLinks($0) }
            for (index, article) in articles.enumerated() {
                let affected = changed.contains(index)
                    || article.links.contains { link in changedNames.contains { $0.isIn(link.destination) } }
                checks[article.source] = affected || previous.checks[article.source] == nil
                    ? checker.diagnostics(of: index, articleOfSource: articleOfSource, anchors: anchors)
                    : previous.checks[article.source]!
            }
            linked = link(
                knowledgeBase, groups: groups, diagnostics: (groupDiagnostics + Set(checks.values.joined())).sorted(),
                changes: BuildChanges(sameOutline: false, changed: Set(articles.indices)))
            // The folders' navigation of a language (its articles no table of contents lists)
            // shows their titles and order: when one of them is added or removed, or its title or
            // metadata changed, each of them changed. A code the index added or removed, or whose
            // entries are now in other languages, is linked or not, or to another language's page,
            // in every article that names it.
            let (codesChanged, linksChanged) = Self.codesChanged(previous.linked, linked)
            if !linksChanged.isEmpty {
                // Read on every core the first time, then kept.
                let unread = articles.indices.filter { !changed.contains($0) && codeWords[articles[$0].source] == nil }
                let read = ConcurrentResults<Set<String>>(count: unread.count)
                DispatchQueue.concurrentPerform(iterations: unread.count) { read.set($0, articles[unread[$0]].codeWords) }
                for (index, words) in zip(unread, read.values) { codeWords[articles[index].source] = words }
                for index in articles.indices where !changed.contains(index) {
                    if codeWords[articles[index].source]?.isDisjoint(with: linksChanged) == false { changed.insert(index) }
                }
            }
            var listed: Set<String> = []
            func collect(_ items: [NavigationItem], _ locale: String) {
                for item in items {
                    if case .article(let id) = item.target { listed.insert("\(locale)\u{0}\(id)") }
                    collect(item.children, locale)
                }
            }
            for table in knowledgeBase.tablesOfContents { collect(table.items, table.locale) }
            func isListed(_ outline: ArticleOutline) -> Bool { listed.contains("\(outline.locale)\u{0}\(outline.id)") }
            var navigationChanged = Set(previous.outlines.filter { !isListed($0) && reshaped.addedOrRemoved.contains($0.source) }.map(\.locale))
            for index in changed where !isListed(outlines[index]) {
                let before = previous.articles[outlines[index].source]?.outline
                if before?.title != outlines[index].title || before?.metadata != outlines[index].metadata {
                    navigationChanged.insert(outlines[index].locale)
                }
            }
            for index in articles.indices where navigationChanged.contains(outlines[index].locale) && !isListed(outlines[index]) {
                changed.insert(index)
            }
            linked.changes = BuildChanges(sameOutline: false, changed: changed, sameShape: true, sameCodes: codesChanged.isEmpty)
        } else {
            var diagnostics: [Diagnostic] = []
            let groups = translationGroups(articles, diagnostics: &diagnostics)
            groupDiagnostics = diagnostics
            for (index, article) in articles.enumerated() {
                checks[article.source] = checker.diagnostics(of: index, articleOfSource: articleOfSource, anchors: anchors)
            }
            linked = link(
                knowledgeBase, groups: groups, diagnostics: (groupDiagnostics + Set(checks.values.joined())).sorted(),
                changes: BuildChanges(sameOutline: false, changed: Set(articles.indices)))
        }
        cache.previous.withLock {
            $0 = LinkCache.Previous(
                articles: Dictionary(articles.indices.map { (articles[$0].source, (articles[$0], outlines[$0])) }) { first, _ in first },
                outlines: outlines, contentFiles: contentFiles, linked: linked, groupDiagnostics: groupDiagnostics, checks: checks,
                codeWords: codeWords)
        }
        return linked
    }

    /// A file's name looked for in every link of every article: by its bytes when it is ASCII
    /// (a String's `contains` compares Characters, and was most of an edit's linking), else as
    /// Strings compare, canonical equivalents alike.
    struct NameInLinks {
        let name: String
        let bytes: [UInt8]?

        init(_ name: String) {
            self.name = name
            bytes = name.utf8.allSatisfy { $0 < 0x80 } ? Array(name.utf8) : nil
        }

        func isIn(_ destination: String) -> Bool {
            guard let bytes else { return destination.contains(name) }
            var destination = destination
            return destination.withUTF8 { $0.firstIndex(of: bytes, from: 0) != nil }
        }
    }

    /// When the outline changed only within articles, or articles were added or removed, and
    /// nothing else of the content's files: whether the articles must be grouped again (some
    /// added or removed, or a key or an asset id changed), and the sources added or removed.
    /// Nil when a language appeared or went, or a file that is no article did.
    static func reshaping(_ previous: LinkCache.Previous, _ outlines: [ArticleOutline], _ contentFiles: Set<String>)
        -> (regroup: Bool, addedOrRemoved: Set<String>)?
    {
        guard Set(previous.outlines.map(\.locale)) == Set(outlines.map(\.locale)) else { return nil }
        let sourcesBefore = Set(previous.outlines.map(\.source)), sources = Set(outlines.map(\.source))
        let addedOrRemoved = sourcesBefore.symmetricDifference(sources)
        guard previous.contentFiles.symmetricDifference(contentFiles).isSubset(of: addedOrRemoved) else { return nil }
        let regroup = !addedOrRemoved.isEmpty || previous.outlines.count != outlines.count
            || !zip(previous.outlines, outlines).allSatisfy({
                $0.source == $1.source && $0.id == $1.id && $0.locale == $1.locale && $0.translationKey == $1.translationKey
                    && $0.metadata.assetID == $1.metadata.assetID
            })
        return (regroup, addedOrRemoved)
    }

    /// The codes one code index has and the other has not, or has with other entries, kind or
    /// aliases (entries compared by their article's source, wherever it is in each list); and of
    /// those, the ones a link to a code's page sees change: there or not, or in other languages.
    static func codesChanged(_ before: LinkedKnowledgeBase, _ after: LinkedKnowledgeBase) -> (codes: Set<String>, links: Set<String>) {
        struct Shape: Equatable {
            var kind: ErrorCode.Kind
            var aliases: [String]
            var entries: [String]
            var locales: Set<String>
        }
        func shapes(_ linked: LinkedKnowledgeBase) -> [String: Shape] {
            Dictionary(linked.codes.codes.map { code in
                (code.code, Shape(kind: code.kind, aliases: code.aliases,
                                  entries: code.entries.map { linked.articles[$0.article].source + "\u{0}\($0.entry)" },
                                  locales: Set(code.entries.map { linked.articles[$0.article].locale })))
            }) { first, _ in first }
        }
        let old = shapes(before), new = shapes(after)
        let codes = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }
        return (codes, codes.filter { old[$0]?.locales != new[$0]?.locales })
    }

    /// `setup` for `nl-nl/enrollment/setup.md`: what a link to the article holds, whatever its folder.
    static func fileName(_ source: String) -> String {
        let name = source.split(separator: "/").last.map(String.init) ?? source
        return name.lowercased().hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    static func link(_ knowledgeBase: KnowledgeBase, contentFiles: Set<String>) -> LinkedKnowledgeBase {
        var diagnostics: [Diagnostic] = []
        let groups = translationGroups(knowledgeBase.articles, diagnostics: &diagnostics)
        diagnostics += LinkChecker(articles: knowledgeBase.articles, contentFiles: contentFiles).diagnostics()
        return link(knowledgeBase, groups: groups, diagnostics: diagnostics.sorted())
    }

    /// The knowledge base linked within the translation groups given.
    static func link(
        _ knowledgeBase: KnowledgeBase, groups: [TranslationGroup], diagnostics: [Diagnostic], changes: BuildChanges? = nil
    ) -> LinkedKnowledgeBase {
        let articles = knowledgeBase.articles
        var groupOfArticle = Array(repeating: 0, count: articles.count)
        for (index, group) in groups.enumerated() {
            for article in group.articles { groupOfArticle[article] = index }
        }

        var counterparts: [EntryReference: [EntryReference]] = [:]
        for group in groups where group.articles.count > 1 {
            for article in group.articles {
                for other in group.articles where other != article {
                    for (entry, match) in align(articles[article], with: articles[other]) {
                        counterparts[EntryReference(article: article, entry: entry), default: []]
                            .append(EntryReference(article: other, entry: match))
                    }
                }
            }
        }

        var articleIndex: [String: Int] = [:]
        for (index, article) in articles.enumerated() { articleIndex["\(article.locale)\u{0}\(article.id)"] = index }

        return LinkedKnowledgeBase(
            knowledgeBase: knowledgeBase, groups: groups, groupOfArticle: groupOfArticle,
            codes: codeIndex(articles), diagnostics: diagnostics,
            counterpartsOfEntry: counterparts, articleIndex: articleIndex, changes: changes)
    }

    // MARK: Groups

    static func translationGroups(_ articles: [Article], diagnostics: inout [Diagnostic]) -> [TranslationGroup] {
        // Groups by path first.
        var groups: [[Int]] = []
        var groupOfID: [String: Int] = [:]
        for (index, article) in articles.enumerated() {
            if let group = groupOfID[article.id] {
                groups[group].append(index)
            } else {
                groupOfID[article.id] = groups.count
                groups.append([index])
            }
        }
        // Then asset ids join groups that hold no common language.
        var parent = Array(groups.indices)
        func root(_ group: Int) -> Int {
            var group = group
            while parent[group] != group { group = parent[group] }
            return group
        }
        func locales(_ group: Int) -> Set<String> {
            Set(groups.indices.filter { root($0) == group }.flatMap { groups[$0] }.map { articles[$0].locale })
        }
        var groupsOfAsset: [String: [Int]] = [:]
        for (index, article) in articles.enumerated() {
            guard let asset = article.metadata.assetID?.lowercased(), let group = groupOfID[article.id] else { continue }
            if groupsOfAsset[asset]?.contains(group) != true { groupsOfAsset[asset, default: []].append(group) }
            _ = index
        }
        for (asset, members) in groupsOfAsset.sorted(by: { $0.key < $1.key }) where members.count > 1 {
            for member in members.dropFirst() {
                let (left, right) = (root(members[0]), root(member))
                guard left != right else { continue }
                let shared = locales(left).intersection(locales(right))
                if shared.isEmpty {
                    parent[right] = left
                } else {
                    for locale in shared.sorted() {
                        let here = groups[members[0]].first { articles[$0].locale == locale }
                        let there = groups[member].first { articles[$0].locale == locale }
                        guard let here, let there else { continue }
                        diagnostics.append(Diagnostic(
                            .warning, .translationAssetConflict,
                            "ms.assetid \(asset) is also the asset id of '\(articles[here].source)' in the same language; "
                                + "the two are not treated as translations",
                            file: articles[there].source, at: SourceLocation(line: 1)))
                    }
                }
            }
        }
        var merged: [Int: [Int]] = [:]
        for group in groups.indices { merged[root(group), default: []] += groups[group] }
        return merged.values
            .map { members in
                TranslationGroup(articles: members.sorted { (articles[$0].locale, articles[$0].source) < (articles[$1].locale, articles[$1].source) })
            }
            .sorted { articles[$0.articles[0]].id < articles[$1.articles[0]].id || (articles[$0.articles[0]].id == articles[$1.articles[0]].id && $0.articles[0] < $1.articles[0]) }
    }

    // MARK: Entries

    /// Pairs of (entry index in `article`, entry index in `other`) that are the same entry.
    static func align(_ article: Article, with other: Article) -> [(Int, Int)] {
        var byID: [String: Int] = [:]
        for (index, entry) in other.entries.enumerated() where byID[entry.id] == nil { byID[entry.id] = index }
        var pairs: [(Int, Int)] = []
        for (index, entry) in article.entries.enumerated() {
            let codes = Set(entry.codes.map(\.code))
            if entry.kind == .tableRow, !codes.isEmpty {
                // Confirmed by codes: the row at the same place if it shares one, else the row
                // that shares the most, in the same section first (versions of an article may
                // rename a section: `ios-enrollment-errors`, `iosipados-enrollment-errors`).
                if let same = byID[entry.id], other.entries[same].kind == .tableRow,
                   !codes.isDisjoint(with: other.entries[same].codes.map(\.code)) {
                    pairs.append((index, same))
                } else {
                    let candidates = other.entries.indices.filter { candidate in
                        other.entries[candidate].kind == .tableRow
                            && !codes.isDisjoint(with: other.entries[candidate].codes.map(\.code))
                    }
                    func overlap(_ candidate: Int) -> (Int, Int) {
                        (other.entries[candidate].sectionPath.last == entry.sectionPath.last ? 1 : 0,
                         codes.intersection(other.entries[candidate].codes.map(\.code)).count)
                    }
                    if let best = candidates.max(by: { overlap($0) < overlap($1) }) {
                        pairs.append((index, best))
                    }
                }
            } else if let same = byID[entry.id], other.entries[same].kind == entry.kind {
                let otherCodes = Set(other.entries[same].codes.map(\.code))
                if codes.isEmpty || otherCodes.isEmpty || !codes.isDisjoint(with: otherCodes) {
                    pairs.append((index, same))
                }
            }
        }
        return pairs
    }

    // MARK: Codes

    static func codeIndex(_ articles: [Article]) -> CodeIndex {
        var byCode: [String: CodeIndex.Code] = [:]
        for (articleIndex, article) in articles.enumerated() {
            for (entryIndex, entry) in article.entries.enumerated() {
                for code in entry.codes where code.kind != .malformed {
                    let reference = EntryReference(article: articleIndex, entry: entryIndex)
                    if byCode[code.code] == nil {
                        byCode[code.code] = CodeIndex.Code(code: code.code, kind: code.kind, aliases: [], entries: [])
                    }
                    if byCode[code.code]!.entries.last != reference { byCode[code.code]!.entries.append(reference) }
                    for alias in code.aliases where !byCode[code.code]!.aliases.contains(alias) {
                        byCode[code.code]!.aliases.append(alias)
                    }
                }
            }
        }
        let codes = byCode.values.map { code -> CodeIndex.Code in
            var code = code
            code.entries.sort { left, right in
                (articles[left.article].locale, articles[left.article].source, left.entry)
                    < (articles[right.article].locale, articles[right.article].source, right.entry)
            }
            code.aliases.sort()
            return code
        }
        return CodeIndex(codes: codes.sorted { $0.code < $1.code })
    }
}
