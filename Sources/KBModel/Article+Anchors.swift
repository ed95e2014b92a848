import KBCore
import KBWeb

extension Article {
    /// Every fragment a link may point at in this article: section anchors, the ids of entry
    /// rows, and `<a name>` or `id` anchors written in HTML.
    public var anchors: Set<String> {
        var anchors: Set<String> = []
        for section in sections {
            if !section.anchor.isEmpty { anchors.insert(section.anchor) }
            section.blocks.collectAnchors(into: &anchors)
            section.title.collectAnchors(into: &anchors)
        }
        for entry in entries {
            if let anchor = entry.anchor { anchors.insert(anchor) }
        }
        return anchors
    }
}

/// Where an article's entries are: the entries about a section, by the section's anchor, and
/// the rows of error tables, by the row's id; both give the entry's index in `Article.entries`.
public struct EntryPlaces: Sendable {
    public var sections: [String: Int] = [:]
    public var rows: [String: Int] = [:]
}

extension Article {
    public var entryPlaces: EntryPlaces {
        var places = EntryPlaces()
        for (index, entry) in entries.enumerated() {
            guard let anchor = entry.anchor else { continue }
            if entry.kind == .section { places.sections[anchor] = index } else { places.rows[anchor] = index }
        }
        return places
    }
}

extension Array where Element == Block {
    func collectAnchors(into anchors: inout Set<String>) {
        walk { block in
            switch block {
            case .html(let raw):
                HTMLAnchors.collect(raw, into: &anchors)
            case .paragraph(let content), .heading(_, let content):
                content.collectAnchors(into: &anchors)
            case .table(let table):
                for row in table.rows {
                    if let id = row.entryID { anchors.insert(id) }
                }
            default:
                break
            }
            return .descend
        }
    }
}

extension Array where Element == Inline {
    func collectAnchors(into anchors: inout Set<String>) {
        for inline in self {
            switch inline {
            case .html(let raw):
                HTMLAnchors.collect(raw, into: &anchors)
            case .emphasis(let content), .strong(let content), .strikethrough(let content), .link(_, _, let content):
                content.collectAnchors(into: &anchors)
            default:
                continue
            }
        }
    }
}

public enum HTMLAnchors {
    /// The `name` of `<a>` tags and the `id` of any tag in a piece of raw HTML.
    static func collect(_ raw: String, into anchors: inout Set<String>) {
        for anchor in names(in: raw) { anchors.insert(anchor) }
    }

    /// The anchors of a piece of raw HTML in the order written, read in one pass (an unfinished
    /// tag ends the reading, as in the sanitizer).
    public static func names(in raw: String) -> [String] {
        var anchors: [String] = []
        guard raw.contains("name=") || raw.contains("id=") else { return anchors }
        let bytes = Array(raw.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            var scanner = HTMLTagScanner(bytes, from: index)
            if let tag = scanner.tag() {
                if tag.name == "a", let name = tag.attribute("name"), !name.isEmpty { anchors.append(name) }
                if let id = tag.attribute("id"), !id.isEmpty { anchors.append(id) }
                index = scanner.position
            } else if scanner.reachedEnd {
                // An unfinished tag runs to the end: no later `<` starts a tag (as in the sanitizer).
                return anchors
            } else {
                index += 1
            }
        }
        return anchors
    }
}
