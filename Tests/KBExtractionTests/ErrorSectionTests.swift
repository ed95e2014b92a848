import KBCore
import KBModel
import Testing
@testable import KBExtraction

@Suite("Error sections")
struct ErrorSectionTests {
    @Test("a section with problem, cause and resolution lead-ins is an entry at its heading's anchor")
    func leadIns() throws {
        let (article, _) = article("""
            # Title
            ## <a name="mdm-authority-not-defined"></a>De MDM-instantie is niet gedefinieerd
            **Probleem:** Een gebruiker ontvangt de fout **De MDM-instantie is niet gedefinieerd**.

            <strong>Oplossing:</strong> Controleer de instantie.

            ### <a name="check"></a>Controleer
            1. Kies **Apparaten** &gt; **Alle apparaten**.
            """)
        let entry = try #require(article.entries.first)
        #expect(article.entries.count == 1)
        #expect(entry.kind == .section)
        #expect(entry.anchor == "mdm-authority-not-defined")
        #expect(entry.message == "De MDM-instantie is niet gedefinieerd")
        #expect(entry.cause.plainText == "Een gebruiker ontvangt de fout De MDM-instantie is niet gedefinieerd.")
        // The resolution holds the lead-in's text and the subsection, heading included.
        #expect(entry.resolution.plainText.hasPrefix("Controleer de instantie."))
        #expect(entry.resolution.contains(.heading(level: 3, content: [.text("Controleer")])))
        #expect(entry.procedures.first?.steps.first?.uiPath == ["Apparaten", "Alle apparaten"])
    }

    @Test("a quoted error message and a resolution heading make an entry; the heading's role is read from its anchor")
    func quotedMessage() throws {
        let (article, _) = article("""
            ### <a name="this-user-is-not-authorized-to-enroll"></a>Deze gebruiker is niet gemachtigd.

            Fout 0x801c003: "Deze gebruiker is niet gemachtigd (0x801c0003) "
            Fout 80180003: "Er is iets misgegaan."

            #### <a name="resolution"></a>Ratkaisu tuntemattomalla kielellä
            Verwijder apparaten.
            """)
        let entry = try #require(article.entries.first)
        #expect(entry.messages == ["Deze gebruiker is niet gemachtigd (0x801c0003)", "Er is iets misgegaan."])
        #expect(entry.codes.map(\.code) == ["0x801c003", "0x801C0003", "0x80180003"])
        #expect(entry.resolution.plainText == "Verwijder apparaten.")
    }

    @Test("a code in a heading makes its section an entry")
    func headingCode() throws {
        let (article, _) = article("## Error 0x87D1FDE8 for KNOX Standard device\nSome text.\n")
        #expect(article.entries.map(\.codes).first?.map(\.code) == ["0x87D1FDE8"])
        #expect(article.entries.first?.anchor == "error-0x87d1fde8-for-knox-standard-device")
    }

    @Test("a section of settings with bold labels is not an error")
    func settingsAreNotErrors() {
        let (article, _) = article("""
            ## Block camera
            **Default**: Not configured
            **CSP**: Policy/Camera
            """)
        #expect(article.entries.isEmpty)
    }

    @Test("a heading that groups problems is not taken for a part of one")
    func groupingHeading() {
        let (article, _) = article("""
            # T
            ## <a name="ios-issues"></a>iOS-problemen
            ### <a name="a"></a>A
            **Probleem:** A gaat mis.
            ### <a name="b"></a>B
            **Probleem:** B gaat mis.
            """)
        #expect(article.entries.map(\.id) == ["a", "b"])
    }

    @Test("numbered and qualified lead-ins are recognised", arguments: [
        "**Oplossing 2:**", "**Lösning nr 1:**", "**Mogelijke oorzaak**:", "**Potentiell orsak**:", "**Cause :**",
    ])
    func qualifiedLeadIns(leadIn: String) {
        let (article, _) = article("## X\n\(leadIn) tekst.\n\n**Probleem:** iets.\n")
        #expect(article.entries.count == 1)
        #expect(LeadIn([.strong([.text(String(leadIn.dropFirst(2).prefix { $0 != "*" }))]), .text(" x")]) != nil)
    }
}
