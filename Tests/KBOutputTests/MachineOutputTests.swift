import Foundation
import KBContract
import KBCore
import KBModel
import Testing
@testable import KBContractFiles
@testable import KBOutput
import KBPipeline
import KBPages
import KBTestSupport

@Suite("Machine outputs")
struct MachineOutputTests {
    static let place = SourceLocation(line: 1, column: 1)

    static func paragraph(_ text: String) -> Block { .paragraph([.text(text)]) }

    static func list(ordered: Bool, _ items: [String]) -> Block {
        .list(List(isOrdered: ordered, start: 1, isTight: true, items: items.map { [paragraph($0)] }, location: place))
    }

    @Test("a long section is cut between blocks and sentences; every part opens with the path and stays under the limit")
    func longSection() {
        let sentence = "Dit is een zin over het inschrijven van apparaten in Intune. "
        let blocks = [Self.paragraph(String(repeating: sentence, count: 60)), Self.paragraph("Kort."), Self.list(ordered: false, ["a", "b"])]
        let parts = ChunkBuilder.parts(blocks, opening: "Artikel › Sectie\n\n")
        #expect(parts.count > 1)
        for part in parts {
            #expect(part.hasPrefix("Artikel › Sectie\n\n"))
            #expect(part.count <= ChunkBuilder.characterLimit)
        }
        #expect(parts.joined().contains("Kort."))
    }

    @Test("a procedure is never cut, however long")
    func procedure() {
        let steps = (1...80).map { "Stap \($0): kies **Apparaten** > **Inschrijven** en bevestig de keuze die u hebt gemaakt." }
        let parts = ChunkBuilder.parts([Self.list(ordered: true, steps)], opening: "A › B\n\n")
        #expect(parts.count == 1)
        #expect(parts[0].count > ChunkBuilder.characterLimit)
    }

    @Test("a long table is cut between rows, each part with the header; a long code block between lines, fenced")
    func tablesAndCode() {
        let cell = { (text: String) -> [Block] in [Self.paragraph(text)] }
        let rows = (1...120).map { Table.Row(cells: [cell("0x8000\($0)"), cell("Een foutmelding die het probleem beschrijft, nummer \($0).")], location: Self.place) }
        let table = Block.table(Table(alignments: [.none, .none], header: Table.Row(cells: [cell("Code"), cell("Bericht")], location: Self.place),
                                      rows: rows, location: Self.place))
        let tableParts = ChunkBuilder.parts([table], opening: "A\n\n")
        #expect(tableParts.count > 1)
        #expect(tableParts.allSatisfy { $0.hasPrefix("A\n\n| Code | Bericht |\n| --- | --- |\n") && $0.count <= ChunkBuilder.characterLimit })
        let code = Block.code(language: "json", text: (1...400).map { "  \"key\($0)\": \"value\"," }.joined(separator: "\n"))
        let codeParts = ChunkBuilder.parts([code], opening: "A\n\n")
        #expect(codeParts.count > 1)
        #expect(codeParts.allSatisfy { $0.hasPrefix("A\n\n```json\n") && $0.hasSuffix("\n```") && $0.count <= ChunkBuilder.characterLimit })
    }

    @Test("DocSearch records are written only when chosen, and kb.json names their file only then")
    func docSearchRecords() async throws {
        let plain = try await sampleSite()
        #expect(plain["api/v1/nl-nl/search-records.json"] == nil)
        #expect(plain["api/v1/kb.json"]?.contains("searchRecords") == false)

        let files = try await build(try seedFiles(), outputs: ["pages", "search", "contract", "llms", "docsearch"]).filesByPath
        let records = try #require(files["api/v1/nl-nl/search-records.json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(records.contents)) as? [String: Any])
        #expect(document["formatVersion"] as? String == Contract.formatVersion && (document["records"] as? [Any])?.isEmpty == false)
        let index = String(decoding: try #require(files["api/v1/kb.json"]).contents, as: UTF8.self)
        #expect(index.contains("\"searchRecords\" : \"api/v1/nl-nl/search-records.json\""))
    }

    @Test("llms-full.txt is written only when chosen, from the twins' rendering, and only then named by kb.json and llms.txt")
    func llmsFull() async throws {
        let plain = try await sampleSite()
        #expect(plain["nl-nl/llms-full.txt"] == nil)
        #expect(plain["api/v1/kb.json"]?.contains("llmsFull") == false)
        #expect(plain["llms.txt"]?.contains("llms-full.txt") == false && plain["nl-nl/llms.txt"]?.contains("llms-full.txt") == false)

        let full = try await sampleSite(outputs: ["pages", "search", "contract", "llms-full"])
        let text = try #require(full["nl-nl/llms-full.txt"])
        let twin = try #require(full["nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.html.md"])
        // The twin's sections, one level down, under the article's H2.
        #expect(text.contains("\n## Problemen bij de apparaatinschrijving in Microsoft Intune oplossen\n\nSource: enrollment/"))
        let section = try #require(twin.split(separator: "\n").first { $0.hasPrefix("## ") })
        #expect(text.contains("\n#" + section + "\n"))
        #expect(full["api/v1/kb.json"]?.contains("\"llmsFull\" : \"nl-nl/llms-full.txt\"") == true)
        #expect(full["llms.txt"]?.contains("(nl-nl/llms-full.txt)") == true && full["nl-nl/llms.txt"]?.contains("(llms-full.txt)") == true)
    }

    @Test("every schema is a draft 2020-12 JSON Schema with an id")
    func schemas() throws {
        for name in Schemas.names {
            let schema = try #require(try JSONSerialization.jsonObject(with: Data(Schemas.json(name, baseURL: nil))) as? [String: Any])
            #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
            #expect(schema["$id"] as? String == "\(name).schema.json")
        }
        let absolute = try #require(try JSONSerialization.jsonObject(with: Data(Schemas.json("kb", baseURL: "https://help.example.com/"))) as? [String: Any])
        #expect(absolute["$id"] as? String == "https://help.example.com/api/v1/schemas/kb.schema.json")
    }

    @Test("the site carries the contract, llms.txt, Markdown twins and JSON-LD; URLs are absolute with a base URL")
    func site() async throws {
        let site = try await sampleSite(options: SiteOptions(baseURL: "https://help.example.com/kb"))
        let page = "nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.html"
        let index = try JSONDecoder().decode(KnowledgeBaseIndex.self, from: Data(try #require(site["api/v1/kb.json"]).utf8))
        #expect(index.languages.map(\.locale) == ["nl-nl", "sv-se"])
        #expect(index.files.codes == "https://help.example.com/kb/api/v1/codes.json")
        let articles = try JSONDecoder().decode(ArticlesFile.self, from: Data(try #require(site["api/v1/nl-nl/articles.json"]).utf8))
        let article = try #require(articles.articles.first { $0.id == "enrollment/troubleshoot-device-enrollment-in-intune" })
        #expect(article.translations["sv-se"] == "https://help.example.com/kb/sv-se/enrollment/troubleshoot-device-enrollment-in-intune.html")
        let entry = try #require(article.entries.first { $0.codes.contains { $0.code == "0x80CF0437" } })
        #expect(entry.counterparts.map(\.locale) == ["sv-se"])
        #expect(entry.codes.first?.hresult?.signed == -2_133_916_617)
        // Links inside Markdown lead to pages of the site.
        #expect(!article.entries.compactMap(\.resolution?.markdown).joined().contains(".md)"))
        let twin = try #require(site[page + ".md"])
        #expect(twin.hasPrefix("# Problemen bij de apparaatinschrijving in Microsoft Intune oplossen\n"))
        #expect(!twin.contains("ms.date") && twin.contains("](device-enrollment.html)"))
        #expect(try #require(site["llms.txt"]).hasPrefix("# Knowledge base\n\n> "))
        #expect(try #require(site["nl-nl/llms.txt"]).contains("(https://help.example.com/kb/\(page).md)"))
        let html = try #require(site[page])
        #expect(html.contains(#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"TechArticle""#))
        #expect(html.contains(#""inLanguage":"nl-NL""#) && html.contains(#"{"@type":"HowTo","name":"#))
        // The steps are on the page already: the JSON-LD names each procedure and where it is.
        #expect(!html.contains("HowToStep"))
        #expect(html.contains(#"<link rel="alternate" type="text/markdown" href="troubleshoot-device-enrollment-in-intune.html.md">"#))
    }
}
