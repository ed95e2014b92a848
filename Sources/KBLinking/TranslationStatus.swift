import KBModel

/// How up to date a translation is, told by its front matter and its entries, in any language:
/// the original of a group is the one article that is not a translation (no
/// `ms.translationtype` or `ms.lasthandoff`), else, when all are, the one that follows the
/// latest version of their source; a translation is older than it when it follows an earlier
/// version (`ms.lasthandoff`, else `ms.date`, against the original's `ms.date` or handoff); an
/// entry of the original with no counterpart in a translation is missing from it.
public struct TranslationStatus: Sendable, Equatable {
    /// The group's original.
    public var original: Int
    /// Whether the translation follows an earlier version of the original.
    public var isOutdated: Bool
    /// The original's entries that have no counterpart in the translation, in order.
    public var missingEntries: [EntryReference]
}

extension LinkedKnowledgeBase {
    /// The original of an article's group; nil when the group is one article, or when nothing
    /// tells its members apart (no dates, or several originals of the same date).
    public func original(ofGroupOf article: Int) -> Int? {
        let members = groups[groupOfArticle[article]].articles
        guard members.count > 1 else { return nil }
        let originals = members.filter { !articles[$0].metadata.isTranslation }
        if originals.count == 1 { return originals[0] }
        let candidates = originals.isEmpty ? members : originals
        let dated = candidates.compactMap { member in articles[member].metadata.sourceDate.map { (member, $0) } }
        guard let latest = dated.map(\.1).max() else { return nil }
        let newest = dated.filter { $0.1 == latest }
        return newest.count == 1 ? newest[0].0 : nil
    }

    /// The status of a translation against its group's original; nil for an original, an
    /// article alone, or a group whose original is unknown.
    public func translationStatus(of article: Int) -> TranslationStatus? {
        guard let original = original(ofGroupOf: article), original != article else { return nil }
        let own = articles[article].metadata, source = articles[original].metadata
        var outdated = false
        if let date = own.sourceDate, let originalDate = source.sourceDate, date < originalDate {
            // The same source version is not older, whatever the dates say.
            outdated = own.sourceGitCommit == nil || own.sourceGitCommit != source.sourceGitCommit
        }
        let locale = articles[article].locale
        let missing = articles[original].entries.indices.map { EntryReference(article: original, entry: $0) }.filter { reference in
            !counterparts(of: reference).contains { self.article($0).locale == locale }
        }
        return TranslationStatus(original: original, isOutdated: outdated, missingEntries: missing)
    }

    /// The locales of the site that have no article of this article's group.
    public func missingLocales(of article: Int) -> [String] {
        let present = Set(groups[groupOfArticle[article]].articles.map { articles[$0].locale })
        return locales.filter { !present.contains($0) }
    }
}
