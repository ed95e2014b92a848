import KBCore
import KBModel
import Testing

@Suite("Walking the model's blocks")
struct BlockWalkingTests {
    static let place = SourceLocation(line: 1, column: 1)
    static func paragraph(_ text: String) -> Block { .paragraph([.text(text)]) }

    /// One block of every container kind, each holding a paragraph, and a table whose header
    /// and body cells hold paragraphs.
    static let tree: [Block] = [
        .quote([paragraph("quote")]),
        .alert(Alert(kind: .note, content: [paragraph("alert")], location: place)),
        .division(className: "button", content: [paragraph("division")]),
        .list(List(isOrdered: true, start: 1, isTight: true, items: [[paragraph("item"), .list(List(
            isOrdered: false, start: 1, isTight: true, items: [[paragraph("nested")]], location: place))]], location: place)),
        .table(Table(alignments: [.none], header: Table.Row(cells: [[paragraph("header")]], location: place),
                     rows: [Table.Row(cells: [[paragraph("cell")]], location: place)], location: place)),
        paragraph("leaf"),
    ]

    static func texts(_ blocks: [Block]) -> [String] {
        var texts: [String] = []
        blocks.walk { block in
            if case .paragraph(let content) = block { texts.append(content.plainText) }
            return .descend
        }
        return texts
    }

    @Test("a walk reaches every block of every container, in document order")
    func everyChild() {
        #expect(Self.texts(Self.tree) == ["quote", "alert", "division", "item", "nested", "header", "cell", "leaf"])
    }

    @Test("a visitor can keep a walk out of a block's children")
    func skipping() {
        var seen = 0
        Self.tree.walk { block in
            seen += 1
            if case .list = block { return .skipChildren }
            return .descend
        }
        // 6 blocks at the top, one paragraph in each of the quote, alert and division, and the
        // header's and body's paragraphs: the list's 3 are skipped.
        #expect(seen == 11)
    }

    @Test("a rewrite replaces blocks at any depth and keeps the structure around them")
    func rewriting() {
        let rewritten = Self.tree.rewritten { block in
            guard case .paragraph(let content) = block else { return .descend }
            return .replace([Self.paragraph(content.plainText.uppercased()), Self.paragraph("+")])
        }
        #expect(Self.texts(rewritten) == ["QUOTE", "+", "ALERT", "+", "DIVISION", "+", "ITEM", "+", "NESTED", "+", "HEADER", "+",
                                          "CELL", "+", "LEAF", "+"])
        #expect(rewritten.count == Self.tree.count + 1)
        // A rewrite that keeps everything changes nothing.
        #expect(Self.tree.rewritten { _ in .descend } == Self.tree)
    }

    @Test("links are rewritten inside every container, table cells included")
    func links() {
        let linked: [Block] = [.quote([.table(Table(
            alignments: [.none], header: Table.Row(cells: [[.paragraph([.link(destination: "a.md", title: "", content: [.text("a")])])]], location: Self.place),
            rows: [], location: Self.place))])]
        let mapped = linked.mappingLinks { "../" + $0 }
        guard case .quote(let content) = mapped[0], case .table(let table) = content[0],
              case .paragraph(let inlines) = table.header.cells[0][0], case .link(let destination, _, _) = inlines[0]
        else { Issue.record("the structure changed: \(mapped)"); return }
        #expect(destination == "../a.md")
    }
}
