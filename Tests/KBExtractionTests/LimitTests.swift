import Foundation
import KBCore
import KBModel
import Testing
@testable import KBExtraction
@testable import KBSyntax

@Suite("Extraction in bounded time")
struct ExtractionLimitTests {
    @Test("20,000 equal headings get 20,000 anchors, each found in one look")
    func equalHeadings() {
        var registry = AnchorRegistry(file: "a.md")
        var anchors: Set<String> = []
        for line in 1...20_000 {
            anchors.insert(registry.claim("oplossing", at: SourceLocation(line: line)))
        }
        #expect(anchors.count == 20_000)
        #expect(anchors.contains("oplossing-19999"))
        // An anchor written as a suffixed one is skipped by later duplicates.
        var mixed = AnchorRegistry(file: "a.md")
        #expect(mixed.claim("a-1", at: SourceLocation(line: 1)) == "a-1")
        #expect(mixed.claim("a", at: SourceLocation(line: 2)) == "a")
        #expect(mixed.claim("a", at: SourceLocation(line: 3)) == "a-2")
        #expect(mixed.claim("a", at: SourceLocation(line: 4)) == "a-3")
    }

    @Test("formatting tags pair in one pass, nesting capped, crossing pairs kept raw")
    func formattingTags() {
        let deep = Array(repeating: Inline.html("<b>"), count: 50_000) + [.text("x")] + Array(repeating: Inline.html("</b>"), count: 50_000)
        var depth = 0
        var inline = HTMLFormatting.pairTags(in: deep).first
        while case .strong(let content)? = inline {
            depth += 1
            inline = content.first
        }
        #expect(depth == 32)
        #expect(HTMLFormatting.pairTags(in: [.html("<b>"), .text("a"), .html("<i>"), .text("b"), .html("</b>"), .html("</i>")])
            == [.strong([.text("a"), .html("<i>"), .text("b")]), .html("</i>")])
    }

    @Test("includes stop at their depth and size limits, with a diagnostic at the directive")
    func includes() async {
        var sources: [String: String] = ["en-us/a.md": "# A\n\n[!INCLUDE [x](includes/l0.md)]\n"]
        for level in 0..<30 {
            sources["en-us/includes/l\(level).md"] = "level \(level)\n\n[!INCLUDE [n](l\(level + 1).md)]\n\n[!INCLUDE [n](l\(level + 1).md)]\n"
        }
        let files = sources
        let model = await KnowledgeBaseBuilder().build(files: ["en-us/a.md"]) { path in
            guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return text
        }
        // Two includes at each level: 2¹¹ expansions at the depth limit, past the count limit.
        #expect(model.diagnostics.map(\.identifier).contains("include.tooLarge"))
        var deep = Limits.default
        deep.includeDepth = 5
        let shallow = await KnowledgeBaseBuilder(limits: deep).build(files: ["en-us/a.md"]) { path in
            guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return text
        }
        #expect(shallow.diagnostics.map(\.identifier).contains("include.tooDeep"))
        #expect(shallow.articles[0].sections.flatMap(\.blocks).plainText.contains("level 4"))
    }

    @Test("an include's links count with the folders rebasing puts before them")
    func rebasedLinks() async {
        // 5,000 links of 7 bytes each, in a folder 400 characters deep: 35 KB of text that
        // rebasing makes 2 MB.
        let folder = "en-us/includes/" + String(repeating: "d", count: 400)
        let files = [
            "en-us/a.md": "# A\n\n[!INCLUDE [x](\(folder.dropFirst(6))/links.md)]\n",
            "\(folder)/links.md": String(repeating: "[a](b) ", count: 5_000) + "\n",
        ]
        var limits = Limits.default
        limits.includedSize = 1024 * 1024
        let model = await KnowledgeBaseBuilder(limits: limits).build(files: ["en-us/a.md"]) { path in
            guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return text
        }
        #expect(model.diagnostics.map(\.identifier) == ["include.tooLarge"])
        limits.includedSize = 8 * 1024 * 1024
        let roomy = await KnowledgeBaseBuilder(limits: limits).build(files: ["en-us/a.md"]) { path in
            guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return text
        }
        #expect(roomy.diagnostics.isEmpty)
        #expect(roomy.articles[0].links.count == 5_000)
    }

    @Test("toc files that include each other stop at the depth and count limits")
    func navigation() async {
        var sources: [String: String] = ["nl-nl/a.md": "# A\n", "nl-nl/toc.yml": "- name: a\n  href: a.md\n- name: n\n  href: c0/toc.yml\n"]
        for level in 0..<40 {
            sources["nl-nl/c\(level)/toc.yml"] = "- name: x\n  href: ../c\(level + 1)/toc.yml\n- name: y\n  href: ../c\(level + 1)/toc.yml\n"
        }
        let files = sources
        let model = await KnowledgeBaseBuilder().build(files: ["nl-nl/a.md"], tablesOfContents: ["nl-nl/toc.yml"]) { path in
            guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return text
        }
        #expect(model.diagnostics.map(\.identifier) == ["toc.tooLarge"])
        func depth(_ items: [NavigationItem]) -> Int { items.map { 1 + depth($0.children) }.max() ?? 0 }
        #expect(depth(model.tablesOfContents[0].items) <= Limits.default.navigationDepth)
    }

    @Test("a table's rows past the cell limit and an article's entries past the entry limit are left out")
    func tablesAndEntries() {
        var limits = Limits.default
        limits.tableCells = 300
        limits.entriesPerArticle = 50
        let rows = (0..<200).map { "|0x8018\(String(format: "%04X", $0))|Bericht|Doe iets|" }.joined(separator: "\n")
        let source = "# T\n\n## Fouten\n\n|Foutcode|Bericht|Oplossing|\n|---|---|---|\n" + rows + "\n"
        let result = ArticleExtractor(limits: limits).extract(DocumentParser.parse(source, file: "nl-nl/t.md", limits: limits))
        #expect(result.article.entries.count == 50)
        #expect(Set(result.diagnostics.map(\.identifier)) == ["table.tooLarge", "entry.tooMany"])
    }

    @Test("the limits fit the largest real references: 9,000 rows of an error reference are read whole, as a pipe table and as HTML")
    func largestReference() {
        let rows = (0..<9_000).map { "| \(10_000 + $0) | 16 | No | The operation \($0) failed. |" }.joined(separator: "\n")
        let source = "# Errors\n\n| Error | Severity | Event logged | Description |\n| :--- | :--- | :--- | :--- |\n" + rows + "\n"
        let result = ArticleExtractor().extract(DocumentParser.parse(source, file: "en-us/errors.md"))
        #expect(result.article.entries.count == 9_000)
        #expect(result.diagnostics.isEmpty)
        #expect(result.article.entries.last?.codes.map(\.code) == ["18999"])

        let html = (0..<9_000).map { "<tr><td>0x8050\(String(format: "%04X", $0))</td><td>The operation \($0) failed.</td></tr>" }
            .joined(separator: "\n")
        let table = "# Errors\n\n<table>\n<tr><th>Error code</th><th>Message</th></tr>\n" + html + "\n</table>\n"
        let htmlResult = ArticleExtractor().extract(DocumentParser.parse(table, file: "en-us/errors.md"))
        #expect(htmlResult.article.entries.count == 9_000)
    }
}
