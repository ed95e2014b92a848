import KBCore
import KBText

/// An article's front matter: every key as written, and typed access to the ones DocFX defines.
public struct ArticleMetadata: Hashable, Sendable {
    public var fields: [MetadataField]

    public init(fields: [MetadataField] = []) {
        self.fields = fields
    }

    public subscript(key: String) -> MetadataValue? {
        fields.last { $0.key == key }?.value
    }

    /// The value of `key` as non-empty text.
    public func text(_ key: String) -> String? {
        guard let text = self[key]?.text?.trimmingWhitespace, !text.isEmpty else { return nil }
        return text
    }

    public var title: String? { text("title") }
    public var titleSuffix: String? { text("titleSuffix") }
    public var description: String? { text("description") }
    /// The date the article was last updated as written: `ms.date` (DocFX writes `MM/DD/YYYY`),
    /// else `updated` or `date` as other generators name it.
    public var date: String? { text("ms.date") ?? text("updated") ?? text("date") }
    public var contentLocale: String? { text("ms.contentlocale") }
    public var assetID: String? { text("ms.assetid") }
    public var topic: String? { text("ms.topic") }
    public var author: String? { text("author") }
    public var robots: String? { text("ROBOTS") }
    public var sourceGitCommit: String? { text("ms.sourcegitcommit") }

    /// `ms.date` as an ISO 8601 date (`2018-11-09`), when it is a valid date written as DocFX does
    /// (`MM/DD/YYYY`) or as ISO 8601 (`2018-11-09`, a time after it ignored).
    public var isoDate: String? { date.flatMap(Self.isoDate) }

    /// `ms.lasthandoff`: when a translation was handed off from its original, as an ISO date.
    public var lastHandoff: String? { text("ms.lasthandoff").flatMap(Self.isoDate) }

    /// `ms.translationtype` (`HT`, `MT`): set on a translation, never on its original.
    public var translationType: String? { text("ms.translationtype") }

    /// Whether the front matter says the article is a translation.
    public var isTranslation: Bool { translationType != nil || lastHandoff != nil }

    /// The date of the version of the original this text follows: for a translation when it was
    /// handed off (else its ms.date), for an original its ms.date.
    public var sourceDate: String? { isTranslation ? lastHandoff ?? isoDate : isoDate }

    /// A date written `MM/DD/YYYY` or `YYYY-MM-DD` as `YYYY-MM-DD`; nil when it is not a valid date.
    public static func isoDate(_ text: String) -> String? {
        let (year, month, day): (Int, Int, Int)
        if text.contains("/") {
            let parts = text.split(separator: "/")
            guard parts.count == 3, let m = Int(parts[0]), let d = Int(parts[1]), let y = Int(parts[2].prefix(4)), parts[2].count == 4 else { return nil }
            (year, month, day) = (y, m, d)
        } else {
            let datePart = text.split(whereSeparator: { $0 == "T" || $0 == " " }).first ?? ""
            let parts = datePart.split(separator: "-")
            guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
            (year, month, day) = (y, m, d)
        }
        let days = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1900...9999).contains(year), (1...12).contains(month), (1...days[month - 1]).contains(day) else { return nil }
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space (Unicode-aware, no Foundation).
    public var trimmingWhitespace: String { Whitespace.trim(self) }
}
