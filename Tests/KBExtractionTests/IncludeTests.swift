import Foundation
import KBCore
import KBModel
import Testing
@testable import KBExtraction

@Suite("Includes")
struct IncludeTests {
    static func build(_ files: [String: String], articles: [String]) async -> KnowledgeBase {
        await KnowledgeBaseBuilder().build(files: articles) { path in
            guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return text
        }
    }

    @Test("an include is replaced by the included file's blocks, with its links made relative to the article")
    func resolved() async throws {
        let model = await Self.build([
            "nl-nl/apps/a.md": "# A\n\n[!INCLUDE [portal](../includes/portal.md)]\n\nNa.\n",
            "nl-nl/includes/portal.md": "---\ntitle: include\n---\n> [!NOTE]\n> Zie [dit](../enrollment/b.md#x).\n",
        ], articles: ["nl-nl/apps/a.md"])
        let article = try #require(model.articles.first)
        #expect(model.diagnostics.isEmpty)
        let blocks = article.sections[1].blocks
        #expect(blocks.count == 2)
        guard case .alert(let alert) = blocks[0] else {
            Issue.record("not an alert: \(blocks)")
            return
        }
        #expect(alert.content.markdown == "Zie [dit](../enrollment/b.md#x).")
        #expect(article.links.map(\.destination) == ["../enrollment/b.md#x"])
        #expect(article.links.first?.includedFrom == "nl-nl/includes/portal.md")
    }

    @Test("a missing file, a cycle and a path outside the content folder are reported at the directive")
    func problems() async {
        let model = await Self.build([
            "nl-nl/a.md": "# A\n[!INCLUDE [x](missing.md)]\n\n[!INCLUDE [x](../../outside.md)]\n\n[!INCLUDE [c](c1.md)]\n",
            "nl-nl/c1.md": "[!INCLUDE [c](c2.md)]\n",
            "nl-nl/c2.md": "[!INCLUDE [c](c1.md)]\n",
        ], articles: ["nl-nl/a.md"])
        #expect(model.diagnostics.map { "\($0.identifier) \($0.file):\($0.location?.line ?? 0)" } == [
            "include.missing nl-nl/a.md:2", "include.outsideContentRoot nl-nl/a.md:4", "include.cycle nl-nl/c2.md:1",
        ])
        #expect(model.articles.count == 1)
    }
}
