import KBCore
import KBModel
import Testing
@testable import KBExtraction

@Suite("Sections, anchors and DocFX blocks")
struct DocumentStructureTests {
    @Test("anchors come from <a name> in headings, else from a slug of the heading")
    func anchors() {
        let (article, _) = article("""
            # <a name="troubleshoot"></a>Problemen oplossen
            ## The machine is already enrolled - Error hr 0x8007064c
            ## User’s iOS/iPadOS device is stuck (Failed:3, 0x801C03EA).
            ## Inschrijving in Intune: stap één
            """)
        #expect(article.sections.dropFirst().map(\.anchor) == [
            "troubleshoot",
            "the-machine-is-already-enrolled---error-hr-0x8007064c",
            "users-iosipados-device-is-stuck-failed3-0x801c03ea",
            "inschrijving-in-intune-stap-één",
        ])
        #expect(article.title == "Problemen oplossen")
    }

    @Test("duplicate anchors get a numbered suffix and a warning that points to the first")
    func duplicateAnchors() throws {
        let (article, diagnostics) = article("""
            ## <a name="resolution"></a>Oplossing
            ## <a name="resolution"></a>Oplossing
            ## Resolution
            """, path: "nl-nl/a.md")
        #expect(article.sections.dropFirst().map(\.anchor) == ["resolution", "resolution-1", "resolution-2"])
        #expect(diagnostics.count == 2)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.identifier == "anchor.duplicate")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.notes.first?.location?.line == 1)
        #expect(diagnostic.consoleDescription.hasPrefix("nl-nl/a.md:2:1: warning: "))
    }

    @Test("alerts, divisions, videos, includes and zones become their own blocks")
    func docfxBlocks() {
        let (article, _) = article("""
            > [!NOTE]
            > Een notitie.

            > [!Important]
            > Belangrijk.

            > [!div class="button"]
            [SCCM-documenten weergeven >](https://docs.microsoft.com/sccm)

            > [!VIDEO https://www.youtube.com/embed/x]

            [!INCLUDE [classic-portal](../includes/classic-portal.md)]

            ::: zone pivot="mdm-preview"
            In preview.
            ::: zone-end

            > Just a quote.
            """)
        let blocks = article.document.blocks
        #expect(blocks.count == 9)
        #expect(blocks[0] == .alert(Alert(kind: .note, content: [.paragraph([.text("Een notitie.")])], location: SourceLocation(line: 1))))
        guard case .alert(let important) = blocks[1], case .division(let className, let content) = blocks[2] else {
            Issue.record("unexpected blocks \(blocks)")
            return
        }
        #expect(important.kind == .important)
        #expect(className == "button")
        #expect(content.markdown == "[SCCM-documenten weergeven >](https://docs.microsoft.com/sccm)")
        #expect(blocks[3] == .video(url: "https://www.youtube.com/embed/x"))
        #expect(blocks[4] == .include(Include(title: "classic-portal", path: "../includes/classic-portal.md", location: SourceLocation(line: 12))))
        #expect(blocks[5] == .zoneStart(pivot: "mdm-preview"))
        #expect(blocks[6] == .paragraph([.text("In preview.")]))
        #expect(blocks[7] == .zoneEnd)
        #expect(blocks[8] == .quote([.paragraph([.text("Just a quote.")])]))
    }

    @Test("a zone line folded into a list item or a quote by cmark ends them, as in DocFX")
    func zoneAfterListAndQuote() {
        // The security baseline articles: `::: zone-end` right after a list item whose last line
        // ends with a hard break, and right after a note.
        let (article, _) = article("""
            ::: zone pivot="mdm-may-2019"
            - **Voice activate apps**\u{20}\u{20}

              **Default**: Yes\u{20}\u{20}
            ::: zone-end
            ::: zone pivot="mdm-preview"
            > [!NOTE]
            > The preview baseline.
            ::: zone-end
            1. One
            2. Two
            """.replacingOccurrences(of: "\\u{20}", with: " "))
        let blocks = article.document.blocks
        #expect(blocks.count == 7, "\(blocks)")
        guard blocks.count == 7 else { return }
        #expect(blocks[0] == .zoneStart(pivot: "mdm-may-2019"))
        guard case .list(let list) = blocks[1] else { Issue.record("no list: \(blocks[1])"); return }
        #expect(list.items.count == 1 && list.items[0].markdown == "**Voice activate apps**\n\n**Default**: Yes")
        #expect(blocks[2] == .zoneEnd)
        #expect(blocks[3] == .zoneStart(pivot: "mdm-preview"))
        guard case .alert(let note) = blocks[4] else { Issue.record("no note: \(blocks[4])"); return }
        #expect(note.content.markdown == "The preview baseline.")
        #expect(blocks[5] == .zoneEnd)
        guard case .list(let steps) = blocks[6] else { Issue.record("no steps: \(blocks[6])"); return }
        #expect(steps.isOrdered && steps.items.count == 2)
    }

    @Test("HTML formatting tags become model emphasis; other tags stay raw for the renderer")
    func htmlFormatting() {
        let (article, _) = article("<strong>Oplossing:</strong> doe <em>dit</em> <sup>1</sup>\n")
        #expect(article.document.blocks == [.paragraph([
            .strong([.text("Oplossing:")]), .text(" doe "), .emphasis([.text("dit")]), .text(" "),
            .html("<sup>"), .text("1"), .html("</sup>"),
        ])])
    }

    @Test("the locale comes from ms.contentlocale, else from the top folder")
    func locale() {
        #expect(article("---\nms.contentlocale: nl-NL\n---\n# T\n", path: "nl-nl/a/b.md").0.locale == "nl-nl")
        #expect(article("# T\n", path: "sv-se/a/b.md").0.locale == "sv-se")
        let (mismatch, diagnostics) = article("---\nms.contentlocale: sv-SE\n---\n# T\n", path: "nl-nl/a.md")
        #expect(mismatch.locale == "sv-se")
        #expect(diagnostics.map(\.identifier) == ["locale.mismatch"])
        let (unknown, unknownDiagnostics) = article("# T\n", path: "loose.md")
        #expect(unknown.locale == "und")
        #expect(unknownDiagnostics.map(\.identifier) == ["locale.unknown"])
    }

    @Test("the id is the path below the locale folder, the translation key the asset id")
    func identity() {
        let (article, _) = article("---\nms.assetid: 6982ba0e\n---\n# T\n", path: "nl-nl/enrollment/troubleshoot.md")
        #expect(article.id == "enrollment/troubleshoot")
        #expect(article.translationKey == "6982ba0e")
        #expect(article.source == "nl-nl/enrollment/troubleshoot.md")
        #expect(KBExtractionTests.article("# T\n", path: "en-us/x.md").0.translationKey == "x")
    }

    @Test("an article with broken front matter is still read, titled by its first heading")
    func brokenFrontMatter() {
        let (article, diagnostics) = article("---\ntitle: [unclosed\n---\n# Heading title\n## <a name=\"a\"></a>A\n**Cause:** x\n", path: "en-us/a.md")
        #expect(article.title == "Heading title")
        #expect(article.metadata.fields.isEmpty)
        #expect(article.entries.map(\.id) == ["a"])
        #expect(diagnostics.first?.identifier == "frontMatter.invalid")
    }
}

@Suite("Procedures")
struct ProcedureTests {
    @Test("ordered lists become procedures; nested lists become sub-steps")
    func steps() throws {
        let (article, _) = article("""
            ## <a name="s"></a>S
            1. Eerste stap.
               - optie a
               - optie b
            2. Tweede stap.
               1. Deelstap.
            """)
        let procedure = try #require(article.procedures.first)
        #expect(procedure.id == "s-steps-1")
        #expect(procedure.steps.map(\.text) == ["Eerste stap.", "Tweede stap."])
        #expect(procedure.steps.map { $0.substeps.map(\.text) } == [["optie a", "optie b"], ["Deelstap."]])
    }

    @Test("UI paths are read in every separator authors use", arguments: [
        ("Kies **Apparaten** > **Inschrijvingsbeperkingen** > **Apparaatlimiet**.", ["Apparaten", "Inschrijvingsbeperkingen", "Apparaatlimiet"]),
        ("Kies **Beheer** &gt; **Mobile Device Management**", ["Beheer", "Mobile Device Management"]),
        ("Voer **Uitvoeren** -> **MMC** in.", ["Uitvoeren", "MMC"]),
        ("Kies **Apparaten** > **iOS** > tokennaam > **Profielen**.", ["Apparaten", "iOS", "tokennaam", "Profielen"]),
        ("In the [admin center](https://x), choose **Devices** > **All devices**.", ["Devices", "All devices"]),
        ("Kies in het [beheercentrum](https://x) > **Apparaten** > **Windows**.", ["beheercentrum", "Apparaten", "Windows"]),
        ("Kies **Bestand** en daarna **Opslaan**.", []),
    ])
    func uiPaths(step: String, expected: [String]) throws {
        let (article, _) = article("1. \(step)\n")
        #expect(try #require(article.procedures.first).steps.first?.uiPath == expected)
    }
}
