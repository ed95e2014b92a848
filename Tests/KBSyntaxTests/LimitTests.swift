import KBCore
import Testing
@testable import KBSyntax

@Suite("Markdown and YAML that would exhaust a build")
struct LimitTests {
    /// The depth of the deepest node.
    static func depth(_ tree: SyntaxTree) -> Int {
        var deepest = 0
        func visit(_ index: Int, _ depth: Int) {
            deepest = max(deepest, depth)
            for child in tree.children(of: index) { visit(child, depth + 1) }
        }
        visit(tree.root, 0)
        return deepest
    }

    @Test("a line of 100,000 quote or list markers opens no more containers than the limit")
    func lineNesting() {
        for line in [String(repeating: ">", count: 100_000) + " x", String(repeating: "- ", count: 100_000) + "x",
                     String(repeating: "1. ", count: 100_000) + "x"] {
            let document = DocumentParser.parse(line + "\n", file: "a.md")
            #expect(Self.depth(document.tree) <= Limits.default.lineNesting * 2 + 3)
            #expect(document.diagnostics.map(\.identifier).contains("markdown.tooDeep"))
        }
    }

    @Test("what lies deeper than the tree's limit is kept as its text")
    func treeDepth() {
        let items = (0..<300).map { String(repeating: "  ", count: $0) + "- item \($0)" }.joined(separator: "\n")
        let document = DocumentParser.parse(items + "\n", file: "a.md")
        #expect(Self.depth(document.tree) <= Limits.default.treeDepth + 2)
        #expect(document.tree.nodes.contains { $0.literal.contains("item 299") })
        // A list level is two nodes deep (list, item): the text of the 31st item is the first too deep.
        let diagnostic = document.diagnostics.first { $0.identifier == "markdown.tooDeep" }
        #expect(diagnostic?.location?.line == 31)
        let emphasis = String(repeating: "*a **b ", count: 5_000) + "x" + String(repeating: "** a*", count: 5_000)
        #expect(Self.depth(DocumentParser.parse(emphasis, file: "a.md").tree) <= Limits.default.treeDepth + 2)
    }

    @Test("a table wider than the limit is read as text; real tables are not touched")
    func wideTables() {
        let wide = "|" + String(repeating: "a|", count: 500) + "\n|" + String(repeating: "-|", count: 500) + "\n"
        let document = DocumentParser.parse(wide, file: "a.md")
        #expect(!document.tree.nodes.contains { $0.kind == .table })
        #expect(document.diagnostics.map(\.identifier) == ["table.tooWide"])
        let normal = DocumentParser.parse("|a|b|\n|-|-|\n|1|2|\n", file: "a.md")
        #expect(normal.tree.nodes.contains { $0.kind == .table } && normal.diagnostics.isEmpty)
    }

    @Test("an article with more syntax than the limit is not parsed, and says so")
    func tooComplex() {
        var limits = Limits.default
        limits.markdownSyntax = 1_000
        let document = DocumentParser.parse("---\ntitle: t\n---\n" + String(repeating: "*_", count: 1_000), file: "a.md", limits: limits)
        #expect(document.tree.nodes.count == 1)
        #expect(document.diagnostics.map(\.identifier) == ["markdown.tooComplex"])
        #expect(document.frontMatter.first?.key == "title")
    }

    @Test("YAML aliases that expand to billions of values are refused, in front matter and toc files")
    func aliasBomb() {
        var yaml = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        let result = FrontMatterParser.parse(Substring(yaml), firstLine: 2, file: "a.md")
        #expect(result.fields.isEmpty)
        #expect(result.diagnostics.map(\.identifier) == ["frontMatter.tooLarge"])
        var toc = "- &a {name: a, href: a.md}\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            toc += "- &\(name) {name: \(name), items: [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]}\n"
        }
        #expect(TableOfContentsParser.parse(toc, file: "toc.yml").diagnostics.map(\.identifier) == ["toc.invalid"])
    }

    @Test("front matter past its size limit is ignored; ordinary front matter is read")
    func frontMatterSize() {
        let large = (0..<5_000).map { "key\($0): \(String(repeating: "v", count: 20))" }.joined(separator: "\n")
        #expect(FrontMatterParser.parse(Substring(large), firstLine: 2, file: "a.md").diagnostics.map(\.identifier) == ["frontMatter.tooLarge"])
        let nested = "keys: " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(!FrontMatterParser.parse(Substring(nested), firstLine: 2, file: "a.md").diagnostics.isEmpty)
        #expect(FrontMatterParser.parse("title: x\nms.date: 01/02/2020", firstLine: 2, file: "a.md").fields.count == 2)
    }
}
