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
    /// `ms.date` as written (DocFX uses `MM/DD/YYYY`).
    public var date: String? { text("ms.date") }
    public var contentLocale: String? { text("ms.contentlocale") }
    public var assetID: String? { text("ms.assetid") }
    public var topic: String? { text("ms.topic") }
    public var author: String? { text("author") }
    public var robots: String? { text("ROBOTS") }
    public var sourceGitCommit: String? { text("ms.sourcegitcommit") }

    /// `ms.date` as an ISO 8601 date (`2018-11-09`), when it is a valid `MM/DD/YYYY` date.
    public var isoDate: String? {
        guard let date else { return nil }
        let parts = date.split(separator: "/")
        guard parts.count == 3, let month = Int(parts[0]), let day = Int(parts[1]), let year = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day), (1900...9999).contains(year)
        else { return nil }
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space (Unicode-aware, no Foundation).
    public var trimmingWhitespace: String { Whitespace.trim(self) }
}
