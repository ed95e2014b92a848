import KBModel
import Testing
@testable import KBExtraction

@Suite("Error tables")
struct ErrorTableTests {
    @Test("reads tables with and without leading pipes, indented or not")
    func shapes() {
        let markdown = """
            # T

            ## <a name="a"></a>A
            |Error code|Cause|Resolution|
            |---|---|---|
            |0x80CF0437|Clock.|Fix it.|

            ## <a name="b"></a>B
            Error code | Cause | Resolution
            -- | -- | --
            0x80CF0438 | Proxy. | Check it.

            ## <a name="c"></a>C
            1. A step with a table:

               |Error code|Cause|Resolution|
               |---|---|---|
               |0x80CF0439|Nested.|Fine.|
            """
        let (article, _) = article(markdown)
        #expect(article.entries.map(\.id) == ["a-row-1", "b-row-1", "c-row-1"])
        #expect(article.entries.flatMap(\.codes).map(\.code) == ["0x80CF0437", "0x80CF0438", "0x80CF0439"])
    }

    @Test("keeps paragraphs, lists and links of a resolution written in HTML inside a cell")
    func cellStructure() throws {
        let (article, _) = article("""
            |Foutbericht|Probleem|Oplossing|
            |---|---|---|
            |**Licentie vereist**<br>Uw beheerder heeft u geen toegang gegeven.|Geen licentie.|Wijs een licentie toe. Dit gebeurt als:<ol><li>Intune is ingesteld</li><li>De gebruiker een licentie mist.</li></ol>Zie [licenties](../licenses.md).<br /><br />Meer info.|
            """)
        let entry = try #require(article.entries.first)
        #expect(entry.title == "Licentie vereist")
        #expect(entry.message == "Licentie vereist Uw beheerder heeft u geen toegang gegeven.")
        #expect(entry.resolution.count == 4)
        guard case .list(let list) = entry.resolution[1] else {
            Issue.record("no list in \(entry.resolution)")
            return
        }
        #expect(list.isOrdered && list.items.map(\.plainText) == ["Intune is ingesteld", "De gebruiker een licentie mist."])
        #expect(entry.resolution.markdown.contains("[licenties](../licenses.md)"))
        #expect(entry.resolution[3].plainText == "Meer info.")
    }

    @Test("a table that is not about errors yields no entries", arguments: [
        "|Stappen|Details|\n|---|---|\n|**Stap 1:** [Verbindingen](#step-1)|Zorg ervoor dat…|",
        "|Veldnaam|Max. lengte|Meer informatie|\n|---|---|---|\n|Bedrijfsnaam|40|Deze naam wordt weergegeven.|",
        "| Inschrijvingsinstellingen | Waarde |\n| ---- | ---- |\n| Platform | iOS/iPadOS |",
        "Platform | Bericht of dialoogvenster | Uitleg |\n--- | --- | --- |\niOS | **Aanmelden**: meld u aan. | Normaal.",
        "| Property | Description |\n|---|---|\n| SerialNumber | The serial number. |\n| OperatingSystem | The OS. |",
    ])
    func notAboutErrors(table: String) {
        let (article, _) = article(table)
        #expect(article.entries.isEmpty)
    }

    @Test("a decimal column that restates the hexadecimal code becomes its alias")
    func decimalAlias() throws {
        let (article, diagnostics) = article("""
            | Foutcode (Hex) | Foutcode (Dec) | Foutbericht/-code | Beschrijving |
            |---|---|---|---|
            | 0xC7D14FB5 | -942583883 | Kan de app niet installeren. | Oorzaak. |
            | 0xC7D14FB2 | -942583000 | Kan niet downloaden. | Oorzaak. |
            """)
        let first = try #require(article.entries.first?.codes)
        #expect(first.map(\.code) == ["0xC7D14FB5"])
        #expect(first.first?.aliases == ["-942583883"])
        #expect(diagnostics.map(\.identifier) == ["code.aliasMismatch"])
        #expect(diagnostics.first?.location?.line == 4)
    }

    @Test("symbolic codes in a message column are the entry's codes and message")
    func symbolicMessages() throws {
        let (article, _) = article("""
            ## <a name="ios-enrollment-errors"></a>iOS
            |Foutbericht|Probleem|Oplossing|
            |---|---|---|
            |DeviceCapReached|Er zijn al te veel apparaten geregistreerd.|Verwijder een apparaat.|
            """)
        let entry = try #require(article.entries.first)
        #expect(entry.codes.map(\.code) == ["DeviceCapReached"])
        #expect(entry.message == "DeviceCapReached")
        #expect(entry.title == "Er zijn al te veel apparaten geregistreerd.")
        #expect(entry.platform == "iOS/iPadOS")
    }

    @Test("rows are linked to their entries in the model, for pages to give them ids")
    func rowIDs() throws {
        let (article, _) = article("## <a name=\"codes\"></a>Codes\n|Code|Cause|\n|---|---|\n|0x80CF0437|Clock.|\n")
        guard case .table(let table)? = article.document.subsections.first?.blocks.first else {
            Issue.record("no table")
            return
        }
        #expect(table.rows.map(\.entryID) == ["codes-row-1"])
    }
}
