import KBOutput
import Crypto
import KBContract
import KBCore
import KBLinking
import KBModel
import KBText

/// Cuts an article into retrieval chunks: one per error entry, one per section's own text
/// (without the rows of its error tables, which are entries), in document order. A section
/// longer than `tokenLimit` is cut between blocks, a table between rows, a paragraph between
/// sentences; an ordered list (a procedure) is never cut. Each chunk opens with its path,
/// `Article title › Section › Entry`, so that it reads on its own.
struct ChunkBuilder: Sendable {
    let contract: ContractBuilder
    /// About 800 tokens, at about four characters a token.
    static let tokenLimit = 800
    static let characterLimit = tokenLimit * 4

    struct Draft {
        var anchor: String
        var part = 1
        var kind: ChunkKind
        var section: String
        var entryID = ""
        var codes: [String] = []
        var text: String
    }

    func chunks(of index: Int, _ linked: LinkedKnowledgeBase) -> [Chunk] {
        let article = linked.articles[index]
        let drafts = drafts(of: article)
        let page = SitePaths.article(article)
        let ids = drafts.map { Chunk.id(article: article.id, anchor: $0.anchor, locale: article.locale, part: $0.part) }
        let schema = Contract.schemaReference("chunk", from: Contract.chunksPath(article.locale))
        let updated = article.metadata.isoDate ?? ""
        return drafts.enumerated().map { position, draft in
            Chunk(
                schema: schema, formatVersion: Contract.formatVersion,
                id: ids[position], text: draft.text,
                metadata: Chunk.Metadata(
                    articleId: article.id, locale: article.locale, url: contract.url(page + (draft.anchor.isEmpty ? "" : "#" + draft.anchor)),
                    title: Self.attribute(article.title), section: Self.attribute(draft.section), kind: draft.kind,
                    entryId: draft.entryID, anchor: draft.anchor, codes: Self.attribute(draft.codes.joined(separator: " ")),
                    updated: updated, contentHash: Self.hash(draft.text),
                    previous: position > 0 ? ids[position - 1] : "", next: position + 1 < ids.count ? ids[position + 1] : "",
                    part: draft.part, tokens: Self.tokens(draft.text)))
        }
    }

    static func tokens(_ text: String) -> Int { (CharacterCount.of(text) + 3) / 4 }

    /// Vector stores take attribute strings of at most 512 characters.
    static func attribute(_ text: String) -> String {
        CharacterCount.exceeds(text, 512) ? String(text.prefix(511)) + "…" : text
    }

    static func hash(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        for byte in SHA256.hash(data: Array(text.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 15)])
        }
        return "sha256:" + String(decoding: hex, as: UTF8.self)
    }

    // MARK: Drafts

    func drafts(of article: Article) -> [Draft] {
        let strings = SiteStrings(locale: article.locale)
        let rewrite = contract.linkRewriter(for: article)
        let places = article.entryPlaces
        var drafts: [Draft] = []
        var done: Set<Int> = []

        /// An entry's chunk; when its text is longer than the limit, the rest follows in parts
        /// of its section, so that the entry itself is in exactly one chunk.
        func entryDraft(_ index: Int, path: [String], section: String) {
            guard done.insert(index).inserted else { return }
            let entry = article.entries[index]
            var heading = [article.title] + path
            if heading.last != entry.title { heading.append(entry.title) }
            let opening = Self.opening(heading)
            let room = Self.characterLimit - CharacterCount.of(opening)
            var pieces: [String] = []
            let codes = entry.codes.map { $0.kind == .malformed ? $0.raw : $0.code }
            if !codes.isEmpty { pieces.append(strings[.code] + ": " + codes.joined(separator: ", ")) }
            for message in entry.messages where message != entry.title { pieces.append(strings[.message] + ": " + message) }
            for (label, blocks) in [(strings[.cause], entry.cause), (strings[.resolution], entry.resolution)] where !blocks.isEmpty {
                var labelled = blocks.flatMap { Self.pieces(of: $0, room: room - CharacterCount.of(label) - 2, links: rewrite) }.filter { !$0.isEmpty }
                if !labelled.isEmpty { labelled[0] = label + ":\n" + labelled[0] }
                pieces += labelled
            }
            let parts = Self.parts(pieces, opening: opening)
            let anchor = entry.anchor ?? entry.id
            for (number, text) in (parts.isEmpty ? [opening.trimmingWhitespace] : parts).enumerated() {
                drafts.append(number == 0
                    ? Draft(anchor: anchor, kind: .entry, section: section, entryID: entry.id, codes: codes, text: text)
                    : Draft(anchor: anchor, part: number + 1, kind: .section, section: section, codes: codes, text: text))
            }
        }

        /// The entries of the rows of a section's error tables.
        func rowDrafts(_ blocks: [Block], path: [String], section: String) {
            for block in blocks {
                guard case .table(let table) = block else { continue }
                for row in table.rows {
                    if let id = row.entryID, let index = places.rows[id] { entryDraft(index, path: path, section: section) }
                }
            }
        }

        /// Only the entries below a section that is itself an entry (its text is the entry's).
        func nestedEntries(_ section: Section, path: [String]) {
            let here = path + [section.titleText]
            if let index = places.sections[section.anchor] { entryDraft(index, path: here, section: section.titleText) }
            rowDrafts(section.blocks, path: here, section: section.titleText)
            for subsection in section.subsections { nestedEntries(subsection, path: here) }
        }

        func visit(_ section: Section, path: [String]) {
            let title = section.titleText
            let here = section.level >= 2 ? path + [title] : path
            if let index = places.sections[section.anchor] {
                entryDraft(index, path: here, section: title)
                rowDrafts(section.blocks, path: here, section: title)
                for subsection in section.subsections { nestedEntries(subsection, path: here) }
                return
            }
            let own = section.blocks.filter { !$0.isErrorTable }
            let parts = Self.parts(own, opening: Self.opening([article.title] + here), links: rewrite)
            for (number, text) in parts.enumerated() {
                drafts.append(Draft(anchor: section.anchor, part: number + 1, kind: section.level >= 2 ? .section : .article,
                                    section: section.level >= 2 ? title : article.title, text: text))
            }
            rowDrafts(section.blocks, path: here, section: title)
            for subsection in section.subsections { visit(subsection, path: here) }
        }

        visit(article.document, path: [])
        // Entries the walk did not meet (a row in a table inside a list, say) still get their chunk.
        let titles = Dictionary(article.sections.map { ($0.anchor, $0.titleText) }) { first, _ in first }
        for index in article.entries.indices where !done.contains(index) {
            let entry = article.entries[index]
            let path = entry.sectionPath.compactMap { titles[$0] }.filter { $0 != article.title }
            entryDraft(index, path: path, section: path.last ?? article.title)
        }
        return drafts
    }

    static func opening(_ path: [String]) -> String {
        path.filter { !$0.isEmpty }.joined(separator: " › ") + "\n\n"
    }

    // MARK: Parts

    /// The Markdown of blocks in parts that stay under the limit with their opening, or one
    /// part when they fit; nothing when the blocks hold no text.
    static func parts(_ blocks: [Block], opening: String, links: (String) -> String = { $0 }) -> [String] {
        parts(blocks.flatMap { pieces(of: $0, room: characterLimit - CharacterCount.of(opening), links: links) }, opening: opening)
    }

    /// Pieces of Markdown joined into parts under the limit, each with the opening.
    static func parts(_ pieces: [String], opening: String) -> [String] {
        group(pieces.filter { !$0.isEmpty }, room: characterLimit - CharacterCount.of(opening), separator: "\n\n").map { opening + $0 }
    }

    /// A block's Markdown, in pieces that fit in `room` where it can be cut: a table between
    /// rows (each piece with the header; a row too long for one piece as `header: cell` text),
    /// a bulleted list between items, a code block between lines, other text between sentences
    /// or lines. An ordered list is a procedure and stays whole.
    static func pieces(of block: Block, room: Int, depth: Int = 0, links: (String) -> String = { $0 }) -> [String] {
        let room = max(room, minimumRoom)
        let whole = block.markdown(links: links)
        guard CharacterCount.exceeds(whole, room) else { return [whole] }
        // Lists in lists are cut between items a few levels deep; deeper, between lines (each
        // level would render its Markdown again).
        guard depth < 4 else { return fitted(whole.split(separator: "\n").map(String.init), room: room, separator: "\n") }
        switch block {
        case .table(let table):
            let lines = whole.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard lines.count == table.rows.count + 2 else { return fitted(sentences(of: whole), room: room, separator: " ") }
            let head = lines[0] + "\n" + lines[1]
            let headCount = CharacterCount.of(head)
            var currentCount = headCount
            let headers = table.header.cells.map(\.plainText)
            var result: [String] = []
            var current = head
            for (index, line) in lines.dropFirst(2).enumerated() {
                let lineCount = CharacterCount.of(line)
                if headCount + 1 + lineCount > room {
                    if current != head { result.append(current) }
                    current = head
                    currentCount = headCount
                    let cells = table.rows[index].cells.map(\.plainText)
                    let text = zip(headers + Array(repeating: "", count: max(0, cells.count - headers.count)), cells)
                        .map { $0.isEmpty ? $1 : $0 + ": " + $1 }.joined(separator: "\n")
                    result += fitted(sentences(of: text), room: room, separator: " ")
                    continue
                }
                if currentCount + 1 + lineCount > room {
                    result.append(current)
                    current = head
                    currentCount = headCount
                }
                // What `current.count` would give: a CR before the new line break joins it.
                currentCount += 1 + lineCount - (current.utf8.last == 0x0D ? 1 : 0)
                current += "\n" + line
            }
            if current != head { result.append(current) }
            return result
        case .list(let list) where !list.isOrdered:
            let items = list.items.flatMap { item -> [String] in
                var single = list
                single.items = [item]
                let text = Block.list(single).markdown(links: links)
                guard CharacterCount.exceeds(text, room) else { return [text] }
                var inner = item.flatMap { pieces(of: $0, room: room - 2, depth: depth + 1, links: links) }
                if !inner.isEmpty { inner[0] = "- " + inner[0] }
                return inner
            }
            return fitted(items, room: room, separator: list.isTight ? "\n" : "\n\n")
        case .list:
            return [whole]
        case .code(let language, let text):
            let fence = text.contains("```") ? "~~~~" : "```"
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let room = room - 2 * fence.count - CharacterCount.of(language) - 2
            return fitted(lines, room: room, separator: "\n").map { fence + language + "\n" + $0 + "\n" + fence }
        case .paragraph:
            return fitted(sentences(of: whole), room: room, separator: " ")
        default:
            return fitted(whole.split(separator: "\n").map(String.init), room: room, separator: "\n")
        }
    }

    /// Pieces grouped while they fit, a piece still too long cut between words.
    static func fitted(_ pieces: [String], room: Int, separator: String) -> [String] {
        let room = max(room, minimumRoom)
        return group(pieces, room: room, separator: separator).flatMap { CharacterCount.exceeds($0, room) ? cut($0, room: room) : [$0] }
    }

    /// Text in pieces of at most `room` characters, cut at spaces where there are some: one
    /// pass over the text, however long it is.
    static func cut(_ text: String, room: Int) -> [String] {
        let room = max(room, minimumRoom)
        var result: [String] = []
        var start = text.startIndex
        var count = 0
        // The last space of the piece being read, and how many characters come before it.
        var lastSpace: (index: String.Index, count: Int)?
        var index = start
        while index < text.endIndex {
            if count == room {
                let end = lastSpace.map { $0.count > 0 ? $0.index : index } ?? index
                result.append(String(text[start..<end]))
                start = end
                while start < text.endIndex, text[start] == " " { start = text.index(after: start) }
                index = start
                count = 0
                lastSpace = nil
                continue
            }
            if text[index] == " " { lastSpace = (index, count) }
            count += 1
            index = text.index(after: index)
        }
        if start < text.endIndex { result.append(String(text[start...])) }
        return result
    }

    /// The least room a piece gets, however long the path that opens its chunk or however deep
    /// its list: pieces are never empty.
    static let minimumRoom = 200

    /// Consecutive pieces joined while they fit.
    static func group(_ pieces: [String], room: Int, separator: String) -> [String] {
        var result: [String] = []
        var current = ""
        var length = 0
        for piece in pieces {
            let count = CharacterCount.of(piece)
            if length > 0, length + separator.count + count > room {
                result.append(current)
                current = ""
                length = 0
            }
            if length > 0 {
                current += separator
                length += separator.count
            }
            current += piece
            length += count
        }
        if length > 0 { result.append(current) }
        return result
    }

    /// Text cut after sentence ends (`. `, `! `, `? `, `。`) and line breaks.
    static func sentences(of text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if character == "\n" || (character == " " && ".!?".contains(previous)) {
                if !current.isEmpty { result.append(current) }
                current = ""
            } else {
                current.append(character)
                if "。！？".contains(character) {
                    result.append(current)
                    current = ""
                }
            }
            previous = character
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
