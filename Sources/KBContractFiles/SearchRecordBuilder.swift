import KBOutput
import KBContract
import KBCore
import KBLinking
import KBModel

/// Records in Algolia DocSearch's shape for one article: a record per heading (`lvl1` the
/// article, `lvl2`… its sections), a `content` record per section's own text and per error
/// entry, each with the headings above it in `hierarchy`, and the entry's codes.
struct SearchRecordBuilder: Sendable {
    let contract: ContractBuilder
    /// Algolia refuses records over 10 KB on its smaller plans; content stays well below.
    static let contentLimit = 6_000

    func records(of index: Int, _ linked: LinkedKnowledgeBase) -> [SearchRecord] {
        let article = linked.articles[index]
        let page = SitePaths.article(article)
        let site = contract.options.title
        let places = article.entryPlaces
        var records: [SearchRecord] = []
        func add(_ type: String, _ levels: [String], anchor: String?, content: String?, codes: [String] = [], suffix: String = "") {
            let address = page + (anchor.map { "#" + $0 } ?? "")
            records.append(SearchRecord(
                objectID: "\(article.id)#\(anchor ?? "")@\(article.locale)\(suffix)", url: contract.url(address),
                urlWithoutAnchor: contract.url(page), anchor: anchor, type: type, hierarchy: .init(levels: levels),
                content: content.map(Self.limited), language: article.locale, codes: codes,
                weight: .init(pageRank: 0, level: type == "content" ? 0 : 100 - 10 * ((Int(type.dropFirst(3)) ?? 1) - 1),
                              position: records.count)))
        }
        func entryText(_ entry: ErrorEntry) -> String {
            ([entry.title] + entry.messages.filter { $0 != entry.title } + [entry.cause.plainText, entry.resolution.plainText])
                .filter { !$0.isEmpty }.joined(separator: "\n")
        }
        func codes(_ entry: ErrorEntry) -> [String] { entry.codes.map { $0.kind == .malformed ? $0.raw : $0.code } }

        add("lvl1", [site, article.title], anchor: nil, content: nil)
        if let description = article.metadata.description {
            add("content", [site, article.title], anchor: nil, content: description, suffix: "/content")
        }
        // The article's first H1 is its title (`lvl1`); any other H1 counts as an H2.
        let titleAnchor = article.sections.first { $0.level == 1 }?.anchor
        func visit(_ section: Section, levels: [String]) {
            var here = levels
            let isTitle = section.level == 1 && section.anchor == titleAnchor
            if section.level >= 1, !isTitle {
                here = Array((levels + [section.titleText]).prefix(7))
                add("lvl\(min(here.count - 1, 6))", here, anchor: section.anchor, content: nil)
            }
            if let entry = places.sections[section.anchor].map({ article.entries[$0] }) {
                add("content", here, anchor: section.anchor, content: entryText(entry), codes: codes(entry), suffix: "/content")
            } else {
                let own = section.blocks.filter { !$0.isErrorTable }.plainText
                if !own.isEmpty, section.level >= 1 {
                    add("content", here, anchor: isTitle ? nil : section.anchor, content: own, suffix: isTitle ? "/introduction" : "/content")
                }
            }
            for block in section.blocks {
                guard case .table(let table) = block else { continue }
                for row in table.rows {
                    guard let id = row.entryID, let entry = places.rows[id].map({ article.entries[$0] }) else { continue }
                    add("content", here, anchor: id, content: entryText(entry), codes: codes(entry))
                }
            }
            for subsection in section.subsections { visit(subsection, levels: here) }
        }
        visit(article.document, levels: [site, article.title])
        return records
    }

    /// At most `contentLimit` bytes of UTF-8, cut at a character.
    static func limited(_ text: String) -> String {
        guard text.utf8.count > contentLimit else { return text }
        var result = ""
        var bytes = 0
        for character in text {
            bytes += character.utf8.count
            if bytes > contentLimit - 4 { break }
            result.append(character)
        }
        return result + " …"
    }
}
