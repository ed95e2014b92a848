import KBCore
import KBModel
import KBSyntax
import KBWeb

/// Turns one parsed document into an article of the model: its identity and metadata, its
/// section tree with unique anchors, and the error entries and procedures found in it.
public struct ArticleExtractor: Sendable {
    public struct Result: Sendable {
        public var article: Article
        public var diagnostics: [Diagnostic]
        /// The decisions made about the article's tables and sections.
        var reading: Reading
    }

    /// Resolves `[!INCLUDE]` directives; without one they stay in the model unresolved.
    public var includes: IncludeResolver?
    public var limits: Limits

    public init(includes: IncludeResolver? = nil, limits: Limits = .default) {
        self.includes = includes
        self.limits = limits
    }

    public func extract(_ document: ParsedDocument) -> Result {
        extract(document, following: nil)
    }

    /// Extracts the article, making the decisions of `following` (the reading its translations
    /// agree on) where its own reading would differ.
    func extract(_ document: ParsedDocument, following: Reading?) -> Result {
        var diagnostics = document.diagnostics
        let metadata = ArticleMetadata(fields: document.frontMatter)
        let identity = ArticleIdentity(file: document.file, metadata: metadata)
        diagnostics += identity.diagnostics

        // Sections and blocks.
        var builder = BlockBuilder(document: document, limits: limits)
        var anchors = AnchorRegistry(file: document.file)
        var sections = SectionTreeBuilder()
        // `<a id="x"></a>` on the line before a heading is the heading's anchor, as DocFX
        // articles write it: the same in every translation.
        var heldAnchor: (name: String, block: Block)?
        for child in document.tree.children(of: document.tree.root) {
            let node = document.tree[child]
            // As an HTML block, or as a paragraph when the heading follows on the next line.
            let inlines = node.kind == .paragraph ? Array(document.tree.children(of: child)) : []
            let raw = node.kind == .htmlBlock ? node.literal
                : inlines.first.map({ document.tree[$0].kind == .htmlInline }) == true && inlines.count <= 4 ? inlines.map { inline in
                    [.htmlInline, .text].contains(document.tree[inline].kind) ? document.tree[inline].literal : "\u{0}"
                }.joined() : ""
            if let name = Self.loneAnchor(raw) {
                if let held = heldAnchor { sections.append([held.block]) }
                heldAnchor = (name, .html(raw))
                continue
            }
            let held = heldAnchor
            heldAnchor = nil
            if node.kind == .heading {
                let (explicit, title) = SectionTreeBuilder.anchorAndTitle(of: builder.inlines(childrenOf: child))
                if explicit != nil, let held { sections.append([held.block]) }
                var anchor = explicit ?? held?.name ?? Slug.make(title.plainText)
                if anchor.isEmpty { anchor = "section" }
                anchor = anchors.claim(anchor, at: node.start)
                sections.open(level: node.headingLevel, title: title, anchor: anchor, location: node.start)
            } else {
                if let held { sections.append([held.block]) }
                sections.append(builder.blocks(for: child))
            }
        }
        if let held = heldAnchor { sections.append([held.block]) }
        var document_ = sections.finish()
        var links = builder.links
        diagnostics += builder.diagnostics
        if let includes {
            var budget = IncludeResolver.Budget(limits: limits)
            document_.resolveIncludes(with: includes, in: document.file, budget: &budget, links: &links, diagnostics: &diagnostics)
        }

        // Error entries: sections about one error, and rows of error tables.
        var sectionReading: [Bool] = []
        var entries = ErrorSectionExtractor().entries(in: document_, following: following?.sections, decisions: &sectionReading)
        var tables = TableAnnotator(file: document.file, anchors: anchors, following: following)
        tables.annotate(&document_, place: .init(anchors: [], titles: [], file: document.file))
        var reading = tables.reading
        reading.sections = sectionReading
        reading.shape.sectionLevels = document_.allSections.map(\.level)
        entries += tables.entries
        diagnostics += tables.diagnostics
        anchors = tables.anchors
        diagnostics += anchors.diagnostics
        Self.mergeCodeHeadingsWithTheirRow(&entries, singleRows: tables.singleRowEntries, document: &document_)
        entries.sort { $0.location < $1.location }
        if entries.count > limits.entriesPerArticle {
            diagnostics.append(Diagnostic(
                .warning, .entryTooMany,
                "the article has \(entries.count) error entries, more than the limit of \(limits.entriesPerArticle); the ones from here on are left out",
                file: document.file, at: entries[limits.entriesPerArticle].location))
            entries.removeSubrange(limits.entriesPerArticle...)
        }

        // Procedures, and the ones each entry's resolution holds.
        let procedures = ProcedureExtractor.procedures(in: document_)
        for index in entries.indices {
            var locations: Set<SourceLocation> = []
            entries[index].resolution.collectOrderedListLocations(into: &locations)
            entries[index].procedures = procedures.filter { locations.contains($0.location) }
        }

        diagnostics += MalformedCodeReporter.diagnostics(for: document)

        let title = Self.title(of: document_, metadata: metadata, file: document.file)
        let article = Article(
            id: identity.id, locale: identity.locale, source: document.file, title: title,
            translationKey: metadata.assetID ?? identity.id, metadata: metadata, document: document_,
            entries: entries, procedures: procedures, links: links)
        return Result(article: article, diagnostics: diagnostics, reading: reading)
    }

    /// The name of an HTML block that is one empty anchor and nothing else (`<a id="x"></a>`,
    /// `<a name="x"/>`).
    static func loneAnchor(_ raw: String) -> String? {
        let text = raw.trimmingWhitespace
        guard text.hasPrefix("<a"), let end = text.firstIndex(of: ">"), let tag = HTMLTag(text[...end]), tag.name == "a",
              let name = tag.attribute("id") ?? tag.attribute("name"), !name.isEmpty
        else { return nil }
        let rest = text[text.index(after: end)...].trimmingWhitespace
        return rest.isEmpty || rest.lowercased() == "</a>" ? name : nil
    }

    /// A heading that is a code over a table of one row (`## 0x8024402F`, then `Message |
    /// Description | Mitigation`) describes one error: the section's entry takes the row's
    /// codes, message, cause and resolution, and the row is no entry of its own.
    static func mergeCodeHeadingsWithTheirRow(_ entries: inout [ErrorEntry], singleRows: Set<String>, document: inout Section) {
        var merged: Set<String> = []
        // The rows of each section, found in one pass (not a search of all entries per heading).
        var rowsOfSection: [[String]: [Int]] = [:]
        for index in entries.indices where entries[index].kind == .tableRow {
            rowsOfSection[entries[index].sectionPath, default: []].append(index)
        }
        for index in entries.indices where entries[index].kind == .section {
            let section = entries[index]
            let headingCodes = ErrorSectionExtractor.Analysis.headingCodes(section.title)
            guard !headingCodes.isEmpty else { continue }
            guard let rows = rowsOfSection[section.sectionPath], rows.count == 1, singleRows.contains(entries[rows[0]].id)
            else { continue }
            let row = entries[rows[0]]
            var entry = section
            entry.codes = (section.codes + row.codes).mergedCodes()
            // Where the row's message column holds its symbolic name (`WU_E_PT_…`), the
            // description beside it is the message.
            var rowMessages = row.messages.filter { !ErrorTableExtractor.isCodeOnly($0, lenient: true) }
            if rowMessages.isEmpty, row.cause.count == 1, case .paragraph(let content) = row.cause[0],
               content.plainText.count <= 300 {
                rowMessages = [content.plainText]
            }
            entry.messages = (rowMessages + section.messages).uniqued()
            if !row.cause.isEmpty { entry.cause = row.cause }
            entry.resolution = row.resolution + section.resolution
            // A heading that is only a code says less than the row's message.
            if ErrorTableExtractor.isCodeOnly(section.title, lenient: true), !row.title.isEmpty { entry.title = row.title }
            entries[index] = entry
            merged.insert(row.id)
        }
        guard !merged.isEmpty else { return }
        entries.removeAll { $0.kind == .tableRow && merged.contains($0.id) }
        document.clearEntryIDs(merged)
    }

    /// The visible title: the first H1 without its anchor, else the front matter's title, else
    /// the file name.
    private static func title(of root: Section, metadata: ArticleMetadata, file: String) -> String {
        if let heading = root.allSections.first(where: { $0.level == 1 }), !heading.titleText.isEmpty {
            return heading.titleText
        }
        if var title = metadata.title {
            if let bar = title.range(of: " | ", options: .backwards) { title = String(title[..<bar.lowerBound]) }
            return title.trimmingWhitespace
        }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
}

/// Finds error tables anywhere in the section tree (also inside lists, alerts and divisions),
/// links their rows to the entries made from them and gives each row entry a unique id.
private struct TableAnnotator {
    let file: String
    var anchors: AnchorRegistry
    var entries: [ErrorEntry] = []
    var diagnostics: [Diagnostic] = []
    /// The entries of rows that are the only row of their table.
    var singleRowEntries: Set<String> = []
    /// The decisions made, table by table.
    var reading = Reading()
    /// The decisions to make instead of this article's own, when a translation's reading is followed.
    let following: Reading?
    private var rowCounts: [String: Int] = [:]
    private let extractor = ErrorTableExtractor()

    init(file: String, anchors: AnchorRegistry, following: Reading?) {
        self.file = file
        self.anchors = anchors
        self.following = following
    }

    mutating func annotate(_ section: inout Section, place: ErrorTableExtractor.Place) {
        var place = place
        if section.level > 0 {
            place.anchors.append(section.anchor)
            place.titles.append(section.titleText)
        }
        section.blocks = annotate(section.blocks, section: section.anchor, place: place)
        for index in section.subsections.indices {
            annotate(&section.subsections[index], place: place)
        }
    }

    private mutating func annotate(_ blocks: [Block], section: String, place: ErrorTableExtractor.Place) -> [Block] {
        // Rows are named for the last anchor written before their table in the section
        // (`<a id="error-codes"></a>`), else for the section: translations keep anchors where
        // they may add or drop a heading.
        var base = section
        return blocks.rewritten { block in
            switch block {
            case .html(let raw):
                if let anchor = HTMLAnchors.names(in: raw).last { base = anchor }
                return .descend
            case .paragraph(let content):
                for case .html(let raw) in content { if let anchor = HTMLAnchors.names(in: raw).last { base = anchor } }
                return .descend
            case .table(let table):
                let section = base
                // An HTML table is read as records (a heading row per error), or as the grid of
                // cells a reader sees.
                let records = table.isGrid ? nil : RecordTableExtractor.records(of: table)
                let view = records == nil && !table.isGrid ? GridView(table) : nil
                let read = view?.table ?? table
                // The decision of the reading to follow (a translation's), else this table's own.
                let index = reading.tables.count
                var decision = records != nil ? ErrorTableExtractor.Columns(records: true)
                    : ErrorTableExtractor.columns(of: read, anchors: place.anchors + [section])
                if let following, index < following.tables.count {
                    decision = following.tables[index].flatMap { followed in
                        (followed.records ? records != nil : followed.fits(read.header.cells.count)) ? followed : nil
                    }
                }
                reading.tables.append(decision)
                reading.shape.tables.append([read.header.cells.count, read.rows.count])
                guard let columns = decision else { return .replace(block) }
                var result: ErrorTableExtractor.Result
                if columns.records, let records {
                    result = RecordTableExtractor().extract(table, records: records, at: place) { location, codes in
                        let name = Slug.make(codes.first?.code ?? "")
                        let base = section.isEmpty ? name : "\(section)-\(name)"
                        return anchors.claim(base.isEmpty ? "record" : base, at: location, warnOnDuplicate: false)
                    }
                } else {
                    result = extractor.extract(read, columns: columns, at: place, makeID: { location in
                        let number = (rowCounts[section] ?? 0) + 1
                        rowCounts[section] = number
                        let base = section.isEmpty ? "row-\(number)" : "\(section)-row-\(number)"
                        return anchors.claim(base, at: location, warnOnDuplicate: false)
                    })
                    if let view { result.table = view.annotating(table, from: result.table) }
                }
                entries += result.entries
                diagnostics += result.diagnostics
                if read.rows.count == 1 { singleRowEntries.formUnion(result.entries.map(\.id)) }
                return .replace(.table(result.table))
            default:
                return .descend
            }
        }
    }
}

/// An HTML table as the grid of cells a reader sees, for reading its columns: a cell spanning
/// columns or rows is in each of them, rows of one heading over the whole width (a caption, a
/// group's title) are left out, and the first row of several headings is the header.
struct GridView {
    var table: Table
    /// For each row of the view, the row of the table it comes from.
    var rows: [Int]

    init(_ original: Table) {
        let grid = original.grid
        var header = original.header
        var rows: [Int] = []
        var cells: [Table.Row] = []
        for (index, row) in original.rows.enumerated() {
            if row.isHeading || (row.cells.count == 1 && row.span(0).columns > 1) {
                if header.cells.isEmpty, cells.isEmpty, row.cells.count > 1 {
                    header = Table.Row(cells: grid[index], location: row.location)
                }
                continue
            }
            rows.append(index)
            cells.append(Table.Row(cells: grid[index], location: row.location))
        }
        if !original.header.cells.isEmpty {
            var expanded: [[Block]] = []
            for (index, cell) in original.header.cells.enumerated() {
                expanded += Array(repeating: cell, count: max(1, min(original.header.span(index).columns, 1_000)))
            }
            header = Table.Row(cells: expanded, location: original.header.location)
        }
        header.spans = []
        header.isHeading = false
        self.table = Table(alignments: [], header: header, rows: cells, location: original.location)
        self.rows = rows
    }

    /// `original` with the entry ids `read` (the view, read) gave its rows.
    func annotating(_ original: Table, from read: Table) -> Table {
        var result = original
        for (viewRow, row) in zip(read.rows, rows) { result.rows[row].entryID = viewRow.entryID }
        return result
    }
}

/// An article's language and its language-independent id, from its front matter and its
/// place in the content tree (`nl-nl/enrollment/x.md` → `nl-nl`, `enrollment/x`).
struct ArticleIdentity {
    var locale: String
    var id: String
    var diagnostics: [Diagnostic] = []

    init(file: String, metadata: ArticleMetadata) {
        var components = file.split(separator: "/").map(String.init)
        let folderLocale = components.count > 1 && Self.isLanguageTag(components[0]) ? components[0].lowercased() : nil
        if folderLocale != nil { components.removeFirst() }
        var path = components.joined(separator: "/")
        if path.lowercased().hasSuffix(".md") { path.removeLast(3) }
        id = path

        let declared = metadata.contentLocale.map { $0.lowercased().replacing("_", with: "-") }
        if let declared, !Self.isLanguageTag(declared) {
            diagnostics.append(Diagnostic(
                .warning, .localeInvalid, "ms.contentlocale '\(declared)' is not a language tag; it is ignored",
                file: file, at: SourceLocation(line: 1)))
        }
        let validDeclared = declared.flatMap { Self.isLanguageTag($0) ? $0 : nil }
        if let validDeclared, let folderLocale, validDeclared != folderLocale {
            diagnostics.append(Diagnostic(
                .warning, .localeMismatch,
                "ms.contentlocale is '\(validDeclared)' but the article lies in the '\(folderLocale)' folder; '\(validDeclared)' is used",
                file: file, at: SourceLocation(line: 1)))
        }
        if let locale = validDeclared ?? folderLocale {
            self.locale = locale
        } else {
            locale = "und"
            diagnostics.append(Diagnostic(
                .warning, .localeUnknown,
                "the article has no ms.contentlocale and does not lie in a locale folder (such as 'nl-nl/'); its language is unknown",
                file: file, at: SourceLocation(line: 1)))
        }
    }

    /// `nl`, `nl-nl`, `zh-hans-cn`, `sr-latn-rs`: a BCP 47 language tag of the kind DocFX uses.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count),
              language.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}

extension Section {
    /// Replaces include directives in this section and every section below it.
    fileprivate mutating func resolveIncludes(
        with resolver: IncludeResolver, in file: String, budget: inout IncludeResolver.Budget,
        links: inout [ArticleLink], diagnostics: inout [Diagnostic]
    ) {
        let resolution = resolver.resolve(blocks, in: file, budget: &budget)
        blocks = resolution.blocks
        links += resolution.links
        diagnostics += resolution.diagnostics
        for index in subsections.indices {
            subsections[index].resolveIncludes(with: resolver, in: file, budget: &budget, links: &links, diagnostics: &diagnostics)
        }
    }
}

extension Section {
    /// The section with the rows whose entry ids are in `ids` no longer marked as entries.
    fileprivate mutating func clearEntryIDs(_ ids: Set<String>) {
        blocks = blocks.clearingEntryIDs(ids)
        for index in subsections.indices { subsections[index].clearEntryIDs(ids) }
    }
}

extension Array where Element == Block {
    fileprivate func clearingEntryIDs(_ ids: Set<String>) -> [Block] {
        rewritten { block in
            guard case .table(var table) = block else { return .descend }
            for index in table.rows.indices where table.rows[index].entryID.map(ids.contains) == true {
                table.rows[index].entryID = nil
            }
            return .replace(.table(table))
        }
    }

    /// The start of every ordered list in these blocks, at any depth.
    func collectOrderedListLocations(into locations: inout Set<SourceLocation>) {
        walk { block in
            if case .list(let list) = block, list.isOrdered { locations.insert(list.location) }
            return .descend
        }
    }
}
