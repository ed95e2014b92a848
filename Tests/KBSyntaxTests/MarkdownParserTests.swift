import KBCore
import Testing
@testable import KBSyntax

@Suite("Markdown through cmark-gfm")
struct MarkdownParserTests {
    /// The tree as an indented outline, `kind line:column` per node, with text literals.
    static func outline(_ tree: SyntaxTree) -> String {
        var lines: [String] = []
        func visit(_ index: Int, depth: Int) {
            let node = tree[index]
            var line = String(repeating: "  ", count: depth) + "\(node.kind) \(node.start.line):\(node.start.column)"
            if !node.literal.isEmpty { line += " \"\(node.literal)\"" }
            if !node.destination.isEmpty { line += " -> \(node.destination)" }
            lines.append(line)
            for child in tree.children(of: index) { visit(child, depth: depth + 1) }
        }
        visit(tree.root, depth: 0)
        return lines.joined(separator: "\n")
    }

    @Test("copies the tree with the GFM table, strikethrough and autolink extensions")
    func extensions() {
        let tree = MarkdownParser.parse("|A|B|\n|-|-|\n|~~x~~|www.example.com|\n")
        #expect(Self.outline(tree) == """
            document 1:1
              table 1:1
                tableHeader 1:1
                  tableCell 1:2
                    text 1:2 "A"
                  tableCell 1:4
                    text 1:4 "B"
                tableRow 3:1
                  tableCell 3:2
                    strikethrough 3:2
                      text 3:4 "x"
                  tableCell 3:8
                    link 3:7 -> http://www.example.com
                      text 3:7 "www.example.com"
            """)
        // (The autolink extension places its nodes one column early: cmark-gfm's own figure.)
    }

    @Test("keeps raw HTML as written and lets the tagfilter extension see it")
    func html() {
        let tree = MarkdownParser.parse("a <br> b\n")
        let kinds = tree.nodes.map(\.kind)
        #expect(kinds == [.document, .paragraph, .text, .htmlInline, .text])
        #expect(tree.nodes[3].literal == "<br>")
    }

    @Test("numbers lines from the first line of the file when front matter was cut off")
    func lineOffset() {
        let tree = MarkdownParser.parse("# Title\n\ntext\n", firstLine: 10)
        #expect(tree.nodes.first { $0.kind == .heading }?.start.line == 10)
        #expect(tree.nodes.first { $0.kind == .paragraph }?.start.line == 12)
    }

    @Test("reads ordered and bullet lists with their start and tightness")
    func lists() {
        let tree = MarkdownParser.parse("3. one\n4. two\n\n- a\n\n- b\n")
        let lists = tree.nodes.filter { $0.kind == .list }
        #expect(lists.map(\.listIsOrdered) == [true, false])
        #expect(lists.map(\.listStart) == [3, 0])
        #expect(lists.map(\.listIsTight) == [true, false])
    }
}

@Suite("Splitting and parsing a DocFX article")
struct DocumentParserTests {
    @Test("keeps every front matter key and its value as written")
    func frontMatter() {
        let document = DocumentParser.parse("""
            ---
            title: Hoe los ik problemen op?
            ms.date: 11/09/2018
            keywords: ''
            ms.technology:
            ms.custom: intune-classic;seoapril2019
            ms.locfileid: "80326997"
            tags: [a, b]
            ---
            # Title
            """, file: "nl-nl/x.md")
        #expect(document.diagnostics.isEmpty)
        let fields = Dictionary(uniqueKeysWithValues: document.frontMatter.map { ($0.key, $0.value) })
        #expect(fields["title"] == .string("Hoe los ik problemen op?"))
        #expect(fields["ms.date"] == .string("11/09/2018"))
        #expect(fields["keywords"] == .string(""))
        #expect(fields["ms.technology"] == .null)
        #expect(fields["ms.locfileid"] == .string("80326997"))
        #expect(fields["tags"] == .list([.string("a"), .string("b")]))
        #expect(document.frontMatter.map(\.key).first == "title")
        #expect(document.bodyFirstLine == 10)
        #expect(document.tree.nodes.first { $0.kind == .heading }?.start.line == 10)
    }

    @Test("reports front matter that is not YAML at the line and column of the fault (a quote left open, where it opens), and still reads the Markdown")
    func invalidFrontMatter() throws {
        let document = DocumentParser.parse("---\ntitle: ok\ndescription: \"unclosed\nauthor: x\n---\n# Still read\n", file: "en-us/broken.md")
        #expect(document.frontMatter.isEmpty)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.identifier == "frontMatter.invalid")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == "en-us/broken.md")
        #expect(diagnostic.location?.line == 3 && diagnostic.location?.column == 14)
        #expect(document.tree.nodes.contains { $0.kind == .heading })
        let flow = DocumentParser.parse("---\ntitle: a\ntags: [x\nauthor: x\n---\n# A\n", file: "f.md")
        #expect(flow.diagnostics.first?.location?.line == 3)
    }

    @Test("reports a duplicated key at its second line")
    func duplicateKey() throws {
        let document = DocumentParser.parse("---\nms.custom: a\ntitle: t\nms.custom: b\n---\ntext\n", file: "f.md")
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.location?.line == 4)
        #expect(diagnostic.message.contains("ms.custom"))
    }

    @Test("reports front matter that is never closed")
    func unclosed() {
        let document = DocumentParser.parse("---\ntitle: x\n\n# Heading\n", file: "f.md")
        #expect(document.diagnostics.map(\.identifier) == ["frontMatter.unclosed"])
    }

    @Test("reads files without front matter, with a byte order mark, or with CRLF line ends")
    func variants() {
        #expect(DocumentParser.parse("# Only Markdown\n", file: "f.md").frontMatter.isEmpty)
        let bom = DocumentParser.parse("\u{FEFF}---\ntitle: t\n---\nx\n", file: "f.md")
        #expect(bom.frontMatter.first?.value == .string("t"))
        let crlf = DocumentParser.parse("---\r\ntitle: t\r\n---\r\n# H\r\n", file: "f.md")
        #expect(crlf.frontMatter.first?.value == .string("t"))
        #expect(crlf.tree.nodes.contains { $0.kind == .heading })
    }

    @Test("reads a table whose rows are indented further than its header, as DocFX does")
    func indentedTable() throws {
        let document = DocumentParser.parse("""
            ---
            title: t
            ---
            |Veldnaam|Max. lengte|
                |----------|------------------------|
                |Bedrijfsnaam|40|

            after
            """, file: "f.md")
        let table = try #require(document.tree.nodes.firstIndex { $0.kind == .table })
        let rows = document.tree.children(of: table).map { document.tree[$0] }
        #expect(rows.map(\.kind) == [.tableHeader, .tableRow])
        // Columns still point into the original line, where the row starts after 4 spaces.
        #expect(rows[1].start == SourceLocation(line: 6, column: 5))
    }

    @Test("leaves indented pipes alone inside code blocks")
    func indentedPipesInCode() {
        let document = DocumentParser.parse("```\n|a|b|\n    |-|-|\n```\n", file: "f.md")
        #expect(!document.tree.nodes.contains { $0.kind == .table })
        #expect(document.tree.nodes.first { $0.kind == .codeBlock }?.literal == "|a|b|\n    |-|-|\n")
    }
}

@Suite("Parsing on many threads")
struct ConcurrentParsingTests {
    /// Text whose parse depends on cmark-gfm's table of special characters: strikethrough,
    /// autolinks, escapes and emphasis.
    static let text = """
        - Name (ADFS STS URL if present): https://adfs\\<DNSName>.com/adfs/ls
        - Tot de speciale tekens behoren: **! " # $ % &amp; ' ( ) &#42; + , - . / : ; &lt; = &gt; ? @ [ \\ ] ^ _ &#96; { &#124; } ~**
        - ~~old~~ new, see www.example.com or mail admin@contoso.com
        """

    @Test("gives every thread the same tree as a parse on its own")
    func sameTreeEverywhere() async {
        let expected = MarkdownParserTests.outline(MarkdownParser.parse(Substring(Self.text)))
        let outlines = await withTaskGroup(of: String.self) { group in
            for _ in 0..<400 {
                group.addTask { MarkdownParserTests.outline(MarkdownParser.parse(Substring(Self.text))) }
            }
            var outlines: [String] = []
            for await outline in group { outlines.append(outline) }
            return outlines
        }
        #expect(outlines.allSatisfy { $0 == expected })
    }
}
