import Foundation
import KBCore
import KBExtraction
import KBModel
import KBTestSupport
import Testing
@testable import KBLinking

@Suite("Linking across languages")
struct TranslationLinkerTests {
    static let dutch = """
        ---
        ms.assetid: 6982ba0e
        ---
        # Problemen oplossen
        ## <a name="device-cap-reached"></a>Apparaatlimiet bereikt
        **Probleem:** Te veel apparaten.
        ## <a name="codes"></a>Codes
        |Foutcode|Oorzaak|Oplossing|
        |---|---|---|
        |0x80CF0437|Klok.|Zet de klok goed.|
        |0x80CF0440|Verbinding.|Opnieuw.|
        """
    static let swedish = """
        ---
        ms.assetid: 6982ba0e
        ---
        # Felsöka
        ## <a name="device-cap-reached"></a>Enhetstaket har nåtts
        **Problem:** För många enheter.
        ## <a name="codes"></a>Koder
        |Felkod|Orsak|Lösning|
        |---|---|---|
        |0x80240438|En ny rad som saknas på nederländska.|Kontrollera.|
        |0x80CF0437|Klockan.|Ställ klockan.|
        |0x80CF0440|Anslutning.|Igen.|
        """

    @Test("articles at the same path, or with the same asset id, form one group")
    func groups() async throws {
        let linked = TranslationLinker.link(try await knowledgeBase([
            "nl-nl/enrollment/troubleshoot.md": Self.dutch,
            "sv-se/enrollment/troubleshoot.md": Self.swedish,
            // Moved in English, found by its asset id.
            "en-us/intune/troubleshoot-moved.md": "---\nms.assetid: 6982BA0E\n---\n# Troubleshoot\n",
            "nl-nl/other.md": "# Ander artikel\n",
        ]))
        let locales = linked.groups.map { group in group.articles.map { linked.articles[$0].locale } }
        #expect(locales.sorted { $0.count > $1.count } == [["en-us", "nl-nl", "sv-se"], ["nl-nl"]])
        let dutchIndex = try! #require(linked.article(locale: "nl-nl", id: "enrollment/troubleshoot"))
        #expect(linked.translations(of: dutchIndex).map { linked.articles[$0].locale } == ["en-us", "sv-se"])
    }

    @Test("an asset id copied between articles of one language does not join them, and is reported")
    func assetConflict() async throws {
        let linked = TranslationLinker.link(try await knowledgeBase([
            "en-us/a.md": "---\nms.assetid: same\n---\n# A\n",
            "en-us/b.md": "---\nms.assetid: same\n---\n# B\n",
            "nl-nl/a.md": "---\nms.assetid: same\n---\n# A nl\n",
        ]))
        #expect(linked.groups.count == 2)
        #expect(linked.diagnostics.map(\.identifier) == ["translation.assetConflict"])
    }

    @Test("entries align by anchor, and table rows by their codes even when the tables differ")
    func alignment() async throws {
        let linked = TranslationLinker.link(try await knowledgeBase([
            "nl-nl/t.md": Self.dutch, "sv-se/t.md": Self.swedish,
        ]))
        let dutch = try #require(linked.article(locale: "nl-nl", id: "t"))
        func counterpart(_ id: String) -> String? {
            let index = linked.articles[dutch].entries.firstIndex { $0.id == id }!
            return linked.counterparts(of: EntryReference(article: dutch, entry: index)).first.map { linked.entry($0).id }
        }
        #expect(counterpart("device-cap-reached") == "device-cap-reached")
        // The Swedish table has an extra first row: rows pair by code, not by position.
        #expect(counterpart("codes-row-1") == "codes-row-2")
        #expect(counterpart("codes-row-2") == "codes-row-3")
    }

    @Test("every code leads to every entry that carries it, in every language")
    func codeIndex() async throws {
        let linked = TranslationLinker.link(try await knowledgeBase([
            "nl-nl/t.md": Self.dutch, "sv-se/t.md": Self.swedish,
        ]))
        let code = try #require(linked.codes["0x80CF0437"])
        #expect(code.entries.map { linked.article($0).locale } == ["nl-nl", "sv-se"])
        #expect(linked.codes["0x80240438"]?.entries.count == 1)
        #expect(linked.codes.codes.map(\.code) == linked.codes.codes.map(\.code).sorted())
    }

    @Test("links to missing articles, anchors and images are reported where they are written")
    func links() async throws {
        let files = [
            "nl-nl/a.md": """
                # A
                ## <a name="x"></a>X
                [ok](b.md#y) [no file](missing.md) [no anchor](b.md#nope) [here](#x) [not here](#gone)
                ![image](media/missing.png) ![present](media/present.png) [site](https://example.com)

                [!INCLUDE [note](../includes/note.md)]
                """,
            "nl-nl/b.md": "# B\n## <a name=\"y\"></a>Y\n",
            "includes/note.md": "See [the other](../nl-nl/gone.md).",
        ]
        let model = await KnowledgeBaseBuilder().build(files: ["nl-nl/a.md", "nl-nl/b.md"]) { path in
            guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return text
        }
        let linked = TranslationLinker.link(model, contentFiles: Set(files.keys).union(["nl-nl/media/present.png"]))
        let found = linked.diagnostics.map { "\($0.identifier) \($0.file):\($0.location?.line ?? 0)" }.sorted()
        #expect(found == [
            "link.anchorMissing nl-nl/a.md:3", "link.anchorMissing nl-nl/a.md:3", "link.unresolved nl-nl/a.md:3",
            "image.missing nl-nl/a.md:4", "link.unresolved includes/note.md:1",
        ].sorted())
    }
}
