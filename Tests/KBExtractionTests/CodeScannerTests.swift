import KBLexicon
import KBModel
import Testing
@testable import KBExtraction

@Suite("Recognising error codes")
struct CodeScannerTests {
    static func codes(_ text: String, _ context: CodeScanner.Context = .prose) -> [String] {
        CodeScanner.codes(in: text, context: context).map(\.code)
    }

    @Test("0x with eight hexadecimal digits is a code anywhere, normalized to upper case")
    func hexadecimal() {
        #expect(Self.codes("The log shows 0x80cf0440 twice.") == ["0x80CF0440"])
        #expect(Self.codes("fout hr 0x8007064c") == ["0x8007064C"])
        #expect(Self.codes("(Failed: 0x800705b4).") == ["0x800705B4"])
        #expect(Self.codes("Fel: ”Kontocertifikatet är inte giltigt, 0x80cf4017”.") == ["0x80CF4017"])
    }

    @Test("no part of a GUID is a code, in no context (found by the code fuzz target)")
    func guidParts() {
        for context in [CodeScanner.Context.prose, .heading, .codeCell] {
            #expect(Self.codes("ms.assetid: E61C1618-79D0-41A1-B61F-4123FB6672FC", context).isEmpty)
            #expect(Self.codes("{8018000A-0000-0000-0000-000000000000}", context).isEmpty)
        }
    }

    @Test("short hexadecimal codes count only where a code is expected")
    func shortHexadecimal() {
        #expect(Self.codes("0xAB2", .codeCell) == ["0xAB2"])
        #expect(Self.codes("error code 0x1") == ["0x1"])
        #expect(Self.codes("voucher = 0x0").isEmpty)
    }

    @Test("a bare eight-digit number after a word for error is a hexadecimal code", arguments: [
        "Fout 80180003", "Error 8018000a:", "foutcode 801c0003.", "Fel 80180026", "Fehler 80180026",
        "Erreur : 80180026", "Błąd 80180026", "Ошибка 80180026", "エラー 80180026", "错误 80180026", "오류 80180026",
    ])
    func bareAfterErrorWord(text: String) {
        #expect(Self.codes(text).count == 1)
        #expect(Self.codes(text).first?.hasPrefix("0x80") == true || Self.codes(text).first?.hasPrefix("0x801") == true)
    }

    @Test("bare numbers without that context are not codes: dates, IDs, GUID parts")
    func bareWithoutContext() {
        #expect(Self.codes("Build 20160703 was released").isEmpty)
        #expect(Self.codes("6982ba0e-90ff-4fc4-9594-55797e504b62", .codeCell).isEmpty)
        #expect(Self.codes("It takes 80180003 seconds").isEmpty)
    }

    @Test("a signed decimal HRESULT becomes its hexadecimal code, with the decimal as alias")
    func decimal() throws {
        let code = try #require(CodeScanner.codes(in: "-942583883", context: .codeCell).first)
        #expect(code.code == "0xC7D14FB5")
        #expect(code.aliases == ["-942583883"])
        #expect(Self.codes("Can only install VPP apps on Shared iPad (-2016330861).") == ["0x87D13B93"])
        #expect(Self.codes("1603", .codeCell) == ["1603"])
        #expect(Self.codes("It costs 1603 euros").isEmpty)
    }

    @Test("malformed hexadecimal codes are kept exactly as written")
    func malformed() {
        let seven = CodeScanner.codes(in: "Fout 0x801c003: \"…\"", context: .prose)
        #expect(seven.map(\.code) == ["0x801c003"])
        #expect(seven.map(\.kind) == [.malformed])
        #expect(Self.codes("Unknown Win32 Error code: 0x80180002b") == ["0x80180002b"])
        #expect(Self.codes("pointer 0x1a49aebc0 in a log").isEmpty)
    }

    @Test("symbolic names are codes in code cells, after an error word, and as a whole heading")
    func symbolic() {
        #expect(Self.codes("DeviceCapReached", .codeCell) == ["DeviceCapReached"])
        #expect(Self.codes("OM_S_SERVICE_STOP", .codeCell) == ["OM_S_SERVICE_STOP"])
        #expect(Self.codes("1603 (ERROR_INSTALL_FAILURE)", .codeCell) == ["1603", "ERROR_INSTALL_FAILURE"])
        #expect(Self.codes("innehåller felet DeviceCapReached") == ["DeviceCapReached"])
        #expect(Self.codes("NoEnrollmentPolicy", .heading) == ["NoEnrollmentPolicy"])
        #expect(Self.codes("Tilldela en InGracePeriod-status", .heading).isEmpty)
        #expect(Self.codes("Windows10GeneralConfiguration.WiFiBlocked", .heading).isEmpty)
        #expect(Self.codes("The SharePoint and OneDrive apps").isEmpty)
        #expect(Self.codes("iOS", .codeCell).isEmpty)
    }
}
